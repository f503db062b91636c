"""From what a function returned on each case to a scored, explained result (data).

The runner (a notebook kernel or the sandbox) produces one ``Outcome`` per case; ``grade``
judges them and decides which known mistake explains the failures: the mistake that fits
the most failed cases is named on every case it fits, so one slip gets one name. Failed
cases no known mistake explains get the general diagnosis (``diagnose.explain``: how the
wrong values relate to the right ones), and the probe cases (``Case.probe``: run, never
scored) say how the function responds to one change at a time. Hand-worked parts give
credit for an error carried forward (``handcalc``).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from . import codec, diagnose, handcalc
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
    note: str = ""            # said even when passed: float32 seen, an error carried forward


@dataclass(frozen=True)
class FunctionResult:
    function: str
    hidden: bool
    score: float
    max_score: float
    cases: tuple
    note: str = ""            # e.g. "`forward` is not defined"
    diagnosis: str = ""       # how the wrong values relate to the right ones (diagnose.py)
    behaviour: tuple = ()     # what the probes found (one change at a time)
    notes: tuple = ()         # said whatever the score, e.g. that float32 was seen

    @property
    def passed(self) -> int:
        return sum(c.passed for c in self.cases)

    @property
    def mistakes(self) -> tuple:
        return tuple(dict.fromkeys(c.mistake for c in self.cases if c.mistake))


def grade(check: Check, outcomes: list, hidden: bool) -> FunctionResult:
    """Score ``check``'s cases of one visibility from their ``outcomes`` (same order)."""
    every = [(i, c) for i, c in enumerate(check.cases) if c.hidden == hidden]
    at = {i: k for k, (i, _) in enumerate(every)}
    outcomes = list(outcomes) + [Outcome("not_run")] * (len(every) - len(outcomes))
    scored = [(c, o) for (_, c), o in zip(every, outcomes) if not c.probe]
    cases, outcomes_ = [c for c, _ in scored], [o for _, o in scored]
    verdicts = consistent(cases, outcomes_, [_verdict(check, c, o) for c, o in scored])
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
    ignores = trivial(cases, outcomes_) if score else ""
    if ignores:
        score = 0.0
    diagnosis, behaviour = "", ()
    if any(not v.passed for v in verdicts):
        names = parameters(check.signature)
        passed = [c.facts for c, v in zip(cases, verdicts) if v.passed]
        try:
            diagnosis = diagnose.explain(check, cases, outcomes_, verdicts, names, passed)
            pairs = [(c, o.value, check.cases[c.base], outcomes[at[c.base]].value) for (_, c), o in zip(every, outcomes)
                     if c.probe and o.status == "ok" and c.base in at and outcomes[at[c.base]].status == "ok"]
            behaviour = tuple(diagnose.probe_findings(check, pairs))
        except Exception:  # a diagnosis is a help, never a reason for the check to fail
            diagnosis, behaviour = "", ()
    notes = tuple(dict.fromkeys(v.note for v in verdicts if v.note))
    if ignores:
        diagnosis = ignores + (" " + diagnosis[:1].upper() + diagnosis[1:] if diagnosis else "")
    return FunctionResult(check.function, hidden, score, points, tuple(results), "", diagnosis, behaviour, notes)


def trivial(cases: list, outcomes: list) -> str:
    """Why the returned values ignore the inputs (then the cases it passed earn nothing), or "".

    Trivial code earns nothing: a function that returns the same value on every case (zeros of
    the right shape, the tutorial's numbers) while the right values differ, or that returns its
    first argument unchanged where the right value is something else, passes only cases whose
    answer it happens to hold.
    """
    if len(cases) < 2 or any(o.status != "ok" for o in outcomes):
        return ""
    try:
        first = codec.plain(outcomes[0].value)
        same = all(j.judge(o.value, first, 1e-12, 1e-12).passed for o in outcomes[1:])
        differ = not all(j.judge(c.expected, cases[0].expected, 1e-9, 1e-12).passed for c in cases[1:])
        if same and differ:
            return "It returns the same value whatever the arguments, so it earns no points here."
        echo = all(c.args and j.judge(o.value, codec.plain(c.args[0]), 1e-12, 1e-12).passed for c, o in zip(cases, outcomes))
        if echo and not all(j.judge(c.args[0], c.expected, 1e-9, 1e-12).passed for c in cases if c.args):
            return "It returns its first argument unchanged, so it earns no points here."
    except Exception:  # values the comparison cannot read are judged case by case above
        return ""
    return ""


def grade_hand(part, values: dict, earlier: dict | None = None) -> FunctionResult:
    """Score a hand-worked part from the student's values {variable: value} (hidden: no values shown).

    A wrong answer that follows from the student's own wrong earlier answers by the part's
    formula (``handcalc.carried``) counts as right, with a note: one slip costs once.
    ``earlier``: {variable: right value} of the other parts' quantities the formulas use (by
    default the part's data holds them, as "right.<variable>").
    """
    formulas, data = getattr(part, "formulas", {}) or {}, getattr(part, "data", {}) or {}
    earlier = {**{k[len("right."):]: v for k, v in data.items() if k.startswith("right.")}, **(earlier or {})}
    expected_of = {**earlier, **{var: want for var, _, want in part.quantities}}
    data = {k: v for k, v in data.items() if not k.startswith("right.")}
    results = []
    for var, label, expected in part.quantities:
        value = values.get(var)
        note = ""
        if value is None or value is Ellipsis:
            verdict = j.Verdict(False, "not filled in yet")
        else:
            verdict = j.judge(value, expected, part.rtol, part.atol, part.mistakes.get(var, {}))
            follows = handcalc.carried(formulas[var], value, expected, values, data, expected_of) \
                if not verdict.passed and var in formulas else []
            if follows:
                verdict = j.Verdict(True)
                note = ("counted right: it follows correctly from your " + ", ".join(follows)
                        + " (the earlier mistake costs only where it was made: error carried forward)")
        results.append(CaseResult(f"{var}: {label}", True, verdict.passed,
                                  plain_text(verdict.reason.replace("returned", "is")),
                                  (verdict.mistakes or (None,))[0] if not note else None, note=note))
    score = round(part.points_hidden * sum(r.passed for r in results) / len(results), 4) if results else 0.0
    return FunctionResult(part.id, True, score, part.points_hidden, tuple(results))


def missing(check: Check, hidden: bool, note: str) -> FunctionResult:
    """A zero for every case, with one reason (the function is not defined, the cell failed …)."""
    cases = tuple(CaseResult(c.label, c.hidden, False, note) for c in check.cases if c.hidden == hidden and not c.probe)
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


def consistent(cases, outcomes, verdicts) -> list:
    """The verdicts without the known mistakes that fit some failed cases by coincidence: a
    mistake is named only when it fits every failed case that returned a value and on which the
    mistake's output is known (the student who made it would have returned that output there,
    and passed the cases where it equals the right value)."""
    named = dict.fromkeys(m for v in verdicts for m in v.mistakes)
    against = set()
    for case, outcome, verdict in zip(cases, outcomes, verdicts):
        if verdict.passed or outcome.status != "ok":
            continue
        recorded = {key.split("#")[0] for key in case.mistakes}
        against |= {m for m in named if m in recorded and m not in verdict.mistakes}
    if not against:
        return verdicts
    return [replace(v, mistakes=tuple(m for m in v.mistakes if m not in against)) for v in verdicts]


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
