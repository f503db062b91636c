"""The course's elementwise functions of an argument, as candidates for the diagnosis.

For a function computed entry by entry from one argument (relu(z), g'(z), σ(a), σ'(a),
tanh'(a), softmax(A) row by row), a slip often computes another of the course's functions of
the same argument: σ where σ' belongs, min(z, 0) where max(z, 0) does, |z|, z itself. Given
the argument's values (a list of floats, the argument of shape (…) flattened), ``candidates``
returns {label in the course's words: its values}, ``factors`` the same by short name with the
case's own σ and σ' (for ``factors.replaced``); ``at`` describes what a wrong value holds
on the entries where it is wrong (a constant, the argument, −the argument). Computed here, in
the student runtime, from the case's own arguments: no hidden number is needed or revealed.
Standard library only.
"""
from __future__ import annotations

import math


def _sigma(a: float) -> float:
    return 1 / (1 + math.exp(-a)) if a > -700 else 0.0


FAMILY = (   # (short name, words, f)
    ("σ({x})", "σ({x}), the sigmoid", _sigma),
    ("σ'({x})", "σ'({x}) = σ({x})(1 − σ({x}))", lambda a: _sigma(a) * (1 - _sigma(a))),
    ("tanh({x})", "tanh({x})", math.tanh),
    ("1 − tanh²({x})", "1 − tanh²({x}), the derivative of tanh", lambda a: 1 - math.tanh(a) ** 2),
    ("max({x}, 0)", "max({x}, 0), the ReLU", lambda a: max(a, 0.0)),
    ("min({x}, 0)", "min({x}, 0) (min where max belongs)", lambda a: min(a, 0.0)),
    ("relu'({x})", "1 where {x} > 0, else 0 (the ReLU's derivative)", lambda a: 1.0 if a > 0 else 0.0),
    ("|{x}|", "|{x}|", abs),
    ("{x}", "{x} itself (the argument returned as it came)", lambda a: a),
    ("{x}²", "{x}², the square of the argument", lambda a: a * a),
    ("e^{x}", "e^{x}", lambda a: math.exp(min(a, 700))),
    ("{x}(1 − {x})", "{x}(1 − {x}) (σ' written through σ's output, applied to {x})", lambda a: a * (1 - a)),
    ("1 − {x}²", "1 − {x}² (tanh' written through tanh's output, applied to {x})", lambda a: 1 - a * a),
)
ACTIVATIONS = {"sigmoid": ("σ", "σ'"), "tanh": ("tanh", "1 − tanh²"), "relu": ("max(·, 0)", "relu'")}


def candidates(name: str, values: list) -> dict:
    """{label: [f(v) for v in values]} for the course's elementwise functions f of argument ``name``."""
    out = {}
    for _, words, f in FAMILY:
        try:
            out[words.format(x=name)] = [float(f(v)) for v in values]
        except (OverflowError, ValueError):
            continue
    return out


def factors(name: str, values: list, activation: str = "") -> dict:
    """{short name: values} of the family at argument ``name``, with the case's own σ and σ'
    ("σ'(A) for this case's σ") when the call names its activation."""
    out = {}
    for short, _, f in FAMILY:
        try:
            out[short.format(x=name)] = [float(f(v)) for v in values]
        except (OverflowError, ValueError):
            continue
    if activation in ACTIVATIONS:
        act, der = ACTIVATIONS[activation]
        by = {"σ": "σ({x})", "σ'": "σ'({x})", "tanh": "tanh({x})", "1 − tanh²": "1 − tanh²({x})", "max(·, 0)": "max({x}, 0)",
              "relu'": "relu'({x})"}
        out[f"σ({name}) (the activation)"] = out.get(by[act].format(x=name), [])
        out[f"σ'({name}) (the activation's derivative)"] = out.get(by[der].format(x=name), [])
    return out


def at(items, args, wrong, name) -> str:
    """What the wrong entries hold, the same on every item: "there it is 1", "there it is −z", or ""."""
    got, arg = [], []
    for (g, _, _), w, a in zip(items, wrong, args):
        got += [x for x, bad in zip(g, w) if bad]
        arg += [x for x, bad in zip(a.get(name, ()), w) if bad]
    if not got or len(arg) != len(got):
        return ""
    if all(abs(x - got[0]) <= 1e-9 * max(1.0, abs(got[0])) for x in got) and len(set(arg)) > 1:
        c = got[0]
        number = f"{int(c) if c == int(c) else round(c, 6)}".replace("-", "−")
        return f"there it is {number} whatever {name} is"
    for sign, words in ((1.0, f"{name} itself"), (-1.0, f"−{name}")):
        if all(abs(x - sign * v) <= 1e-9 * max(1.0, abs(v)) for x, v in zip(got, arg)):
            return f"there it is {words}"
    return ""
