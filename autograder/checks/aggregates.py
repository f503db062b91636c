"""How a mean over the examples goes wrong: the right terms, put together another way (instructor side).

L(D) = (1/n) Σᵢ L(xᵢ, yᵢ), ∇L(D) = (1/n) Σᵢ ∇L(xᵢ, yᵢ), mlp's gradients = (1/n) Σᵢ (the gradient
of example i alone) + λW, a loss over the rows of F: each is a mean of per-example terms. A
slip in the loop or the reduction keeps the right terms and combines them wrongly: one term
only (the loop body run once, ``=`` where ``+=`` belongs), a running mean, the median, every
input paired with every label, each input with the next example's label, the terms squared,
the mean taken inside (the term at the mean example), one example too few or counted twice.

    values(assignment, function, args, ref) -> {near.PREFIX + label: value}

The values go with a hidden case's near misses (``near_misses``): ``autograder.student.near``
names the one a wrong answer equals on every failed case; only the label is ever shown. A
combination equal to the right value on the case is left out (one example: most of them are).
"""
from __future__ import annotations

import warnings

import numpy as np

from autograder.student import codec
from autograder.student.near import PREFIX, SKETCH_FROM, sketch


def _terms(assignment, function, args, ref):
    """(term(i, j): example i's input with example j's label, n, the right value), or None."""
    if assignment == "tutorial_net" and function in ("dataset_loss", "dataset_gradient"):
        theta, X, Y = args
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)
        one = ref.example_loss if function == "dataset_loss" else ref.example_gradient
        return (lambda i, j: np.asarray(one(theta, X[i], Y[j]), dtype=float)), len(X), getattr(ref, function)(*args)
    if assignment == "mlp" and function in ("gradients", "squared_error", "cross_entropy"):
        X, Y = (np.asarray(args[1], dtype=float), np.asarray(args[2], dtype=float)) if function == "gradients" else \
            (np.asarray(args[0], dtype=float), np.asarray(args[1], dtype=float))
        rest = list(args[3:]) if function == "gradients" else []

        def term(i, j):
            if function == "gradients":
                value = ref.gradients(args[0], X[i:i + 1], Y[j:j + 1], *rest)
            else:
                value = getattr(ref, function)(X[i:i + 1], Y[j:j + 1])
            return np.asarray(_leaves(value), dtype=float)
        return term, len(X), getattr(ref, function)(*args)
    return None


def _leaves(tree) -> list:
    return [float(x) for x in _walk(codec.plain(tree))]


def _walk(tree):
    from autograder.student import judge
    return judge.leaves(tree)


def _running(terms, start=None, by=2.0):
    m = terms[0] if start is None else start
    for t in (terms[1:] if start is None else terms):
        m = (m + t) / by
    return m


