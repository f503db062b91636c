"""Tests of reference.symbolic, the sympy side of the course reference.

Expected numbers come from the course spec (shared/spec/course.md, part A's table, typed here
as decimals) or from computations written in this file: exact central differences in
Fractions for the tutorial network, a small NumPy forward pass and fourth-order central
differences for the lecture's networks, and plain sympy.diff of a network written out here.
"""
from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

from tests import spec_table

from reference.symbolic import (
    TUTORIAL_DATA,
    exact,
    mlp_exact,
    mlp_value_and_gradients,
    to_float,
    tutorial_exact,
)
from reference.symbolic import tutorial as tutorial_module

R = sympy.Rational
PER_EXAMPLE = {"z", "h", "y_hat", "example_loss", "delta_yhat", "delta_h", "example_gradient",
               "z_next", "h_next", "y_hat_next", "example_loss_next"}

# --------------------------------------------------------------------------------------
# Part A: the tutorial network.

# The spec's table, row by row (typed once, in tests/spec_table.py).
SPEC_TABLE = {key: (list(v) if key in PER_EXAMPLE else v) for key, v in spec_table.TABLE.items()}


def _rationals(value):
    if isinstance(value, (list, tuple)):
        return type(value)(_rationals(v) for v in value)
    return R(value.numerator, value.denominator) if isinstance(value, Fraction) else R(value)


EXPECTED = {key: _rationals(value) for key, value in SPEC_TABLE.items()}

# The tutorial's data in every input form the function accepts.
DATA_FORMS = {
    "rationals": ((R(1), R(1), R(0), R(1), R(0)), ((R(2), R(1)), (R(-3), R(2))), (R(13, 10), R(19, 10)), R(1, 100)),
    "floats": ([1.0, 1.0, 0.0, 1.0, 0.0], [[2.0, 1.0], [-3.0, 2.0]], [1.3, 1.9], 0.01),
    "strings": (["1", "1", "0", "1", "0"], [["2", "1"], ["-3", "2"]], ["1.3", "1.9"], "0.01"),
    "fractions": ([Fraction(1)] * 2 + [Fraction(0), Fraction(1), Fraction(0)],
                  [[Fraction(2), Fraction(1)], [Fraction(-3), Fraction(2)]],
                  [Fraction(13, 10), Fraction(19, 10)], Fraction(1, 100)),
    "numpy": (np.array([1.0, 1, 0, 1, 0]), np.array([[2.0, 1], [-3, 2]]), np.array([1.3, 1.9]), np.float64(0.01)),
    "ints_and_strings": ((1, 1, 0, 1, 0), ((2, 1), (-3, 2)), ("13/10", "1.9"), "1/100"),
}


@pytest.mark.parametrize("form", DATA_FORMS)
def test_tutorial_reproduces_every_row_of_the_spec_table_exactly(form):
    result = tutorial_exact(*DATA_FORMS[form])
    assert set(result) == set(EXPECTED) | {"h_next"}
    for key, expected in EXPECTED.items():
        assert result[key] == expected, key


def test_tutorial_values_are_sympy_rationals_in_the_documented_containers():
    result = tutorial_exact(**TUTORIAL_DATA)
    for key in ("z", "h", "y_hat", "example_loss", "delta_yhat", "delta_h", "z_next", "example_loss_next"):
        assert isinstance(result[key], list) and len(result[key]) == 2, key
        assert all(isinstance(v, sympy.Rational) for v in result[key]), key
    for key in ("dataset_gradient", "theta_next"):
        assert isinstance(result[key], tuple) and len(result[key]) == 5, key
        assert all(isinstance(v, sympy.Rational) for v in result[key]), key
    assert all(isinstance(g, tuple) and len(g) == 5 for g in result["example_gradient"])
    assert isinstance(result["dataset_loss_next"], sympy.Rational)
    assert result["dataset_loss_next"] == Fraction("2.855647324402")


def test_tutorial_data_is_the_spec_data():
    assert TUTORIAL_DATA["theta"] == (1, 1, 0, 1, 0)
    assert [tuple(x) for x in TUTORIAL_DATA["X"]] == [(2, 1), (-3, 2)]
    assert tuple(TUTORIAL_DATA["Y"]) == (R(13, 10), R(19, 10))
    assert TUTORIAL_DATA["eta"] == R(1, 100)
    values = [*TUTORIAL_DATA["theta"], *(v for x in TUTORIAL_DATA["X"] for v in x), *TUTORIAL_DATA["Y"], TUTORIAL_DATA["eta"]]
    assert all(isinstance(v, sympy.Rational) for v in values)


