r"""The prose of the ``mlp`` notebook, for students, in the lecture's notation.

The worked example's numbers (every matrix of the shallow network's forward and backward pass,
the losses, the gradients, one step, two epochs) are computed here from ``reference.mlp`` on
the checks' ``WORKED`` network and formatted into the text, never typed; ``worked_numbers``
also asserts the facts the text states in words (integers where it says so, which step
overshoots), so a change of ``WORKED`` that breaks a sentence fails the build.
"""
from __future__ import annotations

import numpy as np

from reference import mlp as ref

# σ, λ and η of the worked example are the worked dict's ("activation", "lam", "eta"); the text
# contrasts η with η / 2 in the `train` part. The text is written for σ = ReLU.
MOONS_ETA, MOONS_EPOCHS = 0.3, 600          # part 8's runs (each about a second)
SINE_ETA, SINE_EPOCHS = 0.07, 1500


# --- formatting --------------------------------------------------------------------------

def _num(x, decimals: int = 4) -> str:
    x = float(x)
    if abs(x - round(x)) < 1e-9:
        return str(int(round(x)))
    return f"{x:.{decimals}f}".rstrip("0")


def _mat(M, decimals: int = 4) -> str:
    """A matrix (or a vector, as a row) in LaTeX."""
    M = np.atleast_2d(np.asarray(M, dtype=float))
    rows = r" \\ ".join(" & ".join(_num(x, decimals) for x in row) for row in M)
    return r"\begin{pmatrix}" + rows + r"\end{pmatrix}"


def _vec(v, decimals: int = 4) -> str:
    return "(" + ", ".join(_num(x, decimals) for x in np.ravel(v)) + ")"


def _list(v, decimals: int = 4) -> str:
    return "[" + ", ".join(_num(x, decimals) for x in np.ravel(v)) + "]"


# --- the worked example, computed --------------------------------------------------------

def worked_numbers(worked: dict) -> dict:
    """Every number the text shows, from the reference, with the claims the text makes checked."""
    params, X = worked["params"], worked["X"]
    Y_reg, Y_cls = worked["Y_regression"], worked["Y_classification"]
    act, lam, eta = worked["activation"], worked["lam"], worked["eta"]
    assert act == "relu", "the text is written for a ReLU network"
    small_eta = eta / 2
    (W1, b1), (W2, b2) = params
    F_reg, cache = ref.forward(params, X, act, "regression")
    F_cls, cache_cls = ref.forward(params, X, act, "classification")
    deltas_reg = ref.backward(params, cache, Y_reg, act)
    deltas_cls = ref.backward(params, cache_cls, Y_cls, act)
    grads_reg = ref.gradients(params, X, Y_reg, act, "regression", lam)
    grads_cls = ref.gradients(params, X, Y_cls, act, "classification", lam)
    stepped = ref.gd_update(params, grads_reg, eta)
    _, losses = ref.train(params, X, Y_reg, act, "regression", eta, lam, 2)
    _, losses_small = ref.train(params, X, Y_reg, act, "regression", small_eta, lam, 5)
    _, losses_big = ref.train(params, X, Y_reg, act, "regression", eta, lam, 5)
    n = len(X)
    w = dict(
        lam=lam, eta=eta, small_eta=small_eta,
        W1=W1, b1=b1, W2=W2, b2=b2, X=X, Y_reg=Y_reg, Y_cls=Y_cls, n=n,
        A1=cache["A"][0], Z1=cache["Z"][1], A2=cache["A"][1], F_reg=F_reg, F_cls=F_cls,
        se=ref.squared_error(F_reg, Y_reg), ce=ref.cross_entropy(F_cls, Y_cls),
        penalty=sum(float(np.sum(W ** 2)) for W, _ in params),
        D2_reg=deltas_reg[1], back_reg=deltas_reg[1] @ W2, mask=ref.relu_derivative(cache["A"][0]), D1_reg=deltas_reg[0],
        D2_cls=deltas_cls[1], back_cls=deltas_cls[1] @ W2, D1_cls=deltas_cls[0],
        data_dW1=deltas_reg[0].T @ X / n, data_dW2=deltas_reg[1].T @ cache["Z"][1] / n,
        grads_reg=grads_reg, grads_cls=grads_cls, stepped=stepped, losses=losses,
        losses_small=losses_small, losses_big=losses_big,
    )
    integral = ("A1", "Z1", "A2", "D2_reg", "back_reg", "D1_reg", "mask")
    for key in integral:
        assert np.array_equal(w[key], np.round(w[key])), f"the worked {key} is not whole numbers"
    assert np.array_equal(F_reg, w["A2"]) and n == 2 and (w["A1"] == 0).sum() == 0
    assert np.all(np.diff(losses_small) < 0), "the text says the smaller η lowers the objective at every step"
    assert losses[1] < losses[0] < losses[2], "the text says η lowers the objective once, then overshoots"
    return w


# --- the cells' text ---------------------------------------------------------------------

IMPORTS = """
# Run this cell first (read-only).
import os
import numpy as np
import matplotlib.pyplot as plt
"""


