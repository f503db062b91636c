'''The answer cells of ``mlp``: each contract function as a student would write it.

Each entry is the whole cell: the ``def`` line and the docstring (what the student receives:
the formula in the lecture's notation and every array's shape) and, between
``### BEGIN SOLUTION`` and ``### END SOLUTION``, a correct body (what nbgrader removes for the
release). The bodies are plain on purpose (one step per line, the names of the slides) and
call the other contract functions the way the reference does (``sigmoid_derivative`` calls
``sigmoid``, ``gradients`` calls ``forward`` and ``backward``, …), so that while one function
is graded the test cell can make the others behave like the reference.
'''
from __future__ import annotations

SIGMOID = '''
def sigmoid(a):
    """σ(a) = 1 / (1 + e^(−a)), elementwise.

    a: a NumPy array of any shape (or a number). Returns an array of the same shape, values in [0, 1].
    It must work for a = ±1000 (giving 1 and 0) without overflow: e^(−a) overflows for a = −1000,
    but e^(−|a|) never does, and σ(a) = 1 / (1 + e^(−|a|)) for a ≥ 0, e^(−|a|) / (1 + e^(−|a|)) for a < 0.
    """
    ### BEGIN SOLUTION
    a = np.asarray(a, dtype=float)
    e = np.exp(-np.abs(a))          # in (0, 1]: never overflows
    return np.where(a >= 0, 1 / (1 + e), e / (1 + e))
    ### END SOLUTION
'''

SIGMOID_DERIVATIVE = '''
def sigmoid_derivative(a):
    """σ'(a) = σ(a) (1 − σ(a)), elementwise.

    a: a NumPy array of any shape. Returns an array of the same shape. Use your `sigmoid`.
    """
    ### BEGIN SOLUTION
    s = sigmoid(a)
    return s * (1 - s)
    ### END SOLUTION
'''

TANH_DERIVATIVE = '''
def tanh_derivative(a):
    """tanh'(a) = 1 − tanh²(a), elementwise.

    a: a NumPy array of any shape. Returns an array of the same shape. (tanh itself is np.tanh.)
    """
    ### BEGIN SOLUTION
    return 1 - np.tanh(a) ** 2
    ### END SOLUTION
'''

RELU = '''
def relu(a):
    """ReLU(a) = max(a, 0), elementwise.

    a: a NumPy array of any shape. Returns an array of the same shape.
    """
    ### BEGIN SOLUTION
    return np.maximum(a, 0.0)
    ### END SOLUTION
'''

RELU_DERIVATIVE = '''
def relu_derivative(a):
    """ReLU'(a) = 1 where a > 0, else 0, elementwise; ReLU'(0) = 0 (the weak derivative).

    a: a NumPy array of any shape. Returns an array of 1.0 and 0.0 of the same shape.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(a) > 0, 1.0, 0.0)
    ### END SOLUTION
'''

SOFTMAX = '''
def softmax(A):
    """The softmax of each row of A: F_ik = e^(A_ik − m_i) / Σ_j e^(A_ij − m_i), m_i = max_j A_ij.

    A: shape (n, K), row i holds the K output activations a^(D)(x_i).
    Returns F, shape (n, K): every entry in [0, 1], every row sums to 1.
    Subtracting the row maximum m_i does not change the result and keeps every e^(·) ≤ 1,
    so rows such as (1000, −1000) work.
    """
    ### BEGIN SOLUTION
    A = np.asarray(A, dtype=float)
    m = np.max(A, axis=1, keepdims=True)      # each row's maximum, shape (n, 1)
    E = np.exp(A - m)                          # every exponent ≤ 0
    return E / np.sum(E, axis=1, keepdims=True)
    ### END SOLUTION
'''

CROSS_ENTROPY = '''
def cross_entropy(F, Y):
    """L_S = (1/n) Σ_i ℓ_i with ℓ_i = −Σ_k Y_ik log F_ik, a number.

    F: shape (n, K), softmax outputs (rows sum to 1). Y: shape (n, K), one-hot targets.
    A term with Y_ik = 0 adds 0, even when F_ik = 0 (0·log 0 = 0): take the log only where Y_ik ≠ 0.
    """
    ### BEGIN SOLUTION
    F = np.asarray(F, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = F.shape[0]
    log_F = np.zeros_like(F)
    where = Y != 0
    log_F[where] = np.log(F[where])
    return -np.sum(Y * log_F) / n
    ### END SOLUTION
'''