def test_to_float_gives_the_spec_decimals():
    floats = to_float(tutorial_exact(**TUTORIAL_DATA))
    assert floats["theta_next"] == (0.966, 0.983, -0.017, 0.949, 0.002)
    assert floats["y_hat_next"] == [2.752202, 0.002]
    assert floats["dataset_loss_next"] == 2.855647324402
    assert all(type(v) is float for g in floats["example_gradient"] for v in g)


# An independent exact forward pass and exact central differences, in Fractions.
def _forward(theta, x, y):
    z = theta[0] * x[0] + theta[1] * x[1] + theta[2]
    h = z if z > 0 else Fraction(0)
    y_hat = theta[3] * h + theta[4]
    return z, h, y_hat, (y_hat - y) ** 2


def _central_difference_gradient(theta, X, Y, step):
    """(L(θ + t e_i) − L(θ − t e_i)) / 2t: exact while no z crosses 0, L being quadratic in each w_i."""
    def loss(th):
        return sum(_forward(th, x, y)[3] for x, y in zip(X, Y)) / len(X)

    grad = []
    for i in range(5):
        up = [t + (step if j == i else 0) for j, t in enumerate(theta)]
        down = [t - (step if j == i else 0) for j, t in enumerate(theta)]
        grad.append((loss(up) - loss(down)) / (2 * step))
    return tuple(grad)


def _random_tutorial_case(rng):
    """θ, X, Y as tenths with every z at least 1/10 away from the ReLU's kink."""
    while True:
        theta = [Fraction(int(v), 10) for v in rng.integers(-20, 21, size=5)]
        n = int(rng.integers(1, 5))
        X = [[Fraction(int(v), 10) for v in rng.integers(-30, 31, size=2)] for _ in range(n)]
        Y = [Fraction(int(v), 10) for v in rng.integers(-30, 31, size=n)]
        if all(abs(_forward(theta, x, y)[0]) >= Fraction(1, 10) for x, y in zip(X, Y)):
            return theta, X, Y


@pytest.mark.parametrize("seed", range(8))
def test_tutorial_gradient_equals_exact_central_differences(seed):
    theta, X, Y = _random_tutorial_case(np.random.default_rng(seed))
    eta = Fraction(1, 20)
    result = tutorial_exact(theta, X, Y, eta)
    step = Fraction(1, 1000)  # moves z by at most 7/1000 < 1/10: no kink crossed
    expected = _central_difference_gradient(theta, X, Y, step)
    assert result["dataset_gradient"] == expected
    for i, (x, y) in enumerate(zip(X, Y)):
        z, h, y_hat, loss = _forward(theta, x, y)
        assert (result["z"][i], result["h"][i], result["y_hat"][i], result["example_loss"][i]) == (z, h, y_hat, loss)
        assert result["example_gradient"][i] == _central_difference_gradient(theta, [x], [y], step)
    theta_next = [t - eta * g for t, g in zip(theta, expected)]
    assert result["theta_next"] == tuple(theta_next)
    assert result["dataset_loss_next"] == sum(_forward(theta_next, x, y)[3] for x, y in zip(X, Y)) / len(X)


@pytest.mark.parametrize("seed", range(8))
def test_tutorial_deltas_follow_the_tutorial_formulas(seed):
    theta, X, Y = _random_tutorial_case(np.random.default_rng(100 + seed))
    result = tutorial_exact(theta, X, Y, Fraction(1, 10))
    for i, (x, y) in enumerate(zip(X, Y)):
        z, h, y_hat, _ = _forward(theta, x, y)
        delta_yhat = 2 * (y_hat - y)
        delta_h = delta_yhat * theta[3] * (1 if z > 0 else 0)
        assert result["delta_yhat"][i] == delta_yhat
        assert result["delta_h"][i] == delta_h
        assert result["example_gradient"][i] == (delta_h * x[0], delta_h * x[1], delta_h, delta_yhat * h, delta_yhat)


