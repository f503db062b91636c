"""Correct tutorial_net submissions in the styles students write, each its own whole .py file.

Written here, independently of reference/ and of the checks (the loop style with Python
floats is ``tutorial_net.CORRECT``, a SymPy one is in tests/sandbox/test_sandbox_environment.py).
Every style must earn every point from our grader, with no false error line in its feedback.
"""

VECTORISED = '''
import numpy as np

def relu(z):
    return np.maximum(z, 0.0)

def relu_derivative(z):
    return (np.asarray(z) > 0) * 1.0

def _batch(theta, X):
    theta = np.asarray(theta, dtype=float)
    Z = np.atleast_2d(X) @ theta[:2] + theta[2]
    H = relu(Z)
    return Z, H, theta[3] * H + theta[4]

def forward(theta, x):
    Z, H, Yh = _batch(theta, np.asarray(x, dtype=float)[None, :])
    return Z[0], H[0], Yh[0]

def example_loss(theta, x, y):
    return float(dataset_loss(theta, [x], [y]))

def dataset_loss(theta, X, Y):
    _, _, Yh = _batch(theta, np.asarray(X, dtype=float))
    return np.mean((Yh - np.asarray(Y, dtype=float)) ** 2)

def delta_yhat(theta, x, y):
    return 2 * (forward(theta, x)[2] - y)

def delta_h(theta, x, y):
    z, _, y_hat = forward(theta, x)
    return 2 * (y_hat - y) * theta[3] * relu_derivative(z)

def _per_example(theta, X, Y):
    theta = np.asarray(theta, dtype=float)
    X = np.asarray(X, dtype=float)
    Z, H, Yh = _batch(theta, X)
    Dy = 2 * (Yh - np.asarray(Y, dtype=float))
    Dh = Dy * theta[3] * relu_derivative(Z)
    return np.column_stack([Dh * X[:, 0], Dh * X[:, 1], Dh, Dy * H, Dy])

def example_gradient(theta, x, y):
    return _per_example(theta, [x], [y])[0]

def dataset_gradient(theta, X, Y):
    return _per_example(theta, X, Y).mean(axis=0)

def gd_step(theta, grad, eta):
    return np.asarray(theta, dtype=float) - eta * np.asarray(grad, dtype=float)

def gradient_descent(theta, X, Y, eta, steps):
    losses = np.empty(steps + 1)
    losses[0] = dataset_loss(theta, X, Y)
    for t in range(1, steps + 1):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses[t] = dataset_loss(theta, X, Y)
    return theta, losses
'''

LISTS = '''
import math

def relu(z):
    if isinstance(z, (int, float)):
        return max(z, 0.0)
    try:
        return [relu(v) for v in z]
    except TypeError:
        return max(float(z), 0.0)

def relu_derivative(z):
    if isinstance(z, (int, float)):
        return 1.0 if z > 0 else 0.0
    try:
        return [relu_derivative(v) for v in z]
    except TypeError:
        return 1.0 if float(z) > 0 else 0.0

def forward(theta, x):
    w = [float(t) for t in theta]
    z = w[0] * float(x[0]) + w[1] * float(x[1]) + w[2]
    h = relu(z)
    return (z, h, w[3] * h + w[4])

def example_loss(theta, x, y):
    return (forward(theta, x)[2] - float(y)) ** 2

def dataset_loss(theta, X, Y):
    return math.fsum(example_loss(theta, x, y) for x, y in zip(X, Y)) / len(Y)

def delta_yhat(theta, x, y):
    return 2.0 * (forward(theta, x)[2] - float(y))

def delta_h(theta, x, y):
    z = forward(theta, x)[0]
    return delta_yhat(theta, x, y) * float(theta[3]) * relu_derivative(z)

def example_gradient(theta, x, y):
    z, h, _ = forward(theta, x)
    dy, dh = delta_yhat(theta, x, y), delta_h(theta, x, y)
    return [dh * float(x[0]), dh * float(x[1]), dh, dy * h, dy]

def dataset_gradient(theta, X, Y):
    total = [0.0] * 5
    for x, y in zip(X, Y):
        total = [a + b for a, b in zip(total, example_gradient(theta, x, y))]
    return [t / len(Y) for t in total]

def gd_step(theta, grad, eta):
    return [float(t) - eta * float(g) for t, g in zip(theta, grad)]

def gradient_descent(theta, X, Y, eta, steps):
    theta = [float(t) for t in theta]
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

TUPLES = LISTS.replace("return [dh * float(x[0]), dh * float(x[1]), dh, dy * h, dy]",
                       "return (dh * float(x[0]), dh * float(x[1]), dh, dy * h, dy)") \
              .replace("return [t / len(Y) for t in total]", "return tuple(t / len(Y) for t in total)") \
              .replace("return [float(t) - eta * float(g) for t, g in zip(theta, grad)]",
                       "return tuple(float(t) - eta * float(g) for t, g in zip(theta, grad))") \
              .replace("    return theta, losses\n", "    return tuple(theta), tuple(losses)\n")

FLOAT32 = '''
import numpy as np

