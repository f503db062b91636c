"""Submissions for a generated per-student course, made from its release and source."""
from __future__ import annotations

from autograder.generate import students as per_student
from autograder.notebooks import fabricate


def literal(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return repr(float(value))


def answers_cell(part, values: dict) -> str:
    return "\n".join(f"{var} = {literal(values[var])}" for var, _, _ in part.quantities)


def worked_by(release, source, variants_dir, student: str, typed_id: str | None = None, change=None):
    """The release with the code from the source and the hand parts worked on ``student``'s numbers.

    ``typed_id`` goes into STUDENT_ID (default: the student); ``change(values)`` may alter the
    hand answers {variable: value} before they are written.
    """
    nb = fabricate.correct(release, source)
    parts = per_student.hand_parts_for("tutorial_net", student, variants_dir)
    values = {var: want for p in parts for var, _, want in p.quantities}
    if change:
        values = change(dict(values))
    for part in parts:
        fabricate.cell_of(nb, part.id).source = answers_cell(part, values)
    fabricate.cell_of(nb, "student_id").source = f"STUDENT_ID = {typed_id or student!r}"
    return nb
