"""The class report's records from an nbgrader course: its gradebook.db, through nbgrader's
own ``Gradebook`` API, and the mistakes named in its autograded notebooks.

A grade cell ``test_<function>`` is that function's public cases, ``test_<function>_hidden``
its hidden ones, ``test_<part>_hidden`` a hand-worked part (our test cells and our grader's
``--course`` both write these; see grader/gradebook.py). Cases are not in a gradebook, so a
function "passes" when its cell has full marks; the mistakes a student made are the ids our
test cells print (``Recognised mistake [id]``) in ``autograded/<student>/<a>/<a>.ipynb``.
A student's feedback link is nbgrader's ``feedback/<student>/<a>/<a>.html`` when it exists.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import quote

MISTAKE = re.compile(r"Recognised mistake \[([A-Za-z0-9_.-]+)\]")


def records(course, assignment: str, out=None) -> list:
    """One record per submission in ``course``'s gradebook (the shape of details.json)."""
    from autograder.grader import gradebook

    course = Path(course).resolve()
    out = Path(out or course).resolve()
    found = []
    with gradebook.open_gradebook(course, assignment) as gb:
        for sub in sorted(gb.assignment_submissions(assignment), key=lambda s: s.student.id):
            student = sub.student.id
            functions = []
            for nb in sub.notebooks:
                for grade in sorted(nb.grades, key=lambda g: g.name):
                    function = _function(grade.name)
                    if function:
                        functions.append({"function": function[0], "hidden": function[1], "cases": None, "note": "",
                                          "score": float(grade.score or 0), "max_score": float(grade.max_score or 0)})
            feedback = course / "feedback" / student / assignment / f"{assignment}.html"
            found.append({"student": student, "assignment": assignment, "score": float(sub.score or 0),
                          "max_score": float(sub.max_score or 0), "functions": functions, "messages": {},
                          "mistakes": sorted(_mistakes(course / "autograded" / student / assignment / f"{assignment}.ipynb")),
                          "source": str(next(iter(sorted((course / "submitted" / student / assignment).glob("*.ipynb"))), "")) or None,
                          "feedback": quote(os.path.relpath(feedback, out)) if feedback.is_file() else None})
    return found


def _function(name: str):
    """(function, hidden) of a grade cell of ours, or None (a written answer, another cell)."""
    if not name.startswith("test_"):
        return None
    base = name[len("test_"):]
    return (base[:-len("_hidden")], True) if base.endswith("_hidden") else (base, False)


def _mistakes(path: Path) -> set:
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return set()
    found = set()
    for cell in cells:
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            text = output.get("text") or (output.get("data") or {}).get("text/plain") or ""
            found |= set(MISTAKE.findall("".join(text) if isinstance(text, list) else str(text)))
    return found


def release_notebook(course, assignment: str) -> Path:
    """The course's released notebook: nbgrader's release folder (``release/`` unless its
    nbgrader_config.py names another, as this repository's ``assignments/``)."""
    folder = "release"
    try:
        from autograder.notebooks.course import config
        folder = config(Path(course)).CourseDirectory.get("release_directory", "release")
    except Exception:      # no config, or one that does not load: nbgrader's default
        pass
    return Path(course) / folder / assignment / f"{assignment}.ipynb"
