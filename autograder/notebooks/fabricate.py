"""A fabricated class for ``tutorial_net`` (used by the tests and the benchmark).

Submissions are made from the release and the source. The correct one is the release with
every answer cell filled in from the source (the solution between the ### BEGIN/END SOLUTION
lines). Each other submission is that one with one small, textual edit: a known mistake of the
spec's list written into the code, a function that raises, a loop that never ends, a deleted
test cell, a changed cell type, or nothing done at all. Every edit raises EditError unless it
changed the notebook, so a rewording of the solution code fails loudly instead of fabricating
a correct submission by accident.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass

import nbformat

MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
ETA_ANSWER = ("η scales each step: θ moves by η times the gradient. Small η converge slowly, larger "
              "ones faster, and too large an η overshoots and stops converging. A schedule that "
              "lowers η over time is common.")


def nbgrader_meta(cell) -> dict:
    return cell.metadata.get("nbgrader", {})


class EditError(ValueError):
    """An edit did not apply: the notebook is not what the edit was written for."""


def cell_of(nb, grade_id: str):
    found = [c for c in nb.cells if nbgrader_meta(c).get("grade_id") == grade_id]
    if len(found) != 1:
        raise EditError(f"expected one cell with grade id {grade_id!r}, found {len(found)}")
    return found[0]


def solved(source_cell) -> str:
    """The source cell's text without the solution marker lines (the solution kept)."""
    return "\n".join(line for line in source_cell.source.split("\n") if line.strip() not in MARKERS)


def correct(release, source):
    """The release with every answer cell filled in from the source."""
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not meta.get("solution"):
            continue
        if cell.cell_type == "markdown":
            cell.source = ETA_ANSWER
        else:
            cell.source = solved(cell_of(source, meta["grade_id"]))
            if "NotImplementedError" in cell.source:
                raise EditError(f"{meta['grade_id']}: the source has no solution to fill in")
    return nb


def edit(nb, grade_id: str, pattern: str, replacement: str):
    """Replace the regex ``pattern`` (exactly one match) in cell ``grade_id``'s source."""
    cell = cell_of(nb, grade_id)
    new, count = re.subn(pattern, replacement, cell.source)
    if count != 1 or new == cell.source:
        raise EditError(f"{grade_id}: {pattern!r} matched {count} times (1 wanted, and a change) in:\n{cell.source}")
    cell.source = new
    return nb


def delete(nb, grade_id: str):
    cell = cell_of(nb, grade_id)
    nb.cells = [c for c in nb.cells if c is not cell]
    return nb


def to_markdown(nb, grade_id: str):
    """Turn a code cell into a markdown cell, as the notebook's cell-type menu does."""
    cell = cell_of(nb, grade_id)
    if cell.cell_type != "code":
        raise EditError(f"{grade_id} is a {cell.cell_type} cell already")
    md = nbformat.v4.new_markdown_cell(source=cell.source, metadata=cell.metadata)
    md.id = cell.id
    nb.cells[nb.cells.index(cell)] = md
    return nb


@dataclass(frozen=True)
class Student:
    id: str
    what: str          # the edit, in words
    mistake: str | None = None   # the mistake id the feedback must name


E = edit
MISTAKES = {  # student id: (the edit in words, the mistake id feedback must name, the edit)
    "relu_mask": ("δ_h without the ReLU mask g'(z)", "relu-mask-missing",
                  lambda n: E(n, "delta_h", r" \* relu_derivative\(z\)", "")),
    "kink_one": ("g'(0) taken as 1 (z >= 0)", "relu-derivative-at-zero",
                 lambda n: E(n, "relu_derivative", r"np\.asarray\(z\) > 0", "np.asarray(z) >= 0")),
    "sum_not_mean": ("a sum over D instead of the mean, in L(D) and in ∇θ L(D)", "sum-instead-of-mean",
                     lambda n: E(E(n, "dataset_loss", r"np\.mean\(", "np.sum("), "dataset_gradient", r"np\.mean\(", "np.sum(")),
    "no_two": ("the factor 2 of δ_ŷ dropped", "factor-2-dropped",
               lambda n: E(n, "delta_yhat", r"2 \* \(y_hat - y\)", "(y_hat - y)")),
    "sign": ("δ_ŷ = 2(y − ŷ)", "delta-sign-flipped",
             lambda n: E(n, "delta_yhat", r"\(y_hat - y\)", "(y - y_hat)")),
    "ascent": ("θ + η∇ in the step", "gradient-ascent",
               lambda n: E(n, "gd_step", r"theta - eta \* grad", "theta + eta * grad")),
    "bias": ("∂z/∂w2 taken as 0 (the bias input forgotten)", "bias-input-forgotten",
             lambda n: E(n, "example_gradient", r"d_h \* 1\b", "d_h * 0")),
    "z_for_h": ("z instead of h in ∂ŷ/∂w3", "z-instead-of-h",
                lambda n: E(n, "example_gradient", r"d_yhat \* h\b", "d_yhat * z")),
    "swap": ("x[0] and x[1] swapped in the gradient", "x-swapped",
             lambda n: E(n, "example_gradient", r"d_h \* x\[0\], d_h \* x\[1\]", "d_h * x[1], d_h * x[0]")),
    "in_place": ("gd_step changes θ in place", "theta-changed-in-place",
                 lambda n: E(n, "gd_step", r"return theta - eta \* grad", "theta -= eta * grad\n    return theta")),
    "not_squared": ("the loss not squared", "loss-not-squared",
                    lambda n: E(n, "example_loss", r"\(y_hat - y\) \*\* 2", "(y_hat - y)")),
}
"""The spec's tutorial mistakes, each a small edit of the correct submission's code."""