COMBINATIONS = (   # (label, f(terms, n, term)), each a mean over the examples put together another way
    ("only the first example's term: the loop returns (or stops) after its first pass, or X[0] where X belongs",
     lambda t, n, term: t[0]),
    ("only the last example's term: total = term where total = total + term belongs (each pass of the loop "
     "replaces the total: += where = is written)", lambda t, n, term: t[-1]),
    ("the last example's term divided by n: total = term where total = total + term belongs (= where += belongs)",
     lambda t, n, term: t[-1] / n),
    ("a running mean, total = (total + term)/2, where the sum of the terms divided by n belongs: it weighs the last "
     "examples most (½, ¼ …)", lambda t, n, term: _running(t)),
    ("a running mean from 0, total = (total + term)/2 at every pass, where the sum of the terms divided by n belongs: "
     "it weighs the last examples most (½, ¼ …)", lambda t, n, term: _running(t, 0.0 * t[0])),
    ("divided by n inside the loop, total = (total + term)/n at every pass, where the sum is divided once, after the "
     "loop: it weighs the examples unequally", lambda t, n, term: _running(t, 0.0 * t[0], float(n))),
    ("the sum over every pair of an input and a label divided by n (a loop over Y inside the loop over X) where each "
     "input belongs with its own label", lambda t, n, term: np.sum([term(i, j) for i in range(n) for j in range(n)], axis=0) / n),
    ("the median of the terms (np.median) where their mean belongs", lambda t, n, term: np.median(np.stack(t), axis=0)),
    ("the mean over every pair of an input and a label (a loop over Y inside the loop over X) where each input "
     "belongs with its own label", lambda t, n, term: np.mean([term(i, j) for i in range(n) for j in range(n)], axis=0)),
    ("each input with the next example's label (Y shifted by one, y[i + 1] where y[i] belongs: an index off by one)",
     lambda t, n, term: np.mean([term(i, (i + 1) % n) for i in range(n)], axis=0)),
    ("each input with the previous example's label (Y shifted by one, y[i − 1] where y[i] belongs)",
     lambda t, n, term: np.mean([term(i, (i - 1) % n) for i in range(n)], axis=0)),
    ("the mean of the terms squared (each example's term squared before the mean)", lambda t, n, term: np.mean([x * x for x in t], axis=0)),
    ("the square of the mean of the terms where the mean of the terms belongs", lambda t, n, term: np.mean(t, axis=0) ** 2),
    ("the mean over the examples but the last (the loop stops one early: range(n − 1))", lambda t, n, term: np.mean(t[:-1], axis=0)),
    ("the sum over the examples but the last, divided by n (the loop stops one early: range(n − 1))",
     lambda t, n, term: np.sum(t[:-1], axis=0) / n),
    ("the mean over the examples but the first (the loop starts at 1)", lambda t, n, term: np.mean(t[1:], axis=0)),
    ("the first example's term counted twice (the total starts from it and the loop runs over every example)",
     lambda t, n, term: (t[0] + np.sum(t, axis=0)) / n),
    ("the sum divided by n²: divided by n inside the loop and again at the end", lambda t, n, term: np.sum(t, axis=0) / n ** 2),
)


def values(assignment, function, args, ref) -> dict:
    """{PREFIX + label: value} of the combinations that differ from the right value on ``args``."""
    made = _terms(assignment, function, args, ref)
    if made is None:
        return {}
    term, n, right = made
    try:
        with np.errstate(all="ignore"):
            terms = [term(i, i) for i in range(n)]
            want = np.asarray(_leaves(right), dtype=float)
    except Exception:
        return {}
    if n < 1 or not np.allclose(np.mean(terms, axis=0), want, rtol=1e-9, atol=1e-12):
        return {}   # not a plain mean of the terms here (nothing to say)
    out = {}
    combinations = list(COMBINATIONS)
    if assignment == "tutorial_net" and function == "dataset_loss":   # the errors ŷᵢ − yᵢ themselves
        errors = [float(ref.forward(args[0], x)[2] - y) for x, y in zip(np.asarray(args[1], dtype=float), np.asarray(args[2], dtype=float))]
        combinations += [
            ("the square of the mean error, ((1/n) Σ (ŷᵢ − yᵢ))², where the mean of the squared errors (1/n) Σ (ŷᵢ − yᵢ)² "
             "belongs", lambda t, n, term: np.mean(errors) ** 2),
            ("the mean error (1/n) Σ (ŷᵢ − yᵢ), not squared", lambda t, n, term: np.mean(errors)),
            ("the mean absolute error (1/n) Σ |ŷᵢ − yᵢ| where the mean of the squared errors belongs",
             lambda t, n, term: np.mean(np.abs(errors)))]
    for label, f in combinations:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                value = np.asarray(f(terms, n, term), dtype=float).ravel()
        except Exception:
            continue
        if value.shape != want.shape or not np.all(np.isfinite(value)) or np.allclose(value, want, rtol=1e-6, atol=1e-9):
            continue
        leaves = [float(x) for x in value]
        out[PREFIX + label] = tuple(leaves) if len(leaves) <= SKETCH_FROM else sketch(leaves)
    return out