f4 = np.float32

def relu(z):
    return np.maximum(np.asarray(z, dtype=f4), f4(0))

def relu_derivative(z):
    return (np.asarray(z, dtype=f4) > 0).astype(f4)

def forward(theta, x):
    t = np.asarray(theta, dtype=f4)
    x = np.asarray(x, dtype=f4)
    z = t[0] * x[0] + t[1] * x[1] + t[2]
    h = relu(z)
    return z, h, t[3] * h + t[4]

def example_loss(theta, x, y):
    return (forward(theta, x)[2] - f4(y)) ** 2

def dataset_loss(theta, X, Y):
    return np.mean(np.array([example_loss(theta, x, y) for x, y in zip(X, Y)], dtype=f4))

def delta_yhat(theta, x, y):
    return f4(2) * (forward(theta, x)[2] - f4(y))

def delta_h(theta, x, y):
    z = forward(theta, x)[0]
    return delta_yhat(theta, x, y) * f4(theta[3]) * relu_derivative(z)

def example_gradient(theta, x, y):
    z, h, _ = forward(theta, x)
    x = np.asarray(x, dtype=f4)
    dy, dh = delta_yhat(theta, x, y), delta_h(theta, x, y)
    return np.array([dh * x[0], dh * x[1], dh, dy * h, dy], dtype=f4)

def dataset_gradient(theta, X, Y):
    return np.mean(np.stack([example_gradient(theta, x, y) for x, y in zip(X, Y)]), axis=0)

def gd_step(theta, grad, eta):
    return np.asarray(theta, dtype=f4) - f4(eta) * np.asarray(grad, dtype=f4)

def gradient_descent(theta, X, Y, eta, steps):
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, np.array(losses, dtype=f4)
'''

IN_PLACE = '''
import numpy as np

def relu(z):
    out = np.array(z, dtype=float)      # a copy of our own: changed in place below
    out[out < 0] = 0.0
    return out if out.ndim else float(out)

def relu_derivative(z):
    out = np.zeros_like(np.asarray(z, dtype=float))
    out[np.asarray(z) > 0] = 1.0
    return out if out.ndim else float(out)

def forward(theta, x):
    z = np.dot(theta[:2], x) + theta[2]
    h = relu(z)
    return z, h, theta[3] * h + theta[4]

def example_loss(theta, x, y):
    r = forward(theta, x)[2] - y
    r *= r
    return r

def dataset_loss(theta, X, Y):
    acc = np.zeros(1)
    for x, y in zip(X, Y):
        acc += example_loss(theta, x, y)
    acc /= len(Y)
    return float(acc[0])

def delta_yhat(theta, x, y):
    d = np.array(forward(theta, x)[2] - y, dtype=float)
    d *= 2
    return float(d)

def delta_h(theta, x, y):
    return delta_yhat(theta, x, y) * theta[3] * relu_derivative(forward(theta, x)[0])

def example_gradient(theta, x, y):
    g = np.zeros(5)
    z, h, _ = forward(theta, x)
    dh, dy = delta_h(theta, x, y), delta_yhat(theta, x, y)
    g[:2] = x
    g[2] = 1.0
    g[:3] *= dh
    g[3], g[4] = dy * h, dy
    return g

def dataset_gradient(theta, X, Y):
    g = np.zeros(5)
    for x, y in zip(X, Y):
        g += example_gradient(theta, x, y)
    g /= len(Y)
    return g