OTHERS = {  # student id: (the edit in words, the edit)
    "raises": ("example_gradient raises NameError (a typo)",
               lambda n: E(n, "example_gradient", r"d_yhat \* h\b", "d_yhat * h_x")),
    "endless": ("a loop left in the forward cell that never ends (no t += 1)",
                lambda n: E(n, "forward", r"return z, h, y_hat\Z",
                            "return z, h, y_hat\n\nt = 0\nwhile t < 3:\n    z, h, y_hat = forward(THETA, X[0])\n")),
    "stuck_gd": ("gradient_descent's while loop never ends (no step += 1)",
                 lambda n: E(n, "gradient_descent", r"for step in range\(steps\):", "step = 0\n    while step < steps:")),
    "no_test_cell": ("the cell test_forward deleted", lambda n: delete(n, "test_forward")),
    "later_defs": ("correct; example_loss and example_gradient call functions defined in later cells",
                   lambda n: later_definitions(n)),
    "markdown_relu": ("the relu answer cell turned into markdown", lambda n: to_markdown(n, "relu")),
}
"""Submissions that break the notebook rather than the mathematics."""


DATASET_GRADIENT = '''
    X = np.asarray(X, dtype=float)
    Y = np.asarray(Y, dtype=float)
    z = X @ theta[:2] + theta[2]
    h = np.maximum(z, 0.0)
    d_yhat = 2 * (theta[3] * h + theta[4] - Y)
    d_h = d_yhat * theta[3] * (z > 0)
    return np.array([np.mean(d_h * X[:, 0]), np.mean(d_h * X[:, 1]), np.mean(d_h), np.mean(d_yhat * h), np.mean(d_yhat)])
'''


def later_definitions(nb):
    """A correct notebook in which functions call ones whose answer cells come later: one example
    is a data set of one (example_loss through dataset_loss, example_gradient through a
    vectorised dataset_gradient), as nbgrader runs it top to bottom."""
    nb = edit(nb, "example_loss", r"(?s)(\"\"\"\n).*\Z",
              r"\1    return dataset_loss(theta, np.array([x]), np.array([y]))\n")
    nb = edit(nb, "dataset_loss", r"(?s)(\"\"\"\n).*\Z",
              r"\1    return float(np.mean([(forward(theta, x)[2] - y) ** 2 for x, y in zip(X, Y)]))\n")
    nb = edit(nb, "example_gradient", r"(?s)(\"\"\"\n).*\Z",
              r"\1    return dataset_gradient(theta, np.array([x]), np.array([y]))\n")
    return edit(nb, "dataset_gradient", r"(?s)(\"\"\"\n).*\Z", lambda m: m.group(1) + DATASET_GRADIENT.lstrip("\n"))


def fabricate(release, source) -> dict:
    """{student id: (Student, submitted notebook)}: the whole fabricated class."""
    good = correct(release, source)
    cls = {"correct": (Student("correct", "every answer from the source"), good)}
    for sid, (what, mistake, make) in MISTAKES.items():
        cls[sid] = (Student(sid, what, mistake), make(copy.deepcopy(good)))
    for sid, (what, make) in OTHERS.items():
        cls[sid] = (Student(sid, what), make(copy.deepcopy(good)))
    cls["untouched"] = (Student("untouched", "the release as it is"), copy.deepcopy(release))
    return cls
