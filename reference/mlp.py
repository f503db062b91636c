r"""The lecture's networks of depth D, in NumPy (float64): the reference for assignment ``mlp``.

Batches are rows: X (n, d), Y (n, K). ``params`` = [(W^(1), b^(1)), …, (W^(D), b^(D))] with
W^(h) of shape (M_h, M_{h−1}) as in the lecture (M_0 = d, M_D = K) and b^(h) of shape (M_h,).

    Z^(0) = X
    A^(h) = Z^(h−1) W^(h)ᵀ + b^(h)           h = 1..D          (row i is a^(h)(x_i))
    Z^(h) = σ(A^(h))                          h = 1..D−1        σ ∈ {sigmoid, tanh, relu}
    F     = o(A^(D))                          o = softmax (classification) or identity (regression)

    ℓ = −Σ_k Y_k log F_k (classification)    ℓ = ½ Σ_k (F_k − Y_k)² (regression)
    L_S = (1/n) Σ_i ℓ_i,   objective = L_S + (λ/2) Σ_h ‖W^(h)‖²   (weights only, never biases)

Backpropagation, per row, stacked over the batch:

    Δ^(D) = F − Y                             (both tasks)
    Δ^(h) = σ'(A^(h)) ∘ (Δ^(h+1) W^(h+1))     h = D−1..1    (the row form of σ'(a) ∘ Wᵀδ)
    ∂/∂W^(h) = (1/n) Δ^(h)ᵀ Z^(h−1) + λ W^(h),   ∂/∂b^(h) = (1/n) Σ_i Δ^(h)_i
"""
from __future__ import annotations

import numpy as np

from reference import _validate as v
from reference._validate import ACTIVATIONS, TASKS


