"""reference.mlp = reference.symbolic = central differences, on a few hundred random networks.

Seeded; depth 1–4, widths 1–6, every activation and task, λ = 0 and λ > 0, n = 1 included,
plus inputs that put a ReLU exactly at 0 and softmax rows of ±1000. Relative error ≤ 1e-7:
elementwise between NumPy and sympy; for central differences, relative to the gradient's
scale (``gradient_error``), since a difference quotient cannot resolve a tiny component to 1e-7
of itself.
"""
import itertools

import numpy as np
import pytest

from reference import mlp, symbolic
from tests.numeric import central_difference, gradient_error, rel_error

ACTIVATIONS, TASKS = ("sigmoid", "tanh", "relu"), ("classification", "regression")
SEED = 20261122


def structure(activation, task, k):
    """Layer sizes (d, M_1, …, K) number ``k`` for this activation and task: depth 1–4, widths 1–6."""
    rng = np.random.default_rng([SEED, ACTIVATIONS.index(activation), TASKS.index(task), k])
    depth = int(rng.integers(1, 5))
    sizes = [int(s) for s in rng.integers(1, 7, size=depth + 1)]
    if task == "classification":
        sizes[-1] = max(sizes[-1], 2)
    return sizes


def random_case(rng, sizes, task):
    params = [(rng.normal(size=(m, k)), rng.normal(size=m)) for k, m in zip(sizes, sizes[1:])]
    n = int(rng.choice([1, 2, 3, 5]))
    X = rng.normal(size=(n, sizes[0]))
    Y = (np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=n)] if task == "classification"
         else rng.normal(size=(n, sizes[-1])))
    lam = float(rng.choice([0.0, 0.1, 0.7]))
    return params, X, Y, lam


# 300 networks: for each activation and task, 10 layer structures (sympy builds each once)
# with 5 networks of fresh random weights, data and λ on each
CASES = [(a, t, i) for a, t in itertools.product(ACTIVATIONS, TASKS) for i in range(50)]


def flat(grads):
    return np.concatenate([np.concatenate([dW.ravel(), db.ravel()]) for dW, db in grads])


@pytest.mark.parametrize("activation, task, i", CASES)
def test_numpy_sympy_and_central_differences_agree(activation, task, i):
    rng = np.random.default_rng([SEED, ACTIVATIONS.index(activation), TASKS.index(task), i, 1])
    params, X, Y, lam = random_case(rng, structure(activation, task, i % 10), task)
    ours = mlp.gradients(params, X, Y, activation, task, lam)
    loss, theirs = symbolic.mlp_value_and_gradients(params, X, Y, activation, task, lam)
    assert rel_error(flat(ours), flat(theirs)) <= 1e-7
    assert abs(loss - mlp.objective(params, X, Y, activation, task, lam)) <= 1e-9 * max(1.0, abs(loss))
    objective = lambda: mlp.objective(params, X, Y, activation, task, lam)
    numerical = [(central_difference(objective, W, h=1e-5), central_difference(objective, b, h=1e-5)) for W, b in params]
    assert gradient_error(flat(ours), flat(numerical)) <= 1e-7 or (activation == "relu" and _near_kink(params, X))


def _near_kink(params, X, eps=1e-5):
    """Central differences are not trustworthy when a ReLU input sits within ε of 0."""
    _, cache = mlp.forward(params, X, "relu", "regression")
    return any(np.any(np.abs(A) < eps) for A in cache["A"][:-1])


def test_relu_exactly_at_zero_uses_the_weak_derivative():
    # a hidden unit with a^(1) = 0 exactly on the single example: its gradient must be 0
    W1, b1 = np.array([[1.0, -1.0], [2.0, 0.5]]), np.array([0.0, 0.25])
    W2, b2 = np.array([[1.5, -2.0]]), np.array([0.1])
    X, Y = np.array([[3.0, 3.0]]), np.array([[1.0]])
    params = [(W1, b1), (W2, b2)]
    ours = mlp.gradients(params, X, Y, "relu", "regression")
    _, theirs = symbolic.mlp_value_and_gradients(params, X, Y, "relu", "regression")
    np.testing.assert_array_equal(ours[0][0][0], [0.0, 0.0])
    assert ours[0][1][0] == 0.0
    assert rel_error(flat(ours), flat(theirs)) <= 1e-12
    # one-sided differences agree with the weak derivative from the left (a < 0 side): 0
    objective = lambda: mlp.objective(params, X, Y, "relu", "regression")
    base, h = objective(), 1e-7
    b1[0] -= h
    assert abs((base - objective()) / h - 0.0) < 1e-6


def test_softmax_rows_of_plus_minus_1000():
    """A^(D) rows (1000, −1000, 0): finite loss and gradients, equal to sympy's and to (F − Y) Xᵀ/n."""
    W, b = np.array([[1000.0, 0.0], [-1000.0, 0.0], [0.0, 0.0]]), np.zeros(3)
    X = np.array([[1.0, 0.0], [1.0, 0.0]])
    Y = np.eye(3)[[0, 1]]          # one row right at ≈ probability 1, one at ≈ e^−2000
    params = [(W, b)]
    with np.errstate(over="raise", invalid="raise"):
        F, _ = mlp.forward(params, X, "relu", "classification")
        loss = mlp.objective(params, X, Y, "relu", "classification", 0.0)
        ours = mlp.gradients(params, X, Y, "relu", "classification", 0.0)
    np.testing.assert_allclose(F, [[1, 0, 0], [1, 0, 0]], atol=1e-300)
    assert loss == pytest.approx(1000.0)   # (0 + 2000) / 2: −log e^−2000 = 2000
    by_hand = (F - Y).T @ X / 2
    np.testing.assert_allclose(ours[0][0], by_hand, rtol=1e-12)
    sym_loss, theirs = symbolic.mlp_value_and_gradients(params, X, Y, "relu", "classification", 0.0)
    assert sym_loss == pytest.approx(1000.0, rel=1e-12)
    assert rel_error(flat(ours), flat(theirs)) <= 1e-7
