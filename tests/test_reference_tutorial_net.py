"""reference.tutorial_net against every row of the spec's table, and its argument checks."""
import numpy as np
import pytest

from reference import tutorial_net as t
from tests import spec_table as s

THETA = np.array(s.THETA, dtype=float)
X = np.array(s.X, dtype=float)
Y = np.array(s.Y, dtype=float)


def close(got, want):
    np.testing.assert_allclose(np.asarray(got, dtype=float), np.asarray(want, dtype=float), rtol=1e-12, atol=1e-12)


def test_forward_pass_gives_z_h_and_yhat_of_each_example():
    for i, x in enumerate(X):
        close(t.forward(THETA, x), (s.TABLE["z"][i], s.TABLE["h"][i], s.TABLE["y_hat"][i]))


def test_losses_per_example_and_mean_over_the_data_set():
    close([t.example_loss(THETA, x, y) for x, y in zip(X, Y)], s.TABLE["example_loss"])
    close(t.dataset_loss(THETA, X, Y), s.TABLE["dataset_loss"])


def test_deltas_of_each_example():
    close([t.delta_yhat(THETA, x, y) for x, y in zip(X, Y)], s.TABLE["delta_yhat"])
    close([t.delta_h(THETA, x, y) for x, y in zip(X, Y)], s.TABLE["delta_h"])


def test_gradients_per_example_and_over_the_data_set():
    close([t.example_gradient(THETA, x, y) for x, y in zip(X, Y)], s.TABLE["example_gradient"])
    close(t.dataset_gradient(THETA, X, Y), s.TABLE["dataset_gradient"])


def test_one_step_and_the_loss_after_it():
    before = THETA.copy()
    theta = t.gd_step(THETA, t.dataset_gradient(THETA, X, Y), float(s.ETA))
    np.testing.assert_array_equal(THETA, before)  # gd_step returns a new array
    close(theta, s.TABLE["theta_next"])
    close([t.forward(theta, x)[0] for x in X], s.TABLE["z_next"])
    close([t.forward(theta, x)[2] for x in X], s.TABLE["y_hat_next"])
    close([t.example_loss(theta, x, y) for x, y in zip(X, Y)], s.TABLE["example_loss_next"])
    close(t.dataset_loss(theta, X, Y), s.TABLE["dataset_loss_next"])


def test_gradient_descent_records_the_loss_before_and_after_each_step():
    theta, losses = t.gradient_descent(THETA, X, Y, float(s.ETA), 1)
    assert len(losses) == 2
    close(losses, (s.TABLE["dataset_loss"], s.TABLE["dataset_loss_next"]))
    close(theta, s.TABLE["theta_next"])
    theta0, losses0 = t.gradient_descent(THETA, X, Y, 0.01, 0)
    close(theta0, THETA)
    assert len(losses0) == 1


def test_relu_and_its_derivative_at_the_kink():
    np.testing.assert_array_equal(t.relu(np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 3.0])
    np.testing.assert_array_equal(t.relu_derivative(np.array([-2.0, 0.0, 3.0])), [0.0, 0.0, 1.0])
    # z exactly 0: the weak derivative g'(0) = 0 switches the unit off in the backward pass
    theta, x = np.array([1.0, 1.0, 0.0, 2.0, 0.5]), np.array([1.0, -1.0])
    assert t.forward(theta, x)[0] == 0.0
    assert t.delta_h(theta, x, 3.0) == 0.0
    close(t.example_gradient(theta, x, 3.0), [0, 0, 0, 0, 2 * (0.5 - 3.0)])


@pytest.mark.parametrize("call, words", [
    (lambda: t.forward([1, 2, 3], [1, 2]), "theta: expected shape (5,), got (3,)"),
    (lambda: t.forward(THETA, [1, 2, 3]), "x: expected shape (2,), got (3,)"),
    (lambda: t.dataset_loss(THETA, np.zeros((3, 2)), Y), "Y: expected shape (3,), got (2,)"),
    (lambda: t.dataset_gradient(THETA, np.zeros((2, 3)), Y), "X: expected shape (n, 2), got (2, 3)"),
    (lambda: t.gd_step(THETA, np.zeros(4), 0.1), "grad: expected shape (5,), got (4,)"),
    (lambda: t.gd_step(THETA, np.zeros(5), [0.1, 0.2]), "eta: expected shape (), got (2,)"),
    (lambda: t.gradient_descent(THETA, X, Y, 0.1, -1), "steps"),
    (lambda: t.forward("abc", [1, 2]), "theta: expected a float array"),
])
def test_bad_arguments_raise_a_value_error_naming_the_argument(call, words):
    with pytest.raises(ValueError) as info:
        call()
    assert words in str(info.value)
