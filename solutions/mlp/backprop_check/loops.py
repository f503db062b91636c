"""What a wrong sequence (the losses of a GD run) or a wrong step has in common with the right one.

A loop's slip shows in the sequence it records: the losses agree for a while and then part
(the first steps right, a later one not), each entry is a running mean or a running total of
the right ones, or some entries hold the right losses of other steps (the loss after training
written first). A gradient step θ − η·grad that goes wrong often still moves θ along −grad,
by a length of its own: normalised by ‖grad‖, η² for η, or by the same amount in every entry
(a number, such as the loss, where the gradient vector belongs). ``sequence`` and ``step``
say so, true on every item, with no number of a case. Standard library only.
"""
from __future__ import annotations

import math

from .relations import same


STEPS = "the first steps are right and a later one is not"   # in what ``sequence`` says of a run that parts
END_POINTS = ("θ after the steps", "the trained params")
FOLLOWS = "it follows from the same steps"


def sequence(items, steps_right=False) -> str:
    """items: [(got, right, raw)] as lists of floats (one sequence per failed case);
    ``steps_right``: the run's end point (θ, the params) is right on every item."""
    if not items or not all(len(g) == len(e) and len(e) >= 2 for g, e, _ in items):
        return ""
    if steps_right and all(same(g[:1], e[:1]) or True for g, e, _ in items) and not _held(items) and \
            not all(same(g, _running_mean(e)) or same(g, _running_total(e)) for g, e, _ in items):
        return ("the steps are right (the end point is) but what it records is not the loss of each step: after each "
                "step record L(D) of the current θ (dataset_loss, the objective), not another quantity")
    if all(same(g, _running_mean(e)) for g, e, _ in items):
        return ("each entry is the mean of the right losses up to that step (a running average), where each step's own "
                "loss belongs")
    if all(same(g, _running_total(e)) for g, e, _ in items):
        return "each entry is the sum of the right losses up to that step (a running total), where each step's own loss belongs"
    if all(same(g, e[::-1]) for g, e, _ in items):
        return "it holds the right entries in reverse order (the last step first)"
    held = _held(items)
    if held:
        return held
    agree = [_prefix(g, e) for g, e, _ in items]
    if all(0 < k < len(e) for k, (_, e, _) in zip(agree, items)):
        if all(k == 1 for k in agree):
            return ("its first entry (the loss before any step) is right and every later one is not: each step is off "
                    "from the first one on (the step itself: η, the gradient used, or θ not carried from step to step)")
        return ("its first entries agree with the right ones and then it parts from them: " + STEPS + ": something "
                "changes from step to step where it should not (is η changed inside the loop: a decay or a schedule? "
                "is the gradient recomputed at each step from the current θ, and not added to the last step's (accumulated, never reset)?)")
    return ""


def _running_mean(e):
    out, total = [], 0.0
    for k, x in enumerate(e):
        total += x
        out.append(total / (k + 1))
    return out


def _running_total(e):
    out, total = [], 0.0
    for x in e:
        total += x
        out.append(total)
    return out


def _prefix(g, e) -> int:
    k = 0
    while k < len(e) and same([g[k]], [e[k]]):
        k += 1
    return k


def _held(items) -> str:
    """Wrong entries that hold the right entries of other steps, the same ones on every item."""
    said = None
    for g, e, _ in items:
        moved = []
        for k, (x, want) in enumerate(zip(g, e)):
            if same([x], [want]):
                continue
            others = [m for m, y in enumerate(e) if m != k and same([x], [y])]
            if len(others) != 1:
                return ""
            moved.append((k, others[0], len(e)))
        words = tuple(_where(k, m, n) for k, m, n in moved)
        if not words or (said is not None and words != said):
            return ""
        said = words
    return "; ".join(said) + " (the others are right)" if said else ""


def _where(k, m, n) -> str:
    at = "the first entry" if k == 0 else "the last entry" if k == n - 1 else f"entry {k}"
    of = "the last one (after the last step)" if m == n - 1 else "the first one (before any step)" if m == 0 else f"entry {m}"
    return f"{at} holds the right value of {of}"


def step(items, args) -> str:
    """gd_step: items [(got, right, raw)]; args [{"theta": values, "grad": values, "eta": [η]}]."""
    if not items or not all({"theta", "grad"} <= set(a) and len(a["theta"]) == len(g) == len(a["grad"]) for (g, _, _), a in zip(items, args)):
        return ""
    ratios = []
    for (g, _, _), a in zip(items, args):
        moves = [x - t for x, t in zip(g, a["theta"])]
        if all(abs(d) < 1e-12 for d in a["grad"]):
            return ""
        if len({round(m, 9) for m in moves}) == 1 and len({round(d, 9) for d in a["grad"]}) > 1:
            ratios.append(None)
            continue
        r = [m / d for m, d in zip(moves, a["grad"]) if abs(d) > 1e-12]
        if not r or any(abs(x - r[0]) > 1e-6 * max(1.0, abs(r[0])) for x in r) or \
                any(abs(m) > 1e-9 for m, d in zip(moves, a["grad"]) if abs(d) <= 1e-12):
            return ""
        eta = (a.get("eta") or [math.nan])[0]
        norm = math.sqrt(sum(d * d for d in a["grad"]))
        ratios.append((r[0], eta, norm))
    if all(r is None for r in ratios):
        return ("every entry of θ moves by the same amount: one number where the gradient vector belongs in θ − η·grad "
                "(the loss L(D), or a sum of the gradient's entries, in place of ∇θ L(D))")
    if any(r is None for r in ratios):
        return ""
    for words, f in (("θ − η·grad/‖grad‖: the step is normalised to length η (divided by the gradient's norm)", lambda eta, norm: -eta / norm),
                     ("θ − η·‖grad‖·grad: the step is scaled by the gradient's norm", lambda eta, norm: -eta * norm),
                     ("θ − η²·grad: η applied twice", lambda eta, norm: -eta * eta),
                     ("θ + η·grad: a step up the gradient (ascent), where θ − η·grad goes down", lambda eta, norm: eta),
                     ("θ − grad: η is missing", lambda eta, norm: -1.0)):
        if all(math.isfinite(eta) and abs(r - f(eta, norm)) <= 1e-6 * max(1.0, abs(r)) for r, eta, norm in ratios):
            return f"it moves θ along the gradient by another length: {words}"
    if all(r < 0 for r, _, _ in ratios):
        return "it moves θ along −grad, but by another length than η·grad (the step's size is wrong, its direction right)"
    return ""


def moved_alike(items, starts) -> str:
    """A GD run whose every weight moved by the same amount: items [(got, right, raw)] of θ after
    the run, ``starts`` the θ each run began from (lists of floats)."""
    if not items or len(starts) != len(items):
        return ""
    for (g, e, _), s in zip(items, starts):
        if len(g) != len(s) or len(g) < 2:
            return ""
        moves, right = [x - t for x, t in zip(g, s)], [x - t for x, t in zip(e, s)]
        if len({round(m, 9) for m in moves}) != 1 or len({round(m, 9) for m in right}) == 1 or abs(moves[0]) < 1e-12:
            return ""
    return ("every weight moved by the same amount over the run: one number where the gradient vector belongs in "
            "θ − η·∇θ L(D) (the loss L(D) itself, or a sum of the gradient's entries)")