def intro(points_auto: float, points_manual: float, call_seconds: float, cell_seconds: float, functions: int) -> str:
    return f"""
# Backpropagation in networks of any depth

In the lecture you met the **shallow network** (D = 2: one hidden layer of M units) and the
**backpropagation formula** that carries the output's error back through the layers. In this
assignment you write that network in NumPy, for **any depth D**, with the same handful of
functions: activations and their derivatives, the softmax and the two losses, the forward
pass, the backward pass, the gradients with L2 regularisation, and gradient descent. At the
end your network learns a curved class boundary and a sine curve, and you explain what the
regularisation strength λ and the activation σ changed.

| part | what you write | graded |
|---|---|---|
| 1. Activations | `sigmoid`, `sigmoid_derivative`, `tanh_derivative`, `relu`, `relu_derivative` | automatically |
| 2. Output and losses | `softmax`, `cross_entropy`, `squared_error` | automatically |
| 3. Forward pass | `forward` | automatically |
| 4. Backward pass | `output_delta`, `hidden_delta`, `backward` | automatically |
| 5. Gradients | `gradients` (batch means, L2 on the weights) | automatically |
| 6. Gradient descent | `gd_update`, `train` | automatically |
| 7. Deeper networks | nothing new: a gradient check of your code for D = 1 … 4 | not graded |
| 8. The network at work | run, look, and answer one question | by a TA |

The notebook is worth **{points_auto + points_manual:g} points**: {points_auto:g} for the {functions}
functions (graded automatically) and {points_manual:g} for your written answer in part 8.

**How the grading works.** Below each function there are two test cells. Run the first: it
checks your function on the *worked example* (the small network with whole-number weights
below, whose every number is written out in this notebook), prints what it called, what came
back and, when something is wrong, what was expected and the name of the mistake it
recognised. Its last line is the points you earned. The second test cell is empty for you; it
runs more cases when your notebook is graded (random networks of depth 1 to 4, every
activation, both tasks, λ > 0, a single example, ReLU inputs exactly 0, softmax rows of ±1000),
and tells you what went wrong without showing the expected values.
While the tests of one function run, the other functions of the contract behave correctly,
so a mistake in one function costs points only once.

**Rules.**
- Write only where it says `# YOUR CODE HERE` or `YOUR ANSWER HERE`; replace the
  `raise NotImplementedError()` line with your code. Keep each function's name and arguments.
- Do not delete, copy or split cells, and do not change the test cells (changes are undone
  when grading).
- Do not change the arrays you are given (no `W -= …` on an argument): return new ones.
- Before you submit: *Kernel → Restart Kernel and Run All Cells*. A test stops a call of your
  function after {call_seconds:g} seconds, and grading stops any cell that runs longer than
  {cell_seconds:g} seconds (a test cell stopped that way scores 0).
"""


NETWORK = r"""
## The network, for any depth D

A network of depth D has D layers of weights. Layer h has $M_h$ units; $M_0 = d$ is the number
of inputs and $M_D = K$ the number of outputs. For one input $x \in \mathbb{R}^d$:

$$z^{(0)}(x) = x, \qquad a^{(h)}(x) = W^{(h)} z^{(h-1)}(x) + b^{(h)}, \qquad z^{(h)}(x) = \sigma\big(a^{(h)}(x)\big) \quad (h < D), \qquad f(x) = o\big(a^{(D)}(x)\big)$$

with $W^{(h)} \in \mathbb{R}^{M_h \times M_{h-1}}$ and $b^{(h)} \in \mathbb{R}^{M_h}$. The
activation σ of the hidden layers is the sigmoid, tanh or the ReLU. D = 2 is the lecture's
shallow network with M = $M_1$ hidden units; D = 1 is a linear model.

| task | output $o$ | loss of one example $\ell(f(x_i), Y_i)$ |
|---|---|---|
| classification into K classes, $Y_i$ one-hot | softmax | cross-entropy $-\sum_k Y_{ik} \log f_k(x_i)$ |
| regression with K outputs | identity, $f = a^{(D)}$ | half the squared error $\frac12 \sum_k (f_k(x_i) - Y_{ik})^2$ |

Training minimises the mean loss over the n examples plus an L2 penalty on the **weights only**
(never the biases), by batch gradient descent with learning rate η > 0:

$$L_S = \frac1n \sum_{i=1}^n \ell(f(x_i), Y_i), \qquad
g_W = \nabla_W\Big(L_S + \frac\lambda2 \sum_h \|W^{(h)}\|^2\Big) = \nabla_W L_S + \lambda W, \qquad g_b = \nabla_b L_S,$$

$$W \leftarrow W - \eta\, g_W, \qquad b \leftarrow b - \eta\, g_b .$$

### Batches are rows

The code works on a whole batch at once, **one example per row**: X has shape (n, d), Y shape
(n, K). Stacking the column vectors $a^{(h)}(x_i)^\top$ as rows turns the lecture's
$W^{(h)} z^{(h-1)} + b^{(h)}$ into

$$A^{(h)} = Z^{(h-1)} W^{(h)\top} + b^{(h)} \quad\text{(shape } (n, M_h)\text{)}, \qquad Z^{(h)} = \sigma(A^{(h)}), \qquad Z^{(0)} = X,$$

in NumPy `A = Z_prev @ W.T + b` (b is added to every row). The parameters are a Python list of
D pairs, `params = [(W1, b1), …, (WD, bD)]`, with `W` of shape $(M_h, M_{h-1})$ as in the
lecture and `b` of shape $(M_h,)$. `activation` is one of `"sigmoid"`, `"tanh"`, `"relu"` and
`task` is `"classification"` or `"regression"`.
"""


