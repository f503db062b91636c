"""The variant file, ``variant.json``: a variant's numbers and every answer, exactly.

One JSON object (UTF-8, keys in this order, one per line, two-space indent, a final newline):

    "format"    "tutorial_net-variant/1"
    "assignment", "seed", "student"    where it comes from (student: null for the class variant)
    "theta"     θ = (w0, w1, w2, w3, w4): 5 numbers
    "X"         the inputs: n rows of 2 numbers (row i is x_(i+1))
    "Y"         the targets: n numbers
    "eta"       η
    "answers"   every quantity of the spec's table, under the keys of
                ``reference.symbolic.tutorial_exact``: "z", "h", "y_hat", "example_loss",
                "delta_yhat", "delta_h" (lists of n), "dataset_loss", "example_gradient" (n lists
                of 5), "dataset_gradient", "theta_next" (lists of 5), "z_next", "h_next",
                "y_hat_next", "example_loss_next" (lists of n), "dataset_loss_next"

Every number is a string: its exact value as a terminating decimal, in full, with no exponent
and no trailing zeros ("3", "-0.017", "2.855647324402"; see ``decimals``). ``Fraction(s)`` or
``sympy.Rational(s)`` reads one back exactly; ``float(s)`` gives the float64 the checks use.

An ``mlp`` variant file (``"format": "mlp-variant/1"``) holds the worked network instead:
"activation", "lam", "eta", "params" ([[W1, b1], [W2, b2]], W as rows), "X", "Y_regression",
"Y_classification" (rows), and "answers" with a "regression" and a "classification" object
holding every quantity of ``mlp_variants.mlp_answers`` (same keys, same nesting). Numbers are
strings as above where they are rational (all the inputs and every regression answer);
irrational ones (softmax, cross-entropy and what follows from them) are sympy's exact
expression, e.g. "exp(7)/(1 + exp(7))": ``exact_value`` reads either kind.

This module is light (sympy is imported only to read an irrational value back).
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from autograder.generate import decimals

FORMAT = "tutorial_net-variant/1"
FORMAT_MLP = "mlp-variant/1"
FORMATS = {"tutorial_net": FORMAT, "mlp": FORMAT_MLP}


def to_text(v, assignment: str = "tutorial_net") -> str:
    """The variant file's text for ``v`` (a ``variants.Variant``, or an ``mlp_variants.Variant``)."""
    if assignment == "mlp":
        return _mlp_text(v)
    doc = {"format": FORMAT, "assignment": assignment, "seed": v.seed, "student": v.student,
           "theta": decimals.tree(v.theta, decimals.text), "X": decimals.tree(v.X, decimals.text),
           "Y": decimals.tree(v.Y, decimals.text), "eta": decimals.text(v.eta),
           "answers": decimals.tree(v.answers, decimals.text)}
    return _layout(doc) + "\n"


def _mlp_text(v) -> str:
    t = lambda value: decimals.tree(value, exact_text)  # noqa: E731
    doc = {"format": FORMAT_MLP, "assignment": "mlp", "seed": v.seed, "student": v.student,
           "activation": "relu", "lam": exact_text(v.lam), "eta": exact_text(v.eta),
           "params": t(v.params), "X": t(v.X), "Y_regression": t(v.Y_regression),
           "Y_classification": t(v.Y_classification), "answers": t(v.answers)}
    return _layout(doc) + "\n"


def exact_text(value) -> str:
    """A terminating decimal string for a rational ``value``; sympy's text for an irrational one."""
    try:
        return decimals.text(value)
    except (TypeError, ValueError):
        if isinstance(value, bool) or not hasattr(value, "free_symbols") or value.free_symbols:
            raise ValueError(f"not an exact number: {value!r}") from None
        return str(value)


def exact_value(text: str):
    """The exact value of a number of a variant file: a Fraction, or a sympy number if irrational."""
    try:
        return decimals.parse(text)
    except ValueError:
        import sympy

        value = sympy.sympify(text, rational=True)
        if value.free_symbols or not value.is_real:
            raise ValueError(f"not an exact real number: {text!r}") from None
        return value


def _layout(doc: dict, indent: str = "") -> str:
    """JSON with one key per line (nested dicts indented) and each list on one line."""
    inner = indent + "  "
    items = [f"{inner}{json.dumps(k)}: " + (_layout(v, inner) if isinstance(v, dict) else _compact(v))
             for k, v in doc.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def read(path, assignment: str = "tutorial_net") -> dict:
    """A variant file of ``assignment`` as a dict (numbers stay strings); ValueError if it is not one."""
    path = Path(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    want = FORMATS[assignment]
    if not isinstance(doc, dict) or doc.get("format") != want:
        raise ValueError(f"{path}: not a variant file of {assignment} (expected \"format\": {want!r})")
    return doc


def mlp_worked(doc: dict) -> dict:
    """The ``mlp`` checks' worked dict (float64 arrays, like ``checks.mlp.WORKED``) of a variant file."""
    f = lambda v: float(decimals.fraction(v))  # noqa: E731
    arr = lambda rows: np.array(decimals.tree(rows, f), dtype=float)  # noqa: E731
    return {"params": [(arr(W), arr(b)) for W, b in doc["params"]], "X": arr(doc["X"]),
            "Y_regression": arr(doc["Y_regression"]), "Y_classification": arr(doc["Y_classification"]),
            "activation": doc["activation"], "lam": f(doc["lam"]), "eta": f(doc["eta"])}


def data(doc: dict) -> dict:
    """The checks' data dict (float64 arrays, like ``tutorial_net.TUTORIAL``) of θ, X, Y, η.

    The numbers may be exact decimal strings (a variant file) or exact Fractions (a Variant).
    """
    f = lambda v: float(decimals.fraction(v))
    return {"theta": np.array([f(v) for v in doc["theta"]]),
            "X": np.array([[f(v) for v in row] for row in doc["X"]]),
            "Y": np.array([f(v) for v in doc["Y"]]), "eta": f(doc["eta"])}
