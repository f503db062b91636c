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
    related: dict = field(default_factory=dict)    # {what, in the course's words: its right value here} (diagnosis)
    facts: dict = field(default_factory=dict)      # {name: number} of this case, e.g. {"n": 3, "w3": 1.0} (diagnosis)
    probe: bool = False                            # run to see how the function responds, never scored
    base: int = -1                                 # a probe: the index (in the check's cases) of the call it varies
    varies: str = ""                               # a probe: what it changes, in the course's words


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
    names: tuple = ()           # the returned value's parts in the course's words, e.g. ("z(x)", "h(x)", "ŷ(x)")

    def only(self, hidden: bool) -> "Check":
        """The same check with only its public (or only its hidden) cases."""
        """Probes are kept with the hidden cases (their ``base`` indices renumbered)."""
        keep = [i for i, c in enumerate(self.cases) if c.hidden == hidden]
        where = {i: k for k, i in enumerate(keep)}
        return replace(self, cases=tuple(replace(self.cases[i], base=where.get(self.cases[i].base, -1))
                                         if self.cases[i].probe else self.cases[i] for i in keep))

    def scored(self, hidden: bool) -> tuple:
        """The cases of one visibility that earn points (not the probes)."""
        return tuple(c for c in self.cases if c.hidden == hidden and not c.probe)

    def points(self, hidden: bool) -> float:
        return self.points_hidden if hidden else self.points_public

    def message(self, mistake_id: str) -> str:
        return next(m.message for m in self.mistakes if m.id == mistake_id)


def to_json(check: Check, lists: bool = True) -> str:
    """The check as compact JSON, one case per line (readable in a notebook cell). The arguments
    and stub tables keep their lists (``codec.encode(..., lists=True)``: a student's function is
    called with the list the contract promises, not a tuple); ``lists=False`` writes them as
    before (the releases' fingerprints are taken that way, so that they do not change)."""
    head = {k: getattr(check, k) for k in ("function", "signature", "returns", "rtol", "atol", "points_public", "points_hidden")}
    if check.names:
        head["names"] = list(check.names)
    head["mistakes"] = [[m.id, m.message] for m in check.mistakes]
    lines = [json.dumps(head, ensure_ascii=False, sort_keys=True)]
    for c in check.cases:
        row = {
            "args": codec.encode(c.args, lists), "expected": codec.encode(c.expected), "label": c.label,
            "hidden": c.hidden, "unchanged": list(c.unchanged),
            "stubs": {k: codec.encode(v, lists) for k, v in sorted(c.stubs.items())},
            "mistakes": {k: codec.encode(v) for k, v in sorted(c.mistakes.items())},
        }
        if c.related or c.facts:
            row["related"] = {k: codec.encode(v) for k, v in c.related.items()}
            row["facts"] = {k: float(v) for k, v in c.facts.items()}
        if c.probe:
            row.update(probe=True, base=c.base, varies=c.varies)
        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    return "\n".join(lines)


def from_json(text: str) -> Check:
    """The inverse of ``to_json``."""
    head, *rows = [json.loads(line) for line in text.strip().splitlines()]
    cases = tuple(Case(
        args=codec.decode(r["args"]), expected=codec.decode(r["expected"], arrays=False), label=r["label"],
        hidden=r["hidden"], unchanged=tuple(r["unchanged"]),
        stubs={k: codec.decode(v) for k, v in r["stubs"].items()},
        mistakes={k: codec.decode(v, arrays=False) for k, v in r["mistakes"].items()},
        related={k: codec.decode(v, arrays=False) for k, v in r.get("related", {}).items()},
        facts=dict(r.get("facts", {})), probe=bool(r.get("probe", False)), base=int(r.get("base", -1)),
        varies=str(r.get("varies", "")),
    ) for r in rows)
    mistakes = tuple(Mistake(i, m) for i, m in head.pop("mistakes"))
    head["names"] = tuple(head.get("names", ()))
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
    data: dict = field(default_factory=dict)       # hidden data only: {name: number or tuple} the formulas use
    formulas: dict = field(default_factory=dict)   # hidden data only: {variable: expression over earlier answers and data}