SQUARED_ERROR = '''
def squared_error(F, Y):
    """L_S = (1/n) Σ_i ℓ_i with ℓ_i = ½ Σ_k (F_ik − Y_ik)², a number.

    F: shape (n, K), the network's outputs. Y: shape (n, K), the targets.
    """
    ### BEGIN SOLUTION
    F = np.asarray(F, dtype=float)
    Y = np.asarray(Y, dtype=float)
    n = F.shape[0]
    return 0.5 * np.sum((F - Y) ** 2) / n
    ### END SOLUTION
'''

FORWARD = '''
def forward(params, X, activation, task):
    """The forward pass of a network with D = len(params) layers; returns (F, cache).

    params: [(W1, b1), …, (WD, bD)], W^(h) of shape (M_h, M_{h−1}), b^(h) of shape (M_h,).
    X: shape (n, d), one example per row (d = M_0).
    activation: "sigmoid", "tanh" or "relu" (σ of the hidden layers).
    task: "classification" (F = softmax(A^(D))) or "regression" (F = A^(D)).

        Z^(0) = X,   A^(h) = Z^(h−1) W^(h)ᵀ + b^(h)  (n, M_h),   Z^(h) = σ(A^(h))  for h < D

    F: shape (n, K). cache = {"A": [A1, …, AD], "Z": [Z0 = X, Z1, …, Z_{D−1}], "F": F}.
    """
    ### BEGIN SOLUTION
    sigma = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu}[activation]
    D = len(params)
    Z = np.asarray(X, dtype=float)
    A_list, Z_list = [], [Z]
    for h, (W, b) in enumerate(params, start=1):
        A = Z @ W.T + b
        A_list.append(A)
        if h < D:
            Z = sigma(A)
            Z_list.append(Z)
    if task == "classification":
        F = softmax(A)
    else:
        F = A
    return F, {"A": A_list, "Z": Z_list, "F": F}
    ### END SOLUTION
'''

OUTPUT_DELTA = '''
def output_delta(F, Y):
    """Δ^(D) = ∂ℓ/∂A^(D) = F − Y, shape (n, K), row i is δ^(D) of example i.

    F, Y: shape (n, K). The same formula for softmax + cross-entropy and identity + ½ squared error.
    """
    ### BEGIN SOLUTION
    return np.asarray(F, dtype=float) - np.asarray(Y, dtype=float)
    ### END SOLUTION
'''

HIDDEN_DELTA = '''
def hidden_delta(A, W_next, delta_next, activation):
    """Δ^(h) = σ'(A^(h)) ∘ (Δ^(h+1) W^(h+1)), shape (n, M_h): one step back through layer h + 1.

    A: A^(h), shape (n, M_h).  W_next: W^(h+1), shape (M_{h+1}, M_h).
    delta_next: Δ^(h+1), shape (n, M_{h+1}).  activation: "sigmoid", "tanh" or "relu".
    Row i is the lecture's δ^(h) = σ'(a^(h)) ∘ (W^(h+1))ᵀ δ^(h+1) for example i; ∘ is elementwise.
    """
    ### BEGIN SOLUTION
    sigma_prime = {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative, "relu": relu_derivative}[activation]
    return sigma_prime(A) * (delta_next @ W_next)
    ### END SOLUTION
'''

BACKWARD = '''
def backward(params, cache, Y, activation):
    """The deltas of every layer, [Δ^(1), …, Δ^(D)], Δ^(h) of shape (n, M_h).

    params: [(W1, b1), …, (WD, bD)], W^(h) of shape (M_h, M_{h−1}), b^(h) of shape (M_h,).
    cache: the cache `forward` returned (A^(h) of shape (n, M_h)).
    Y: shape (n, K).  Start with Δ^(D) = F − Y (`output_delta`), then for h = D−1, …, 1
    Δ^(h) = σ'(A^(h)) ∘ (Δ^(h+1) W^(h+1)) (`hidden_delta`). Python lists count from 0:
    Δ^(h) is deltas[h − 1], A^(h) is cache["A"][h − 1] and W^(h) is params[h − 1][0].
    """
    ### BEGIN SOLUTION
    D = len(params)
    deltas = [None] * D
    deltas[D - 1] = output_delta(cache["F"], Y)
    for i in range(D - 2, -1, -1):             # i = h − 1 for h = D−1, …, 1
        W_next = params[i + 1][0]
        deltas[i] = hidden_delta(cache["A"][i], W_next, deltas[i + 1], activation)
    return deltas
    ### END SOLUTION
'''

