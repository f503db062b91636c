"""The course's functions written plainly, for ``near_misses`` to change one thing at a time.

Each assignment's contract functions, as short NumPy code in the course's notation (no input
checks, one formula a line), in the form students write them. ``near_misses`` mutates one
function of this source at a time (an operator, a name, an index, a line left out …) and
evaluates the result on a hidden case: the values of those near misses are what the general
diagnosis compares a wrong answer with. ``tests/test_near_misses.py`` keeps every function
here equal to ``reference`` on random cases.

``NOTATION`` renders a line of this code in the course's notation (θ, η, ŷ, Δ^(h+1) …).
"""
from __future__ import annotations

TUTORIAL = '''
def relu(z):
    return np.maximum(z, 0)


def relu_derivative(z):
    return np.where(z > 0, 1.0, 0.0)


def forward(theta, x):
    w0, w1, w2, w3, w4 = theta
    z = w0 * x[0] + w1 * x[1] + w2
    h = np.maximum(z, 0.0)
    y_hat = w3 * h + w4
    return z, h, y_hat


def example_loss(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return (y_hat - y) ** 2


def dataset_loss(theta, X, Y):
    total = 0.0
    for i in range(len(X)):
        total = total + example_loss(theta, X[i], Y[i])
    return total / len(X)


def delta_yhat(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return 2 * (y_hat - y)


def delta_h(theta, x, y):
    z, h, y_hat = forward(theta, x)
    w0, w1, w2, w3, w4 = theta
    return delta_yhat(theta, x, y) * w3 * relu_derivative(z)


def example_gradient(theta, x, y):
    z, h, y_hat = forward(theta, x)
    d_yhat = delta_yhat(theta, x, y)
    d_h = delta_h(theta, x, y)
    return np.array([d_h * x[0], d_h * x[1], d_h, d_yhat * h, d_yhat])


def dataset_gradient(theta, X, Y):
    total = np.zeros(5)
    for i in range(len(X)):
        total = total + example_gradient(theta, X[i], Y[i])
    return total / len(X)


def gd_step(theta, grad, eta):
    return theta - eta * grad


def gradient_descent(theta, X, Y, eta, steps):
    losses = [dataset_loss(theta, X, Y)]
    for t in range(steps):
        grad = dataset_gradient(theta, X, Y)
        theta = gd_step(theta, grad, eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

MLP = '''
def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def sigmoid_derivative(a):
    return sigmoid(a) * (1 - sigmoid(a))


def tanh_derivative(a):
    return 1 - np.tanh(a) ** 2


def relu(a):
    return np.maximum(a, 0)


def relu_derivative(a):
    return np.where(a > 0, 1.0, 0.0)


def softmax(A):
    E = np.exp(A - np.max(A, axis=1, keepdims=True))
    return E / np.sum(E, axis=1, keepdims=True)


def cross_entropy(F, Y):
    n = F.shape[0]
    return -np.sum(Y * np.log(np.where(Y > 0, F, 1.0))) / n


def squared_error(F, Y):
    n = F.shape[0]
    return 0.5 * np.sum((F - Y) ** 2) / n


def output_delta(F, Y):
    return F - Y


def hidden_delta(A, W_next, delta_next, activation):
    return derivative(activation, A) * (delta_next @ W_next)


def forward(params, X, activation, task):
    Z = X
    As = []
    Zs = [X]
    for h in range(1, len(params) + 1):
        W, b = params[h - 1]
        A = Z @ W.T + b
        As.append(A)
        if h < len(params):
            Z = sigma(activation, A)
            Zs.append(Z)
    if task == "classification":
        F = softmax(A)
    else:
        F = A
    return F, {"A": As, "Z": Zs, "F": F}


def backward(params, cache, Y, activation):
    D = output_delta(cache["F"], Y)
    deltas = [D]
    for h in range(len(params) - 1, 0, -1):
        W_next = params[h][0]
        A = cache["A"][h - 1]
        D = hidden_delta(A, W_next, D, activation)
        deltas.insert(0, D)
    return deltas


def gradients(params, X, Y, activation, task, lam=0.0):
    F, cache = forward(params, X, activation, task)
    deltas = backward(params, cache, Y, activation)
    n = X.shape[0]
    grads = []
    for h in range(1, len(params) + 1):
        W, b = params[h - 1]
        D = deltas[h - 1]
        Z_prev = cache["Z"][h - 1]
        dW = D.T @ Z_prev / n + lam * W
        db = np.sum(D, axis=0) / n
        grads.append((dW, db))
    return grads


def gd_update(params, grads, eta):
    new = []
    for h in range(1, len(params) + 1):
        W, b = params[h - 1]
        dW, db = grads[h - 1]
        new.append((W - eta * dW, b - eta * db))
    return new


def train(params, X, Y, activation, task, eta, lam, epochs):
    losses = [objective(params, X, Y, activation, task, lam)]
    for t in range(epochs):
        grads = gradients(params, X, Y, activation, task, lam)
        params = gd_update(params, grads, eta)
        losses.append(objective(params, X, Y, activation, task, lam))
    return params, losses
'''

# what the plain MLP code calls besides its contract functions (never mutated)
MLP_HELPERS = '''
def sigma(activation, A):
    return {"sigmoid": sigmoid, "tanh": np.tanh, "relu": relu}[activation](A)


def derivative(activation, A):
    return {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative, "relu": relu_derivative}[activation](A)


def objective(params, X, Y, activation, task, lam):
    return reference_objective(params, X, Y, activation, task, lam)
'''

SOURCES = {"tutorial_net": TUTORIAL, "mlp": MLP}

# (code, course notation), applied in order to a line of code (``near_misses.render``): whole
# calls first, then names
NOTATION = {
    "tutorial_net": (("dataset_loss(theta, X, Y)", "L(D)"), ("dataset_gradient(theta, X, Y)", "∇θL(D)"),
                     ("example_loss(theta, X[i], Y[i])", "L(x_i, y_i)"), ("example_gradient(theta, X[i], Y[i])", "∇θL(x_i, y_i)"),
                     ("delta_yhat(theta, x, y)", "δ_ŷ"), ("delta_h(theta, x, y)", "δ_h"), ("relu_derivative(z)", "g'(z)"),
                     ("np.maximum", "max"), ("np.minimum", "min"), ("np.where", "where"), ("np.array", ""),
                     ("np.zeros(5)", "0"), ("y_hat", "ŷ"), ("theta0", "θ₀"), ("theta", "θ"), ("eta", "η"), ("d_yhat", "δ_ŷ"), ("d_h", "δ_h"),
                     ("len(X)", "n"), ("X[i]", "x_i"), ("Y[i]", "y_i")),
    "mlp": (("derivative(activation, A)", "σ'(A)"), ("Z_prev", "Z^(h−1)"), ("W_next", "W^(h+1)"),
            ("cache['F']", "F"), ("len(params)", "⟨D⟩"), ("sigma(activation, A)", "σ(A)"), ("np.maximum", "max"),
            ("np.minimum", "min"), ("np.where", "where"), ("np.exp", "exp"), ("np.log", "log"), ("np.sum", "Σ"),
            ("np.mean", "mean"), ("np.max", "max"), ("np.min", "min"), ("np.tanh", "tanh"), ("delta_next", "Δ^(h+1)"),
            ("W_next", "W^(h+1)"), ("lam", "λ"), ("eta", "η"), ("X.shape[0]", "n"), ("F.shape[0]", "n"),
            ("D", "Δ"), (".T", "ᵀ"), ("keepdims=True", "keepdims"), ("⟨D⟩", "D")),
}