def _linear(weights, x, bias) -> str:
    """w·x + b written out term by term in LaTeX, e.g. "1 \\cdot 1 - 1 \\cdot 2 + 0"."""
    text = ""
    for k, (wk, xk) in enumerate(zip(weights, x)):
        sign = "-" if wk < 0 else ("+" if k else "")
        text += (f" {sign} " if k else sign) + f"{_num(abs(wk))} \\cdot {_num(xk)}"
    return text + (" - " if bias < 0 else " + ") + _num(abs(bias))


def worked(w: dict) -> str:
    x1 = w["X"][0]
    W1, b1 = w["W1"], w["b1"]
    a11 = [_linear(W1[k], x1, b1[k]) for k in range(2)]
    off = "; ".join(f"unit {k + 1} of example {i + 1} is switched off ($a = {_num(w['A1'][i, k])} \\le 0$, so $z = 0$)"
                    for i, k in zip(*np.nonzero(w["A1"] <= 0)))
    off = off[0].upper() + off[1:]
    a, b = w["A2"][0]
    first_row = (rf"$(e^{{{_num(a)}}}, e^{{{_num(b)}}}) / (e^{{{_num(a)}}} + e^{{{_num(b)}}})"
                 rf" = (1, e^{{{_num(b - a)}}}) / (1 + e^{{{_num(b - a)}}})$")
    true = w["F_cls"][w["Y_cls"] == 1]          # each example's probability of its true class
    worse = int(np.argmin(true))
    misses = np.abs(w["F_reg"] - w["Y_reg"])
    off_by = ("each example is off by " + _num(misses.max()) + " in one output"
              if np.all(np.sort(misses, axis=1)[:, :-1] == 0) and len(set(misses.max(axis=1))) == 1 else "")
    assert off_by, "the text says each example misses in one output by the same amount"
    return rf"""
## The worked example: a shallow network with whole numbers

The public tests use one small shallow network (D = 2, d = 2 inputs, M = 2 ReLU units, K = 2
outputs) with whole-number weights, on a batch of n = {w["n"]} examples. Every number below
follows from these by hand; check your functions against them as you go (the read-only cell
below defines them as `PARAMS`, `X`, `Y_REG`, `Y_CLS`, `LAM` and `ETA`).

$$W^{{(1)}} = {_mat(w["W1"])}, \quad b^{{(1)}} = {_vec(w["b1"])}, \qquad
W^{{(2)}} = {_mat(w["W2"])}, \quad b^{{(2)}} = {_vec(w["b2"])}$$

$$X = {_mat(w["X"])} \;\text{{(rows }} x_1, x_2\text{{)}}, \qquad
Y_{{\text{{reg}}}} = {_mat(w["Y_reg"])}, \qquad Y_{{\text{{cls}}}} = {_mat(w["Y_cls"])},
\qquad \lambda = {_num(w["lam"])}, \quad \eta = {_num(w["eta"])}.$$

**Forward.** For $x_1$: $a^{{(1)}}(x_1) = W^{{(1)}} x_1 + b^{{(1)}} = ({a11[0]},\; {a11[1]}) = {_vec(w["A1"][0])}$,
and the same for $x_2$. As rows of the batch:

$$A^{{(1)}} = X W^{{(1)\top}} + b^{{(1)}} = {_mat(w["A1"])}, \qquad
Z^{{(1)}} = \mathrm{{ReLU}}(A^{{(1)}}) = {_mat(w["Z1"])}, \qquad
A^{{(2)}} = Z^{{(1)}} W^{{(2)\top}} + b^{{(2)}} = {_mat(w["A2"])}.$$

{off}. For regression
$F = A^{{(2)}}$; for classification $F = \mathrm{{softmax}}(A^{{(2)}})$ row by row, e.g. the
first row is {first_row}:

$$F_{{\text{{cls}}}} = {_mat(w["F_cls"])} \quad\text{{(rounded to 4 decimals here)}}.$$

**Losses.** $\tfrac12$ squared error: ${_num(w["se"])}$ ({off_by}).
Cross-entropy: $\tfrac12\big(-\log {_num(true[0])} - \log {_num(true[1])}\big) = {_num(w["ce"])}$
(the {("first", "second")[worse]} example puts only {_num(true[worse])} on its true class). With the L2 term,
$\sum_h \|W^{{(h)}}\|^2 = {_num(w["penalty"])}$, so the regression objective is
${_num(w["se"])} + \tfrac{{{_num(w["lam"])}}}{{2}} \cdot {_num(w["penalty"])} = {_num(w["losses"][0])}$.

The numbers of the backward pass and the gradients are in parts 4 to 6.
"""


def worked_data_cell(worked: dict) -> str:
    (W1, b1), (W2, b2) = worked["params"]
    lst = lambda a: repr(np.asarray(a, float).tolist())  # noqa: E731
    return (f"# The worked example (read-only): a shallow network, D = 2, with whole-number weights\n"
            f"PARAMS = [(np.array({lst(W1)}), np.array({lst(b1)})),    # (W1 (M1, d), b1 (M1,))\n"
            f"          (np.array({lst(W2)}), np.array({lst(b2)}))]    # (W2 (K, M1), b2 (K,))\n"
            f"X = np.array({lst(worked['X'])})              # n = {len(worked['X'])} examples, one per row\n"
            f"Y_REG = np.array({lst(worked['Y_regression'])})          # regression targets (n, K)\n"
            f"Y_CLS = np.array({lst(worked['Y_classification'])})          # one-hot classes (n, K)\n"
            f"LAM = {float(worked['lam'])!r}   # λ\n"
            f"ETA = {float(worked['eta'])!r}   # η\n"
            f"ACTIVATION = {worked['activation']!r}")


