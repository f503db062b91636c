r"""The tutorial network written with the spec's known slips switched on or off.

``Net(slips)`` computes every contract function of ``tutorial_net`` the way a student who
makes exactly those slips would. With no slips it is the tutorial's network; the checks run
each mistake's slips on every case to know what that mistake returns there, and the judge
names the mistake when a student's value matches. Plain Python floats, on purpose: this is
a second, independent writing of the network (the tests hold it against the reference).
"""
from __future__ import annotations

from autograder.student.model import Mistake

MISTAKES = {
    "relu-mask-missing": (
        "The ReLU mask is missing: δ_h = δ_ŷ · w3 · g'(z(x)) and g'(z) = 0 when z ≤ 0, so an "
        "example with z(x) ≤ 0 passes no gradient to w0, w1, w2.", [{"mask-missing"}]),
    "relu-derivative-at-zero": (
        "g'(0) was taken as 1. The course uses the weak derivative g'(0) = 0: at z(x) = 0 the "
        "unit is switched off and δ_h = 0.", [{"kink-one"}]),
    "sum-instead-of-mean": (
        "This is the sum over the data set; L(D) and ∇θ L(D) are means: divide by n.", [{"sum"}]),
    "factor-2-dropped": (
        "The factor 2 of δ_ŷ is missing: L = (ŷ − y)² gives δ_ŷ = ∂L/∂ŷ = 2(ŷ − y).", [{"no-two"}]),
    "delta-sign-flipped": (
        "The sign of δ_ŷ is flipped: δ_ŷ = ∂L/∂ŷ = 2(ŷ − y), not 2(y − ŷ).", [{"sign"}]),
    "gradient-ascent": (
        "The step goes uphill: gradient descent subtracts, θ ← θ − η ∇θ L(D).", [{"ascent"}]),
    "bias-input-forgotten": (
        "The bias input is forgotten: z = w0·x[0] + w1·x[1] + w2·1, so ∂z/∂w2 = 1 and "
        "∂L/∂w2 = δ_h.", [{"bias-grad"}, {"bias-forward"}]),
    "z-instead-of-h": (
        "∂ŷ/∂w3 is h(x), the unit's output after the ReLU, not z(x): ∂L/∂w3 = δ_ŷ · h(x).", [{"z-for-h"}]),
    "x-swapped": (
        "x[0] and x[1] are swapped: w0 multiplies x[0] and w1 multiplies x[1], so "
        "∂L/∂w0 = δ_h · x[0] and ∂L/∂w1 = δ_h · x[1].", [{"swap-grad"}, {"swap-forward"}, {"swap-grad", "swap-forward"}]),
    "theta-changed-in-place": (
        "gd_step changed the θ it was given in place (θ -= …, or new = θ and then new -= …: an alias, not a "
        "copy): return a new array θ − η·grad and leave θ unchanged.", []),
    "loss-not-squared": (
        "The loss is not squared: L(x, y) = (ŷ(x) − y)².", [{"loss-linear"}, {"loss-abs"}]),
    "losses-miss-the-start": (
        "losses must start with L(D) before any step: losses[0] is the loss at the initial θ "
        "and len(losses) = steps + 1.", [{"losses-late"}]),
}


def catalogue(ids) -> tuple:
    """The Mistake records for ``ids``, in the order of MISTAKES."""
    return tuple(Mistake(i, MISTAKES[i][0]) for i in MISTAKES if i in set(ids))


class Net:
    """The tutorial network with a set of slips (see MISTAKES for their names)."""

    def __init__(self, slips=()):
        self.slips = frozenset(slips)

    def relu(self, z):
        return _map(z, lambda t: max(t, 0.0))

    def relu_derivative(self, z):
        if "mask-missing" in self.slips:
            return _map(z, lambda t: 1.0)
        if "kink-one" in self.slips:
            return _map(z, lambda t: 1.0 if t >= 0 else 0.0)
        return _map(z, lambda t: 1.0 if t > 0 else 0.0)

    def forward(self, theta, x):
        w, (x0, x1) = list(map(float, theta)), _pair(x, "swap-forward" in self.slips)
        z = w[0] * x0 + w[1] * x1 + (0.0 if "bias-forward" in self.slips else w[2])
        h = max(z, 0.0)
        return z, h, w[3] * h + w[4]

    def example_loss(self, theta, x, y):
        r = self.forward(theta, x)[2] - float(y)
        return r if "loss-linear" in self.slips else abs(r) if "loss-abs" in self.slips else r * r

    def dataset_loss(self, theta, X, Y):
        return self._reduce([self.example_loss(theta, x, y) for x, y in zip(X, Y)])

    def delta_yhat(self, theta, x, y):
        r = self.forward(theta, x)[2] - float(y)
        r = -r if "sign" in self.slips else r
        return r if "no-two" in self.slips else 2.0 * r

    def delta_h(self, theta, x, y):
        z = self.forward(theta, x)[0]
        return self.delta_yhat(theta, x, y) * float(theta[3]) * self.relu_derivative(z)

    def example_gradient(self, theta, x, y):
        z, h, _ = self.forward(theta, x)
        d_y, d_h = self.delta_yhat(theta, x, y), self.delta_h(theta, x, y)
        x0, x1 = _pair(x, "swap-grad" in self.slips)
        return (d_h * x0, d_h * x1, 0.0 if "bias-grad" in self.slips else d_h,
                d_y * (z if "z-for-h" in self.slips else h), d_y)

    def dataset_gradient(self, theta, X, Y):
        grads = [self.example_gradient(theta, x, y) for x, y in zip(X, Y)]
        return tuple(self._reduce(column) for column in zip(*grads))

    def gd_step(self, theta, grad, eta):
        sign = 1.0 if "ascent" in self.slips else -1.0
        return tuple(float(t) + sign * float(eta) * float(g) for t, g in zip(theta, grad))

    def gradient_descent(self, theta, X, Y, eta, steps):
        theta, losses = tuple(map(float, theta)), [self.dataset_loss(theta, X, Y)]
        for _ in range(steps):
            theta = self.gd_step(theta, self.dataset_gradient(theta, X, Y), eta)
            losses.append(self.dataset_loss(theta, X, Y))
        return theta, tuple(losses[1:] if "losses-late" in self.slips else losses)

    def _reduce(self, values):
        total = sum(values)
        return total if "sum" in self.slips else total / len(values)


def _pair(x, swap):
    x0, x1 = float(x[0]), float(x[1])
    return (x1, x0) if swap else (x0, x1)


def _map(z, f):
    if hasattr(z, "shape") and z.shape != ():
        import numpy as np
        return np.vectorize(f, otypes=[float])(z)
    return f(float(z))
