"""``--course DIR``: our scores into nbgrader's gradebook, and an autograded notebook per student.

After this, nbgrader's own tools work on our results as on its own: ``nbgrader export``
reads the gradebook, ``nbgrader generate_feedback`` renders ``autograded/<student>/<a>/``,
and formgrader shows both (and still asks a TA for the manually graded cells). A test
cell of ours becomes grade cell ``test_<function>`` (public cases) or ``test_<function>_hidden``;
a hand-worked part becomes ``test_<part>_hidden``. The autograded notebook is the source
notebook's cells with the student's answer cells in place (a missing one stays as
released), each test cell's output being our feedback and its score.
"""
from __future__ import annotations

import copy
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


def record(course: Path, assignment: str, student: str, results, feedback_of) -> None:
    """Write one student's scores (FunctionResults) into the gradebook and autograded/."""
    by_cell = {grade_cell(r): r for r in results}
    untouched = _untouched_answers(course, assignment, student)
    with open_gradebook(course, assignment) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission(assignment, student)
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
    _autograded_notebook(course, assignment, student, by_cell, feedback_of)


def _answer_cells(nb) -> dict:
    """{grade id: source} of the cells graded by hand (nbgrader: solution and grade)."""
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade"):
            out[meta.get("grade_id")] = cell.source.strip()
    return out


def _untouched_answers(course, assignment, student) -> set:
    """Hand-graded answer cells the student left exactly as released (or deleted)."""
    released = _answer_cells(nbformat.read(notebook_path(course, layout(course).release, assignment), as_version=4))
    try:
        theirs = _answer_cells(nbformat.read(course / "submitted" / student / assignment / f"{assignment}.ipynb", as_version=4))
    except Exception:
        theirs = {}
    return {gid for gid, source in released.items() if theirs.get(gid, source) == source}


def _autograded_notebook(course, assignment, student, by_cell, feedback_of) -> None:
    source = nbformat.read(notebook_path(course, layout(course).source, assignment), as_version=4)
    submitted = course / "submitted" / student / assignment / f"{assignment}.ipynb"
    theirs = {}
    if submitted.is_file():
        try:
            for cell in nbformat.read(submitted, as_version=4).cells:
                gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                if gid and cell.metadata["nbgrader"].get("solution"):
                    theirs[gid] = cell
        except Exception:  # an unreadable notebook: the released cells stand in
            theirs = {}
    release = {c.metadata.get("nbgrader", {}).get("grade_id"): c
               for c in nbformat.read(notebook_path(course, layout(course).release, assignment), as_version=4).cells}
    cells = []
    for cell in source.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id")
        if meta.get("solution"):
            cells.append(copy.deepcopy(theirs.get(gid) or release.get(gid) or cell))
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
