r"""The tutorial network (course spec, part A) in exact rational arithmetic, derived by sympy.

For an input x = (x[0], x[1]), a target y and parameters θ = (w0, w1, w2, w3, w4):

    z(x)    = w0·x[0] + w1·x[1] + w2
    h(x)    = g(z(x)),  g = ReLU = Piecewise((z, z > 0), (0, True))
    ŷ(x)    = w3·h(x) + w4
    L(x, y) = (ŷ(x) − y)²,      L(D) = (1/n) Σ_i L(x_i, y_i)

The network is written once with sympy symbols w0..w4, x0, x1, y, and every derivative is
``sympy.diff`` of L:

    δ_ŷ = ∂L/∂ŷ,   δ_h = ∂L/∂z,   ∇θ L(x, y) = (∂L/∂w0, …, ∂L/∂w4)

ReLU is a Piecewise with the strict condition z > 0, so its derivative is
Piecewise((1, z > 0), (0, True)): g'(0) = 0, the course's convention (sympy's own
Heaviside(0) would be 1/2). The diff-derived values are then compared, exactly, with the
tutorial's chain rule

    δ_ŷ = 2(ŷ − y),   δ_h = δ_ŷ·w3·g'(z),   ∇θ L = (δ_h·x[0], δ_h·x[1], δ_h, δ_ŷ·h, δ_ŷ)

and a mismatch raises ValueError: each call is a proof, on its numbers, that the tutorial's
formulas are the derivative of its loss. One gradient-descent step θ ← θ − η ∇θ L(D) follows.

Numbers become exact rationals by :func:`exact`. The symbolic work (building, differentiating,
common-subexpression elimination, ``lambdify``) happens once per process; a call only evaluates
the generated code on :class:`fractions.Fraction` values, so it stays exact and fast.
"""
from __future__ import annotations

import functools
import math
import numbers
from decimal import Decimal
from fractions import Fraction

import numpy as np
import sympy

__all__ = ["TUTORIAL_DATA", "exact", "relu", "to_float", "tutorial_exact"]

# Per example, in data order.
_PER_EXAMPLE = ("z", "h", "y_hat", "example_loss", "delta_yhat", "delta_h")


def relu(a: sympy.Expr) -> sympy.Expr:
    """ReLU(a) = Piecewise((a, a > 0), (0, True)); sympy.diff of it is 0 at a = 0."""
    return sympy.Piecewise((a, a > 0), (0, True))


def exact(value, name: str = "value", rational: bool = True) -> sympy.Expr:
    """``value`` as an exact sympy number.

    The rule: int, Fraction, sympy Rational → that rational; str and Decimal → the rational
    they spell ("1.3" and "13/10" → 13/10); a float → the shortest decimal that round-trips to
    it, Rational(repr(x)), so 1.3 → 13/10 and 0.01 → 1/100 (the decimal the author typed, not
    the binary value 5854679515581645/4503599627370496); a NumPy float → its own shortest
    decimal, str(x). With ``rational=False`` other exact sympy numbers (√2, e) pass as they
    are. Anything else, NaN or ±inf raises ValueError naming ``name``.
    """
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    if isinstance(value, sympy.Basic):
        number = _sympy_number(value)
    elif isinstance(value, numbers.Integral):
        number = sympy.Integer(int(value))
    elif isinstance(value, Fraction):
        number = sympy.Rational(value.numerator, value.denominator)
    elif isinstance(value, (float, np.floating, Decimal)):
        if not math.isfinite(value):
            raise ValueError(f"{name}: expected a finite number, got {value!r}")
        text = repr(float(value)) if type(value) is float else str(value)
        number = sympy.Rational(text)
    elif isinstance(value, str):
        try:
            number = sympy.Rational(value.strip())
        except (TypeError, ValueError, SyntaxError):
            raise ValueError(f"{name}: expected a number, got the string {value!r}") from None
    else:
        raise ValueError(f"{name}: expected a number, got {type(value).__name__}")
    if rational and not isinstance(number, sympy.Rational):
        raise ValueError(f"{name}: expected a rational number, got {number}")
    return number


