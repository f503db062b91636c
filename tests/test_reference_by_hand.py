"""The reference on numbers worked by hand away from the tutorial's θ (where w3 = 1 and x1[1] = 1
would hide a slip), and the one-line errors it gives for bad input, naming the argument."""
import math

import numpy as np
import pytest

from reference import mlp
from reference import tutorial_net as tn

THETA = np.array([1.0, 2.0, 0.0, 2.0, 0.5])     # z(x1) = 1·2 + 2·1 = 4, ŷ = 2·4 + 0.5 = 8.5


def test_the_tutorial_network_with_w3_and_x1_not_one():
    x, y = np.array([2.0, 1.0]), 1.5                   # δ_ŷ = 2(8.5 − 1.5) = 14, δ_h = 14·2·1 = 28
    assert tn.example_loss(THETA, x, y) == 49.0
    assert tn.delta_yhat(THETA, x, y) == 14.0 and tn.delta_h(THETA, x, y) == 28.0
    x3 = np.array([2.0, 3.0])                          # z = 8, ŷ = 16.5, δ_ŷ = 30, δ_h = 60
    assert tn.example_gradient(THETA, x3, y).tolist() == [120.0, 180.0, 60.0, 240.0, 30.0]


def test_relu_derivative_is_one_for_every_positive_z_and_zero_at_zero():
    assert tn.relu_derivative(np.array([0.5, 0.0, -1.0, 1.0])).tolist() == [1.0, 0.0, 0.0, 1.0]
    assert mlp.relu_derivative(np.array([0.5, 0.0, -1.0])).tolist() == [1.0, 0.0, 0.0]
    assert tn.relu_derivative(np.array([1, 0])).dtype == np.float64


def test_the_mlp_activations_and_their_derivatives_by_hand():
    assert mlp.sigmoid(np.array([0.0]))[0] == 0.5 and abs(mlp.sigmoid(np.array([math.log(3)]))[0] - 0.75) < 1e-15
    assert mlp.sigmoid(np.array([-1000.0, 1000.0])).tolist() == [0.0, 1.0]
    assert abs(mlp.tanh_derivative(np.array([math.atanh(0.5)]))[0] - 0.75) < 1e-15     # 1 − tanh² = 1 − ¼
    assert mlp.relu(np.array([-2, 3])).tolist() == [0.0, 3.0] and mlp.relu(np.array([1])).dtype == np.float64


def test_a_tanh_network_has_tanh_derivatives_in_its_gradient():
    """Two layers, one hidden unit: a = atanh(½), z = ½, f = z; δ2 = f − y = ½, δ1 = (1 − ¼)·1·½."""
    params = [(np.array([[math.atanh(0.5)]]), np.zeros(1)), (np.array([[1.0]]), np.zeros(1))]
    grads = mlp.gradients(params, np.array([[1.0]]), np.array([[0.0]]), "tanh", "regression")
    (gW1, gb1), (gW2, gb2) = grads
    assert abs(gW1[0, 0] - 0.375) < 1e-12 and abs(gb1[0] - 0.375) < 1e-12
    assert abs(gW2[0, 0] - 0.25) < 1e-12 and abs(gb2[0] - 0.5) < 1e-12


def test_the_losses_on_a_batch_of_two():
    F, Y = np.array([[0.5, 0.5], [0.25, 0.75]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    assert abs(mlp.cross_entropy(F, Y) - (math.log(2) - math.log(0.75)) / 2) < 1e-12
    assert mlp.cross_entropy(np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])) == math.inf
    assert abs(mlp.squared_error(F, Y) - 0.5 * (0.25 + 0.25 + 0.0625 + 0.0625) / 2) < 1e-12


def test_one_training_step_by_hand():
    """f = w·x + b with x = 1, y = 0, w = 1, b = 0: ℓ = ½, g_w = g_b = 1, η = 0.5 → w = ½, b = −½, ℓ = 0."""
    params = [(np.array([[1.0]]), np.zeros(1))]
    after, losses = mlp.train(params, np.array([[1.0]]), np.array([[0.0]]), "relu", "regression", 0.5, 0.0, 1)
    assert after[0][0].tolist() == [[0.5]] and after[0][1].tolist() == [-0.5]
    assert [float(x) for x in losses] == [0.5, 0.0]
    updated = mlp.gd_update(params, [(np.array([[2.0]]), np.array([4.0]))], 0.25)
    assert updated[0][0].tolist() == [[0.5]] and updated[0][1].tolist() == [-1.0]
    assert params[0][0].tolist() == [[1.0]]                 # a new list of new arrays


@pytest.mark.parametrize("call, text", [
    (lambda: tn.example_gradient(THETA, [1.0, 2.0, 3.0], 1.0), "x: expected shape (2,), got (3,)"),
    (lambda: tn.gd_step([1.0, 2.0], np.zeros(5), 0.1), "theta: expected shape (5,), got (2,)"),
    (lambda: tn.gradient_descent([1.0], np.zeros((1, 2)), np.zeros(1), 0.1, 1), "theta: expected shape (5,), got (1,)"),
    (lambda: tn.dataset_loss(THETA, np.zeros((2, 3)), np.zeros(2)), "X: expected shape (n, 2), got (2, 3)"),
    (lambda: tn.dataset_loss(THETA, np.zeros((0, 2)), np.zeros(0)), "X: expected at least one example (n ≥ 1), got shape (0, 2)"),
    (lambda: tn.delta_yhat(THETA, np.zeros(2), "y"), "y:"),
    (lambda: tn.example_loss(THETA, np.zeros(2), [1.0, 2.0]), "y:"),
    (lambda: mlp.cross_entropy(np.zeros(2), np.zeros(2)), "F: expected shape (n, K), got (2,)"),
    (lambda: mlp.hidden_delta(np.zeros((1, 1)), np.zeros((1, 1)), np.zeros((1, 1)), "softplus"),
     "activation: expected one of 'sigmoid', 'tanh', 'relu', got 'softplus'"),
])
def test_bad_input_is_one_line_naming_the_argument(call, text):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value).startswith(text) and "\n" not in str(info.value)


def test_a_single_example_is_a_data_set():
    assert tn.dataset_loss(np.array([1.0, 1.0, 0.0, 1.0, 0.0]), np.array([[2.0, 1.0]]), np.array([1.3])) == pytest.approx(2.89)


def test_the_reference_computes_in_float64_whatever_it_is_given():
    """Whole numbers or float32 in, float64 out, with float64's values (a float32 e^(−a) would be
    off in the 8th digit): the reference is the lecture's networks in NumPy float64."""
    out = tn.relu(np.array([3, -2]))
    assert out.tolist() == [3.0, 0.0] and out.dtype == np.float64
    a32 = np.array([0.1, -2.0, 3.7], dtype=np.float32)
    a = a32.astype(np.float64)                      # the same numbers, exactly
    for relu in (tn.relu, mlp.relu):
        assert relu(a32).dtype == np.float64 and relu(a32).tolist() == [a[0], 0.0, a[2]]
    s = mlp.sigmoid(a32)
    assert s.dtype == np.float64 and np.max(np.abs(s - 1 / (1 + np.exp(-a)))) < 1e-16
    t = mlp.tanh_derivative(a32)
    assert t.dtype == np.float64 and np.max(np.abs(t - (1 - np.tanh(a) ** 2))) < 1e-16
