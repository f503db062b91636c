"""A throwaway copy of the course to grade submissions in: copy, submit, autograde, read scores.

Used by the tests and the benchmark (TAs grade in the repository itself; see the README).
Everything goes through the real nbgrader command line and its gradebook.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

from autograder.notebooks.course import RELEASE, ROOT, SOURCE, nbgrader, notebook_path


def copy_course(dest: Path, assignment: str, root: Path = ROOT) -> Path:
    """Copy nbgrader_config.py and the assignment's source and release into ``dest``.

    The config computes the course root from its own location, so nbgrader run in ``dest``
    works on the copy (and its own gradebook.db) only.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(root) / "nbgrader_config.py", dest / "nbgrader_config.py")
    for folder in (SOURCE, RELEASE):
        shutil.copytree(Path(root) / folder / assignment, dest / folder / assignment)
    return dest


def register(root: Path, assignment: str) -> None:
    """``nbgrader generate_assignment``: records the assignment in the copy's gradebook."""
    nbgrader(root, "generate_assignment", assignment, "--force")


def submit(root: Path, student: str, assignment: str, nb) -> Path:
    """Put ``nb`` where nbgrader looks for a submission: submitted/<student>/<assignment>/."""
    path = Path(root) / "submitted" / student / assignment / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def autograde(root: Path, assignment: str, student: str | None = None) -> None:
    """``nbgrader autograde`` every submission (or one student's)."""
    extra = [f"--student={student}"] if student else []
    nbgrader(root, "autograde", assignment, "--create", "--force", *extra)


def scores(root: Path, assignment: str, course_id: str = "backprop") -> dict:
    """{student: {grade id: (auto score or None, max score, needs manual grade)}} from the gradebook."""
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{Path(root) / 'gradebook.db'}", course_id) as gb:
        for submission in gb.assignment_submissions(assignment):
            cells = out.setdefault(submission.student.id, {})
            for nb in submission.notebooks:
                for grade in nb.grades:
                    cells[grade.name] = (grade.auto_score, grade.max_score, grade.needs_manual_grade)
    return out


def release_notebook(root: Path, assignment: str):
    return nbformat.read(notebook_path(root, RELEASE, assignment), as_version=4)


def source_notebook(root: Path, assignment: str):
    return nbformat.read(notebook_path(root, SOURCE, assignment), as_version=4)