PARTS = (  # (cell id, heading, the functions, in the order they are written)
    ("part1", "Part 1: activations and their derivatives", ("sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative")),
    ("part2", "Part 2: the output and the losses", ("softmax", "cross_entropy", "squared_error")),
    ("part3", "Part 3: the forward pass", ("forward",)),
    ("part4", "Part 4: the backward pass", ("output_delta", "hidden_delta", "backward")),
    ("part5", "Part 5: the gradients, with L2 regularisation", ("gradients",)),
    ("part6", "Part 6: gradient descent", ("gd_update", "train")),
)


def part_text(part_id: str, heading: str, w: dict) -> str:
    body = {
        "part1": r"""
σ enters the gradient only through its derivative σ'(a):

| σ | σ(a) | σ'(a) |
|---|---|---|
| sigmoid | $1/(1 + e^{-a})$ | $\sigma(a)(1 - \sigma(a))$ |
| tanh | $\tanh a$ (`np.tanh`) | $1 - \tanh^2 a$ |
| ReLU | $\max(a, 0)$ | $1$ if $a > 0$, else $0$ |

**ReLU'(0).** The ReLU has a kink at 0, where it has no derivative. We use the *weak
derivative* and set ReLU'(0) = 0, as the lecture does. Because ReLU' is only ever 0 or 1, it is
cheap to compute, and in the backward pass it *switches units off*: a unit with $a \le 0$
passes no gradient back for that example. The sigmoid's derivative is at most ¼ (at a = 0), so
every sigmoid layer shrinks the gradient it passes back; tanh' reaches 1 at a = 0.

All five functions work elementwise on arrays of any shape and return an array of the same
shape. The public tests call them on the worked example's $A^{(1)}$.
""",
        "part2": rf"""
**Softmax, stably.** $\mathrm{{softmax}}(a)_k = e^{{a_k}} / \sum_j e^{{a_j}}$. For any number m,
$e^{{a_k - m}} / \sum_j e^{{a_j - m}} = e^{{-m}} e^{{a_k}} / (e^{{-m}} \sum_j e^{{a_j}})$ is the same value:
shifting a row by a constant changes nothing. Take m = the row's maximum: then every exponent
is ≤ 0, every $e^{{(\cdot)}}$ is in (0, 1] and at least one is 1, so nothing overflows and the sum is
never 0. Without the shift, a row like (1000, −1000) gives $e^{{1000}}$ = `inf` and `inf/inf` = `nan`.
The matrix has one example per **row**, so the maximum and the sum run over the K classes of
a row (`axis=1`), not over the examples.

**Cross-entropy and 0·log 0.** With one-hot Y only the true class's term counts. A softmax
output can underflow to exactly 0 in a class the example does not belong to (a row of ±1000
gives $e^{{-2000}}$ = 0 in float64); the term $Y_k \log F_k$ is then $0 \cdot \log 0$, which is 0 by
convention but `0 * np.log(0)` = `nan` in NumPy. Take the log only where $Y_k \ne 0$.

**Half the squared error.** The ½ is there so that the output delta below is exactly F − Y.

On the worked example, $A^{{(2)}} = {_mat(w["A2"])}$ (part 3 computes it), so
softmax gives $F_{{\text{{cls}}}} = {_mat(w["F_cls"])}$, the cross-entropy is {_num(w["ce"])} and the ½
squared error of $F = A^{{(2)}}$ against $Y_{{\text{{reg}}}}$ is {_num(w["se"])}. Both losses are
**means over the n rows** (here n = {w["n"]}).
""",
        "part3": r"""
`forward(params, X, activation, task)` runs the layers $h = 1, \dots, D$ for the whole batch
and returns F together with a **cache** of what the backward pass will need:
`cache = {"A": [A1, …, AD], "Z": [Z0, Z1, …, Z_{D−1}], "F": F}` with `Z0 = X`. There are D
A's and D Z's: the last layer has no σ, its activation goes through the output function
(softmax or the identity). The worked example's A's, Z and F are written out above.
""",
        "part4": rf"""
**The output delta.** Write $\delta^{{(D)}} = \partial\ell/\partial a^{{(D)}}$. For softmax with
cross-entropy, $\partial\ell/\partial a_k = f_k - Y_k$ (the softmax's Jacobian and the log
cancel, using $\sum_k Y_k = 1$); for the identity with ½ squared error,
$\partial\ell/\partial a_k = f_k - Y_k$ (the ½ cancels the 2). So for **both** tasks

$$\Delta^{{(D)}} = F - Y \qquad \text{{(shape }} (n, K)\text{{, row i is }} \delta^{{(D)}} \text{{ of example i)}}.$$

**The backward recursion.** The lecture's formula for one example is
$\delta^{{(h)}} = \sigma'(a^{{(h)}}) \circ (W^{{(h+1)}})^\top \delta^{{(h+1)}}$ for h = D−1, …, 1 (∘ is the
elementwise product; σ' is taken at the unit's **input** $a^{{(h)}}$, not at its output $z^{{(h)}}$).
Stacking the examples as rows transposes every vector, and $(W^\top \delta)^\top = \delta^\top W$, so

$$\Delta^{{(h)}} = \sigma'(A^{{(h)}}) \circ \big(\Delta^{{(h+1)}} W^{{(h+1)}}\big) \qquad (n, M_h) = (n, M_h) \circ \big((n, M_{{h+1}})(M_{{h+1}}, M_h)\big).$$

In the row form there is **no** transpose on $W^{{(h+1)}}$: the shapes tell you.

**Worked example (regression).**
$\Delta^{{(2)}} = F - Y_{{\text{{reg}}}} = {_mat(w["D2_reg"])}$,
$\Delta^{{(2)}} W^{{(2)}} = {_mat(w["back_reg"])}$,
$\mathrm{{ReLU}}'(A^{{(1)}}) = {_mat(w["mask"])}$, so
$\Delta^{{(1)}} = {_mat(w["D1_reg"])}$: the switched-off unit passes nothing back.

**Worked example (classification)**, rounded to 4 decimals:
$\Delta^{{(2)}} = F_{{\text{{cls}}}} - Y_{{\text{{cls}}}} = {_mat(w["D2_cls"])}$ and
$\Delta^{{(1)}} = \mathrm{{ReLU}}'(A^{{(1)}}) \circ (\Delta^{{(2)}} W^{{(2)}}) = {_mat(w["D1_cls"])}$.
""",
        "part5": rf"""
For one example the lecture's chain rule gives $\partial\ell/\partial W^{{(h)}} = \delta^{{(h)}} (z^{{(h-1)}})^\top$
(an outer product, shape $(M_h, M_{{h-1}})$) and $\partial\ell/\partial b^{{(h)}} = \delta^{{(h)}}$.
$L_S$ is the **mean** over the batch, and a sum of outer products over the rows is one matrix
product, so with the L2 term on the weights only:

$$dW^{{(h)}} = \frac1n \Delta^{{(h)\top}} Z^{{(h-1)}} + \lambda W^{{(h)}}, \qquad db^{{(h)}} = \frac1n \sum_{{i=1}}^n \Delta^{{(h)}}_i .$$

$\Delta^{{(h)\top}} Z^{{(h-1)}}$ is $(M_h, n)(n, M_{{h-1}})$: the shape of $W^{{(h)}}$, which is how you can tell
where the transpose goes. The λ in $dW$ is the derivative of $\frac\lambda2 \|W\|^2$: λW, not
$\frac\lambda2 W$ and not 2λW. Biases get no λ term.

**Worked example (regression, λ = {_num(w["lam"])}).**
$\frac1n \Delta^{{(2)\top}} Z^{{(1)}} = {_mat(w["data_dW2"])}$, so
$dW^{{(2)}} = {_mat(w["grads_reg"][1][0])}$ and $db^{{(2)}} = {_vec(w["grads_reg"][1][1])}$;
$\frac1n \Delta^{{(1)\top}} X = {_mat(w["data_dW1"])}$, so
$dW^{{(1)}} = {_mat(w["grads_reg"][0][0])}$ and $db^{{(1)}} = {_vec(w["grads_reg"][0][1])}$.

**Classification, λ = {_num(w["lam"])}** (rounded): $dW^{{(1)}} = {_mat(w["grads_cls"][0][0])}$,
$db^{{(1)}} = {_vec(w["grads_cls"][0][1])}$, $dW^{{(2)}} = {_mat(w["grads_cls"][1][0])}$,
$db^{{(2)}} = {_vec(w["grads_cls"][1][1])}$.
""",
        "part6": rf"""
One step of batch gradient descent moves every weight matrix and bias vector against its
gradient: $W^{{(h)}} \leftarrow W^{{(h)}} - \eta\, dW^{{(h)}}$, $b^{{(h)}} \leftarrow b^{{(h)}} - \eta\, db^{{(h)}}$.
`train` repeats this for a number of epochs (each epoch is one step on the whole batch) and
records the objective $L_S + \frac\lambda2 \sum_h \|W^{{(h)}}\|^2$ before the first step and after
every step.

**Worked example (regression, η = {_num(w["eta"])}, λ = {_num(w["lam"])}).** One step with the gradients of part 5:

$$W^{{(1)}} = {_mat(w["stepped"][0][0])}, \; b^{{(1)}} = {_vec(w["stepped"][0][1])}, \qquad
W^{{(2)}} = {_mat(w["stepped"][1][0])}, \; b^{{(2)}} = {_vec(w["stepped"][1][1])}.$$

Two epochs give the objectives `losses` = {_list(w["losses"], 6)} (rounded to 6 decimals):
the first step lowers the objective, the second **raises** it. η = {_num(w["eta"])} is too large for
this network: five epochs give {_list(w["losses_big"], 2)}, while η = {_num(w["small_eta"])} gives
{_list(w["losses_small"], 4)}, lower at every step.
""",
    }[part_id]
    return f"# {heading}\n{body}"


