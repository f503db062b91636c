r"""Variants of the ``mlp`` worked example: a shallow network with whole numbers, checked exactly.

The worked example of the ``mlp`` notebook is a shallow ReLU network (D = 2, d = 2 inputs,
M = 2 hidden units, K = 2 outputs) on n = 2 examples, with λ and η; the notebook writes its
forward pass, losses, backward pass, gradients, one step and two epochs out in full, and the
public cases of every function use it. A variant is another such network, drawn
deterministically from (seed, student id, attempt) by SHA-256 in counter mode (stable across
Python and NumPy versions), from the kind of numbers the original has:

    W^(1), W^(2) entries ∈ {−2, −1, 1, 2}     b^(1), b^(2) entries ∈ {−1, 0, 1}
    x entries ∈ {−2, …, 2}, the two rows different and neither all zero
    Y_reg = F + a miss of ±m in one output of each example, m ∈ {1, 2, 3} (the same m for both)
    Y_cls one-hot, a class per example       λ ∈ {0.1, 0.2}       η ∈ {0.05, 0.1, 0.2}

Every answer is then derived EXACTLY with sympy (``mlp_answers``: the forward pass in rational
arithmetic, every δ and gradient by ``reference.symbolic.mlp_exact``, i.e. sympy
differentiation of the network, never the backprop recursion), and the variant is kept only
if it keeps every rule (``broken`` lists the ones it breaks):

    hand-sized      A^(1), A^(2), Δ^(1), Δ^(2) and the regression gradients at most 20 in size;
                    every regression answer of parts 3–6 (gradients, the step) terminates
                    within 4 decimals
    mask matters    some unit is switched off (a^(1) < 0) and at least two are on, and the
                    switched-off unit would pass a gradient back (its Δ^(2) W^(2) entry ≠ 0)
    no kink         no a^(1) exactly 0, before or after the step
    overshoot       η lowers the regression objective in the first step and raises it in the
                    second; η/2 lowers it at every step of five (the notebook shows both)
    text            every sentence the notebook states about the example holds
                    (``mlp_text.worked_numbers`` and ``mlp_text.worked`` check them)
    reference       the NumPy reference gives the same numbers (float64) as sympy

Otherwise the next attempt is drawn. The cheap float rules are tried first; sympy runs on
the draws that pass them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import sympy

from autograder.generate import decimals
from autograder.generate.draws import Draw
from reference import mlp as ref

ASSIGNMENT = "mlp"
WEIGHTS, BIASES, XS = (-2, -1, 1, 2), (-1, 0, 1), (-2, -1, 0, 1, 2)
MISSES = (1, 2, 3)
LAMS = (Fraction(1, 10), Fraction(1, 5))
ETAS = (Fraction(1, 20), Fraction(1, 10), Fraction(1, 5))
MAX_PLACES, MAX_SIZE = 4, 20
MAX_ATTEMPTS = 20_000
ACTIVATION = "relu"


class NoVariant(RuntimeError):
    """No attempt kept the rules (should not happen with the space above)."""


@dataclass(frozen=True)
class Variant:
    """A worked network (exact Fractions) and every answer (exact sympy numbers)."""
    seed: int
    student: str | None
    attempt: int
    params: tuple          # ((W1, b1), (W2, b2)), nested tuples of Fractions
    X: tuple               # n rows of d
    Y_regression: tuple    # n rows of K
    Y_classification: tuple
    lam: Fraction
    eta: Fraction
    answers: dict = field(compare=False, repr=False)   # mlp_answers' dict

    def worked(self) -> dict:
        """The checks' worked dict (float64 arrays, like ``autograder.checks.mlp.WORKED``)."""
        return worked_dict(self.params, self.X, self.Y_regression, self.Y_classification, self.lam, self.eta)


def worked_dict(params, X, Y_reg, Y_cls, lam, eta) -> dict:
    arr = lambda v: np.array([[float(x) for x in row] for row in v]) if isinstance(v[0], (tuple, list)) \
        else np.array([float(x) for x in v])  # noqa: E731
    return {"params": [(arr(W), arr(b)) for W, b in params], "X": arr(X), "Y_regression": arr(Y_reg),
            "Y_classification": arr(Y_cls), "activation": ACTIVATION, "lam": float(lam), "eta": float(eta)}


