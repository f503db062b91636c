"""Which submissions a grading run covers, and under which student id.

A PATH is a single submission (a notebook or a .py file; the student id is the file's
stem), a class folder in nbgrader's layout: ``submitted/<student>/<assignment>/`` (the
PATH may be the course root that holds ``submitted/``, ``submitted/`` itself, one student's
folder ``submitted/<student>``, or ``submitted/<student>/<assignment>``), or a folder of loose
``.ipynb``/``.py`` submissions. In nbgrader's layout, as nbgrader does, only the notebook
named ``<assignment>.ipynb`` counts, ``timestamp.txt`` beside it is read, and a student
folder with no ``<assignment>/`` in it is someone who did not submit this assignment (left
out, not graded 0, so ``--course`` records no submission for them).

Nothing is followed: folders are listed without following symbolic links, and a listed
file is only named here (``submission.read_bytes`` opens it, refusing links, FIFOs, devices
and hard links). A file name is student input, so a student id must be safe (``safe_id``):
an id that is not is refused with a reason, never used as a path or a CSV cell.

Student ids (the rule): 1 to 64 characters, each a letter or digit of any script or one of
``_ . - @ +``; the first a letter, digit or ``_`` (so no ``..``, no hidden file, no leading
``= + - @`` that a spreadsheet would run as a formula); no path separator, space, control
character or escape sequence; not ending like a file of ours (``.csv .html .json .txt .zip
.db .log .md``, so ``grades.csv.py`` cannot collide with ``grades.csv``). Two submissions
with one id: the first (sorted by path) is graded, the other refused with a reason.
"""
from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from autograder.student.feedback import plain_text, printable

OUR_SUFFIXES = (".csv", ".html", ".json", ".txt", ".zip", ".db", ".log", ".md")
MAX_ID = 64


@dataclass(frozen=True)
class Found:
    student: str
    path: Path | None        # None: the student has a folder but no notebook in it
    problem: str = ""        # student-facing: no paths of this machine
    root: Path | None = None  # the folder the PATH named: ``path`` is read below it, links refused
    timestamp: str = ""      # nbgrader's timestamp.txt, when there is one


def layout(root):
    """The course's layout (imported here, not at the top: a Gradescope bundle holds no notebooks/)."""
    from autograder.notebooks.course import layout as of

    return of(root)


def safe_id(name: str) -> str:
    """'' when ``name`` is a safe student id (see the module's rule), else why not (one line)."""
    if not name or len(name) > MAX_ID:
        return f"an id must have 1 to {MAX_ID} characters"
    for ch in name:
        if not (unicodedata.category(ch)[0] in "LN" or ch in "_.-@+"):
            return f"the character {printable(repr(ch))} is not allowed in a student id"
    if not (unicodedata.category(name[0])[0] in "LN" or name[0] == "_"):
        return "a student id must start with a letter, a digit or _"
    if name.lower().endswith(OUR_SUFFIXES):
        return "a student id may not end like a file the grader writes (" + " ".join(OUR_SUFFIXES) + ")"
    return ""


def discover(paths, assignment: str, only=None) -> tuple:
    """(submissions sorted by student id, one-line problems for the TA); ``only``: the ids to keep."""
    found, problems = {}, []
    for raw in paths:
        path = Path(raw)
        for item in _items(path, assignment, problems):
            _add(found, problems, item)
    if only:
        wanted = set(only)
        for student in sorted(wanted - set(found)):
            problems.append(f"--student {printable(student)}: no submission found for this id")
        found = {k: v for k, v in found.items() if k in wanted}
    return tuple(found[k] for k in sorted(found)), tuple(problems)