FUNCTION_NOTES = {
    "sigmoid": "Mind a = −1000: `np.exp(1000)` overflows to `inf` (the docstring shows a way around it).",
    "sigmoid_derivative": "Use your `sigmoid`.",
    "tanh_derivative": "`np.tanh` is tanh.",
    "relu": "",
    "relu_derivative": "ReLU'(0) = 0: the test includes inputs exactly 0 (and −0.0).",
    "softmax": "Row-wise, with the row maximum subtracted first.",
    "cross_entropy": "A number: the mean over the n rows. No `nan` when a softmax output underflowed to 0 outside the true class.",
    "squared_error": "A number: the mean over the n rows of half the squared error.",
    "forward": "Use your `sigmoid`, `relu` (or `np.tanh`) and `softmax`. It must work for any D ≥ 1, including D = 1 (no hidden layer: `Z` is just `[X]`).",
    "output_delta": "One line.",
    "hidden_delta": "σ' at A (the unit's input), elementwise times the back-propagated Δ^(h+1) W^(h+1). Use your derivative functions.",
    "backward": "Use `output_delta` and `hidden_delta`. For D = 1 the list has the one output delta.",
    "gradients": "Use `forward` and `backward`. The tests give λ > 0 and check that the biases are not regularised and that you divide by n.",
    "gd_update": "The tests check that the `params` you were given are unchanged afterwards.",
    "train": "Use `forward`, `cross_entropy` / `squared_error`, `gradients` and `gd_update`. `losses[0]` is the objective before any step.",
}


