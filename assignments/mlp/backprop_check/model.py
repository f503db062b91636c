"""Checks as data: what a function is graded on, and how a mistake is named.

A ``Check`` grades one contract function: its cases (public ones use the tutorial's own
numbers; hidden ones are seeded), the tolerance, the points, and the mistakes it can name.
A ``Case`` holds the arguments, the expected value, the stub table that makes the other
contract functions behave like the reference while this one is graded ("one mistake costs
once"), and the value each known mistake would have returned. Everything is plain data and
round-trips through JSON (``to_json``/``from_json``), which is how it travels into notebook
test cells and into the grader.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from . import codec


@dataclass(frozen=True)
class Mistake:
    """A slip the feedback recognises: a stable id and what it is, in the course's words."""
    id: str
    message: str


@dataclass(frozen=True)
class Case:
    """One call of the graded function and what it must return."""
    args: tuple                 # what the function is called with (arrays are float64 ndarrays)
    expected: object            # a plain tree: floats, codec.Flat arrays, tuples, dicts
    label: str = ""
    hidden: bool = False
    stubs: dict = field(default_factory=dict)      # {function: ((args, result), …)}
    mistakes: dict = field(default_factory=dict)   # {mistake id: what that mistake returns here}
    unchanged: tuple = ()                          # indices of arguments the call must not modify


@dataclass(frozen=True)
class Check:
    """How one contract function is graded."""
    function: str
    signature: str
    returns: str
    cases: tuple
    mistakes: tuple = ()        # Mistake catalogue: every mistake named in some case
    rtol: float = 1e-6
    atol: float = 1e-9
    points_public: float = 1.0
    points_hidden: float = 1.0

    def only(self, hidden: bool) -> "Check":
        """The same check with only its public (or only its hidden) cases."""
        return replace(self, cases=tuple(c for c in self.cases if c.hidden == hidden))

    def points(self, hidden: bool) -> float:
        return self.points_hidden if hidden else self.points_public

    def message(self, mistake_id: str) -> str:
        return next(m.message for m in self.mistakes if m.id == mistake_id)


def to_json(check: Check) -> str:
    """The check as compact JSON, one case per line (readable in a notebook cell)."""
    head = {k: getattr(check, k) for k in ("function", "signature", "returns", "rtol", "atol", "points_public", "points_hidden")}
    head["mistakes"] = [[m.id, m.message] for m in check.mistakes]
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)]
    for c in check.cases:
        lines.append(json.dumps({
            "args": codec.encode(c.args), "expected": codec.encode(c.expected), "label": c.label,
            "hidden": c.hidden, "unchanged": list(c.unchanged),
            "stubs": {k: codec.encode(v) for k, v in sorted(c.stubs.items())},
            "mistakes": {k: codec.encode(v) for k, v in sorted(c.mistakes.items())},
        }, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return "\n".join(lines)


def from_json(text: str) -> Check:
    """The inverse of ``to_json``."""
    head, *rows = [json.loads(line) for line in text.strip().splitlines()]
    cases = tuple(Case(
        args=codec.decode(r["args"]), expected=codec.decode(r["expected"], arrays=False), label=r["label"],
        hidden=r["hidden"], unchanged=tuple(r["unchanged"]),
        stubs={k: codec.decode(v) for k, v in r["stubs"].items()},
        mistakes={k: codec.decode(v, arrays=False) for k, v in r["mistakes"].items()},
    ) for r in rows)
    mistakes = tuple(Mistake(i, m) for i, m in head.pop("mistakes"))
    return Check(cases=cases, mistakes=mistakes, **head)


@dataclass(frozen=True)
class HandPart:
    """A part of the tutorial worked by hand: named quantities, each a number or a vector."""
    id: str                 # "part1" … "part6"
    title: str
    quantities: tuple       # ((variable, label, expected), …); expected: float or tuple of floats
    mistakes: dict = field(default_factory=dict)   # {variable: {mistake id: value}}
    messages: dict = field(default_factory=dict)   # {mistake id: message}
    atol: float = 1e-3      # the tutorial rounds to 3 decimals (2.855 for 2.855647…)
    rtol: float = 1e-4
    points_public: float = 0.0
    points_hidden: float = 1.0