def test_tutorial_raises_when_diff_and_delta_formulas_disagree(monkeypatch):
    """The in-function proof is live: a kernel whose ∂L/∂w0 is off by one is caught."""
    kernel = tutorial_module._kernel()

    def wrong_kernel(*args):
        values = list(kernel(*args))
        values[6] += 1  # ∂L/∂w0
        return values

    monkeypatch.setattr(tutorial_module, "_kernel", lambda: wrong_kernel)
    with pytest.raises(ValueError, match="sympy.diff"):
        tutorial_exact(**TUTORIAL_DATA)


def test_relu_derivative_at_zero_is_zero_in_the_tutorial():
    # z = 1·1 + 1·(−1) + 0 = 0 exactly; ŷ = w4 = 0, δ_ŷ = 2(0 − 1) = −2.
    result = tutorial_exact((1, 1, 0, 1, 0), [(1, -1)], [1], "0.1")
    assert result["z"] == [0] and result["h"] == [0]
    assert result["delta_yhat"] == [-2]
    assert result["delta_h"] == [0]  # g'(0) = 1 would give −2, Heaviside(0) = 1/2 gives −1
    assert result["example_gradient"] == [(0, 0, 0, 0, -2)]


def test_exact_reads_floats_as_the_decimal_they_print_as():
    assert exact(1.3) == R(13, 10)
    assert exact(0.01) == R(1, 100)
    assert exact(np.float64(1.3)) == R(13, 10)
    assert exact(np.float32(1.3)) == R(13, 10)
    assert exact("1.3") == exact("13/10") == exact(Fraction(13, 10)) == R(13, 10)
    assert exact(-3) == -3


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), True, "abc", None, sympy.sqrt(2)])
def test_exact_rejects_non_rationals(bad):
    with pytest.raises(ValueError, match="price"):
        exact(bad, "price")


@pytest.mark.parametrize(
    "theta, X, Y, name",
    [
        ((1, 1, 0, 1), [(2, 1)], [1], "theta"),
        ((1, 1, 0, 1, 0), [(2, 1, 0)], [1], "X"),
        ((1, 1, 0, 1, 0), [], [], "X"),
        ((1, 1, 0, 1, 0), [(2, 1), (1, 1)], [1], "Y"),
        ((1, 1, 0, 1, 0), [(2, 1)], [float("nan")], "Y"),
        ((1, "one", 0, 1, 0), [(2, 1)], [1], "theta"),
    ],
)
def test_tutorial_argument_errors_name_the_argument(theta, X, Y, name):
    with pytest.raises(ValueError, match=rf"^{name}"):
        tutorial_exact(theta, X, Y, "0.01")


# --------------------------------------------------------------------------------------
# Part B: the lecture's networks.

def rel_error(x, y, floor=1e-6):
    """CS231n's max |x − y| / (|x| + |y|), elementwise, the denominator floored at ``floor``."""
    x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
    return float(np.max(np.abs(x - y) / np.maximum(floor, np.abs(x) + np.abs(y))))


def _activation(name, a):
    functions = {"sigmoid": lambda v: np.exp(-np.logaddexp(0.0, -v)), "tanh": np.tanh, "relu": lambda v: np.maximum(v, 0)}
    return functions[name](a)


def _reference_forward(params, X, activation):
    """[A^(1) … A^(D)] by the lecture's layer A = Z_prev W^T + b, written independently."""
    Z, pre = X, []
    for h, (W, b) in enumerate(params):
        pre.append(Z @ W.T + b)
        Z = _activation(activation, pre[-1]) if h < len(params) - 1 else None
    return pre


def _reference_objective(params, X, Y, activation, task, lam):
    A = _reference_forward(params, X, activation)[-1]
    if task == "classification":
        shifted = A - A.max(axis=1, keepdims=True)
        log_f = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        data = -(Y * log_f).sum(axis=1).mean()
    else:
        data = 0.5 * ((A - Y) ** 2).sum(axis=1).mean()
    return data + lam / 2 * sum((W**2).sum() for W, _ in params)


def _flatten(params):
    return np.concatenate([np.concatenate([W.ravel(), b.ravel()]) for W, b in params])


def _unflatten(theta, like):
    out, i = [], 0
    for W, b in like:
        out.append((theta[i:i + W.size].reshape(W.shape), theta[i + W.size:i + W.size + b.size]))
        i += W.size + b.size
    return out