def function_text(check) -> str:
    public = "; ".join(c.label for c in check.cases if not c.hidden)
    note = FUNCTION_NOTES[check.function]
    return f"""
### `{check.signature}`

Returns {check.returns}. {note}

*Public test ({check.points_public:g} pt):* the worked example ({public}). *Hidden test
({check.points_hidden:g} pt):* {len(check.scored(True))} more cases, run when your notebook is graded.
"""


DEEP = r"""
# Part 7: deeper networks, with the same functions

Nothing in parts 1–6 assumed D = 2: `forward` loops over the layers, `backward` runs the
recursion from D down to 1, and `gradients` pairs each Δ^(h) with Z^(h−1). A network with two
hidden layers is `params` with three pairs; a linear model (D = 1) is one pair.

The cell below checks your `gradients` against **finite differences** of the objective
$J = L_S + \frac\lambda2\sum_h\|W^{(h)}\|^2$ for random networks of depth 1 to 4, every
activation and both tasks: for each weight, $(J(w + \varepsilon) - J(w - \varepsilon)) / 2\varepsilon$
must match your dW. The relative errors printed should be around $10^{-7}$ or smaller. (This
is how you would test a backward pass you wrote for a layer no one has checked for you.)
"""

GRADIENT_CHECK_CODE = """
def objective(params, X, Y, activation, task, lam):
    \"\"\"J = L_S + (λ/2) Σ_h ‖W^(h)‖², from your forward and your loss functions.\"\"\"
    F, cache = forward(params, X, activation, task)
    loss = cross_entropy(F, Y) if task == "classification" else squared_error(F, Y)
    return loss + lam / 2 * sum(np.sum(W ** 2) for W, b in params)


def numerical_gradients(params, X, Y, activation, task, lam, eps=1e-6):
    \"\"\"Central differences of the objective, in the layout of `gradients`.\"\"\"
    numeric = []
    for h, (W, b) in enumerate(params):
        pair = []
        for which, array in enumerate((W, b)):
            d = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                for sign in (+1, -1):
                    changed = [(W2.copy(), b2.copy()) for W2, b2 in params]
                    changed[h][which][index] += sign * eps
                    d[index] += sign * objective(changed, X, Y, activation, task, lam) / (2 * eps)
            pair.append(d)
        numeric.append(tuple(pair))
    return numeric


rng = np.random.default_rng(7)
for depth in (1, 2, 3, 4):
    for activation in ("sigmoid", "tanh", "relu"):
        for task in ("classification", "regression"):
            sizes = [3] + [4] * (depth - 1) + [2]
            params = [(rng.normal(size=(m, k)), rng.normal(size=m)) for k, m in zip(sizes, sizes[1:])]
            Xr = rng.normal(size=(5, 3))
            Yr = np.eye(2)[rng.integers(0, 2, size=5)] if task == "classification" else rng.normal(size=(5, 2))
            mine = gradients(params, Xr, Yr, activation, task, 0.1)
            numeric = numerical_gradients(params, Xr, Yr, activation, task, 0.1)
            worst = max(np.max(np.abs(a - b)) / max(1e-8, np.max(np.abs(a) + np.abs(b)))
                        for pair_a, pair_b in zip(mine, numeric) for a, b in zip(pair_a, pair_b))
            print(f"D = {depth}  σ = {activation:<7}  {task:<14}  largest relative error {worst:.1e}")
"""


AT_WORK = r"""
# Part 8: the network at work

Two small data sets, made right here with a fixed seed (nothing is downloaded):

* **Two moons**: 200 points in the plane in two interleaved half-circles, with noise. No
  straight line separates the classes, so a linear model (D = 1) cannot classify them all.
* **A noisy sine**: 40 points $y = \sin x + \text{noise}$ for $x \in [-3, 3]$.

The read-only cell below defines the data and a few helpers: `init_params(sizes, seed)` makes
random weights $W^{(h)} \sim \mathcal N(0, 1/M_{h-1})$ and zero biases for the layer sizes
`sizes = [d, M_1, …, K]`, `accuracy` gives the fraction of points classified right, and
`plot_regions` shades the plane by the predicted class. The cells after it train networks with
**your** `train`, on the whole data set at once (full-batch gradient descent), and plot the
objective during training, the decision regions and the fitted curves. Each run takes about
a second; change the settings and run them again as you like.
"""