def candidate(seed: int, student: str | None, attempt: int) -> tuple:
    """(params, X, Y_reg, Y_cls, λ, η) of draw ``attempt`` for (seed, student), as Fractions."""
    d = Draw(ASSIGNMENT, int(seed), student, int(attempt))
    W1, W2 = d.matrix(WEIGHTS, 2, 2), d.matrix(WEIGHTS, 2, 2)
    b1, b2 = d.matrix(BIASES, 1, 2)[0], d.matrix(BIASES, 1, 2)[0]
    X = d.matrix(XS, 2, 2)
    miss = d.choice(MISSES)
    A2 = _forward_int(((W1, b1), (W2, b2)), X)
    Y_reg = []
    for row in A2:
        k, sign = d.choice((0, 1)), d.choice((-1, 1))
        Y_reg.append(tuple(Fraction(v - sign * miss) if j == k else Fraction(v) for j, v in enumerate(row)))
    Y_cls = tuple(tuple(Fraction(int(j == c)) for j in range(2)) for c in (d.choice((0, 1)), d.choice((0, 1))))
    return ((W1, b1), (W2, b2)), X, tuple(Y_reg), Y_cls, d.choice(LAMS), d.choice(ETAS)


def _forward_int(params, X) -> list:
    """A^(2) of a ReLU network in exact arithmetic (only to place the targets)."""
    Z = [list(x) for x in X]
    for h, (W, b) in enumerate(params):
        A = [[sum((w * z for w, z in zip(Wk, row)), Fraction(0)) + bk for Wk, bk in zip(W, b)] for row in Z]
        Z = A if h == len(params) - 1 else [[max(a, Fraction(0)) for a in row] for row in A]
    return Z


# ----- the rules -----------------------------------------------------------------------------

def float_rules(worked: dict) -> list:
    """The rules checked in float64 with the NumPy reference (cheap: tried on every draw)."""
    from autograder.notebooks import mlp_text

    out = []
    params, X, act = worked["params"], worked["X"], worked["activation"]
    X_rows = [tuple(r) for r in X]
    if len(set(X_rows)) < len(X_rows) or any(not any(r) for r in X_rows):
        out.append("hand-sized")
    F, cache = ref.forward(params, X, act, "regression")
    A1 = cache["A"][0]
    deltas = ref.backward(params, cache, worked["Y_regression"], act)
    grads = ref.gradients(params, X, worked["Y_regression"], act, "regression", worked["lam"])
    sizes = [A1, F, *deltas, *(g for pair in grads for g in pair)]
    if max(float(np.max(np.abs(s))) for s in sizes) > MAX_SIZE:
        out.append("hand-sized")
    if np.any(A1 == 0):
        out.append("no kink")
    back = deltas[1] @ params[1][0]
    if not (np.any(A1 < 0) and np.sum(A1 > 0) >= 2 and np.any(back[A1 < 0] != 0)):
        out.append("mask matters")
    stepped = ref.gd_update(params, grads, worked["eta"])
    _, cache_next = ref.forward(stepped, X, act, "regression")
    if np.any(cache_next["A"][0] == 0):
        out.append("no kink")
    _, losses = ref.train(params, X, worked["Y_regression"], act, "regression", worked["eta"], worked["lam"], 2)
    _, small = ref.train(params, X, worked["Y_regression"], act, "regression", worked["eta"] / 2, worked["lam"], 5)
    if not (losses[1] < losses[0] < losses[2] and np.all(np.diff(small) < 0)):
        out.append("overshoot")
    if not out:
        try:
            numbers = mlp_text.worked_numbers(worked)
            mlp_text.worked(numbers)
            for part_id, heading, _ in mlp_text.PARTS:
                mlp_text.part_text(part_id, heading, numbers)
        except (AssertionError, IndexError, ValueError):
            out.append("text")
    return list(dict.fromkeys(out))


def broken(v: Variant) -> list:
    """The rules ``v`` breaks (see the module's docstring); [] when it keeps them all."""
    out = float_rules(v.worked())
    reg = v.answers["regression"]
    hand = [reg[k] for k in ("A", "Z", "F", "deltas", "example_gradients", "gradients", "params_next")]
    if any(decimals.places(n) is None or decimals.places(n) > MAX_PLACES for n in _numbers(hand)):
        out.append("hand-sized")
    if any(not _rational(n) or decimals.places(n) is None for n in _numbers(reg)):
        out.append("terminating")
    if not agrees_with_reference(v):
        out.append("reference")
    return list(dict.fromkeys(out))


