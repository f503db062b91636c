"""Correct solutions in two more styles, as redefinitions appended to the student-style CORRECT
(a later ``def`` replaces the earlier one, as in a notebook whose cell was rewritten).

``INPLACE``: in-place work on the function's own arrays (copies first, then ``-=``, ``*=``,
``out=``, masks assigned into, accumulators added into). ``SYMPY``: sympy for the algebra
(derivatives by ``sympy.diff``, exact halves, ``lambdify``), some results returned as sympy
numbers. Both are correct: they must get full marks and no diagnosis.
"""

INPLACE = {
    "tutorial_net": '''

def relu(z):
    out = np.array(z, dtype=float)
    out[out < 0] = 0.0
    return out if out.ndim else float(out)

def relu_derivative(z):
    out = np.zeros(np.shape(z))
    out[np.asarray(z) > 0] = 1.0
    return out if out.ndim else float(out)

def dataset_gradient(theta, X, Y):
    total = np.zeros(5)
    for x, y in zip(X, Y):
        total += example_gradient(theta, x, y)
    total /= len(X)
    return total

def gd_step(theta, grad, eta):
    new = np.array(theta, dtype=float)
    new -= eta * np.asarray(grad)
    return new

def gradient_descent(theta, X, Y, eta, steps):
    theta = np.array(theta, dtype=float)
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta -= eta * dataset_gradient(theta, X, Y)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
''',
    "mlp": '''

def relu(a):
    out = np.array(a, dtype=float)
    np.maximum(out, 0, out=out)
    return out

def softmax(A):
    e = np.array(A, dtype=float)
    e -= e.max(axis=1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=1, keepdims=True)
    return e

def gradients(params, X, Y, activation, task, lam=0.0):
    F, cache = forward(params, X, activation, task)
    deltas = backward(params, cache, Y, activation)
    n = X.shape[0]
    grads = []
    for (W, b), D, Z in zip(params, deltas, cache["Z"]):
        dW = np.zeros_like(np.asarray(W, dtype=float))
        db = np.zeros(np.shape(b))
        for i in range(n):
            dW += np.outer(D[i], Z[i])
            db += D[i]
        dW /= n
        db /= n
        dW += lam * np.asarray(W)
        grads.append((dW, db))
    return grads

def gd_update(params, grads, eta):
    new = []
    for (W, b), (dW, db) in zip(params, grads):
        W2, b2 = np.array(W, dtype=float), np.array(b, dtype=float)
        W2 -= eta * dW
        b2 -= eta * db
        new.append((W2, b2))
    return new
''',
}

SYMPY = {
    "tutorial_net": '''

import sympy as sp

_yh, _y = sp.symbols("y_hat y")
_L = (_yh - _y) ** 2
_loss = sp.lambdify((_yh, _y), _L)
_dloss = sp.lambdify((_yh, _y), sp.diff(_L, _yh))

def example_loss(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return sp.Float(_loss(float(y_hat), float(y)), 30)

def delta_yhat(theta, x, y):
    z, h, y_hat = forward(theta, x)
    return sp.Float(_dloss(float(y_hat), float(y)), 30)

def dataset_loss(theta, X, Y):
    return sum((example_loss(theta, x, y) for x, y in zip(X, Y)), sp.Integer(0)) / len(X)
''',
    "mlp": '''

import sympy as sp

_a = sp.Symbol("a")
_tanh_prime = sp.lambdify(_a, sp.diff(sp.tanh(_a), _a), "numpy")
_d = sp.Symbol("d")
_half_square = sp.lambdify(_d, sp.Rational(1, 2) * _d ** 2, "numpy")

def tanh_derivative(a):
    return _tanh_prime(np.asarray(a, dtype=float))

def squared_error(F, Y):
    diff = np.asarray(F, dtype=float) - np.asarray(Y, dtype=float)
    return sp.Float(float(np.sum(_half_square(diff))) / len(diff), 30)
''',
}
