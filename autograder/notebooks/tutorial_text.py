"""The prose of the ``tutorial_net`` notebook, for students, in the slides' notation.

Numbers that are data (θ, x1, y1, …, η) are formatted from the checks' data, never typed
here; the text says what to do, what each function returns, and what the tests look at.
"""
from __future__ import annotations

import numpy as np


def _num(v) -> str:
    return f"{float(v):g}"


def _vec(v) -> str:
    return "(" + ", ".join(_num(x) for x in np.asarray(v).ravel()) + ")"


def intro(points_auto: float, points_manual: float, call_seconds: float, cell_seconds: float) -> str:
    return f"""
# Gradient descent and backpropagation in a tiny network

In this assignment you take one small neural network through **one step of gradient descent**,
first **by hand** (pen, paper, a calculator), then **in code**, and finally you use your code to
see what the **learning rate η** does.

| section | what you do | graded |
|---|---|---|
| A. By hand (parts 1–6) | fill in numbers you worked out yourself | automatically |
| B. As code (parts 1–6) | write eleven short NumPy functions | automatically |
| C. The learning rate (part 7) | run gradient descent for several η, plot, explain | by a TA |

The notebook is worth **{points_auto + points_manual:g} points**: {points_auto:g} graded automatically
and {points_manual:g} for your written answer in part 7.

**How the grading works.** After each answer there are test cells. Run them: a *public* test
prints what it checked and, when something is wrong, what it got and the name of the mistake
it recognised. Its last line is the points you earned. A second, *hidden* test cell checks more
cases when your notebook is graded (other θ and data, z exactly 0, a data set of one example, …).
The tests of one function make the other functions behave correctly while they run, so a
mistake in one function costs points only once.

**Rules.**
- Write only where it says `# YOUR CODE HERE` or `YOUR ANSWER HERE`; replace the
  `raise NotImplementedError()` line with your code.
- Do not delete, copy or split cells, and do not change the test cells (changes are undone
  when grading).
- Before you submit: *Kernel → Restart Kernel and Run All Cells*, and check that the tests
  behave as you expect. A test stops a call of your function after {call_seconds:g} seconds, and
  grading stops any cell that runs longer than {cell_seconds:g} seconds (a test cell stopped that
  way scores 0).
"""


def network(data: dict) -> str:
    x, y = data["X"], data["Y"]
    rows = "\n".join(f"| x{i + 1} = {_vec(x[i])} | y{i + 1} = {_num(y[i])} |" for i in range(len(x)))
    return f"""
## The network

One input x = (x[0], x[1]), one hidden unit with a ReLU, one output. The parameters are
θ = (w0, w1, w2, w3, w4); w2 and w4 are biases (their "input" is the constant 1).

```
  x[0] ──w0──┐
             │
  x[1] ──w1──┼──► z ──► h = g(z) ──w3──┐
             │                         ├──► ŷ
     1 ──w2──┘                1 ──w4───┘
```

$$z(x) = w_0\\,x[0] + w_1\\,x[1] + w_2 \\cdot 1, \\qquad h(x) = g(z(x)), \\qquad \\hat y(x) = w_3\\,h(x) + w_4 \\cdot 1$$

$g$ is the ReLU, $g(z) = \\max(z, 0)$, with derivative $g'(z) = 1$ if $z > 0$ and $g'(z) = 0$
otherwise; in particular **$g'(0) = 0$** in this course.

The loss of one example is the squared error (no ½ here), and the loss of the data set
$D = \\{{(x_1, y_1), \\dots, (x_n, y_n)\\}}$ is the **mean**:

$$L(x, y) = (\\hat y(x) - y)^2, \\qquad L(D) = \\frac1n \\sum_{{i=1}}^n L(x_i, y_i).$$

Backpropagation names two intermediate derivatives:

$$\\delta_{{\\hat y}}(x, y) = \\frac{{\\partial L}}{{\\partial \\hat y}}, \\qquad
\\delta_h(x, y) = \\frac{{\\partial L}}{{\\partial z}} = \\delta_{{\\hat y}}(x, y) \\cdot w_3 \\cdot g'(z(x)),$$

and one step of gradient descent with learning rate η is $\\theta \\leftarrow \\theta - \\eta\\, \\nabla_\\theta L(D)$.

### The data

| input | target |
|---|---|
{rows}

Start from θ = {_vec(data["theta"])} and use η = {_num(data["eta"])}. The next cell (read-only)
defines them as `THETA`, `X` (row i is x_(i+1)), `Y` and `ETA`.
"""


