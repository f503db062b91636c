"""Which submissions a grading run covers.

A PATH is a single submission (a notebook or a .py file; the student id is the file's
stem), a class folder in nbgrader's layout: ``submitted/<student>/<assignment>/`` (the
PATH may be the course root that holds ``submitted/``, or ``submitted/`` itself), or a
folder of loose ``.ipynb``/``.py`` submissions.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.notebooks.course import layout


@dataclass(frozen=True)
class Found:
    student: str
    path: Path | None        # None: the student has a folder but no notebook in it
    problem: str = ""


def discover(paths, assignment: str) -> tuple:
    """(submissions sorted by student id, one-line problems with the PATHs themselves)."""
    found, problems = {}, []
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            if path.suffix not in (".ipynb", ".py"):
                problems.append(f"{path}: not a notebook or .py file; skipped")
                continue
            _add(found, problems, Found(path.stem, path))
        elif path.is_dir():
            base = path / "submitted" if (path / "submitted").is_dir() else path
            students = [d for d in sorted(base.iterdir()) if d.is_dir() and not d.name.startswith(".")]
            files = [f for f in sorted(base.iterdir()) if f.is_file() and f.suffix in (".ipynb", ".py")]
            if not students and not files:
                problems.append(f"{path}: no submissions in it (expected submitted/<student>/{assignment}/, or .ipynb/.py files)")
            for folder in students:
                _add(found, problems, _in_folder(folder, assignment))
            for file in files:  # a folder of loose submissions: one file per student
                _add(found, problems, Found(file.stem, file))
        else:
            problems.append(f"{path}: no such file or folder")
    return tuple(found[k] for k in sorted(found)), tuple(problems)


def course_of(paths, assignment: str) -> Path | None:
    """The nbgrader course folder the PATHs belong to (a course root, or its ``submitted/``,
    holding ``<source>/<assignment>/``), when they name exactly one; else None."""
    roots = set()
    for raw in paths:
        path = Path(raw).resolve()
        for root in (path, path.parent):
            if path.is_dir() and (root / "nbgrader_config.py").is_file() and layout(root).source_dir(assignment).is_dir():
                roots.add(root)
                break
    return roots.pop() if len(roots) == 1 else None


def _in_folder(folder: Path, assignment: str) -> Found:
    work = folder / assignment
    if not work.is_dir():
        return Found(folder.name, None, f"no {assignment}/ folder in {folder}")
    wanted = work / f"{assignment}.ipynb"
    notebooks = [wanted] if wanted.is_file() else sorted(work.glob("*.ipynb")) or sorted(work.glob("*.py"))
    if not notebooks:
        return Found(folder.name, None, f"no notebook in {work}")
    return Found(folder.name, notebooks[0])


def _add(found, problems, item: Found):
    if item.student in found:
        problems.append(f"{item.path}: a second submission for student {item.student!r}; the first one is graded")
    else:
        found[item.student] = item
