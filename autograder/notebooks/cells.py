"""Notebook cells with nbgrader's metadata, each with a stable id (nbformat 4.5).

nbgrader tells its cells apart by ``metadata.nbgrader``:

    kind            grade  solution  locked  points   what it is
    read_only       no     no        yes     -        code the student may not change
    answer          no     yes       no      -        code the student writes
    test            yes    no        yes     yes      autograded; its result is the score
    manual_answer   yes    yes       no      yes      markdown a TA grades by hand

Cell ids must be the same on every build (the source and the release are committed), so each
cell gets its id from the caller: the grade id for nbgrader cells, a short name for prose.
"""
from __future__ import annotations

import re

import nbformat
from nbformat.notebooknode import NotebookNode

SCHEMA_VERSION = 3
_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")  # what nbformat 4.5 allows in a cell id


def markdown(cell_id: str, source: str) -> NotebookNode:
    """A plain markdown cell (prose; not tracked by nbgrader)."""
    return _cell("markdown", cell_id, source)


def code(cell_id: str, source: str) -> NotebookNode:
    """A plain code cell the student may edit and run (not graded)."""
    return _cell("code", cell_id, source)


def read_only(grade_id: str, source: str) -> NotebookNode:
    """A locked code cell: nbgrader puts its source back if a student changes it."""
    return _cell("code", grade_id, source, _nbgrader(grade_id, grade=False, solution=False, locked=True))


def answer(grade_id: str, source: str) -> NotebookNode:
    """A code cell the student fills in; ``source`` marks the solution with ### BEGIN/END SOLUTION."""
    return _cell("code", grade_id, source, _nbgrader(grade_id, grade=False, solution=True, locked=False))


def test(grade_id: str, source: str, points: float) -> NotebookNode:
    """A locked, autograded code cell worth ``points``; its last value is the score it earns."""
    return _cell("code", grade_id, source, _nbgrader(grade_id, grade=True, solution=False, locked=True, points=points))


def manual_answer(grade_id: str, source: str, points: float) -> NotebookNode:
    """A markdown answer a TA grades by hand; ``source`` is the model answer (cleared in the release)."""
    return _cell("markdown", grade_id, source, _nbgrader(grade_id, grade=True, solution=True, locked=False, points=points))


def notebook(cells: list[NotebookNode]) -> NotebookNode:
    """A Python 3 notebook (nbformat 4.5) of ``cells``; fails on a repeated id."""
    seen = set()
    for cell in cells:
        if cell.id in seen:
            raise ValueError(f"cell id {cell.id!r} is used twice")
        seen.add(cell.id)
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = NotebookNode({
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    return nb


def _nbgrader(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if points is not None:
        if not points >= 0:
            raise ValueError(f"{grade_id}: points must be a number ≥ 0, got {points!r}")
        meta["points"] = float(points)
    return meta


def _cell(cell_type: str, cell_id: str, source: str, nbgrader: dict | None = None) -> NotebookNode:
    if not _ID.match(cell_id):
        raise ValueError(f"cell id {cell_id!r}: expected 1-64 letters, digits, '-' or '_'")
    metadata = {"nbgrader": nbgrader} if nbgrader else {}
    new = nbformat.v4.new_code_cell if cell_type == "code" else nbformat.v4.new_markdown_cell
    cell = new(source=source.strip("\n"), metadata=metadata)
    cell.id = cell_id
    return cell
