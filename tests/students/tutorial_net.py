"""Student-style solutions of tutorial_net: a correct one, and one edit per known slip.

Written in the loose style students use (loops, Python floats, calls to their own helpers),
independently of reference/ and of the checks' slip-flagged network. ``SLIPS`` maps each
mistake id of the spec's list to the textual edits that make that mistake, and to the
functions whose checks must then name it.
"""

from tests.students.edits import apply

CORRECT = '''
import numpy as np

def relu(z):
    return np.maximum(z, 0)

def relu_derivative(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)

def forward(theta, x):
    z = theta[0] * x[0] + theta[1] * x[1] + theta[2] * 1
    h = relu(z)
    y_hat = theta[3] * h + theta[4] * 1
    return z, h, y_hat

def example_loss(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return (y_hat - y) ** 2

def dataset_loss(theta, X, Y):
    total = 0.0
    for x, y in zip(X, Y):
        total += example_loss(theta, x, y)
    return total / len(X)

def delta_yhat(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return 2 * (y_hat - y)

def delta_h(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return delta_yhat(theta, x, y) * theta[3] * relu_derivative(z)

def example_gradient(theta, x, y):
    z, h, y_hat = forward(theta, x)
    dy = delta_yhat(theta, x, y)
    dh = delta_h(theta, x, y)
    return np.array([dh * x[0], dh * x[1], dh * 1, dy * h, dy * 1])

def dataset_gradient(theta, X, Y):
    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]
    return np.mean(grads, axis=0)

def gd_step(theta, grad, eta):
    return theta - eta * grad

def gradient_descent(theta, X, Y, eta, steps):
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

# mistake id -> ([(old, new), ...], functions whose checks must name it)
SLIPS = {
    "relu-mask-missing": ([("np.where(np.asarray(z) > 0, 1.0, 0.0)", "np.ones_like(np.asarray(z, dtype=float))")],
                          ["relu_derivative"]),
    "relu-derivative-at-zero": ([("np.asarray(z) > 0, 1.0", "np.asarray(z) >= 0, 1.0")], ["relu_derivative"]),
    "sum-instead-of-mean": ([("return total / len(X)", "return total"), ("np.mean(grads, axis=0)", "np.sum(grads, axis=0)")],
                            ["dataset_loss", "dataset_gradient"]),
    "factor-2-dropped": ([("return 2 * (y_hat - y)", "return (y_hat - y)")], ["delta_yhat"]),
    "delta-sign-flipped": ([("return 2 * (y_hat - y)", "return 2 * (y - y_hat)")], ["delta_yhat"]),
    "gradient-ascent": ([("return theta - eta * grad", "return theta + eta * grad")], ["gd_step"]),
    "bias-input-forgotten": ([("dh * 1, dy * h", "0.0, dy * h")], ["example_gradient"]),
    "z-instead-of-h": ([("dy * h, dy * 1", "dy * z, dy * 1")], ["example_gradient"]),
    "x-swapped": ([("dh * x[0], dh * x[1]", "dh * x[1], dh * x[0]")], ["example_gradient"]),
    "theta-changed-in-place": ([("return theta - eta * grad", "theta -= eta * grad\n    return theta")], ["gd_step"]),
    "loss-not-squared": ([("return (y_hat - y) ** 2", "return (y_hat - y)")], ["example_loss"]),
}


def with_slip(mistake_id: str) -> str:
    """CORRECT with the edits of one slip applied (each edit must change the text)."""
    return apply(CORRECT, SLIPS[mistake_id][0], mistake_id)