def _rational(n) -> bool:
    return isinstance(n, (int, Fraction)) or (isinstance(n, sympy.Basic) and n.is_Rational)


# ----- the answers, by sympy -----------------------------------------------------------------

def mlp_answers(params, X, Y_reg, Y_cls, lam, eta) -> dict:
    """Every number of the worked example, exactly: {"regression": {...}, "classification": {...}}.

    Per task: "A" [A^(1), A^(2)] and "Z" [Z^(1)] (n rows, exact rational arithmetic), "F",
    "loss" (L_S), "example_losses" (ℓ_i, by sympy), "penalty" (Σ‖W‖²), "objective" (L_S + λ/2 Σ‖W‖²), "deltas" [Δ^(1), Δ^(2)]
    (row i = ∂ℓ_i/∂b^(h) of example i alone, by sympy), "example_gradients" (per example,
    [[dW1, db1], [dW2, db2]] of ℓ_i, by sympy), "gradients" (the batch's, with λW, by sympy);
    for regression also "params_next" (one step θ − η g), "objective_next" and "losses"
    (the objective before and after each of two steps, as ``train`` records them).
    """
    lam, eta = sympy.Rational(lam), sympy.Rational(eta)
    P = [(_matrix(W), _matrix([b])) for W, b in params]
    Xm = _matrix(X)
    out = {}
    for task, Y in (("regression", Y_reg), ("classification", Y_cls)):
        A, Z = [], [Xm]
        for h, (W, b) in enumerate(P):
            a = Z[-1] * W.T + sympy.ones(Xm.rows, 1) * b
            A.append(a)
            if h < len(P) - 1:
                Z.append(a.applyfunc(lambda v: v if v > 0 else sympy.S.Zero))
        F = A[-1] if task == "regression" else _softmax_rows(A[-1])
        objective, grads = mlp_exact(params, X, Y, task, lam)
        penalty = sum((sum(x ** 2 for x in W) for W, _ in P), sympy.S.Zero)
        per_example = [mlp_exact(params, [x], [y], task, 0) for x, y in zip(X, Y)]
        answers = {
            "A": [_rows(a) for a in A], "Z": [_rows(z) for z in Z[1:]], "F": _rows(F),
            "loss": _clean(objective - lam / 2 * penalty), "penalty": penalty, "objective": objective,
            "example_losses": [loss for loss, _ in per_example],
            "deltas": [[list(g[h][1]) for _, g in per_example] for h in range(len(P))],
            "example_gradients": [[[_rows(dW), list(db)] for dW, db in g] for _, g in per_example],
            "gradients": [[_rows(dW), list(db)] for dW, db in grads],
        }
        if task == "regression":
            nxt = [(_np(W) - eta * dW, _np(b) - eta * db) for (W, b), (dW, db) in zip(params, grads)]
            nxt2 = _step(nxt, X, Y, task, lam, eta)
            answers["params_next"] = [[_rows(W), list(b)] for W, b in nxt]
            answers["objective_next"] = mlp_exact(nxt, X, Y, task, lam)[0]
            answers["losses"] = [objective, answers["objective_next"], mlp_exact(nxt2, X, Y, task, lam)[0]]
        out[task] = answers
    return out


def mlp_exact(params, X, Y, task, lam):
    from reference.symbolic import mlp_exact as exact

    objective, grads = exact(_np_params(params), _np(X), _np(Y), ACTIVATION, task, lam)
    return _clean(objective), [(_clean_array(dW), _clean_array(db)) for dW, db in grads]


def _step(params, X, Y, task, lam, eta):
    _, grads = mlp_exact(params, X, Y, task, lam)
    return [(W - eta * dW, b - eta * db) for (W, b), (dW, db) in zip(params, grads)]


def _np(v) -> np.ndarray:
    """Exact numbers (Fractions, sympy) as a NumPy object array of sympy Rationals."""
    if isinstance(v, np.ndarray):
        return v
    return np.array(decimals.tree(v, sympy.Rational), dtype=object)


def _np_params(params):
    return [(_np(W), _np(b)) for W, b in params]


def _clean(expr):
    """Rationals stay Rationals; irrational values are simplified for print."""
    expr = sympy.sympify(expr)
    return expr if expr.is_Rational else sympy.simplify(expr)