TOOLS_CODE = """
# Data and helpers for part 8 (read-only).
def init_params(sizes, seed=0):
    \"\"\"[(W1, b1), …]: W^(h) ~ N(0, 1/M_{h−1}) of shape (M_h, M_{h−1}), b^(h) = 0.\"\"\"
    rng = np.random.default_rng(seed)
    return [(rng.normal(0.0, 1.0 / np.sqrt(m_in), size=(m_out, m_in)), np.zeros(m_out))
            for m_in, m_out in zip(sizes, sizes[1:])]


def two_moons(n=200, noise=0.2, seed=1):
    \"\"\"X (n, 2), standardised, and one-hot Y (n, 2): two interleaved half-circles.\"\"\"
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 2, size=n)
    t = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(label[:, None] == 0, upper, lower) + noise * rng.normal(size=(n, 2))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return X, np.eye(2)[label]


def noisy_sine(n=40, noise=0.15, seed=2):
    \"\"\"x (n, 1) in [−3, 3], sorted, and y = sin x + noise (n, 1).\"\"\"
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-3.0, 3.0, size=n))
    return x[:, None], (np.sin(x) + noise * rng.normal(size=n))[:, None]


def accuracy(params, X, Y, activation):
    F, cache = forward(params, X, activation, "classification")
    return np.mean(np.argmax(F, axis=1) == np.argmax(Y, axis=1))


def plot_regions(ax, params, X, Y, activation, title):
    \"\"\"The predicted class over the plane (shaded) and the data (dots).\"\"\"
    g0, g1 = np.meshgrid(np.linspace(-2.5, 2.5, 100), np.linspace(-2.5, 2.5, 100))
    F, cache = forward(params, np.column_stack([g0.ravel(), g1.ravel()]), activation, "classification")
    ax.contourf(g0, g1, F[:, 1].reshape(g0.shape), levels=[0, 0.5, 1], colors=["#9ecae1", "#fdae6b"], alpha=0.6)
    ax.scatter(X[:, 0], X[:, 1], c=np.argmax(Y, axis=1), cmap="coolwarm", s=12, edgecolors="k", linewidths=0.3)
    ax.set_title(title, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])


X_MOONS, Y_MOONS = two_moons()
X_SINE, Y_SINE = noisy_sine()
print("two moons:", X_MOONS.shape, Y_MOONS.shape, "  noisy sine:", X_SINE.shape, Y_SINE.shape)
"""

CLASSIFY_MD = r"""
### Classifying the two moons

Six networks, each trained for {MOONS_EPOCHS} epochs with η = {MOONS_ETA} from the same kind of random start:
a linear model (D = 1), the shallow network (D = 2, 16 tanh units), and networks with two
hidden layers of 16 units (D = 3) with tanh, ReLU and the sigmoid, and tanh again with
λ = 0.01. Change `runs` to try other depths, activations, λ or η. (While nbgrader grades your
notebook each run trains for one epoch only: the runs earn no points, and a class is graded faster.)
"""

CLASSIFY_CODE = """
runs = [  # (sizes [d, M_1, …, K], activation, λ)
    ([2, 2], "tanh", 0.0),              # D = 1: a linear model (σ is not used)
    ([2, 16, 2], "tanh", 0.0),          # D = 2: the lecture's shallow network
    ([2, 16, 16, 2], "tanh", 0.0),      # D = 3
    ([2, 16, 16, 2], "relu", 0.0),
    ([2, 16, 16, 2], "sigmoid", 0.0),
    ([2, 16, 16, 2], "tanh", 0.01),     # the same as the third, with L2 regularisation
]
eta, epochs = {MOONS_ETA}, {MOONS_EPOCHS}
if os.environ.get("NBGRADER_EXECUTION"):   # nbgrader is grading: these runs earn no points, one epoch is enough
    epochs = 1
    print("(nbgrader is grading this notebook: one epoch per run here, {SINE_EPOCHS} when you run it yourself)")
    print("(nbgrader is grading this notebook: one epoch per run here, {MOONS_EPOCHS} when you run it yourself)")

fig, axes = plt.subplots(2, 3, figsize=(11, 7))
fig_loss, ax_loss = plt.subplots(figsize=(8, 4))
for ax, (sizes, activation, lam) in zip(axes.ravel(), runs):
    params, losses = train(init_params(sizes), X_MOONS, Y_MOONS, activation, "classification", eta, lam, epochs)
    acc = accuracy(params, X_MOONS, Y_MOONS, activation)
    name = f"D = {len(sizes) - 1}, σ = {activation}, λ = {lam:g}"
    print(f"{name:<30} objective {losses[0]:.3f} → {losses[-1]:.3f}   training accuracy {acc:.1%}")
    plot_regions(ax, params, X_MOONS, Y_MOONS, activation, f"{name}\\naccuracy {acc:.1%}")
    ax_loss.plot(losses, label=name)
ax_loss.set_yscale("log")
ax_loss.set_xlabel("epoch")
ax_loss.set_ylabel("objective $L_S + (λ/2) Σ‖W‖^2$")
ax_loss.set_title("Two moons: the objective during training")
ax_loss.legend(fontsize=8)
plt.show()
"""

