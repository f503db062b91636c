"""Grading hand-worked parts per student: whose numbers, and answers copied from another variant.

With a class list every student works parts 1–6 on their own numbers. A hidden test cell of
the nbgrader notebook holds every student's expected answers, keyed by student id, and calls
``check_hand_student``. Which student is graded is NOT taken from anything the student typed:
nbgrader autogrades a submission in ``autograded/<student>/<assignment>/`` and runs its kernel
there, so the student is the name of the folder above the assignment's. The folder is recorded
by a locked cell at the top of the notebook (``remember_folder``), before any of the student's
code runs, and a hidden cell gives 0 points when the folder has changed since. (As for every
nbgrader test cell, code that deliberately tampers with the grading in the same kernel is out
of reach here; our own grader (`python -m autograder grade`) knows the id itself.)

The copy rule (``copied_parts``). A part *follows* another student's variant when every answer
filled in there is right for that variant while some of its numbers are wrong for the
student's own. The parts that follow the same other variant are that student's work, and score
0 — even the answers that happen to be the same in both variants (h and δ_h of an example
whose ReLU is off are 0 for everybody) — once they hold at least ``EVIDENCE`` = 2 numbers that
are wrong for the student's own: one number could be an honest slip that happens to equal
another student's, two are not. The generator keeps every two students' variants apart in every
part (two numbers apart, as far as it can; see ``variants.MIN_APART``), so copying the hand
parts, or one of them, always shows.

Light on purpose (this runs in the student's kernel): no sympy, no reference, no generator.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import replace
from pathlib import PurePath

from . import codec, feedback, grading, judge
from .model import HandPart

_START = None   # the kernel's working folder when the notebook's first cell ran
COPIED = "these are the answers of another student's numbers, not of yours"
EVIDENCE = 2


def remember_folder() -> None:
    """Record the folder the kernel runs in (called by a locked cell before any student code)."""
    global _START
    if _START is None:
        _START = os.getcwd()


def graded_student(assignment: str) -> tuple:
    """(student id, "") from nbgrader's autograde folder, or (None, why it cannot be told)."""
    now = os.getcwd()
    start = now if _START is None else _START
    if start != now:
        return None, f"the notebook's working folder changed while it ran (from {start} to {now})"
    path = PurePath(start)
    if path.name != assignment or not path.parent.name:
        return None, (f"the hand parts are graded by nbgrader in autograded/<student>/{assignment}/, "
                      f"which tells whose numbers to use; this notebook runs in {start}")
    return path.parent.name, ""


def copied_parts(values: dict, own: list, others: dict, rtol: float, atol: float) -> dict:
    """{part index: the other student whose answers it copies} (see the module's docstring).

    values: {variable: what the student wrote}; own: [{variable: expected} per part];
    others: {student: [{variable: expected} per part]}.
    """
    parts = [{v: values.get(v) for v in part} for part in own]
    filled = [{v: x for v, x in p.items() if x is not None and x is not Ellipsis} for p in parts]
    wrong = [{v: _off(x, own[k][v], rtol, atol) for v, x in f.items()} for k, f in enumerate(filled)]
    telling = [k for k, w in enumerate(wrong) if sum(w.values())]
    if sum(sum(wrong[k].values()) for k in telling) < EVIDENCE:
        return {}
    out = {}
    for student, theirs in others.items():
        follows = [k for k in telling if all(_right(filled[k][v], theirs[k][v], rtol, atol)
                                             for v in sorted(filled[k], key=lambda v: -wrong[k][v]))]
        if sum(sum(wrong[k].values()) for k in follows) >= EVIDENCE:
            for k in follows:
                out.setdefault(k, student)
    return out


def _right(value, expected, rtol, atol) -> bool:
    return judge.judge(value, expected, rtol, atol).passed


def _off(value, expected, rtol, atol) -> int:
    """How many numbers of ``value`` are not within tolerance of ``expected`` (all, if unreadable)."""
    want = list(judge.leaves(expected))
    try:
        got = list(judge.leaves(judge.convert(value, expected)))
    except judge.Reject:
        return len(want)
    return sum(not (math.isfinite(g) and abs(g - e) <= atol + rtol * abs(e)) for g, e in zip(got, want))


