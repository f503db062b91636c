"""Student-style solutions of mlp: a correct one, and one edit per known slip of the lecture.

Written independently of reference/ and of the checks' slip network: explicit loops over
layers, ``np.dot``, ``.T``; ``SLIPS`` maps each mistake id to its textual edits and to the
functions whose checks must then name it.
"""

from tests.students.edits import apply

CORRECT = '''
import numpy as np

def sigmoid(a):
    a = np.asarray(a, dtype=float)
    return np.exp(-np.logaddexp(0.0, -a))

def sigmoid_derivative(a):
    s = sigmoid(a)
    return s * (1 - s)

def tanh_derivative(a):
    return 1 - np.tanh(a) ** 2

def relu(a):
    return np.maximum(a, 0)

def relu_derivative(a):
    return (np.asarray(a) > 0).astype(float)

def softmax(A):
    A = np.asarray(A, dtype=float)
    shifted = A - np.max(A, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)

def cross_entropy(F, Y):
    F = np.asarray(F, dtype=float)
    Y = np.asarray(Y, dtype=float)
    logF = np.log(np.where(Y > 0, F, 1.0))
    return -np.sum(Y * logF) / F.shape[0]

def squared_error(F, Y):
    return 0.5 * np.sum((np.asarray(F) - np.asarray(Y)) ** 2) / len(F)

ACT = {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu}
DER = {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative, "relu": relu_derivative}

def forward(params, X, activation, task):
    Z = np.asarray(X, dtype=float)
    As, Zs = [], [Z]
    for h, (W, b) in enumerate(params):
        A = np.dot(Z, W.T) + b
        As.append(A)
        if h < len(params) - 1:
            Z = ACT[activation](A)
            Zs.append(Z)
    F = softmax(As[-1]) if task == "classification" else As[-1]
    return F, {"A": As, "Z": Zs, "F": F}

def output_delta(F, Y):
    return np.asarray(F) - np.asarray(Y)

def hidden_delta(A, W_next, delta_next, activation):
    return DER[activation](A) * np.dot(delta_next, W_next)

def backward(params, cache, Y, activation):
    deltas = [output_delta(cache["F"], Y)]
    for h in range(len(params) - 2, -1, -1):
        deltas.insert(0, hidden_delta(cache["A"][h], params[h + 1][0], deltas[0], activation))
    return deltas

def gradients(params, X, Y, activation, task, lam=0.0):
    F, cache = forward(params, X, activation, task)
    deltas = backward(params, cache, Y, activation)
    n = X.shape[0]
    grads = []
    for (W, b), D, Z in zip(params, deltas, cache["Z"]):
        dW = np.dot(D.T, Z) / n + lam * W
        db = np.sum(D, axis=0) / n
        grads.append((dW, db))
    return grads

def gd_update(params, grads, eta):
    new = []
    for (W, b), (dW, db) in zip(params, grads):
        new.append((W - eta * dW, b - eta * db))
    return new

def loss_of(params, X, Y, activation, task, lam):
    F, _ = forward(params, X, activation, task)
    data = cross_entropy(F, Y) if task == "classification" else squared_error(F, Y)
    return data + lam / 2 * sum(np.sum(W ** 2) for W, _ in params)

def train(params, X, Y, activation, task, eta, lam, epochs):
    losses = [loss_of(params, X, Y, activation, task, lam)]
    for _ in range(epochs):
        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)
        losses.append(loss_of(params, X, Y, activation, task, lam))
    return params, losses
'''

SLIPS = {
    "softmax-no-max-shift": ([("    shifted = A - np.max(A, axis=1, keepdims=True)\n", "    shifted = A\n")], ["softmax"]),
    "softmax-wrong-axis": ([("shifted = A - np.max(A, axis=1, keepdims=True)", "shifted = A - np.max(A, axis=0, keepdims=True)"),
                            ("e / np.sum(e, axis=1, keepdims=True)", "e / np.sum(e, axis=0, keepdims=True)")], ["softmax"]),
    "sigma-prime-of-z": ([("return DER[activation](A) * np.dot", "return DER[activation](ACT[activation](A)) * np.dot")], ["hidden_delta"]),
    "transpose-missing": ([("dW = np.dot(D.T, Z) / n", "dW = np.dot(Z.T, D) / n")], ["gradients"]),
    "biases-regularised": ([("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=0) / n + lam * b")], ["gradients"]),
    "l2-factor-wrong": ([("/ n + lam * W", "/ n + lam / 2 * W")], ["gradients"]),
    "no-batch-mean": ([("return -np.sum(Y * logF) / F.shape[0]", "return -np.sum(Y * logF)"),
                       ("dW = np.dot(D.T, Z) / n + lam * W", "dW = np.dot(D.T, Z) + lam * W"),
                       ("db = np.sum(D, axis=0) / n", "db = np.sum(D, axis=0)")], ["cross_entropy", "gradients"]),
    "squared-error-no-half": ([("return 0.5 * np.sum(", "return np.sum(")], ["squared_error"]),
    "zero-log-zero-nan": ([("logF = np.log(np.where(Y > 0, F, 1.0))", "logF = np.log(F)")], ["cross_entropy"]),
    "params-changed-in-place": ([("        new.append((W - eta * dW, b - eta * db))\n    return new",
                                  "        W -= eta * dW\n        b -= eta * db\n    return params")], ["gd_update"]),
    "losses-miss-the-start": ([("    losses = [loss_of(params, X, Y, activation, task, lam)]\n", "    losses = []\n")], ["train"]),
}


def with_slip(mistake_id: str) -> str:
    """CORRECT with the edits of one slip applied (each edit must change the text)."""
    return apply(CORRECT, SLIPS[mistake_id][0], mistake_id)