def _central_differences(loss, theta, step=1e-3):
    """Fourth-order central differences (−f(+2t) + 8f(+t) − 8f(−t) + f(−2t)) / 12t per coordinate."""
    grad = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = step
        grad[i] = (-loss(theta + 2 * e) + 8 * loss(theta + e) - 8 * loss(theta - e) + loss(theta - 2 * e)) / (12 * step)
    return grad


def _random_case(seed, activation, task, depth):
    """A random network and batch; hidden pre-activations kept ≥ 0.05 from ReLU's kink."""
    rng = np.random.default_rng(seed)
    for _ in range(200):
        widths = rng.integers(1, 7 if depth <= 2 else 5, size=depth + 1)
        if task == "classification":
            widths[-1] = max(2, widths[-1])  # a one-class softmax is constant
        params = [(rng.normal(size=(widths[h], widths[h - 1])) / math.sqrt(widths[h - 1]), rng.normal(size=widths[h]))
                  for h in range(1, depth + 1)]
        n = 1 if seed % 3 == 0 else int(rng.integers(2, 6))
        X = rng.normal(size=(n, widths[0]))
        if task == "classification":
            Y = np.eye(widths[-1])[rng.integers(0, widths[-1], size=n)]
        else:
            Y = rng.normal(size=(n, widths[-1]))
        hidden = _reference_forward(params, X, activation)[:-1]
        if all(np.all(np.abs(A) >= 0.05) for A in hidden):
            lam = 0.0 if seed % 2 == 0 else 0.3
            return params, X, Y, lam
    raise AssertionError("no case away from the kink")


GRADIENT_CASES = [
    pytest.param(activation, task, depth, seed, id=f"{activation}-{task}-D{depth}-s{seed}")
    for activation in ("sigmoid", "tanh", "relu")
    for task in ("classification", "regression")
    for depth in (1, 2, 3, 4)
    for seed in ((depth * 7 + len(activation) + len(task)) % 12, 12 + depth)[: 2 if depth <= 2 else 1]
]


@pytest.mark.parametrize("activation, task, depth, seed", GRADIENT_CASES)
def test_mlp_gradients_match_central_differences_of_its_loss(activation, task, depth, seed):
    params, X, Y, lam = _random_case(seed, activation, task, depth)
    loss, grads = mlp_value_and_gradients(params, X, Y, activation, task, lam)
    assert isinstance(loss, float)
    assert rel_error(loss, _reference_objective(params, X, Y, activation, task, lam)) < 1e-12
    for (dW, db), (W, b) in zip(grads, params):
        assert dW.shape == W.shape and db.shape == b.shape
        assert dW.dtype == np.float64 and db.dtype == np.float64

    def own_loss(theta):
        return mlp_value_and_gradients(_unflatten(theta, params), X, Y, activation, task, lam)[0]

    numeric = _central_differences(own_loss, _flatten(params))
    assert rel_error(_flatten(grads), numeric) <= 1e-7


def test_mlp_does_not_change_its_arguments():
    params, X, Y, lam = _random_case(5, "tanh", "classification", 2)
    copies = [(W.copy(), b.copy()) for W, b in params], X.copy(), Y.copy()
    mlp_value_and_gradients(params, X, Y, "tanh", "classification", lam)
    assert all(np.array_equal(W, W0) and np.array_equal(b, b0) for (W, b), (W0, b0) in zip(params, copies[0]))
    assert np.array_equal(X, copies[1]) and np.array_equal(Y, copies[2])


def test_mlp_regulariser_acts_on_weights_only():
    params, X, Y, _ = _random_case(3, "sigmoid", "regression", 2)
    loss0, grads0 = mlp_value_and_gradients(params, X, Y, "sigmoid", "regression", 0.0)
    loss1, grads1 = mlp_value_and_gradients(params, X, Y, "sigmoid", "regression", 0.5)
    assert loss1 - loss0 == pytest.approx(0.25 * sum((W**2).sum() for W, _ in params), rel=1e-12)
    for (dW0, db0), (dW1, db1), (W, _) in zip(grads0, grads1, params):
        np.testing.assert_allclose(dW1 - dW0, 0.5 * W, rtol=1e-12, atol=1e-14)
        np.testing.assert_array_equal(db1, db0)


