r"""The tutorial's network, in NumPy (float64): the reference for assignment ``tutorial_net``.

For an input x = (x[0], x[1]) and parameters θ = (w0, w1, w2, w3, w4):

    z(x) = w0·x[0] + w1·x[1] + w2          h(x) = g(z(x)),  g = ReLU,  g'(0) = 0
    ŷ(x) = w3·h(x) + w4                     L(x, y) = (ŷ(x) − y)²
    L(D) = (1/n) Σ_i L(x_i, y_i)

Backpropagation:

    δ_ŷ(x, y) = ∂L/∂ŷ = 2(ŷ − y)            δ_h(x, y) = ∂L/∂z = δ_ŷ · w3 · g'(z)
    ∇θ L(x, y) = (δ_h·x[0], δ_h·x[1], δ_h, δ_ŷ·h, δ_ŷ)
    ∇θ L(D) = (1/n) Σ_i ∇θ L(x_i, y_i)      θ ← θ − η ∇θ L(D)

Shapes: θ (5,), x (2,), X (n, 2), Y (n,). Every function here is one of the student
contract's (same name, same signature); scalars come back as Python floats.
"""
from __future__ import annotations

import numpy as np

from reference import _validate as v


def relu(z):
    """g(z) = max(z, 0), elementwise; z a number or any array."""
    return np.maximum(np.asarray(z, dtype=np.float64), 0.0)


def relu_derivative(z):
    """g'(z) = 1 where z > 0, else 0 (the weak derivative: g'(0) = 0); elementwise."""
    return (np.asarray(z, dtype=np.float64) > 0).astype(np.float64)


def forward(theta, x):
    """The forward pass for one input: returns (z, h, ŷ) as floats. θ (5,), x (2,)."""
    w = v.array("theta", theta, (5,))
    x = v.array("x", x, (2,))
    z = w[0] * x[0] + w[1] * x[1] + w[2]
    h = float(relu(z))
    return float(z), h, float(w[3] * h + w[4])


def example_loss(theta, x, y):
    """L(x, y) = (ŷ(x) − y)², a float."""
    _, _, y_hat = forward(theta, x)
    with np.errstate(over="ignore"):  # a diverging run gives inf, not an OverflowError
        return float(np.float64(y_hat - v.scalar("y", y)) ** 2)


def dataset_loss(theta, X, Y):
    """L(D) = (1/n) Σ_i L(x_i, y_i), the mean over the data set. X (n, 2), Y (n,)."""
    X, Y = _dataset(X, Y)
    return float(np.mean([example_loss(theta, x, y) for x, y in zip(X, Y)]))


def delta_yhat(theta, x, y):
    """δ_ŷ(x, y) = ∂L/∂ŷ = 2(ŷ(x) − y), a float."""
    _, _, y_hat = forward(theta, x)
    return 2.0 * (y_hat - v.scalar("y", y))


def delta_h(theta, x, y):
    """δ_h(x, y) = ∂L/∂z = δ_ŷ(x, y) · w3 · g'(z(x)), a float (0 when z(x) ≤ 0)."""
    z, _, _ = forward(theta, x)
    return delta_yhat(theta, x, y) * float(theta[3]) * float(relu_derivative(z))


def example_gradient(theta, x, y):
    """∇θ L(x, y) = (δ_h·x[0], δ_h·x[1], δ_h, δ_ŷ·h(x), δ_ŷ), shape (5,)."""
    x = v.array("x", x, (2,))
    _, h, _ = forward(theta, x)
    d_y, d_h = delta_yhat(theta, x, y), delta_h(theta, x, y)
    return np.array([d_h * x[0], d_h * x[1], d_h, d_y * h, d_y])


def dataset_gradient(theta, X, Y):
    """∇θ L(D) = (1/n) Σ_i ∇θ L(x_i, y_i), shape (5,)."""
    X, Y = _dataset(X, Y)
    return np.mean([example_gradient(theta, x, y) for x, y in zip(X, Y)], axis=0)


def gd_step(theta, grad, eta):
    """One gradient-descent step θ − η·∇, a new (5,) array; θ itself is left unchanged."""
    w = v.array("theta", theta, (5,))
    return w - v.scalar("eta", eta) * v.array("grad", grad, (5,))


def gradient_descent(theta, X, Y, eta, steps):
    """Run ``steps`` full-batch GD steps from θ.

    Returns (θ after the last step, losses) where losses[t] = L(D) after t steps, so
    losses[0] is the loss before any step and len(losses) == steps + 1.
    """
    theta = v.array("theta", theta, (5,)).copy()
    if not isinstance(steps, (int, np.integer)) or steps < 0:
        raise ValueError(f"steps: expected a whole number ≥ 0, got {steps!r}")
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(int(steps)):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, np.array(losses)


def _dataset(X, Y):
    X = v.array("X", X, ("n", 2))
    Y = v.array("Y", Y, (X.shape[0],))
    if X.shape[0] == 0:
        raise ValueError("X: expected at least one example (n ≥ 1), got shape (0, 2)")
    return X, Y
