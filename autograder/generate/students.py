"""Per-student hand parts for a grader that knows the student id (``autograder.grader``).

    hand_parts_for(assignment, student, variants_dir)      the student's HandParts (their numbers)
    grade_hand_parts(assignment, student, values, variants_dir)
                                                           graded, with the copy rule of ``perstudent``

``variants_dir`` is the folder of the per-student variant files the generator wrote
(``solutions/<assignment>/variants/``, one ``<student>.json`` each). The parts are built the
same way as the nbgrader notebook's hidden cells (``tutorial_net.build_hand_parts`` on the
student's numbers), so both graders hold a student to the same values and name the same
mistakes.
"""
from __future__ import annotations

import functools
from pathlib import Path

from autograder.checks import tutorial_net as tn
from autograder.generate import decimals, variantfile
from autograder.student import perstudent
from autograder.generate.roster import id_problem

ASSIGNMENTS = ("tutorial_net",)


def variant_path(variants_dir, student: str) -> Path:
    """``variants_dir/<student>.json``; ValueError for an id that is not a plain folder name."""
    problem = id_problem(student)
    if problem:
        raise ValueError(problem)
    return Path(variants_dir) / f"{student}.json"


def hand_parts_for(assignment: str, student: str, variants_dir) -> list:
    """The hand-worked parts (``HandPart``s, parts 1–6) of ``student``, on their own numbers."""
    _supported(assignment)
    path = variant_path(variants_dir, student)
    if not path.is_file():
        raise FileNotFoundError(f"no variant for student {student!r}: {path} does not exist (not on the class list?)")
    stat = path.stat()
    return list(_parts(str(path.resolve()), stat.st_mtime_ns, stat.st_size))


def grade_hand_parts(assignment: str, student: str, values: dict, variants_dir) -> list:
    """Grade ``values`` ({variable: the student's number}) against the student's own parts.

    Parts whose answers are another student's (``perstudent.copied_parts``) score 0.
    """
    parts = hand_parts_for(assignment, student, variants_dir)
    others = {sid: per for sid, per in expected_by_student(variants_dir).items() if sid != student}
    return perstudent.grade_parts(parts, values, others)


def expected_by_student(variants_dir) -> dict:
    """{student: [{variable: expected} per hand part]} from every variant file in the folder."""
    files = sorted(Path(variants_dir).glob("*.json"))
    key = tuple((str(f.resolve()), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    return _expected(key)


def expected_of(doc: dict) -> list:
    """[{variable: expected} per hand part] from a variant file's exact answers (as floats)."""
    answers = decimals.tree(doc["answers"], lambda s: float(decimals.parse(s)))
    out = []
    for _, _, rows in tn.HAND:
        part = {}
        for var, _, key, i in rows:
            value = answers[key] if i is None else answers[key][i]
            part[var] = tuple(value) if isinstance(value, list) else value
        out.append(part)
    return out


@functools.lru_cache(maxsize=1024)
def _parts(path: str, mtime_ns: int, size: int) -> tuple:
    return tuple(tn.build_hand_parts(variantfile.data(variantfile.read(path))))


@functools.lru_cache(maxsize=8)
def _expected(files: tuple) -> dict:
    out = {}
    for path, _, _ in files:
        doc = variantfile.read(path)
        if doc.get("student"):
            out[doc["student"]] = expected_of(doc)
    return out


def _supported(assignment: str) -> None:
    if assignment not in ASSIGNMENTS:
        raise ValueError(f"per-student variants exist for {', '.join(ASSIGNMENTS)} only, not {assignment!r}")