def gd_step(theta, grad, eta):
    new = np.array(theta, dtype=float)
    new -= eta * np.asarray(grad)
    return new

def gradient_descent(theta, X, Y, eta, steps):
    theta = np.array(theta, dtype=float)
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta[:] = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

HELPER_CLASS = '''
import numpy as np
from dataclasses import dataclass

@dataclass
class Pass:
    z: float
    h: float
    y_hat: float

class TinyNet:
    """Nielsen-style: the parameters and the two passes in one object."""
    def __init__(self, theta):
        self.w = np.asarray(theta, dtype=float)

    def forward(self, x):
        z = self.w[0] * x[0] + self.w[1] * x[1] + self.w[2]
        h = max(z, 0.0)
        return Pass(z, h, self.w[3] * h + self.w[4])

    def backprop(self, x, y):
        p = self.forward(x)
        delta_out = 2 * (p.y_hat - y)
        delta_hidden = delta_out * self.w[3] * (1.0 if p.z > 0 else 0.0)
        nabla = np.array([delta_hidden * x[0], delta_hidden * x[1], delta_hidden, delta_out * p.h, delta_out])
        return p, delta_out, delta_hidden, nabla

def relu(z):
    return np.maximum(z, 0)

def relu_derivative(z):
    return np.heaviside(z, 0.0)

def forward(theta, x):
    p = TinyNet(theta).forward(x)
    return p.z, p.h, p.y_hat

def example_loss(theta, x, y):
    return (TinyNet(theta).forward(x).y_hat - y) ** 2

def dataset_loss(theta, X, Y):
    return sum(example_loss(theta, x, y) for x, y in zip(X, Y)) / len(X)

def delta_yhat(theta, x, y):
    return TinyNet(theta).backprop(x, y)[1]

def delta_h(theta, x, y):
    return TinyNet(theta).backprop(x, y)[2]

def example_gradient(theta, x, y):
    return TinyNet(theta).backprop(x, y)[3]

def dataset_gradient(theta, X, Y):
    net = TinyNet(theta)
    return sum(net.backprop(x, y)[3] for x, y in zip(X, Y)) / len(X)

def gd_step(theta, grad, eta):
    return TinyNet(theta).w - eta * np.asarray(grad)

def gradient_descent(theta, X, Y, eta, steps):
    history = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        history.append(dataset_loss(theta, X, Y))
    return theta, history
'''

MICROGRAD = '''
import numpy as np

class Value:
    """micrograd: a scalar that remembers how it was made, and backpropagates."""
    def __init__(self, data, _children=(), _op=""):
        self.data = float(data)
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,), f"**{k}")
        def _backward():
            self.grad += k * self.data ** (k - 1) * out.grad
        out._backward = _backward
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0.0, (self,), "ReLU")
        def _backward():
            self.grad += (out.data > 0) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        topo, seen = [], set()
        def build(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

    __radd__ = __add__
    __rmul__ = __mul__
    def __neg__(self): return self * -1
    def __sub__(self, other): return self + (-other)
    def __rsub__(self, other): return other + (-self)

def _graph(theta, x, y):
    w = [Value(t) for t in theta]
    z = w[0] * float(x[0]) + w[1] * float(x[1]) + w[2] * 1.0
    h = z.relu()
    y_hat = w[3] * h + w[4] * 1.0
    loss = (y_hat - float(y)) ** 2
    return w, z, h, y_hat, loss

def relu(z):
    return np.maximum(z, 0)

def relu_derivative(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)

def forward(theta, x):
    _, z, h, y_hat, _ = _graph(theta, x, 0.0)
    return z.data, h.data, y_hat.data

def example_loss(theta, x, y):
    return _graph(theta, x, y)[4].data

def dataset_loss(theta, X, Y):
    return sum(example_loss(theta, x, y) for x, y in zip(X, Y)) / len(X)

def delta_yhat(theta, x, y):
    _, _, _, y_hat, loss = _graph(theta, x, y)
    loss.backward()
    return y_hat.grad

def delta_h(theta, x, y):
    _, z, _, _, loss = _graph(theta, x, y)
    loss.backward()
    return z.grad

def example_gradient(theta, x, y):
    w, *_, loss = _graph(theta, x, y)
    loss.backward()
    return np.array([p.grad for p in w])

def dataset_gradient(theta, X, Y):
    return np.mean([example_gradient(theta, x, y) for x, y in zip(X, Y)], axis=0)

def gd_step(theta, grad, eta):
    return np.asarray(theta, dtype=float) - eta * np.asarray(grad, dtype=float)

def gradient_descent(theta, X, Y, eta, steps):
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

SYMPY_EXACT = '''
import sympy as sp
from fractions import Fraction