def data_cell(data: dict) -> str:
    return (f"# The tutorial's data (read-only)\n"
            f"THETA = np.array({np.asarray(data['theta'], float).tolist()})   # θ = (w0, w1, w2, w3, w4)\n"
            f"X = np.array({np.asarray(data['X'], float).tolist()})   # row i is x_(i+1), shape (n, 2)\n"
            f"Y = np.array({np.asarray(data['Y'], float).tolist()})   # targets, shape (n,)\n"
            f"ETA = {float(data['eta'])!r}   # the learning rate η")


IMPORTS = """
# Run this cell first (read-only).
import numpy as np
import matplotlib.pyplot as plt
"""

def hand_section(parts) -> str:
    points = sum(p.points_public + p.points_hidden for p in parts)
    return f"""
# A. By hand

Work parts 1–6 on paper, then type your numbers into the cell of each part: replace each
`None` by your number and delete the `raise NotImplementedError()` line. Three decimals are
enough (you may also type a fraction such as `17 / 5`); a gradient or a θ is a list of five
numbers in the order (w0, w1, w2, w3, w4). Do **not** call your functions of section B here:
these numbers are what your code will be compared with.

The check below each part only says whether every number is filled in and has the right form.
The values are checked, and the parts graded ({points:g} points in all), when your notebook is
graded: a wrong number is then reported with the mistake it most likely comes from.
"""


HAND_TASKS = {
    "part1": "Compute z, h and ŷ for both inputs with θ as given.",
    "part2": "Compute the loss of each example and the loss L(D) of the data set.",
    "part3": ("Derive δ_ŷ(x, y) = ∂L/∂ŷ from L(x, y) = (ŷ − y)², then compute δ_ŷ and "
              "δ_h = δ_ŷ · w3 · g'(z(x)) for both examples. Look at the sign of z(x) first."),
    "part4": ("Use the chain rule: ∂L/∂w_i = δ_h · ∂z/∂w_i for i = 0, 1, 2 and ∂L/∂w_i = δ_ŷ · ∂ŷ/∂w_i "
              "for i = 3, 4. Work out the five partial derivatives ∂z/∂w0, ∂z/∂w1, ∂z/∂w2, ∂ŷ/∂w3, "
              "∂ŷ/∂w4, then write ∇θ L for each example and their mean ∇θ L(D)."),
    "part5": "Take one gradient-descent step θ − η ∇θ L(D) from the given θ.",
    "part6": ("With the θ of part 5, compute the loss of each example and L(D) again. Did one "
              "step make the network better on D?"),
}


def hand_part(part) -> str:
    names = ", ".join(f"`{var}` = {label}" for var, label, _ in part.quantities)
    return f"""
## {part.title}

{HAND_TASKS[part.id]}

Fill in: {names}.
"""


CODE_SECTION = """
# B. As code

Now write the same computations as functions. Each cell below gives a function's name, its
arguments and a docstring saying what it returns; write the body where it says
`# YOUR CODE HERE`. Arrays are NumPy float arrays: θ has shape (5,), one input x shape (2,),
a data set X shape (n, 2) with one example per row, and Y shape (n,).

You may (and should) call your earlier functions: `delta_h` can call `delta_yhat`,
`dataset_gradient` can call `example_gradient`, and so on.

What the tests look at, for every function: that it returns something of the right kind
(a number, a tuple, an array of the right shape), that the values are finite, and that they
match the correct ones to about six significant digits.
"""


def public_numbers(hand: dict, public: dict) -> str:
    """What the public tests of section B are run on, next to the numbers of section A."""
    if all(np.array_equal(np.asarray(hand[k], float), np.asarray(public[k], float)) for k in ("theta", "X", "Y", "eta")):
        return ("The public tests use the tutorial's numbers from section A, so when your hand answers are right, "
                "your code should agree with them.")
    xs = "; ".join(f"x{i + 1} = {_vec(x)}, y{i + 1} = {_num(y)}" for i, (x, y) in enumerate(zip(public["X"], public["Y"])))
    return (f"**The public tests and your numbers.** The public tests of this section run on the tutorial's published "
            f"example, θ = {_vec(public['theta'])}; {xs}; η = {_num(public['eta'])}, not on the numbers of section A. "
            f"To compare your functions with your hand answers, call them on `THETA`, `X`, `Y` and `ETA` yourself.")

CODE_PARTS = (  # (heading, functions in the order they are written)
    ("Part 1 in code: the forward pass", ("relu", "forward")),
    ("Part 2 in code: the loss", ("example_loss", "dataset_loss")),
    ("Part 3 in code: δ_ŷ and δ_h", ("relu_derivative", "delta_yhat", "delta_h")),
    ("Part 4 in code: the gradients", ("example_gradient", "dataset_gradient")),
    ("Part 5 in code: one step", ("gd_step",)),
    ("Part 6 in code: many steps", ("gradient_descent",)),
)

