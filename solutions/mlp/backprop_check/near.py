"""Which near miss of the right function a wrong answer is (used by ``diagnose``).

A hidden case may carry, among its related values, the values of the right function's
near misses: the same code with one thing changed (an operator, a name, an index, a line
left out of a loop …), each labelled ``PREFIX + "<the changed line> where <the right line>
belongs"`` in the course's notation (made on the instructor side, ``autograder.checks.near_misses``).
A wrong answer that equals one of them on every failed case is that slip. Only the label is
ever shown, never a value. Standard library only.
"""
from __future__ import annotations

import math
import re

from .relations import same, values

PREFIX = "near miss: "
RAISES = "near miss raises: "     # the error a near miss raises on the case, "ValueError: shapes (2,2) and …"


SKETCH = "sketch"     # a large near miss travels as ("sketch", n, x₀, x₁, x_last, Σx, Σx², Σ(i+1)·x_i/n, Σ|x|)
SKETCH_FROM = 8       # leaves; smaller values travel whole


def sketch(leaves: list) -> tuple:
    """The summary a near miss of more than SKETCH_FROM numbers travels as (a fingerprint: two
    values that agree entry by entry agree here; two that differ almost never do)."""
    n = len(leaves)
    return (SKETCH, float(n), leaves[0], leaves[1], leaves[-1], math.fsum(leaves), math.fsum(x * x for x in leaves),
            math.fsum((i + 1) * x for i, x in enumerate(leaves)) / n, math.fsum(abs(x) for x in leaves))


def matches(got: list, value) -> bool:
    """``got`` (a list of floats) is the near miss ``value`` (its leaves, or its sketch)."""
    if isinstance(value, tuple) and value and value[0] == SKETCH:
        if len(got) != int(value[1]) or len(got) <= SKETCH_FROM:
            return False
        mine = sketch(got)
        if not all(math.isfinite(x) for x in mine[2:]):
            return False
        size, square = max(mine[8], value[8]), max(mine[6], value[6])
        # the first and last entries as the judge compares them; the sums within what float32
        # rounding of every entry can move them (one entry off by 1e-4 of its size moves them more)
        ends = all(abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 1e-9 for a, b in zip(mine[2:5], value[2:5]))
        return ends and all(abs(a - b) <= 2e-7 * scale + 1e-12
                            for a, b, scale in zip(mine[5:], value[5:], (size, 2 * square, size, size)))
    return same(got, values(value), 1e-6, 1e-9)


def split(related: dict) -> tuple:
    """(the other related values, the near misses' values) of one case."""
    near = {k: v for k, v in related.items() if k.startswith(PREFIX)}
    return {k: v for k, v in related.items() if k not in near and not k.startswith(RAISES)}, near


def error_text(reason: str) -> str:
    """An outcome's reason ("raised ValueError: … (line 12)") as a near miss's error is written."""
    text = reason.removeprefix("raised ").splitlines()[0] if reason else ""
    return re.sub(r" \(line \d+\)$", "", text)[:200]


def explain_outcomes(related: list, outcomes: list, plain) -> str:
    """The near miss that does what the function did on every failed case, some of which raised:
    the same error (type and message, shapes and all) where it raised, the same value elsewhere.
    ``outcomes``: (status, value, reason) per failed case; ``plain``: reads a returned value."""
    if not related or not all(related):
        return ""
    labels = list(dict.fromkeys(k[len(PREFIX):] if k.startswith(PREFIX) else k[len(RAISES):]
                                for k in related[0] if k.startswith((PREFIX, RAISES))))
    hits = []
    for label in labels:
        for r, (status, value, reason) in zip(related, outcomes):
            if status == "raised":
                if r.get(RAISES + label) != error_text(reason) or not error_text(reason):
                    break
            elif status == "ok" and PREFIX + label in r:
                try:
                    if not matches(values(plain(value)), r[PREFIX + label]):
                        break
                except Exception:
                    break
            else:
                break
        else:
            hits.append(label)
    hits = list(dict.fromkeys(hits))
    if not hits or (len(outcomes) == 1 and len(hits) > 1):
        return ""
    text = f"it is what the right computation gives with one change, the same error included: {hits[0]}"
    if len(hits) > 1:
        text += f" (or, the same on these cases: {hits[1]})"
    return text


def explain(got: list, nears: list) -> str:
    """The near miss equal to ``got[i]`` (a list of floats) on every item i, or "".

    On a single failed case only a near miss that no other one matches there is named (two
    variants agreeing on one case is a coincidence the second case would settle)."""
    if not got or not nears or not all(nears):
        return ""
    labels = [label for label in nears[0] if all(label in n for n in nears)]
    hits = [label for label in labels
            if all(matches(g, n[label]) for g, n in zip(got, nears))]
    if not hits or (len(got) == 1 and len({h for h in hits}) > 1):
        return ""
    words = list(dict.fromkeys(label[len(PREFIX):] for label in hits))
    text = f"it is what the right computation gives with one change: {words[0]}"
    if len(words) > 1:
        text += f" (or, the same on these cases: {words[1]})"
    return text