def _clean_array(a) -> np.ndarray:
    return np.array([_clean(x) for x in np.ravel(a)], dtype=object).reshape(np.shape(a))


def _matrix(rows) -> sympy.Matrix:
    return sympy.Matrix([[sympy.Rational(x) for x in row] for row in rows])


def _softmax_rows(A: sympy.Matrix) -> sympy.Matrix:
    """softmax of each row, exactly: e^(a_k − max) / Σ_j e^(a_j − max)."""
    rows = []
    for i in range(A.rows):
        top = max(A.row(i))
        e = [sympy.exp(a - top) for a in A.row(i)]
        rows.append([sympy.simplify(v / sum(e)) for v in e])
    return sympy.Matrix(rows)


def _rows(M) -> list:
    M = sympy.Matrix(M) if not isinstance(M, sympy.Matrix) else M
    return [[M[i, j] for j in range(M.cols)] for i in range(M.rows)]


def _numbers(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _numbers(v)
    else:
        yield value


# ----- against the NumPy reference ------------------------------------------------------------

def reference_answers(worked: dict) -> dict:
    """The same quantities as ``mlp_answers`` (same nesting), by the NumPy reference, in float64."""
    params, X, act, lam, eta = worked["params"], worked["X"], worked["activation"], worked["lam"], worked["eta"]
    out = {}
    for task, Y in (("regression", worked["Y_regression"]), ("classification", worked["Y_classification"])):
        F, cache = ref.forward(params, X, act, task)
        deltas = ref.backward(params, cache, Y, act)
        grads = ref.gradients(params, X, Y, act, task, lam)
        penalty = sum(float(np.sum(W ** 2)) for W, _ in params)
        loss = ref.squared_error(F, Y) if task == "regression" else ref.cross_entropy(F, Y)
        per_example = [ref.gradients(params, X[i:i + 1], Y[i:i + 1], act, task, 0.0) for i in range(len(X))]
        answers = {
            "A": [a.tolist() for a in cache["A"]], "Z": [z.tolist() for z in cache["Z"][1:]], "F": F.tolist(),
            "loss": loss, "penalty": penalty, "objective": loss + lam / 2 * penalty,
            "example_losses": [float(ref.squared_error(F[i:i + 1], Y[i:i + 1]) if task == "regression"
                                     else ref.cross_entropy(F[i:i + 1], Y[i:i + 1])) for i in range(len(X))],
            "deltas": [d.tolist() for d in deltas],
            "example_gradients": [[[dW.tolist(), db.tolist()] for dW, db in g] for g in per_example],
            "gradients": [[dW.tolist(), db.tolist()] for dW, db in grads],
        }
        if task == "regression":
            nxt, losses = ref.train(params, X, Y, act, task, eta, lam, 2)
            one = ref.gd_update(params, grads, eta)
            answers["params_next"] = [[W.tolist(), b.tolist()] for W, b in one]
            answers["objective_next"] = losses[1]
            answers["losses"] = list(losses)
        out[task] = answers
    return out


def agrees_with_reference(v: Variant, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Do the NumPy reference's float64 values on v's data equal the exact answers?"""
    want = [float(sympy.N(n, 30)) for n in _numbers(v.answers)]
    got = [float(n) for n in _numbers(reference_answers(v.worked()))]
    return len(want) == len(got) and bool(np.allclose(got, want, rtol=rtol, atol=atol))


# ----- drawing --------------------------------------------------------------------------------

def derive(seed, student, attempt, params, X, Y_reg, Y_cls, lam, eta) -> Variant:
    return Variant(seed, student, attempt, params, X, Y_reg, Y_cls, lam, eta,
                   mlp_answers(params, X, Y_reg, Y_cls, lam, eta))


def first_valid(seed: int, student: str | None = None, start: int = 0) -> Variant:
    """The first draw from ``start`` on that keeps every rule."""
    for attempt in range(start, start + MAX_ATTEMPTS):
        drawn = candidate(seed, student, attempt)
        if float_rules(worked_dict(*drawn)):
            continue
        v = derive(seed, student, attempt, *drawn)
        if not broken(v):
            return v
    raise NoVariant(f"no mlp variant kept the rules in {MAX_ATTEMPTS} draws (seed {seed}, student {student!r})")