REGRESS_MD = r"""
### Fitting a noisy sine

Regression with one input and one output (d = K = 1), two hidden layers of 20 units (D = 3),
{SINE_EPOCHS} epochs with η = {SINE_ETA}: tanh, ReLU and the sigmoid without regularisation, and tanh with
λ = 0.01. The plot shows the data, the true curve sin x and each fitted curve, also a little
outside the data (|x| > 3), where the network has seen no examples.
"""

REGRESS_CODE = """
runs = [  # (sizes, activation, λ)
    ([1, 20, 20, 1], "tanh", 0.0),
    ([1, 20, 20, 1], "relu", 0.0),
    ([1, 20, 20, 1], "sigmoid", 0.0),
    ([1, 20, 20, 1], "tanh", 0.01),
]
eta, epochs = {SINE_ETA}, {SINE_EPOCHS}
if os.environ.get("NBGRADER_EXECUTION"):   # nbgrader is grading: these runs earn no points, one epoch is enough
    epochs = 1

x_plot = np.linspace(-4.0, 4.0, 300)[:, None]
fig, (ax_fit, ax_loss) = plt.subplots(1, 2, figsize=(12, 4.5))
ax_fit.scatter(X_SINE[:, 0], Y_SINE[:, 0], s=14, color="k", label="data", zorder=3)
ax_fit.plot(x_plot[:, 0], np.sin(x_plot[:, 0]), "k--", lw=1, label="sin x")
for sizes, activation, lam in runs:
    params, losses = train(init_params(sizes), X_SINE, Y_SINE, activation, "regression", eta, lam, epochs)
    F, cache = forward(params, x_plot, activation, "regression")
    name = f"σ = {activation}, λ = {lam:g}"
    print(f"{name:<22} objective {losses[0]:.4f} → {losses[-1]:.4f}")
    ax_fit.plot(x_plot[:, 0], F[:, 0], lw=2, label=name)
    ax_loss.plot(losses, label=name)
ax_fit.set_ylim(-2, 2)
ax_fit.set_title("The fitted curves")
ax_fit.legend(fontsize=8)
ax_loss.set_yscale("log")
ax_loss.set_xlabel("epoch")
ax_loss.set_title("The objective during training")
ax_loss.legend(fontsize=8)
plt.show()
"""

QUESTION = """
**Question (written answer, graded by a TA).** Use your plots and the printed numbers (and,
if you like, runs of your own with other λ and σ):

1. What did **λ** change? Compare the tanh networks with λ = 0 and λ = 0.01 on both data sets:
   the objective at the end, the training accuracy, the shape of the decision boundary and of
   the fitted curve. Why does the L2 term have that effect (think of what λW does in every
   step)? What happens with a much larger λ?
2. What did the choice of **σ** change? Compare tanh, ReLU and the sigmoid: how fast the
   objective fell, and the shape of the boundary and of the curve (also outside the data).
   Relate what you see to σ' (part 1).

Answer in a few sentences per question in the cell below.
"""

MODEL_ANSWER = """
*Model answer and marking guide (for TAs; the release shows an empty cell).*

**λ.** With λ = 0.01 the objective ends higher (it includes (λ/2)Σ‖W‖², and the data loss
itself is larger too), the training accuracy on the moons drops slightly, the decision
boundary is smoother and simpler, and the fitted sine is flatter (its peaks are lower). Every
step subtracts ηλW, which pulls the weights towards 0 ("weight decay"); small weights keep the
units in the near-linear part of tanh, so the network represents smoother functions: less
overfitting of the noise, at the price of some bias. A much larger λ (e.g. 0.1) shrinks the
weights so much that the network underfits: the moons' boundary becomes almost straight and
the fitted curve almost flat. Biases are not penalised, so the network can still shift its
output.

**σ.** tanh and ReLU train fastest; the sigmoid is slowest (its objective falls slowest and
ends highest after the same number of epochs) because σ' ≤ 1/4, so every sigmoid layer shrinks
the back-propagated δ (and the sigmoid's output is not centred at 0). ReLU' is 0 or 1: no
shrinking for active units, but units with a ≤ 0 pass no gradient (switched off). The shapes
differ: a ReLU network is piecewise linear, so its decision boundary is made of straight
pieces with corners and its fitted curve is a polyline that continues as straight lines
outside the data; tanh and sigmoid networks give smooth boundaries and curves that level off
(saturate) outside the data.

Marks (4): the effect of λ on the objective/accuracy and on the shape (smoother, simpler)
(1); why: weight decay, λW pulls weights to 0, less overfitting, and too large λ underfits
(1); the effect of σ on the speed of training, linked to σ' (sigmoid' ≤ 1/4, ReLU' ∈ {0, 1})
(1); the effect of σ on the shape (ReLU piecewise linear, tanh/sigmoid smooth, behaviour
outside the data) (1).
"""


def _settings(template: str) -> str:
    """Part 8's η and epochs put into a cell's text (the code's own braces stay as they are)."""
    for name, value in (("MOONS_ETA", MOONS_ETA), ("MOONS_EPOCHS", MOONS_EPOCHS),
                        ("SINE_ETA", SINE_ETA), ("SINE_EPOCHS", SINE_EPOCHS)):
        template = template.replace("{" + name + "}", repr(value))
    return template


CLASSIFY_MD, CLASSIFY_CODE, REGRESS_MD, REGRESS_CODE = map(_settings, (CLASSIFY_MD, CLASSIFY_CODE, REGRESS_MD, REGRESS_CODE))
