'''The answer cells of ``tutorial_net``: each contract function as a student would write it.

Each entry is the whole cell: the ``def`` line and the docstring (what the student receives)
and, between ``### BEGIN SOLUTION`` and ``### END SOLUTION``, a correct body (what nbgrader
removes for the release). The bodies are plain on purpose (one formula per line, the names of
the slides) and call each other the way the reference does, so that a test cell can make the
other functions behave like the reference while it grades one.
'''
from __future__ import annotations

RELU = '''
def relu(z):
    """g(z) = max(z, 0), the ReLU.

    z: a number or a NumPy array of any shape. Returns max(z, 0), elementwise for arrays
    (same shape as z).
    """
    ### BEGIN SOLUTION
    return np.maximum(z, 0.0)
    ### END SOLUTION
'''

RELU_DERIVATIVE = '''
def relu_derivative(z):
    """g'(z): 1 where z > 0, else 0 (also 0 at z = 0, the weak derivative).

    z: a number or a NumPy array of any shape. Returns 1.0 / 0.0, elementwise for arrays.
    """
    ### BEGIN SOLUTION
    return np.where(np.asarray(z) > 0, 1.0, 0.0)
    ### END SOLUTION
'''

FORWARD = '''
def forward(theta, x):
    """The forward pass for one input x.

    theta: shape (5,), θ = (w0, w1, w2, w3, w4).  x: shape (2,), x = (x[0], x[1]).
    Returns the tuple (z, h, y_hat) of three numbers:
        z = w0·x[0] + w1·x[1] + w2·1,   h = g(z),   y_hat = ŷ = w3·h + w4·1
    """
    ### BEGIN SOLUTION
    w0, w1, w2, w3, w4 = theta
    z = w0 * x[0] + w1 * x[1] + w2 * 1
    h = relu(z)
    y_hat = w3 * h + w4 * 1
    return z, h, y_hat
    ### END SOLUTION
'''

EXAMPLE_LOSS = '''
def example_loss(theta, x, y):
    """L(x, y) = (ŷ(x) − y)², a number.  theta (5,), x (2,), y a number."""
    ### BEGIN SOLUTION
    z, h, y_hat = forward(theta, x)
    return (y_hat - y) ** 2
    ### END SOLUTION
'''

DATASET_LOSS = '''
def dataset_loss(theta, X, Y):
    """L(D) = (1/n) Σ_i L(x_i, y_i), the mean loss over the data set, a number.

    theta (5,); X shape (n, 2), row i is x_i; Y shape (n,).
    """
    ### BEGIN SOLUTION
    losses = [example_loss(theta, x, y) for x, y in zip(X, Y)]
    return np.mean(losses)
    ### END SOLUTION
'''

DELTA_YHAT = '''
def delta_yhat(theta, x, y):
    """δ_ŷ(x, y) = ∂L/∂ŷ = 2(ŷ(x) − y), a number.  theta (5,), x (2,), y a number."""
    ### BEGIN SOLUTION
    z, h, y_hat = forward(theta, x)
    return 2 * (y_hat - y)
    ### END SOLUTION
'''

DELTA_H = '''
def delta_h(theta, x, y):
    """δ_h(x, y) = ∂L/∂z = δ_ŷ(x, y) · w3 · g'(z(x)), a number (0 when z(x) ≤ 0).

    theta (5,), x (2,), y a number.
    """
    ### BEGIN SOLUTION
    z, h, y_hat = forward(theta, x)
    return delta_yhat(theta, x, y) * theta[3] * relu_derivative(z)
    ### END SOLUTION
'''

EXAMPLE_GRADIENT = '''
def example_gradient(theta, x, y):
    """∇θ L(x, y) = (δ_h·x[0], δ_h·x[1], δ_h·1, δ_ŷ·h(x), δ_ŷ·1), a NumPy array of shape (5,).

    theta (5,), x (2,), y a number.
    """
    ### BEGIN SOLUTION
    z, h, y_hat = forward(theta, x)
    d_yhat = delta_yhat(theta, x, y)
    d_h = delta_h(theta, x, y)
    return np.array([d_h * x[0], d_h * x[1], d_h * 1, d_yhat * h, d_yhat * 1])
    ### END SOLUTION
'''

DATASET_GRADIENT = '''
def dataset_gradient(theta, X, Y):
    """∇θ L(D) = (1/n) Σ_i ∇θ L(x_i, y_i), the mean gradient, a NumPy array of shape (5,).

    theta (5,); X shape (n, 2); Y shape (n,).
    """
    ### BEGIN SOLUTION
    grads = [example_gradient(theta, x, y) for x, y in zip(X, Y)]
    return np.mean(grads, axis=0)
    ### END SOLUTION
'''

GD_STEP = '''
def gd_step(theta, grad, eta):
    """One gradient-descent step: returns a NEW array θ − η·grad of shape (5,).

    theta (5,), grad (5,), eta = η > 0 a number. The theta you are given must not change.
    """
    ### BEGIN SOLUTION
    return theta - eta * grad
    ### END SOLUTION
'''

GRADIENT_DESCENT = '''
def gradient_descent(theta, X, Y, eta, steps):
    """Run `steps` steps of gradient descent on D = (X, Y), starting from theta.

    theta (5,); X (n, 2); Y (n,); eta = η; steps a whole number ≥ 0.
    Returns (theta_final, losses): theta_final has shape (5,); losses has steps + 1 entries,
    losses[t] = L(D) after t steps (so losses[0] is the loss before any step).
    """
    ### BEGIN SOLUTION
    losses = [dataset_loss(theta, X, Y)]
    for step in range(steps):
        grad = dataset_gradient(theta, X, Y)
        theta = gd_step(theta, grad, eta)
        losses.append(dataset_loss(theta, X, Y))
    return theta, np.array(losses)
    ### END SOLUTION
'''

ANSWER_CELLS = {
    "relu": RELU, "relu_derivative": RELU_DERIVATIVE, "forward": FORWARD,
    "example_loss": EXAMPLE_LOSS, "dataset_loss": DATASET_LOSS, "delta_yhat": DELTA_YHAT,
    "delta_h": DELTA_H, "example_gradient": EXAMPLE_GRADIENT, "dataset_gradient": DATASET_GRADIENT,
    "gd_step": GD_STEP, "gradient_descent": GRADIENT_DESCENT,
}
"""{contract function: the source of its answer cell}, in the contract's order."""