def _items(path: Path, assignment: str, problems: list) -> list:
    shown = printable(str(path))
    try:
        info = os.lstat(path)
    except OSError:
        problems.append(f"{shown}: no such file or folder")
        return []
    if not stat.S_ISDIR(os.stat(path).st_mode) if stat.S_ISLNK(info.st_mode) else not stat.S_ISDIR(info.st_mode):
        if path.suffix not in (".ipynb", ".py"):
            problems.append(f"{shown}: not a notebook or .py file; skipped")
            return []
        return [Found(path.stem, path.parent.resolve() / path.name, root=path.parent.resolve())]
    base = path.resolve()   # a folder the TA named: followed; nothing below it is
    if _is_dir(base / "submitted"):
        base = base / "submitted"
    elif base.name == assignment and base.parent.parent.name == "submitted":   # submitted/<student>/<assignment>
        return [_in_folder(base.parent.parent, base.parent.name, assignment)]
    elif base.parent.name == "submitted":                                        # submitted/<student>
        return [_in_folder(base.parent, base.name, assignment)]
    entries = _list(base)
    students = [name for name, mode in entries if stat.S_ISDIR(mode) and not name.startswith(".")]
    links = [name for name, mode in entries if stat.S_ISLNK(mode) and not name.startswith(".")
             and not name.endswith((".ipynb", ".py"))]
    files = [name for name, mode in entries if name.endswith((".ipynb", ".py")) and name not in students]
    if not students and not files and not links:
        problems.append(f"{shown}: no submissions in it (expected submitted/<student>/{assignment}/, or .ipynb/.py files)")
    # as nbgrader: a student with no <assignment>/ folder has not submitted it (not a zero)
    out = [_in_folder(base, name, assignment) for name in students
           if _is_dir(base / name / assignment) or _is_link(base / name) or _is_link(base / name / assignment)]
    out += [Found(name, None, "your submission folder is a symbolic link; links are not followed", base) for name in links]
    out += [Found(Path(name).stem, base / name, root=base) for name in files]   # loose: one file per student
    return out


def _in_folder(base: Path, student: str, assignment: str) -> Found:
    """One student's submission in nbgrader's layout: ``base/<student>/<assignment>/<assignment>.ipynb``."""
    folder = base / student
    work = folder / assignment
    if _is_link(folder) or _is_link(work):
        return Found(student, None, "your submission folder is a symbolic link; links are not followed", base)
    if not _is_dir(work):
        return Found(student, None, f"no {assignment}/ folder in your submission", base)
    names = {name for name, _ in _list(work)}
    stamp = _timestamp(base, work)
    for wanted in (f"{assignment}.ipynb", f"{assignment}.py"):
        if wanted in names:
            return Found(student, work / wanted, root=base, timestamp=stamp)
    others = sorted(n for n in names if n.endswith((".ipynb", ".py")))
    hint = f" (found {plain_text(', '.join(others[:3]))}; nbgrader grades only {assignment}.ipynb)" if others else ""
    return Found(student, None, f"no notebook {assignment}.ipynb in your submission{hint}", base, stamp)


def _timestamp(base: Path, work: Path) -> str:
    from autograder import submission

    if "timestamp.txt" not in {n for n, _ in _list(work)}:
        return ""
    try:
        text = submission.read_bytes(work / "timestamp.txt", base, cap=200).decode("utf-8", "replace")
    except submission.SubmissionError:
        return ""
    return printable(text.strip())[:60]


def _list(folder: Path) -> list:
    """[(name, st_mode without following links)] of a folder's entries, sorted; [] when unreadable."""
    try:
        with os.scandir(folder) as it:
            return sorted((e.name, e.stat(follow_symlinks=False).st_mode) for e in it)
    except OSError:
        return []


def _is_dir(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


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


def _add(found, problems, item: Found):
    shown = printable(str(item.path.name if item.path else item.student))
    why = safe_id(item.student)
    if why:
        problems.append(f"{shown}: refused, not a safe student id ({why}); rename it to grade it")
    elif item.student in found:
        problems.append(f"{shown}: a second submission for student {item.student!r}; refused (the first one is graded)")
    else:
        found[item.student] = item
