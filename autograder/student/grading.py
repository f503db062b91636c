"""From what a function returned on each case to a scored, explained result (data).

The runner (a notebook kernel or the sandbox) produces one ``Outcome`` per case; ``grade``
judges them and decides which known mistake explains the failures: the mistake that fits
the most failed cases is named on every case it fits, so one slip gets one name.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from . import judge as j
from .feedback import plain_text, quote_student_text
from .model import Check


@dataclass(frozen=True)
class Outcome:
    """What happened when the function was called on one case."""
    status: str = "ok"        # ok | raised | timeout | exited | crashed | missing | not_run | …
    value: object = None
    reason: str = ""          # why the call did not return, in one line
    changed: tuple = ()       # indices of arguments the call modified


@dataclass(frozen=True)
class CaseResult:
    label: str
    hidden: bool
    passed: bool
    reason: str = ""
    mistake: str | None = None
    call: str = ""            # public cases only: the call, with its arguments
    got: str = ""             # public cases only
    expected: str = ""        # public cases only


@dataclass(frozen=True)
class FunctionResult:
    function: str
    hidden: bool
    score: float
    max_score: float
    cases: tuple
    note: str = ""            # e.g. "`forward` is not defined"

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def mistakes(self) -> tuple:
        return tuple(dict.fromkeys(c.mistake for c in self.cases if c.mistake))


def grade(check: Check, outcomes: list, hidden: bool) -> FunctionResult:
    """Score ``check``'s cases of one visibility from their ``outcomes`` (same order)."""
    cases = [c for c in check.cases if c.hidden == hidden]
    verdicts = [_verdict(check, c, o) for c, o in zip(cases, outcomes)]
    counts = Counter(m for v in verdicts for m in v.mistakes)
    order = [m.id for m in check.mistakes]
    results = []
    for case, verdict in zip(cases, verdicts):
        mistake = min(verdict.mistakes, key=lambda m: (-counts[m], order.index(m) if m in order else 99), default=None)
        shown = not case.hidden
        results.append(CaseResult(
            case.label, case.hidden, verdict.passed, plain_text(verdict.reason, 600), mistake,
            call=call_text(check, case.args) if shown else "",
            got=plain_text(verdict.got, 2000) if shown else "", expected=j.show(case.expected) if shown else ""))
    points = check.points(hidden)
    score = round(points * sum(r.passed for r in results) / len(results), 4) if results else 0.0
    return FunctionResult(check.function, hidden, score, points, tuple(results))


def grade_hand(part, values: dict) -> FunctionResult:
    """Score a hand-worked part from the student's values {variable: value} (hidden: no values shown)."""
    results = []
    for var, label, expected in part.quantities:
        value = values.get(var)
        if value is None or value is Ellipsis:
            verdict = j.Verdict(False, "not filled in yet")
        else:
            verdict = j.judge(value, expected, part.rtol, part.atol, part.mistakes.get(var, {}))
        results.append(CaseResult(f"{var}: {label}", True, verdict.passed,
                                  plain_text(verdict.reason.replace("returned", "is")), (verdict.mistakes or (None,))[0]))
    score = round(part.points_hidden * sum(r.passed for r in results) / len(results), 4) if results else 0.0
    return FunctionResult(part.id, True, score, part.points_hidden, tuple(results))


def missing(check: Check, hidden: bool, note: str) -> FunctionResult:
    """A zero for every case, with one reason (the function is not defined, the cell failed …)."""
    cases = tuple(CaseResult(c.label, c.hidden, False, note) for c in check.cases if c.hidden == hidden)
    return FunctionResult(check.function, hidden, 0.0, check.points(hidden), cases, note)


def failure_text(outcome: Outcome) -> str:
    """Why a call did not return, attributed and escaped: what the runner reports is the
    student's to write (an exception's message, and in the sandbox the whole record)."""
    reason = str(outcome.reason or outcome.status)
    if outcome.status == "raised":
        text = reason[len("raised "):] if reason.startswith("raised ") else reason
        name, colon, message = text.partition(": ")
        if name.isidentifier() and name.isascii():
            return f"your code raised {name}" + (f": {quote_student_text(message)}" if colon else "")
        return "your code raised: " + quote_student_text(text)
    return plain_text(reason, 200)


def _verdict(check, case, outcome) -> j.Verdict:
    if outcome.status != "ok":
        return j.Verdict(False, failure_text(outcome))
    verdict = j.judge(outcome.value, case.expected, check.rtol, check.atol, case.mistakes)
    changed = [i for i in case.unchanged if i in outcome.changed]
    if changed and verdict.passed:
        names = parameters(check.signature)
        which = ", ".join(f"`{names[i]}`" for i in changed)
        ids = tuple(m.id for m in check.mistakes if m.id.endswith("in-place"))
        return j.Verdict(False, f"returned the right value but changed its argument {which} in place", ids, verdict.got)
    return verdict


def parameters(signature: str) -> list:
    """["theta", "x"] for "forward(theta, x)"."""
    inside = re.search(r"\((.*)\)", signature).group(1)
    return [p.split("=")[0].strip() for p in inside.split(",") if p.strip()]


def call_text(check: Check, args) -> str:
    """forward(theta=[1, 1, 0, 1, 0], x=[2, 1])"""
    names = parameters(check.signature)
    return f"{check.function}(" + ", ".join(f"{n}={j.show(a)}" for n, a in zip(names, args)) + ")"
