"""Regenerate an assignment's release from its source with the real ``nbgrader generate_assignment``.

The release is committed, so it must come out the same on every run: the source's cell ids are
fixed and nbgrader adds no timestamps. nbgrader also records the assignment in a gradebook;
here that goes to a throwaway database, so regenerating the release leaves no gradebook.db
behind (TAs create theirs when they grade; see the README).
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from autograder.notebooks.course import RELEASE, nbgrader, notebook_path


def generate(root: Path, assignment: str) -> Path:
    """Run ``nbgrader generate_assignment ASSIGNMENT --force`` in ``root``; return the release notebook."""
    root = Path(root)
    with tempfile.TemporaryDirectory(prefix="nbgrader-db-") as tmp:
        db = "sqlite:///" + str(Path(tmp) / "gradebook.db")
        nbgrader(root, "generate_assignment", assignment, "--force", f"--db={db}")
    released = notebook_path(root, RELEASE, assignment)
    if not released.is_file():
        raise FileNotFoundError(f"nbgrader generate_assignment wrote no {released}")
    return released
