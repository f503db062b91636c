"""reference.mlp's gradients against central differences of a loss written here, in every
activation and task, with the weight penalty: a fast, independent check (the sympy agreement
on hundreds of networks is in test_gradients_agree.py).

The network is three layers deep (so the backward recursion runs twice), with n = 5 rows,
K = 2 outputs and hidden widths 4 and 3: no size equals another, so a mean over the wrong
axis or a missing transpose shows. The loss below is the lecture's, in plain NumPy:

    A^(h) = Z^(h−1) W^(h)ᵀ + b^(h),  Z^(h) = σ(A^(h)),  F = softmax(A^(D)) or A^(D)
    L = (1/n) Σ_i ℓ_i + (λ/2) Σ_h ‖W^(h)‖²,   ℓ = −Σ_k Y_k log F_k  or  ½ Σ_k (F_k − Y_k)²
"""
import numpy as np
import pytest

from reference import mlp
from tests.numeric import central_difference, gradient_error

SIZES = (3, 4, 3, 2)           # d, M_1, M_2, K
N, LAM = 5, 0.3
SIGMA = {"sigmoid": lambda a: 1 / (1 + np.exp(-a)), "tanh": np.tanh, "relu": lambda a: np.maximum(a, 0)}


def case(activation, task):
    """params, X, Y for this activation and task, with no ReLU input within 0.05 of its kink."""
    rng = np.random.default_rng([20261122, ("sigmoid", "tanh", "relu").index(activation), len(task)])
    while True:
        params = [(rng.normal(size=(m, k)), rng.normal(size=m)) for k, m in zip(SIZES, SIZES[1:])]
        X = rng.normal(size=(N, SIZES[0]))
        if activation != "relu" or all(np.min(np.abs(A)) > 0.05 for A in pre_activations(params, X, "relu")[:-1]):
            break
    Y = np.eye(SIZES[-1])[rng.integers(0, SIZES[-1], size=N)] if task == "classification" else rng.normal(size=(N, SIZES[-1]))
    return params, X, Y


def pre_activations(params, X, activation, start=0, A_start=None):
    """[A^(1) … A^(D)] (or from layer ``start`` + 1 on, given A^(start+1) = ``A_start``)."""
    As = []
    Z = X
    for h, (W, b) in enumerate(params):
        if h < start:
            continue
        A = A_start if (h == start and A_start is not None) else Z @ W.T + b
        As.append(A)
        Z = SIGMA[activation](A)
    return As


def loss(params, X, Y, activation, task, lam, start=0, A_start=None):
    A = pre_activations(params, X, activation, start, A_start)[-1]
    if task == "classification":
        E = np.exp(A - A.max(axis=1, keepdims=True))
        data = -np.sum(Y * np.log(E / E.sum(axis=1, keepdims=True))) / len(X)
    else:
        data = 0.5 * np.sum((A - Y) ** 2) / len(X)
    return data + 0.5 * lam * sum(np.sum(W ** 2) for W, _ in params)


COMBINATIONS = [(a, t) for a in ("sigmoid", "tanh", "relu") for t in ("classification", "regression")]


@pytest.mark.parametrize("activation, task", COMBINATIONS)
def test_every_gradient_is_the_central_difference_of_the_objective(activation, task):
    params, X, Y = case(activation, task)
    ours = mlp.gradients(params, X, Y, activation, task, LAM)
    assert len(ours) == len(params)
    f = lambda: loss(params, X, Y, activation, task, LAM)
    for h, ((W, b), (dW, db)) in enumerate(zip(params, ours), start=1):
        assert dW.shape == W.shape and db.shape == b.shape, f"layer {h}"
        assert gradient_error(dW, central_difference(f, W, h=1e-5)) < 1e-7, f"dW^({h})"
        assert gradient_error(db, central_difference(f, b, h=1e-5)) < 1e-7, f"db^({h})"


@pytest.mark.parametrize("activation, task", COMBINATIONS)
def test_the_objective_and_the_output_are_the_lectures(activation, task):
    params, X, Y = case(activation, task)
    assert abs(mlp.objective(params, X, Y, activation, task, LAM) - loss(params, X, Y, activation, task, LAM)) < 1e-12
    F, cache = mlp.forward(params, X, activation, task)
    A = pre_activations(params, X, activation)
    for h, (ours, want) in enumerate(zip(cache["A"], A), start=1):
        np.testing.assert_allclose(ours, want, rtol=1e-12, atol=1e-14, err_msg=f"A^({h})")
    if task == "classification":   # F_ik = e^(A_ik) / Σ_j e^(A_ij): positive, rows summing to 1
        E = np.exp(A[-1])
        np.testing.assert_allclose(F, E / E.sum(axis=1, keepdims=True), rtol=1e-12)
    else:
        np.testing.assert_allclose(F, A[-1], rtol=0, atol=0)


@pytest.mark.parametrize("activation, task", COMBINATIONS)
def test_each_delta_is_n_times_the_derivative_of_the_mean_loss_in_its_pre_activation(activation, task):
    """Δ^(h) = ∂ℓ/∂A^(h) row by row, so Δ^(h) = n ∂L_S/∂A^(h) for the batch mean L_S."""
    params, X, Y = case(activation, task)
    F, cache = mlp.forward(params, X, activation, task)
    deltas = mlp.backward(params, cache, Y, activation)
    assert len(deltas) == len(params)
    for h, D in enumerate(deltas):
        A = pre_activations(params, X, activation)[h].copy()
        numerical = central_difference(lambda: loss(params, X, Y, activation, task, 0.0, start=h, A_start=A), A, h=1e-5)
        assert gradient_error(D, N * numerical) < 1e-7, f"Δ^({h + 1})"
    np.testing.assert_allclose(mlp.output_delta(F, Y), deltas[-1], rtol=0, atol=0)


def test_a_training_step_with_the_weight_penalty_by_hand():
    """f = w·x + b, x = 1, y = 0, w = 1, b = 0, λ = 1, η = ¼.

    Before: ℓ = ½(1 − 0)² = ½, penalty (λ/2)w² = ½: the objective is 1.
    g_w = (f − y)x + λw = 1 + 1 = 2, g_b = f − y = 1: w = 1 − ¼·2 = ½, b = 0 − ¼·1 = −¼.
    After: f = ¼, ℓ = ½·(¼)² = 1/32, penalty ½·(½)² = ⅛: the objective is 5/32.
    """
    params = [(np.array([[1.0]]), np.zeros(1))]
    after, losses = mlp.train(params, np.array([[1.0]]), np.array([[0.0]]), "tanh", "regression", 0.25, 1.0, 1)
    assert after[0][0].tolist() == [[0.5]] and after[0][1].tolist() == [-0.25]
    assert [float(x) for x in losses] == [1.0, 5 / 32]


def test_zero_epochs_is_no_step_and_one_loss():
    params = [(np.array([[2.0]]), np.array([1.0]))]
    after, losses = mlp.train(params, np.array([[1.0]]), np.array([[0.0]]), "relu", "regression", 0.1, 0.0, 0)
    assert after[0][0].tolist() == [[2.0]] and after[0][1].tolist() == [1.0]
    assert [float(x) for x in losses] == [4.5]             # ½ (2 + 1 − 0)²