def test_softmax_rows_of_plus_minus_1000_are_finite_and_right():
    # D = 1, W = I, b = 0: the scores are the rows of X.
    params = [(np.eye(2), np.zeros(2))]
    X = np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [1000.0, 1000.0]])
    Y = np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, [(dW, db)] = mlp_value_and_gradients(params, X, Y, "tanh", "classification")
    # ℓ per row: 2000, log(1 + e^−2000) = 0, log 2; F − Y per row: (1, −1), (0, 0), (−½, ½).
    assert loss == pytest.approx((2000 + math.log(2)) / 3, rel=1e-15)
    np.testing.assert_allclose(db, [1 / 6, -1 / 6], rtol=1e-14)
    np.testing.assert_allclose(dW, np.array([[500.0, -1500.0], [-500.0, 1500.0]]) / 3, rtol=1e-14)


def test_saturated_sigmoid_units_stay_finite():
    params = [(np.array([[800.0], [-800.0]]), np.zeros(2)), (np.array([[1.0, 1.0]]), np.zeros(1))]
    X, Y = np.array([[1.0], [-1.0]]), np.array([[0.5], [2.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss, grads = mlp_value_and_gradients(params, X, Y, "sigmoid", "regression")
    assert loss == pytest.approx(_reference_objective(params, X, Y, "sigmoid", "regression", 0.0), rel=1e-15)
    np.testing.assert_array_equal(grads[0][0], 0.0)  # σ'(±800) underflows to exactly 0
    np.testing.assert_allclose(grads[1][1], [(0.5 + -1.0) / 2], rtol=1e-15)  # mean of F − Y = (1 − ½, 1 − 2)


def test_relu_derivative_at_zero_is_zero_in_the_mlp():
    # a^(1) = 1·1 − 1 = 0 exactly; f = 2·ReLU(0) + ½ = ½, δ^(2) = f − y = −5/2.
    params = [(np.array([[1.0]]), np.array([-1.0])), (np.array([[2.0]]), np.array([0.5]))]
    X, Y = np.array([[1.0]]), np.array([[3.0]])
    loss, [(dW1, db1), (dW2, db2)] = mlp_value_and_gradients(params, X, Y, "relu", "regression")
    assert loss == 3.125
    assert dW1[0, 0] == 0.0 and db1[0] == 0.0  # ReLU'(0) = 1 gives −5, Heaviside(0) = ½ gives −5/2
    assert dW2[0, 0] == 0.0 and db2[0] == -2.5
    exact_loss, [(eW1, eb1), (_, eb2)] = mlp_exact(params, X, Y, "relu", "regression")
    assert exact_loss == R(25, 8) and eW1[0, 0] == 0 and eb1[0] == 0 and eb2[0] == R(-5, 2)


# Plain sympy.diff of a network written out here, with Piecewise ReLU and 1/(1 + e^−a).
def _plain_sympy_objective(params, X, Y, activation, task, lam):
    sigma = {
        "relu": lambda a: sympy.Piecewise((a, a > 0), (0, True)),
        "tanh": sympy.tanh,
        "sigmoid": lambda a: 1 / (1 + sympy.exp(-a)),
    }[activation]
    total = 0
    for x, y in zip(X, Y):
        z = sympy.Matrix(x)
        for h, (W, b) in enumerate(params):
            a = W * z + b
            z = a.applyfunc(sigma) if h < len(params) - 1 else a
        if task == "classification":
            total += -sum(yk * sympy.log(sympy.exp(ak) / sum(sympy.exp(aj) for aj in a)) for yk, ak in zip(y, a))
        else:
            total += sum((ak - yk) ** 2 for ak, yk in zip(a, y)) / 2
    return total / len(X) + lam / 2 * sum(sum(w**2 for w in W) for W, _ in params)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("task", ["classification", "regression"])
def test_mlp_exact_equals_plain_sympy_diff(activation, task):
    rng = np.random.default_rng(len(activation) * 10 + len(task))
    sizes = (1, 2, 2, 2) if (activation, task) == ("relu", "regression") else (2, 2, 2)
    values = [(rng.integers(-3, 4, size=(sizes[h], sizes[h - 1])), rng.integers(-2, 3, size=sizes[h]))
              for h in range(1, len(sizes))]
    X = rng.integers(-2, 3, size=(2, sizes[0]))
    Y = np.eye(2, dtype=int)[[0, 1]] if task == "classification" else rng.integers(-2, 3, size=(2, 2))
    lam = R(1, 2)

    symbols = [(sympy.Matrix(*W.shape, lambda i, j, h=h: sympy.Symbol(f"w{h}_{i}{j}")),
                sympy.Matrix([sympy.Symbol(f"b{h}_{i}") for i in range(len(b))]))
               for h, (W, b) in enumerate(values)]
    objective = _plain_sympy_objective(symbols, X.tolist(), Y.tolist(), activation, task, lam)
    at = {s: int(v) for (Ws, bs), (W, b) in zip(symbols, values) for s, v in zip([*Ws, *bs], [*W.ravel(), *b])}

    loss, grads = mlp_exact([(W.tolist(), b.tolist()) for W, b in values], X.tolist(), Y.tolist(), activation, task, lam)
    pairs = [(loss, objective)]
    for (dW, db), (Ws, bs) in zip(grads, symbols):
        pairs += [(d, sympy.diff(objective, s)) for d, s in zip([*dW.ravel(), *db], [*Ws, *bs])]
    for got, want in pairs:
        want = want.xreplace(at)
        if activation == "relu" and task == "regression":
            assert got == want and isinstance(got, sympy.Rational)
        else:
            assert abs(sympy.N(got, 40) - sympy.N(want, 40)) < 1e-30


def test_mlp_exact_agrees_with_the_float_version():
    params, X, Y, _ = _random_case(4, "sigmoid", "classification", 2)
    loss, grads = mlp_value_and_gradients(params, X, Y, "sigmoid", "classification", 0.25)
    exact_loss, exact_grads = mlp_exact(params, X, Y, "sigmoid", "classification", 0.25)
    assert rel_error(float(exact_loss), loss) < 1e-14
    assert rel_error(_flatten(to_float(exact_grads)), _flatten(grads)) < 1e-12


def _good():
    params = [(np.ones((3, 2)), np.zeros(3)), (np.ones((2, 3)), np.zeros(2))]
    return params, np.ones((4, 2)), np.eye(2)[[0, 1, 0, 1]]


@pytest.mark.parametrize(
    "change, name, expected",
    [
        (lambda p, X, Y: (p, X[0], Y), "X", r"\(n, d\)"),
        (lambda p, X, Y: (p, X, Y[:, :1]), "Y", r"\(4, 2\)"),
        (lambda p, X, Y: (p, X, Y[:3]), "Y", r"\(4, 2\)"),
        (lambda p, X, Y: ([(p[0][0].T, p[0][1]), p[1]], X, Y), r"params\[0\]\[0\]", r"\(M_1, 2\)"),
        (lambda p, X, Y: ([p[0], (p[1][0][:, :2], p[1][1])], X, Y), r"params\[1\]\[0\]", r"\(M_2, 3\)"),
        (lambda p, X, Y: ([p[0], (p[1][0], np.zeros(3))], X, Y), r"params\[1\]\[1\]", r"\(2,\)"),
        (lambda p, X, Y: ([], X, Y), "params", "D ≥ 1"),
        (lambda p, X, Y: ([p[0][0]], X, Y), r"params\[0\]", "pair"),
    ],
)
def test_mlp_shape_errors_name_the_argument_and_shape(change, name, expected):
    params, X, Y = change(*_good())
    for function in (mlp_value_and_gradients, mlp_exact):
        with pytest.raises(ValueError, match=rf"^{name}.*{expected}"):
            function(params, X, Y, "relu", "classification")


@pytest.mark.parametrize(
    "activation, task, lam, message",
    [
        ("softplus", "classification", 0.0, r"^activation.*'sigmoid', 'tanh', 'relu'"),
        ("ReLU", "regression", 0.0, r"^activation.*'sigmoid', 'tanh', 'relu'"),
        ("relu", "ranking", 0.0, r"^task.*'classification', 'regression'"),
        ("relu", "regression", -0.1, r"^lam"),
        ("relu", "regression", float("nan"), r"^lam"),
    ],
)
def test_mlp_name_and_value_errors(activation, task, lam, message):
    params, X, Y = _good()
    with pytest.raises(ValueError, match=message):
        mlp_value_and_gradients(params, X, Y, activation, task, lam)