GRADIENTS = '''
def gradients(params, X, Y, activation, task, lam=0.0):
    """The gradient of L_S + (λ/2) Σ_h ‖W^(h)‖², as [(dW1, db1), …, (dWD, dbD)].

    params: [(W1, b1), …], W^(h) of shape (M_h, M_{h−1}), b^(h) of shape (M_h,).
    X: shape (n, d).  Y: shape (n, K).  activation, task: as in `forward`.  lam: λ ≥ 0.
        dW^(h) = (1/n) Δ^(h)ᵀ Z^(h−1) + λ W^(h)    shape (M_h, M_{h−1}), like W^(h)
        db^(h) = (1/n) Σ_i Δ^(h)_i                   shape (M_h,), like b^(h)  (no λ: biases are not regularised)
    Use `forward` and `backward`.
    """
    ### BEGIN SOLUTION
    F, cache = forward(params, X, activation, task)
    deltas = backward(params, cache, Y, activation)
    n = F.shape[0]
    grads = []
    for (W, b), delta, Z_prev in zip(params, deltas, cache["Z"]):
        dW = delta.T @ Z_prev / n + lam * W
        db = np.sum(delta, axis=0) / n
        grads.append((dW, db))
    return grads
    ### END SOLUTION
'''

GD_UPDATE = '''
def gd_update(params, grads, eta):
    """One step of gradient descent: a NEW list [(W1 − η dW1, b1 − η db1), …].

    params: [(W1, b1), …, (WD, bD)], W^(h) of shape (M_h, M_{h−1}), b^(h) of shape (M_h,).
    grads: [(dW1, db1), …], each of the same shape as its W or b.  eta: η > 0.
    The params you are given must not change (no `W -= …`).
    """
    ### BEGIN SOLUTION
    new_params = []
    for (W, b), (dW, db) in zip(params, grads):
        new_params.append((W - eta * dW, b - eta * db))
    return new_params
    ### END SOLUTION
'''

TRAIN = '''
def train(params, X, Y, activation, task, eta, lam, epochs):
    """`epochs` steps of full-batch gradient descent; returns (params, losses).

    params: [(W1, b1), …], W^(h) of shape (M_h, M_{h−1}), b^(h) of shape (M_h,).
    X: shape (n, d).  Y: shape (n, K).  activation, task: as in `forward`.
    eta: η > 0.  lam: λ ≥ 0.  epochs: a whole number ≥ 0.
    Returns the params after the last step (same shapes) and losses, shape (epochs + 1,):
    losses[t] is the objective L_S + (λ/2) Σ_h ‖W^(h)‖² (every weight matrix, no biases) after t
    steps: losses[0] is before the first step and len(losses) = epochs + 1. L_S is the
    cross-entropy for classification and the ½ squared error for regression.
    """
    ### BEGIN SOLUTION
    def objective(params):
        F, cache = forward(params, X, activation, task)
        if task == "classification":
            loss = cross_entropy(F, Y)
        else:
            loss = squared_error(F, Y)
        penalty = sum(np.sum(W ** 2) for W, b in params)
        return loss + lam / 2 * penalty

    losses = [objective(params)]
    for epoch in range(epochs):
        grads = gradients(params, X, Y, activation, task, lam)
        params = gd_update(params, grads, eta)
        losses.append(objective(params))
    return params, np.array(losses)
    ### END SOLUTION
'''

ANSWER_CELLS = {
    "sigmoid": SIGMOID, "sigmoid_derivative": SIGMOID_DERIVATIVE, "tanh_derivative": TANH_DERIVATIVE,
    "relu": RELU, "relu_derivative": RELU_DERIVATIVE, "softmax": SOFTMAX, "cross_entropy": CROSS_ENTROPY,
    "squared_error": SQUARED_ERROR, "forward": FORWARD, "output_delta": OUTPUT_DELTA,
    "hidden_delta": HIDDEN_DELTA, "backward": BACKWARD, "gradients": GRADIENTS, "gd_update": GD_UPDATE,
    "train": TRAIN,
}
"""{contract function: the source of its answer cell}, in the contract's order."""