w = sp.symbols("w0:5")
x0, x1, yy = sp.symbols("x0 x1 y")
Z = w[0] * x0 + w[1] * x1 + w[2]

def _subs(theta, x, y=0):
    values = dict(zip(w, [sp.nsimplify(float(t), rational=True) for t in theta]))
    values.update({x0: sp.nsimplify(float(x[0]), rational=True), x1: sp.nsimplify(float(x[1]), rational=True),
                   yy: sp.nsimplify(float(y), rational=True)})
    return values

def _loss_expr(on):
    h = Z if on else sp.Integer(0)
    return (w[3] * h + w[4] - yy) ** 2

def relu(z):
    try:
        return [relu(v) for v in z]
    except TypeError:
        return float(sp.Max(sp.nsimplify(float(z), rational=True), 0))

def relu_derivative(z):
    try:
        return [relu_derivative(v) for v in z]
    except TypeError:
        return 1.0 if float(z) > 0 else 0.0

def forward(theta, x):
    s = _subs(theta, x)
    z = Z.subs(s)
    h = sp.Max(z, 0)
    return float(z), float(h), float(w[3].subs(s) * h + w[4].subs(s))

def example_loss(theta, x, y):
    s = _subs(theta, x, y)
    return float(_loss_expr(Z.subs(s) > 0).subs(s))

def dataset_loss(theta, X, Y):
    return float(sum(Fraction(example_loss(theta, x, y)) for x, y in zip(X, Y)) / len(X))

def delta_yhat(theta, x, y):
    s = _subs(theta, x, y)
    yh = sp.Symbol("yh")
    return float(sp.diff((yh - yy) ** 2, yh).subs(yh, forward(theta, x)[2]).subs(s))

def delta_h(theta, x, y):
    s = _subs(theta, x, y)   # δ_h = ∂L/∂z = ∂L/∂w2, since ∂z/∂w2 = 1
    return float(sp.diff(_loss_expr(Z.subs(s) > 0), w[2]).subs(s))

def example_gradient(theta, x, y):
    s = _subs(theta, x, y)
    L = _loss_expr(Z.subs(s) > 0)
    return [float(sp.diff(L, p).subs(s)) for p in w]

def dataset_gradient(theta, X, Y):
    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]
    return [float(sum(Fraction(g[i]) for g in grads) / len(grads)) for i in range(5)]

def gd_step(theta, grad, eta):
    return [float(t) - eta * float(g) for t, g in zip(theta, grad)]

def gradient_descent(theta, X, Y, eta, steps):
    losses = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, losses
'''

STYLES = {"vectorised": VECTORISED, "lists": LISTS, "tuples": TUPLES, "float32": FLOAT32, "in_place": IN_PLACE,
          "helper_class": HELPER_CLASS, "micrograd": MICROGRAD, "sympy_exact": SYMPY_EXACT}

# Parts 1–6 worked by hand: the tutorial's own numbers (the course spec's table), as a student
# types them into the notebook's answer cells (a .py holds them as plain assignments).
HAND = '''
z_x1, z_x2, h_x1, h_x2, y_hat_x1, y_hat_x2 = 3, -1, 3, 0, 3, 0
L_x1, L_x2, L_D = 2.89, 3.61, 3.25
delta_yhat_x1, delta_yhat_x2, delta_h_x1, delta_h_x2 = 3.4, -3.8, 3.4, 0
grad_x1 = (6.8, 3.4, 3.4, 10.2, 3.4)
grad_x2 = (0, 0, 0, 0, -3.8)
grad_D = (3.4, 1.7, 1.7, 5.1, -0.2)
theta_next = (0.966, 0.983, -0.017, 0.949, 0.002)
L_x1_next, L_x2_next, L_D_next = 2.108890648804, 3.602404, 2.855647324402
'''
