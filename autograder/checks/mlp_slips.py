r"""The lecture's D-layer network written with the spec's known slips switched on or off.

``Net(slips)`` computes every contract function of ``mlp`` the way a student who makes
exactly those slips would; with no slips it is the lecture's network (the tests hold it
against the reference). Written independently of ``reference.mlp``: per-layer loops over
explicit (W, b) pairs, ``np.einsum`` for the products.
"""
from __future__ import annotations

import numpy as np

from autograder.student.model import Mistake

MISTAKES = {
    "softmax-no-max-shift": (
        "softmax overflows: e^1000 is inf and inf/inf is nan. Subtract each row's maximum first, "
        "F_k = e^(A_k − m) / Σ_j e^(A_j − m) with m = max_j A_j: the value is the same, the numbers stay small.",
        [{"no-shift"}]),
    "softmax-wrong-axis": (
        "softmax is normalised along the wrong axis: each ROW of A (one example) must sum to 1, "
        "so the sums run over axis=1 (the K classes), not over the examples.", [{"axis0"}]),
    "sigma-prime-of-z": (
        "σ' is applied to z^(h) = σ(a^(h)) instead of a^(h): the backward pass needs σ'(a^(h)), "
        "the derivative at the unit's input.", [{"prime-of-z"}]),
    "transpose-missing": (
        "A transpose is missing or misplaced: ∂ℓ/∂W^(h) = δ^(h) (z^(h−1))ᵀ, so over the batch "
        "dW^(h) = Δ^(h)ᵀ Z^(h−1) / n has the shape of W^(h), (M_h, M_{h−1}).", [{"dW-transposed"}]),
    "biases-regularised": (
        "The biases are regularised: the L2 term (λ/2)‖w‖² covers the weights only, so g_b = ∇_b L_S "
        "with no λb.", [{"bias-l2"}]),
    "l2-factor-wrong": (
        "The L2 term's gradient is off by a factor: ∇_w (λ/2)‖w‖² = λw (not λ/2·w, not 2λ·w).",
        [{"l2-half"}, {"l2-double"}]),
    "no-batch-mean": (
        "This sums over the batch: L_S and its gradients are means over the n examples, divide by n.",
        [{"batch-sum"}]),
    "squared-error-no-half": (
        "The squared error lacks its ½: ℓ = ½ Σ_k (f_k − Y_k)², and the ½ is what makes δ^(D) = F − Y "
        "exact (without it δ^(D) = 2(F − Y)).", [{"no-half"}]),
    "zero-log-zero-nan": (
        "0·log 0 gave nan: where a softmax output underflowed to 0 in a class the row does not belong "
        "to, Y_k = 0 and the term must add 0; take the log only where Y_k ≠ 0.", [{"log-zero"}]),
    "params-changed-in-place": (
        "gd_update changed the params it was given in place (W -= …, or a copy of the list only: list(params) and "
        "params.copy() are shallow, the arrays inside are the caller's): return a new list of (W, b) and leave "
        "the input unchanged.", []),
    "losses-miss-the-start": (
        "losses must start with the objective before any step: losses[0] is before training and "
        "len(losses) = epochs + 1.", [{"losses-late"}]),
}


def catalogue(ids) -> tuple:
    return tuple(Mistake(i, MISTAKES[i][0]) for i in MISTAKES if i in set(ids))