FUNCTION_NOTES = {
    "relu": "It must work for a single number and for an array of any shape (the same shape back).",
    "forward": "Use `relu` for g.",
    "example_loss": "A number. Use `forward`.",
    "dataset_loss": "A number: the mean over the n rows of X, not the sum.",
    "relu_derivative": "It must work for a single number and for an array of any shape; mind g'(0) = 0.",
    "delta_yhat": "A number: the derivative you worked out in part 3, at this example.",
    "delta_h": "A number. Use `delta_yhat` and `relu_derivative`; it is 0 whenever z(x) ≤ 0.",
    "example_gradient": "In the order of θ. Use `forward`, `delta_yhat` and `delta_h`.",
    "dataset_gradient": "The mean of the examples' gradients, not the sum.",
    "gd_step": ("The tests check that the `theta` you were given is unchanged afterwards, so do not "
                "update it in place (no `theta -= …`)."),
    "gradient_descent": ("`losses[0]` is L(D) at the starting θ and `losses[t]` is L(D) after t steps, so "
                         "`losses[1]` is your answer to part 6. Use `dataset_loss`, `dataset_gradient` and "
                         "`gd_step`, and do not change the `theta` you were given."),
}


def function_text(check) -> str:
    public = "; ".join(c.label for c in check.cases if not c.hidden)
    return f"""
### `{check.signature}`

Returns {check.returns}. {FUNCTION_NOTES[check.function]}

*Public test ({check.points_public:g} pt):* {public}. *Hidden test ({check.points_hidden:g} pt):* more
cases, run when your notebook is graded.
"""


PART7 = """
# C. Part 7: the role of the learning rate η

The cell below runs your `gradient_descent` from θ on the tutorial's data for several learning
rates and plots L(D) against the step, one line per η, with a logarithmic y axis. Run it, then
change the list `etas` (and `steps`) until you can say for which η gradient descent converges
quickly, for which it converges slowly, and from roughly which η on it stops converging.
Look also at θ at the end (printed below the plot) for the largest η that still gives a
finite loss: is the hidden unit still active for any example?
"""

PART7_CODE = """
etas = [0.001, 0.01, 0.1, 0.3, 0.45, 0.6]   # change these
steps = 50

fig, ax = plt.subplots(figsize=(8, 4.5))
for eta in etas:
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            theta_final, losses = gradient_descent(THETA, X, Y, eta, steps)
    except OverflowError:
        print(f"η = {eta}: the numbers grew too large to represent (OverflowError)")
        continue
    ax.plot(range(len(losses)), losses, marker=".", label=f"η = {eta}")
    print(f"η = {eta:<6}  L(D) after {steps} steps = {losses[-1]:.4g}   θ = {np.round(theta_final, 3)}")
ax.set_yscale("log")
ax.set_xlabel("step t")
ax.set_ylabel("L(D) after t steps")
ax.set_title("Gradient descent on the tutorial's data")
ax.legend()
plt.show()
"""

PART7_QUESTION = """
**Question (written answer, graded by a TA).** What does η do in θ ← θ − η ∇θ L(D)? Use your
plot: for which values of η does gradient descent converge, how does the speed change with η,
and from roughly which η on does it stop converging (and what happens then)? Finally, how
would you choose η in practice, and why might η change during training? Answer in a few
sentences in the cell below.
"""

ETA_MODEL_ANSWER = """
*Model answer and marking guide (for TAs; the release shows an empty cell).*

η scales the step: each update moves θ by η times the gradient, so a larger η moves θ further
per step. On the tutorial's data, small η (0.001, 0.01) converge but slowly; larger η up to about
0.3 reach a loss near 0 much faster (from about 0.35 the first step raises L(D) before it falls). Around
η ≈ 0.4–0.5 the first steps overshoot: z(x) becomes ≤ 0 for both inputs, the ReLU unit switches
off (g' = 0, so w0, w1, w2, w3 get no gradient any more) and L(D) gets stuck at 0.09, where
ŷ = w4 = 1.6 is the mean of the targets. From about η ≈ 0.55 on, the loss grows at every step
and overflows (inf/nan): gradient descent diverges. In practice η is tuned (e.g. tried on a log
scale), and a schedule is common: larger η early for fast progress, smaller η later to settle
into the minimum without overshooting.

Marks (4): what η does in the update (1); small η slow / larger η faster, with the student's
own η values (1); too large η fails to converge: overshoot, dead unit or divergence, with a
threshold read from their plot (1); how to choose η or a decaying schedule, and why (1).
"""
