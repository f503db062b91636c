"""``--course DIR``: our scores into nbgrader's gradebook, and an autograded notebook per student.

After this, nbgrader's own tools work on our results as on its own: ``nbgrader export``
reads the gradebook, ``nbgrader generate_feedback`` renders ``autograded/<student>/<a>/``,
and formgrader shows both (and still asks a TA for the manually graded cells). A test
cell of ours becomes grade cell ``test_<function>`` (public cases) or ``test_<function>_hidden``;
a hand-worked part becomes ``test_<part>_hidden``. The autograded notebook is the source
notebook's cells with the student's answer cells in place (a missing one stays as
released), each test cell's output being our feedback and its score.

What is copied from the submission is the *text* of the student's answer cells and nothing
else (nbgrader's own model of which cells are the student's): each answer cell is the
release's cell (type, metadata, id) with the student's source put in, no outputs, no
attachments, no execution count; every other cell is the source notebook's. So no saved
output (a ``<script>``) and no forged metadata of the student's reaches nbgrader's feedback
HTML or formgrader, and ``nbgrader generate_feedback`` reads only metadata we wrote. A
written (Markdown) answer is shown as text: its ``<`` is escaped and link schemes that run
code (``javascript:`` …) are broken, since nbconvert renders Markdown's raw HTML as is.
(nbconvert escapes code cells' text and stream outputs itself.)
The submission is read once, by the run, without following links (``submitted``: its bytes).
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat

from autograder.notebooks.course import config, layout, notebook_path


class CourseError(Exception):
    """The course folder cannot take our results; the message says why, in one line."""


def grade_cell(result) -> str:
    if result.function.startswith("part") or result.hidden:
        return f"test_{result.function}_hidden"
    return f"test_{result.function}"


def _alembic_on_path() -> None:
    """nbgrader runs the ``alembic`` command when it creates a gradebook: make sure this Python's
    one is found even when its environment is not activated (``.venv/bin/python -m autograder``)."""
    import os
    import sys

    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def open_gradebook(course: Path, assignment: str):
    from nbgrader.api import Gradebook, MissingEntry

    if not (course / "nbgrader_config.py").is_file():
        raise CourseError(f"{course}: no nbgrader_config.py (not an nbgrader course folder)")
    cfg = config(course)
    course_id = cfg.CourseDirectory.get("course_id", "default_course")
    db_url = cfg.CourseDirectory.get("db_url", f"sqlite:///{course / 'gradebook.db'}")
    _alembic_on_path()
    gb = Gradebook(db_url, course_id)
    try:
        gb.find_assignment(assignment)
    except MissingEntry:
        gb.close()
        raise CourseError(f"{course}: the gradebook has no assignment {assignment!r}; run "
                          f"`nbgrader generate_assignment {assignment}` there first") from None
    return gb


def due_date(course: Path, assignment: str):
    """The assignment's due date in the course's gradebook (naive UTC, as nbgrader keeps it), or None."""
    with open_gradebook(course, assignment) as gb:
        return gb.find_assignment(assignment).duedate


def record(course: Path, assignment: str, student: str, results, feedback_of, submitted: bytes | None = None,
           timestamp=None) -> None:
    """Write one student's scores (FunctionResults) into the gradebook and autograded/;
    ``submitted``: the bytes of the student's notebook (None or b"": nothing usable);
    ``timestamp``: when it was submitted (nbgrader's timestamp.txt; its export then says how late)."""
    by_cell = {grade_cell(r): r for r in results}
    theirs = answer_sources(submitted)
    untouched = _untouched_answers(course, assignment, theirs)
    creates = config(course).Autograde.get("create_student", True)
    with open_gradebook(course, assignment) as gb:
        if creates is False and not _known(gb, student):
            raise CourseError("unknown to the gradebook, and c.Autograde.create_student = False (nbgrader refuses it too)")
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
        if timestamp is not None:
            submission.timestamp = timestamp
        manual = {gid for gid in _answer_cells(nbformat.read(notebook_path(course, layout(course).release, assignment), as_version=4))}
        for nb in submission.notebooks:
            for grade in nb.grades:
                result = by_cell.get(grade.name)
                if result is not None:
                    grade.auto_score = result.score
                    grade.needs_manual_grade = False
                elif grade.name in untouched:  # as nbgrader: an answer left as released scores 0
                    grade.auto_score = 0.0
                    grade.needs_manual_grade = False
                elif grade.name in manual:
                    grade.needs_manual_grade = True
        gb.db.commit()
    _autograded_notebook(course, assignment, student, by_cell, feedback_of, theirs)


def _known(gb, student: str) -> bool:
    from nbgrader.api import MissingEntry

    try:
        gb.find_student(student)
        return True
    except MissingEntry:
        return False


def _answer_cells(nb) -> dict:
    """{grade id: source} of the cells graded by hand (nbgrader: solution and grade)."""
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade"):
            out[meta.get("grade_id")] = cell.source.strip()
    return out


def answer_sources(submitted: bytes | None) -> dict:
    """{grade id: source text} of the student's answer cells (nbgrader solution cells), the
    first of each id; {} for a notebook that is not valid. Only text comes out of here."""
    try:
        nb = json.loads((submitted or b"").decode("utf-8"))
    except (ValueError, RecursionError, MemoryError):
        return {}
    cells = nb.get("cells") if isinstance(nb, dict) else None
    out = {}
    for cell in cells if isinstance(cells, list) else []:
        meta = cell.get("metadata") if isinstance(cell, dict) else None
        meta = meta.get("nbgrader") if isinstance(meta, dict) else None
        if not isinstance(meta, dict) or meta.get("solution") is not True:
            continue
        gid, source = meta.get("grade_id"), cell.get("source", "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if isinstance(gid, str) and isinstance(source, str) and gid not in out:
            out[gid] = source
    return out


def _untouched_answers(course, assignment, theirs: dict) -> set:
    """Hand-graded answer cells the student left exactly as released (or deleted)."""
    released = _answer_cells(nbformat.read(notebook_path(course, layout(course).release, assignment), as_version=4))
    return {gid for gid, source in released.items() if theirs.get(gid, source).strip() == source}


_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file)\s*:")


def written_answer(text: str) -> str:
    """A student's Markdown answer, to be rendered as text and nothing more: no raw HTML
    (``<`` escaped), no character references that a renderer would decode into a link
    (``&`` escaped), and a zero-width space before the colon of a scheme that runs code, so a
    link's target is no longer ``javascript:`` (browsers then read it as a relative path)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _SCHEME.sub(lambda m: m.group(1) + "\u200b:", text)


def _student_cell(template, source: str):
    """The release's cell with the student's source: nothing else of theirs."""
    cell = copy.deepcopy(template)
    cell.source = written_answer(source) if cell.cell_type == "markdown" else source
    cell.pop("attachments", None)
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    return cell


def _autograded_notebook(course, assignment, student, by_cell, feedback_of, theirs: dict) -> None:
    source = nbformat.read(notebook_path(course, layout(course).source, assignment), as_version=4)
    release = {c.metadata.get("nbgrader", {}).get("grade_id"): c
               for c in nbformat.read(notebook_path(course, layout(course).release, assignment), as_version=4).cells}
    cells = []
    for cell in source.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("solution"):
            template = release.get(gid) or cell
            cells.append(_student_cell(template, theirs[gid]) if gid in theirs else copy.deepcopy(template))
            continue
        cell = copy.deepcopy(cell)
        if gid in by_cell:
            result = by_cell[gid]
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=feedback_of(result) + "\n"),
                            nbformat.v4.new_output("execute_result", data={"text/plain": f"{result.score:g}"}, execution_count=None)]
        cells.append(cell)
    out = copy.deepcopy(source)
    out.cells = cells
    dest = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    dest.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(out, dest)