class Net:
    """The lecture's network with a set of slips (see MISTAKES)."""

    def __init__(self, slips=()):
        self.slips = frozenset(slips)

    # activations and their derivatives -------------------------------------------------
    def sigmoid(self, a):
        a = np.asarray(a, dtype=float)
        out = np.empty_like(a)
        pos = a >= 0
        out[pos] = 1 / (1 + np.exp(-a[pos]))
        out[~pos] = np.exp(a[~pos]) / (1 + np.exp(a[~pos]))
        return out

    def sigmoid_derivative(self, a):
        s = self.sigmoid(a)
        return s - s * s

    def tanh_derivative(self, a):
        return 1 / np.cosh(np.asarray(a, dtype=float)) ** 2

    def relu(self, a):
        a = np.asarray(a, dtype=float)
        return np.where(a > 0, a, 0.0)

    def relu_derivative(self, a):
        return np.heaviside(np.asarray(a, dtype=float), 0.0)

    def _sigma(self, name, a):
        return {"sigmoid": self.sigmoid, "tanh": np.tanh, "relu": self.relu}[name](a)

    def _sigma_prime(self, name, a):
        if "prime-of-z" in self.slips:
            a = self._sigma(name, a)
        return {"sigmoid": self.sigmoid_derivative, "tanh": self.tanh_derivative, "relu": self.relu_derivative}[name](a)

    # output, losses ---------------------------------------------------------------------
    def softmax(self, A):
        A = np.asarray(A, dtype=float)
        axis = 0 if "axis0" in self.slips else 1
        with np.errstate(all="ignore"):
            E = np.exp(A if "no-shift" in self.slips else A - A.max(axis=axis, keepdims=True))
            return E / E.sum(axis=axis, keepdims=True)

    def cross_entropy(self, F, Y):
        F, Y = np.asarray(F, dtype=float), np.asarray(Y, dtype=float)
        with np.errstate(all="ignore"):
            terms = Y * np.log(F) if "log-zero" in self.slips else np.array(
                [[y * np.log(f) if y != 0 else 0.0 for f, y in zip(fr, yr)] for fr, yr in zip(F, Y)])
        return self._batch(-terms.sum(axis=1))

    def squared_error(self, F, Y):
        half = 1.0 if "no-half" in self.slips else 0.5
        return self._batch(half * ((np.asarray(F, dtype=float) - np.asarray(Y, dtype=float)) ** 2).sum(axis=1))

    def _batch(self, per_row):
        return float(per_row.sum() if "batch-sum" in self.slips else per_row.mean())

    # forward and backward ---------------------------------------------------------------
    def forward(self, params, X, activation, task):
        Z, A_list, Z_list = np.asarray(X, dtype=float), [], [np.asarray(X, dtype=float)]
        for h, (W, b) in enumerate(params):
            A = np.einsum("nk,mk->nm", Z, np.asarray(W, dtype=float)) + np.asarray(b, dtype=float)
            A_list.append(A)
            if h < len(params) - 1:
                Z = self._sigma(activation, A)
                Z_list.append(Z)
        F = self.softmax(A_list[-1]) if task == "classification" else A_list[-1].copy()
        return F, {"A": A_list, "Z": Z_list, "F": F}

    def output_delta(self, F, Y):
        diff = np.asarray(F, dtype=float) - np.asarray(Y, dtype=float)
        return 2 * diff if "no-half" in self.slips else diff

    def hidden_delta(self, A, W_next, delta_next, activation):
        back = np.einsum("nj,jm->nm", np.asarray(delta_next, dtype=float), np.asarray(W_next, dtype=float))
        return self._sigma_prime(activation, A) * back

    def backward(self, params, cache, Y, activation):
        deltas = [self.output_delta(cache["F"], Y)]
        for h in reversed(range(len(params) - 1)):
            deltas.insert(0, self.hidden_delta(cache["A"][h], params[h + 1][0], deltas[0], activation))
        return deltas

    def gradients(self, params, X, Y, activation, task, lam=0.0):
        F, cache = self.forward(params, X, activation, task)
        deltas = self.backward(params, cache, Y, activation)
        n = 1.0 if "batch-sum" in self.slips else float(len(X))
        k = 0.5 if "l2-half" in self.slips else 2.0 if "l2-double" in self.slips else 1.0
        grads = []
        for (W, b), D, Zp in zip(params, deltas, cache["Z"]):
            data = np.einsum("nm,nk->mk", D, Zp) / n
            if "dW-transposed" in self.slips:  # Zᵀ Δ: (M_{h−1}, M_h), then + λW (fails unless square or λ = 0)
                data = data.T if not lam or data.shape[0] == data.shape[1] else None
            dW = data + k * lam * np.asarray(W, dtype=float)
            db = D.sum(axis=0) / n + (lam * np.asarray(b, dtype=float) if "bias-l2" in self.slips else 0.0)
            grads.append((dW, db))
        return grads

    def gd_update(self, params, grads, eta):
        return [(np.asarray(W, dtype=float) - eta * np.asarray(dW, dtype=float),
                 np.asarray(b, dtype=float) - eta * np.asarray(db, dtype=float))
                for (W, b), (dW, db) in zip(params, grads)]

    def objective(self, params, X, Y, activation, task, lam):
        F, _ = self.forward(params, X, activation, task)
        loss = self.cross_entropy(F, Y) if task == "classification" else self.squared_error(F, Y)
        return loss + 0.5 * lam * sum(float((np.asarray(W, dtype=float) ** 2).sum()) for W, _ in params)

    def train(self, params, X, Y, activation, task, eta, lam, epochs):
        losses = [self.objective(params, X, Y, activation, task, lam)]
        for _ in range(epochs):
            params = self.gd_update(params, self.gradients(params, X, Y, activation, task, lam), eta)
            losses.append(self.objective(params, X, Y, activation, task, lam))
        return params, (losses[1:] if "losses-late" in self.slips else losses)