def zeroed(result: grading.FunctionResult) -> grading.FunctionResult:
    """A part's result with every answer counted wrong as another student's: 0 points."""
    cases = tuple(replace(c, passed=False, reason=COPIED, mistake=None) for c in result.cases)
    return replace(result, score=0.0, cases=cases, note=f"0 points: {COPIED}.")


def grade_parts(parts: list, values: dict, others: dict) -> list:
    """``grading.grade_hand`` of each of the student's own parts, then the copy rule."""
    own = [{v: want for v, _, want in p.quantities} for p in parts]
    copied = copied_parts(values, own, others, parts[0].rtol, parts[0].atol)
    results = [grading.grade_hand(p, values) for p in parts]
    return [zeroed(r) if k in copied else r for k, r in enumerate(results)]


def cell_data(k: int, parts: dict, assignment: str) -> str:
    """The JSON of the per-student hidden cell of hand part ``k``.

    parts: {student: [HandPart per part]}. It holds every student's expected answers of every
    part (the copy rule looks across parts) and the known mistakes of part ``k``.
    """
    first = next(iter(parts.values()))
    messages = {}
    for p in parts.values():
        messages.update(p[k].messages)
    data = {"assignment": assignment, "part": k, "title": first[k].title, "points": first[k].points_hidden,
            "atol": first[k].atol, "rtol": first[k].rtol, "messages": dict(sorted(messages.items())),
            "variables": [[[v, label] for v, label, _ in p.quantities] for p in first],
            "expected": {sid: [[codec.encode(want) for _, _, want in q.quantities] for q in p] for sid, p in parts.items()},
            "mistakes": {sid: {v: {m: codec.encode(x) for m, x in sorted(per.items())} for v, per in p[k].mistakes.items() if per}
                         for sid, p in parts.items()},
            # error carried forward: the formulas (the same for everyone) and each student's data
            "formulas": dict(first[k].formulas),
            "data": {sid: {n: codec.encode(x) for n, x in sorted(p[k].data.items())} for sid, p in parts.items()}}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def check_hand_student(namespace: dict, data: str) -> float:
    """The hidden test of one hand part, per student: print the feedback, return the points."""
    try:
        cell = json.loads(data)
        title = cell["title"]
        student, problem = graded_student(cell["assignment"])
        if student is None or student not in cell["expected"]:
            problem = problem or f"the student {student!r} (from the folder) is not on this assignment's class list"
            print(f"✘ {title}: cannot be graded: {problem}; 0 points here.")
            return 0.0
        expected = {sid: _expected(cell, sid) for sid in cell["expected"]}
        own = expected.pop(student)
        k = cell["part"]
        part = HandPart("part", title, tuple((v, label, want) for (v, label), want in zip(cell["variables"][k], own[k].values())),
                        {v: {m: codec.decode(x, arrays=False) for m, x in per.items()} for v, per in cell["mistakes"][student].items()},
                        cell["messages"], cell["atol"], cell["rtol"], 0.0, cell["points"],
                        {n: codec.decode(x, arrays=False) for n, x in cell.get("data", {}).get(student, {}).items()},
                        dict(cell.get("formulas", {})))
        result = grading.grade_hand(part, namespace)
        if k in copied_parts(namespace, own, expected, part.rtol, part.atol):
            result = zeroed(result)
        whose = f"{title} (checked against the numbers of {student})"
        if result.passed == len(result.cases) and not any(c.note for c in result.cases):
            print(f"{whose}: all {len(result.cases)} correct")
        else:
            print(f"{whose}:\n" + feedback.function_text(result, cell["messages"]).split("\n", 1)[-1])
        return result.score
    except BaseException as exc:  # the cell must end with a number, never an error
        print(f"✘ the check could not finish ({type(exc).__name__}); 0 points here.")
        return 0.0


def _expected(cell: dict, student: str) -> list:
    """[{variable: expected} per part] of ``student`` from a cell's data."""
    return [{v: codec.decode(want, arrays=False) for (v, _), want in zip(names, values)}
            for names, values in zip(cell["variables"], cell["expected"][student])]
