"""reference.mlp: the lecture's identities, stable softmax and cross-entropy, argument checks.

(Agreement of its gradients with sympy and central differences on random networks is in
test_gradients_agree.py.)
"""
import numpy as np
import pytest

from reference import mlp
from tests.numeric import central_difference, rel_error

RNG = np.random.default_rng(20261122)


def network(sizes, rng=RNG):
    return [(rng.normal(size=(m, k)), rng.normal(size=m)) for k, m in zip(sizes, sizes[1:])]


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    a = np.linspace(-6, 6, 25)
    numerical = (mlp.sigmoid(a + 1e-6) - mlp.sigmoid(a - 1e-6)) / 2e-6
    assert rel_error(mlp.sigmoid_derivative(a), numerical) < 1e-7
    s = 1 / (1 + np.exp(-a))
    np.testing.assert_allclose(mlp.sigmoid_derivative(a), s * (1 - s), rtol=1e-12)


def test_tanh_derivative_is_one_minus_tanh_squared():
    a = np.linspace(-4, 4, 25)
    numerical = (np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6
    assert rel_error(mlp.tanh_derivative(a), numerical) < 1e-7


def test_relu_derivative_is_zero_at_the_kink():
    np.testing.assert_array_equal(mlp.relu_derivative([-1.0, 0.0, 2.0]), [0.0, 0.0, 1.0])
    np.testing.assert_array_equal(mlp.relu([-1.0, 0.0, 2.0]), [0.0, 0.0, 2.0])


def test_sigmoid_does_not_overflow():
    with np.errstate(over="raise", invalid="raise"):
        out = mlp.sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    np.testing.assert_allclose(out, [0.0, 0.5, 1.0])


@pytest.mark.parametrize("task", ["classification", "regression"])
def test_output_delta_is_F_minus_Y_for_both_tasks(task):
    """δ^(D) = ∂ℓ/∂a^(D) = f − y: checked against central differences of ℓ in a^(D)."""
    A = RNG.normal(size=(1, 4))
    Y = np.eye(4)[[2]] if task == "classification" else RNG.normal(size=(1, 4))
    out = mlp.softmax if task == "classification" else (lambda a: a)
    loss = mlp.cross_entropy if task == "classification" else mlp.squared_error
    numerical = central_difference(lambda: loss(out(A), Y), A)
    assert rel_error(mlp.output_delta(out(A), Y), numerical) < 1e-7


def test_softmax_is_stable_and_row_wise():
    A = np.array([[1000.0, -1000.0], [1000.0, 1000.0], [-1000.0, -1000.0], [0.0, np.log(3.0)]])
    with np.errstate(over="raise", invalid="raise"):
        F = mlp.softmax(A)
    np.testing.assert_allclose(F, [[1, 0], [0.5, 0.5], [0.5, 0.5], [0.25, 0.75]], rtol=1e-12, atol=0)
    np.testing.assert_allclose(mlp.softmax(A.T[:, :3]).sum(axis=1), 1.0)


def test_cross_entropy_treats_zero_log_zero_as_zero():
    F = mlp.softmax(np.array([[1000.0, -1000.0]]))  # F = (1, 0): the 0 sits outside the true class
    with np.errstate(divide="raise", invalid="raise"):
        assert mlp.cross_entropy(F, np.array([[1.0, 0.0]])) == 0.0
    assert mlp.cross_entropy(np.array([[0.25, 0.75]]), np.array([[0.0, 1.0]])) == pytest.approx(-np.log(0.75))


def test_losses_are_means_over_rows():
    F, Y = np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([[0.0, 2.0], [3.0, 3.0]])
    assert mlp.squared_error(F, Y) == pytest.approx((0.5 * 1 + 0.5 * 4) / 2)
    P = np.array([[0.5, 0.5], [0.2, 0.8]])
    assert mlp.cross_entropy(P, np.eye(2)) == pytest.approx(-(np.log(0.5) + np.log(0.8)) / 2)


def test_forward_cache_holds_every_layer():
    params = network([3, 4, 5, 2])
    X = RNG.normal(size=(6, 3))
    F, cache = mlp.forward(params, X, "tanh", "regression")
    assert [a.shape for a in cache["A"]] == [(6, 4), (6, 5), (6, 2)]
    assert [z.shape for z in cache["Z"]] == [(6, 3), (6, 4), (6, 5)]
    np.testing.assert_array_equal(cache["Z"][0], X)
    np.testing.assert_allclose(cache["Z"][1], np.tanh(X @ params[0][0].T + params[0][1]))
    np.testing.assert_array_equal(F, cache["F"])


def test_l2_term_touches_weights_and_not_biases():
    params = network([2, 3, 2])
    X, Y = RNG.normal(size=(5, 2)), np.eye(2)[[0, 1, 1, 0, 1]]
    plain = mlp.gradients(params, X, Y, "sigmoid", "classification", 0.0)
    regular = mlp.gradients(params, X, Y, "sigmoid", "classification", 0.3)
    for (W, b), (dW0, db0), (dW, db) in zip(params, plain, regular):
        np.testing.assert_allclose(dW - dW0, 0.3 * W, rtol=1e-12, atol=1e-14)
        np.testing.assert_array_equal(db, db0)


def test_gd_update_and_train_leave_their_inputs_unchanged():
    params = network([2, 3, 1])
    copies = [(W.copy(), b.copy()) for W, b in params]
    X, Y = RNG.normal(size=(4, 2)), RNG.normal(size=(4, 1))
    grads = mlp.gradients(params, X, Y, "relu", "regression")
    new = mlp.gd_update(params, grads, 0.1)
    for (W, b), (W0, b0), (dW, db), (W1, b1) in zip(params, copies, grads, new):
        np.testing.assert_array_equal(W, W0)
        np.testing.assert_array_equal(b, b0)
        np.testing.assert_allclose(W1, W0 - 0.1 * dW)
        np.testing.assert_allclose(b1, b0 - 0.1 * db)
    trained, losses = mlp.train(params, X, Y, "relu", "regression", 0.05, 0.01, 5)
    assert len(losses) == 6 and losses[-1] < losses[0]
    penalty = 0.5 * 0.01 * sum(np.sum(W ** 2) for W, _ in params)
    assert losses[0] == pytest.approx(mlp.squared_error(mlp.forward(params, X, "relu", "regression")[0], Y) + penalty)


def test_depth_one_network_is_a_linear_model():
    params = network([3, 2])
    X = RNG.normal(size=(4, 3))
    F, cache = mlp.forward(params, X, "relu", "regression")
    np.testing.assert_allclose(F, X @ params[0][0].T + params[0][1])
    assert len(cache["Z"]) == 1 and len(cache["A"]) == 1


@pytest.mark.parametrize("call, words", [
    (lambda p, X, Y: mlp.forward(p, X, "softplus", "regression"), "activation: expected one of 'sigmoid', 'tanh', 'relu', got 'softplus'"),
    (lambda p, X, Y: mlp.forward(p, X, "relu", "ranking"), "task: expected one of 'classification', 'regression', got 'ranking'"),
    (lambda p, X, Y: mlp.forward(p, X[:, :2], "relu", "regression"), "X: expected shape (n, 3), got (4, 2)"),
    (lambda p, X, Y: mlp.forward([(p[0][0].T, p[0][1]), p[1]], X, "relu", "regression"), "params[0][1] (b^(1)): expected shape (3,), got (4,)"),
    (lambda p, X, Y: mlp.forward([p[0], (p[1][0].T, p[1][1])], X, "relu", "regression"), "params[1][0] (W^(2)): expected shape (M_2, 4), got (4, 2)"),
    (lambda p, X, Y: mlp.gradients(p, X, Y[:, :1], "relu", "regression"), "Y: expected shape (4, 2), got (4, 1)"),
    (lambda p, X, Y: mlp.gradients(p, X, Y, "relu", "regression", lam=[1, 2]), "lam: expected shape (), got (2,)"),
    (lambda p, X, Y: mlp.hidden_delta(np.zeros((4, 4)), p[1][0], np.zeros((4, 3)), "relu"), "delta_next: expected shape (4, 2), got (4, 3)"),
    (lambda p, X, Y: mlp.softmax(np.zeros(3)), "A: expected shape (n, K), got (3,)"),
    (lambda p, X, Y: mlp.forward([], X, "relu", "regression"), "params: expected a non-empty list"),
    (lambda p, X, Y: mlp.gd_update(p, p[:1], 0.1), "grads: expected 2 (dW, db) pairs, got 1"),
])
def test_bad_arguments_raise_a_value_error_naming_the_argument(call, words):
    params = network([3, 4, 2])
    with pytest.raises(ValueError) as info:
        call(params, RNG.normal(size=(4, 3)), RNG.normal(size=(4, 2)))
    assert words in str(info.value)
