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

This module is light (no sympy): the grader reads variant files through it.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from autograder.generate import decimals

FORMAT = "tutorial_net-variant/1"


def to_text(v, assignment: str = "tutorial_net") -> str:
    """The variant file's text for ``v`` (a ``variants.Variant``)."""
    doc = {"format": FORMAT, "assignment": assignment, "seed": v.seed, "student": v.student,
           "theta": decimals.tree(v.theta, decimals.text), "X": decimals.tree(v.X, decimals.text),
           "Y": decimals.tree(v.Y, decimals.text), "eta": decimals.text(v.eta),
           "answers": decimals.tree(v.answers, decimals.text)}
    return _layout(doc) + "\n"


def _layout(doc: dict, indent: str = "") -> str:
    """JSON with one key per line (nested dicts indented) and each list on one line."""
    inner = indent + "  "
    items = [f"{inner}{json.dumps(k)}: " + (_layout(v, inner) if isinstance(v, dict) else _compact(v))
             for k, v in doc.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def _compact(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def read(path) -> dict:
    """A variant file as a dict (numbers stay decimal strings); ValueError if it is not one."""
    path = Path(path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError(f"{path}: not a variant file (expected \"format\": {FORMAT!r})")
    return doc


def data(doc: dict) -> dict:
    """The checks' data dict (float64 arrays, like ``tutorial_net.TUTORIAL``) of θ, X, Y, η.

    The numbers may be exact decimal strings (a variant file) or exact Fractions (a Variant).
    """
    f = lambda v: float(decimals.fraction(v))
    return {"theta": np.array([f(v) for v in doc["theta"]]),
            "X": np.array([[f(v) for v in row] for row in doc["X"]]),
            "Y": np.array([f(v) for v in doc["Y"]]), "eta": f(doc["eta"])}