def sigmoid(a):
    """σ(a) = 1 / (1 + e^(−a)), elementwise, without overflow for large |a|."""
    a = np.asarray(a, dtype=np.float64)
    e = np.exp(-np.abs(a))
    return np.where(a >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(a):
    """σ'(a) = σ(a)(1 − σ(a)), elementwise."""
    s = sigmoid(a)
    return s * (1.0 - s)


def tanh_derivative(a):
    """tanh'(a) = 1 − tanh²(a), elementwise."""
    return 1.0 - np.tanh(np.asarray(a, dtype=np.float64)) ** 2


def relu(a):
    """ReLU(a) = max(a, 0), elementwise."""
    return np.maximum(np.asarray(a, dtype=np.float64), 0.0)


def relu_derivative(a):
    """ReLU'(a) = 1 where a > 0, else 0 (the weak derivative: 0 at a = 0), elementwise."""
    return (np.asarray(a, dtype=np.float64) > 0).astype(np.float64)


def _activation(name):
    """σ for ``name``, looked up when called (so a grader can trace the calls)."""
    return {"sigmoid": lambda a: sigmoid(a), "tanh": np.tanh, "relu": lambda a: relu(a)}[v.choice("activation", name, ACTIVATIONS)]


def _derivative(name):
    """σ' for ``name``, looked up when called."""
    return {"sigmoid": lambda a: sigmoid_derivative(a), "tanh": lambda a: tanh_derivative(a),
            "relu": lambda a: relu_derivative(a)}[v.choice("activation", name, ACTIVATIONS)]


def softmax(A):
    """Row-wise softmax of A (n, K): F_ik = e^(A_ik − m_i) / Σ_j e^(A_ij − m_i), m_i = max_j A_ij.

    Subtracting the row maximum changes nothing mathematically and keeps e^(·) ≤ 1, so rows
    such as (1000, −1000) work.
    """
    A = v.array("A", A, ("n", "K"))
    E = np.exp(A - A.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def cross_entropy(F, Y):
    """(1/n) Σ_i −Σ_k Y_ik log F_ik for F, Y (n, K); terms with Y_ik = 0 add 0 (0·log 0 = 0)."""
    F = v.array("F", F, ("n", "K"))
    Y = v.array("Y", Y, F.shape)
    with np.errstate(divide="ignore"):  # a true class at probability 0 costs +inf, honestly
        logs = np.log(F, out=np.zeros_like(F), where=Y != 0)
    return float(-np.sum(Y * logs) / F.shape[0])


def squared_error(F, Y):
    """(1/n) Σ_i ½ Σ_k (F_ik − Y_ik)² for F, Y (n, K)."""
    F = v.array("F", F, ("n", "K"))
    Y = v.array("Y", Y, F.shape)
    return float(0.5 * np.sum((F - Y) ** 2) / F.shape[0])


def _loss(task):
    return {"classification": lambda F, Y: cross_entropy(F, Y), "regression": lambda F, Y: squared_error(F, Y)}[task]


def forward(params, X, activation, task):
    """The forward pass: returns (F, cache), F (n, K).

    cache = {"A": [A^(1) … A^(D)], "Z": [Z^(0) = X, Z^(1) … Z^(D−1)], "F": F}; A^(h), Z^(h)
    have shape (n, M_h).
    """
    params = check_params(params)
    X = v.array("X", X, ("n", params[0][0].shape[1]))
    sigma = _activation(activation)
    v.choice("task", task, TASKS)
    A, Z = [], [X]
    for h, (W, b) in enumerate(params, start=1):
        A.append(Z[-1] @ W.T + b)
        if h < len(params):
            Z.append(sigma(A[-1]))
    F = softmax(A[-1]) if task == "classification" else A[-1].copy()
    return F, {"A": A, "Z": Z, "F": F}


def output_delta(F, Y):
    """Δ^(D) = ∂ℓ/∂A^(D) = F − Y, shape (n, K), for softmax + cross-entropy and identity + ½SE."""
    F = v.array("F", F, ("n", "K"))
    return F - v.array("Y", Y, F.shape)


def hidden_delta(A, W_next, delta_next, activation):
    """Δ^(h) = σ'(A^(h)) ∘ (Δ^(h+1) W^(h+1)), shape (n, M_h).

    A (n, M_h), W_next = W^(h+1) (M_{h+1}, M_h), delta_next = Δ^(h+1) (n, M_{h+1}).
    """
    A = v.array("A", A, ("n", "M_h"))
    W_next = v.array("W_next", W_next, ("M_next", A.shape[1]))
    delta_next = v.array("delta_next", delta_next, (A.shape[0], W_next.shape[0]))
    sigma_prime = _derivative(activation)
    return sigma_prime(A) * (delta_next @ W_next)


def backward(params, cache, Y, activation):
    """[Δ^(1) … Δ^(D)]: Δ^(D) = cache["F"] − Y, then Δ^(h) = σ'(A^(h)) ∘ (Δ^(h+1) W^(h+1)).

    Δ^(h) has shape (n, M_h); row i is δ^(h) for example i.
    """
    params = check_params(params)
    deltas = [output_delta(cache["F"], Y)]
    for h in range(len(params) - 1, 0, -1):
        deltas.insert(0, hidden_delta(cache["A"][h - 1], params[h][0], deltas[0], activation))
    return deltas


def gradients(params, X, Y, activation, task, lam=0.0):
    """[(dW^(1), db^(1)) … (dW^(D), db^(D))], the batch means plus λW on the weights only.

    dW^(h) = (1/n) Δ^(h)ᵀ Z^(h−1) + λ W^(h)  (M_h, M_{h−1});  db^(h) = (1/n) Σ_i Δ^(h)_i  (M_h,).
    """
    params = check_params(params)
    F, cache = forward(params, X, activation, task)
    Y = v.array("Y", Y, F.shape)
    lam = v.scalar("lam", lam)
    n = F.shape[0]
    deltas = backward(params, cache, Y, activation)
    return [(D.T @ Zp / n + lam * W, D.sum(axis=0) / n)
            for (W, _), D, Zp in zip(params, deltas, cache["Z"])]


def gd_update(params, grads, eta):
    """A new params list: W ← W − η dW, b ← b − η db for every layer; the inputs are unchanged."""
    params = check_params(params)
    eta = v.scalar("eta", eta)
    if len(grads) != len(params):
        raise ValueError(f"grads: expected {len(params)} (dW, db) pairs, got {len(grads)}")
    return [(W - eta * v.array(f"grads[{i}][0]", dW, W.shape), b - eta * v.array(f"grads[{i}][1]", db, b.shape))
            for i, ((W, b), (dW, db)) in enumerate(zip(params, grads))]


def objective(params, X, Y, activation, task, lam=0.0):
    """L_S + (λ/2) Σ_h ‖W^(h)‖²: the mean loss plus the L2 penalty on every weight matrix.

    When a true class's probability underflowed to 0 (rows like (1000, −1000)), the
    cross-entropy is taken from A^(D) through the log-softmax,
    log F_k = A_k − m − log Σ_j e^(A_j − m), which gives its finite value.
    """
    F, cache = forward(params, X, activation, task)
    Y = v.array("Y", Y, F.shape)
    loss = _loss(task)(F, Y)
    if not np.isfinite(loss) and task == "classification":
        A = cache["A"][-1]
        shifted = A - A.max(axis=1, keepdims=True)
        log_F = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        loss = float(-np.sum(np.where(Y != 0, Y * log_F, 0.0)) / F.shape[0])
    penalty = sum(float(np.sum(W ** 2)) for W, _ in check_params(params))
    return loss + 0.5 * v.scalar("lam", lam) * penalty


def train(params, X, Y, activation, task, eta, lam, epochs):
    """``epochs`` full-batch GD steps; returns (params, losses).

    losses[t] is the objective L_S + (λ/2)Σ‖W‖² after t steps: losses[0] is before
    training and len(losses) == epochs + 1.
    """
    if not isinstance(epochs, (int, np.integer)) or epochs < 0:
        raise ValueError(f"epochs: expected a whole number ≥ 0, got {epochs!r}")
    params = check_params(params)
    losses = [objective(params, X, Y, activation, task, lam)]
    for _ in range(int(epochs)):
        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)
        losses.append(objective(params, X, Y, activation, task, lam))
    return params, np.array(losses)


def check_params(params):
    """params as a list of (W, b) float64 arrays with chained shapes, or a ValueError."""
    if isinstance(params, np.ndarray) or not hasattr(params, "__len__") or len(params) == 0:
        raise ValueError("params: expected a non-empty list of (W, b) pairs, one per layer")
    checked = []
    for h, layer in enumerate(params):
        if not hasattr(layer, "__len__") or len(layer) != 2:
            raise ValueError(f"params[{h}]: expected a pair (W, b)")
        fan_in = checked[-1][0].shape[0] if checked else "d"
        W = v.array(f"params[{h}][0] (W^({h + 1}))", layer[0], (f"M_{h + 1}", fan_in))
        b = v.array(f"params[{h}][1] (b^({h + 1}))", layer[1], (W.shape[0],))
        checked.append((W, b))
    return checked