def _sympy_number(value: sympy.Basic) -> sympy.Expr:
    if isinstance(value, sympy.Float):
        return sympy.Rational(str(value))
    if isinstance(value, sympy.Expr) and value.is_number and value.is_finite and value.is_real:
        return value
    raise ValueError(f"expected a finite real number, got {value}")


def to_float(value):
    """The same nesting with every exact number a Python float.

    dict → dict, list → list, tuple → tuple, NumPy object array → float64 array of its
    shape; a sympy number or Fraction → float.
    """
    if isinstance(value, dict):
        return {key: to_float(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(to_float(item) for item in value)
    if isinstance(value, np.ndarray):
        return np.array([to_float(item) for item in value.ravel()], dtype=np.float64).reshape(value.shape)
    return float(value)


def _spec_data() -> dict:
    q = sympy.Rational
    return {
        "theta": (q(1), q(1), q(0), q(1), q(0)),
        "X": ((q(2), q(1)), (q(-3), q(2))),
        "Y": (q("1.3"), q("1.9")),
        "eta": q("0.01"),
    }


#: The tutorial's data (spec part A) as exact Rationals: θ (5,), X (2, 2), Y (2,), η.
TUTORIAL_DATA = _spec_data()


@functools.cache
def _kernel():
    """(z, h, ŷ, L, δ_ŷ, δ_h, ∂L/∂w0 … ∂L/∂w4) of (w, x0, x1, y), built and differentiated once."""
    w = sympy.symbols("w0:5")
    x0, x1, y, y_hat_, z_ = sympy.symbols("x0 x1 y yhat z")
    z = w[0] * x0 + w[1] * x1 + w[2]
    h = relu(z)
    y_hat = w[3] * h + w[4]
    loss = (y_hat - y) ** 2
    delta_yhat = sympy.diff((y_hat_ - y) ** 2, y_hat_).subs(y_hat_, y_hat)
    delta_h = sympy.diff((w[3] * relu(z_) + w[4] - y) ** 2, z_).subs(z_, z)
    exprs = [z, h, y_hat, loss, delta_yhat, delta_h, *(sympy.diff(loss, wi) for wi in w)]
    # The generated code runs on Fractions; an integer constant keeps it exact, a printed
    # rational such as 1/2 would silently become a float.
    constants = set().union(*(e.atoms(sympy.Number) for e in exprs))
    if not all(isinstance(c, sympy.Integer) for c in constants):
        raise RuntimeError(f"non-integer constant in the tutorial's expressions: {constants}")
    return sympy.lambdify([w, x0, x1, y], exprs, modules="math", cse=True)


def tutorial_exact(theta, X, Y, eta) -> dict:
    """Every quantity of the tutorial's parts 1–6, as exact sympy Rationals.

    theta: 5 numbers θ = (w0..w4); X: n rows (x[0], x[1]), n ≥ 1; Y: n targets; eta: η.
    Numbers may be ints, Fractions, sympy Rationals, decimal strings or floats (see
    :func:`exact`). Returns, with lists per example in data order:

        "z", "h", "y_hat", "example_loss", "delta_yhat", "delta_h"   lists of n
        "dataset_loss"                                               L(D)
        "example_gradient"      n 5-tuples ∇θ L(x_i, y_i)
        "dataset_gradient"      5-tuple ∇θ L(D) (the mean)
        "theta_next"            5-tuple θ − η ∇θ L(D)
        "z_next", "h_next", "y_hat_next", "example_loss_next"       lists of n, at θ_next
        "dataset_loss_next"     L(D) at θ_next

    Raises ValueError for malformed arguments, and if the sympy.diff gradient ever differed
    from the tutorial's δ formulas (which would mean the formulas are wrong).
    """
    theta, X, Y, eta = _exact_inputs(theta, X, Y, eta)
    before = _evaluate(theta, X, Y)
    gradient = _mean(before["example_gradient"])
    if gradient != _mean(before["formula_gradient"]):
        raise ValueError(f"∇θ L(D): sympy.diff gives {gradient}, the δ formulas {_mean(before['formula_gradient'])}")
    theta_next = tuple(t - eta * g for t, g in zip(theta, gradient))
    after = _evaluate(theta_next, X, Y)
    result = {key: before[key] for key in _PER_EXAMPLE}
    result["dataset_loss"] = _mean(before["example_loss"])
    result["example_gradient"] = before["example_gradient"]
    result["dataset_gradient"] = gradient
    result["theta_next"] = theta_next
    for key in ("z", "h", "y_hat", "example_loss"):
        result[key + "_next"] = after[key]
    result["dataset_loss_next"] = _mean(after["example_loss"])
    return _to_sympy(result)


def _evaluate(theta: tuple, X: list, Y: list) -> dict:
    """Per-example values (Fractions) at θ, each example checked against the δ formulas."""
    out = {key: [] for key in (*_PER_EXAMPLE, "example_gradient", "formula_gradient")}
    kernel = _kernel()
    for (x0, x1), y in zip(X, Y):
        z, h, y_hat, loss, delta_yhat, delta_h, *gradient = kernel(theta, x0, x1, y)
        formula = _chain_rule(theta, (x0, x1), y, z, h, y_hat)
        if (delta_yhat, delta_h, tuple(gradient)) != formula:
            raise ValueError(
                f"at x = ({x0}, {x1}), y = {y}: sympy.diff gives δ_ŷ = {delta_yhat}, δ_h = {delta_h}, "
                f"∇θ L = {tuple(gradient)}, the δ formulas {formula}")
        for key, value in zip(_PER_EXAMPLE, (z, h, y_hat, loss, delta_yhat, delta_h)):
            out[key].append(value)
        out["example_gradient"].append(tuple(gradient))
        out["formula_gradient"].append(formula[2])
    return out


def _chain_rule(theta, x, y, z, h, y_hat) -> tuple:
    """(δ_ŷ, δ_h, ∇θ L) by the tutorial's formulas, g'(z) = 1 if z > 0 else 0."""
    delta_yhat = 2 * (y_hat - y)
    delta_h = delta_yhat * theta[3] * (1 if z > 0 else 0)
    return delta_yhat, delta_h, (delta_h * x[0], delta_h * x[1], delta_h, delta_yhat * h, delta_yhat)


def _mean(values: list):
    """The mean of n numbers, or of n equal-length tuples (componentwise)."""
    if isinstance(values[0], tuple):
        return tuple(_mean(list(column)) for column in zip(*values))
    return sum(values, Fraction(0)) / len(values)


def _exact_inputs(theta, X, Y, eta) -> tuple:
    """(θ, X, Y, η) as Fractions: θ a 5-tuple, X a list of n pairs, Y a list of n."""
    theta = _row("theta", theta, 5)
    X = [_row(f"X[{i}]", x, 2) for i, x in enumerate(_items("X", X))]
    if not X:
        raise ValueError("X: expected shape (n, 2) with n ≥ 1, got no rows")
    Y = [_fraction(exact(y, f"Y[{i}]")) for i, y in enumerate(_items("Y", Y))]
    if len(Y) != len(X):
        raise ValueError(f"Y: expected shape ({len(X)},) to match X, got ({len(Y)},)")
    return theta, X, Y, _fraction(exact(eta, "eta"))


def _items(name: str, value) -> list:
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise ValueError(f"{name}: expected a sequence, got {type(value).__name__}")
    return list(value)


def _row(name: str, value, length: int) -> tuple:
    items = _items(name, value)
    if len(items) != length:
        raise ValueError(f"{name}: expected shape ({length},), got ({len(items)},)")
    return tuple(_fraction(exact(v, f"{name}[{i}]")) for i, v in enumerate(items))


def _fraction(value: sympy.Rational) -> Fraction:
    return Fraction(int(value.p), int(value.q))


def _to_sympy(value):
    """Fractions (and the ints ReLU's 0 branch yields) → sympy Rationals, same nesting."""
    if isinstance(value, dict):
        return {key: _to_sympy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_to_sympy(item) for item in value)
    return sympy.Rational(value.numerator, value.denominator)
