"""What kind of thing came back where the right value belongs, said once for the function.

Each failed case already says what it got ("returned None: is the `return` statement
missing?", "returned a str, expected a number"). When every failed case no known mistake
explains got the same kind of wrong thing, ``explain`` says it once, as the function's
diagnosis, with what usually causes it in a student's code: None (no `return` reached: a
printed value, a `return` inside an `if`, ``x = x.append(…)``), text (a formatted string),
a function (a call without its parentheses), a sympy expression (not substituted), a
generator, one number where a tuple belongs.

``reshaped`` reads values that are not shaped like the right one: only the right value's
nonzero entries in one flat array (a boolean index), the right values on the diagonal of a
matrix (np.diag, a Jacobian), or a sum, mean, max or min of an argument or of the right
value over one axis (np.max(a, 0) where np.maximum(a, 0) belongs). Both work from our own
case lines and the values returned, and say no number. Standard library only.
"""
from __future__ import annotations

import re

from . import judge as j
from .relations import same

NONE = ("every failed case returned None: no `return` is reached there (a value shown with print() is not returned; "
        "a `return` inside an `if` or a loop returns only on that path; x.append(…), x.sort() and the like change x "
        "and return None)")
SOME_NONE = ("it returns None on some cases and a value on others: a `return` inside an `if` (or a loop) is not reached "
             "on every path; add the missing branch (else) or return after the loop")
SYMPY = {"Add", "Mul", "Pow", "Symbol", "Float", "Integer", "Rational", "Expr", "Basic", "Derivative", "Subs",
         "Piecewise", "Heaviside", "Max", "Min", "exp", "log", "Abs", "Matrix", "ImmutableDenseMatrix",
         "MutableDenseMatrix", "Zero", "One", "NegativeOne", "Half"}
FUNCTIONS = {"function", "method", "builtin_function_or_method", "ufunc", "partial", "type", "vectorize",
             "method-wrapper", "staticmethod", "classmethod", "lambda"}
KINDS = (   # (pattern on our case line, what it means)
    (re.compile(r"^returned an? str\b"), "it returns text (a str) where a number belongs: a formatted string "
     "(f\"{{…}}\", str(…), format(…), round-and-print) is for showing; return the number itself"),
    (re.compile(r"^returned an? (generator|map|filter|zip|range|enumerate)\b"), "it returns a {0} (a lazy sequence, not its "
     "values): a generator expression (… for … in …) or map/zip is consumed once; sum it, or build the list or array"),
    (re.compile(r"^returned an? NoneType\b"), "a part of what it returns is None: a method that changes its object in "
     "place returns None (losses = losses.append(…), x = x.sort()): call it without assigning its result"),
)


def explain(reasons, names=()) -> str:
    """One sentence on failed cases that all returned the same wrong kind of thing, or "".
    ``reasons``: the case line of each failed case no known mistake explains, one per case that
    returned (None included); ``names``: the parts of a tuple the right value is (z(x), h(x), ŷ(x))."""
    reasons = [str(r) for r in reasons]
    if not reasons:
        return ""
    if all(r.startswith("returned None") for r in reasons):
        return NONE
    kinds = {_kind(r) for r in reasons}
    if len(kinds) != 1 or None in kinds:
        return ""
    kind, = kinds
    if kind[0] == "pattern":
        return kind[1]
    if kind[0] == "function":
        return ("it returns a function, not its value: the parentheses of a call are missing (f where f(…) belongs), "
                "or a function was stored where its result belongs")
    if kind[0] == "sympy":
        return ("it returns a sympy expression where a number belongs: substitute the numbers into it (.subs(…), "
                "or lambdify) and return float(…) of the result")
    if kind[0] == "one number":
        what = ", ".join(names) if names and len(names) == kind[1] else f"{kind[1]} values"
        return f"it returns one number where a tuple of {kind[1]} values belongs ({what}): return them all, in that order"
    return ""


def _kind(reason: str):
    for pattern, words in KINDS:
        m = pattern.search(reason)
        if m:
            return ("pattern", words.format(*m.groups()))
    m = re.match(r"^returned an? ([\w.-]+)", reason)
    name = m.group(1) if m else ""
    if name in FUNCTIONS:
        return ("function",)
    if name in SYMPY and "could not be read" in reason or name in ("Add", "Mul", "Pow", "Symbol"):
        return ("sympy",)
    m = re.match(r"^returned an? (float\w*|int\w*|number|bool_?|complex\w*), expected a tuple of (\d+) values", reason)
    if m:
        return ("one number", int(m.group(2)))
    return None


def some_none(outcomes_none: int, failed: int, passed: int) -> str:
    """None on some cases only (the others passed or returned a value)."""
    return SOME_NONE if 0 < outcomes_none == failed and passed else ""


def reshaped(raws, expected, args) -> str:
    """Values not shaped like the right ones, read as a boolean index, np.diag or a reduction over
    one axis; ``args``: per item, {argument name: its value, as the case gave it}. "" if none fits."""
    for test in (_masked, _diagonal, _axis):
        words = test(raws, expected, args)
        if words:
            return words
    return ""


def _flat(x):
    try:
        return j._flat(x)
    except Exception:
        return None


def _masked(raws, expected, args) -> str:
    fits = 0
    for raw, e in zip(raws, expected):
        g, r = _flat(raw), _flat(e)
        if g is None or r is None or len(g.shape) != 1 or not r.shape or len(g.values) >= len(r.values):
            return ""
        if not same(list(g.values), [v for v in r.values if v != 0]):
            return ""
        fits += 1
    return ("it holds only the right value's nonzero entries, in one flat array: a boolean index (a[a > 0]) keeps the "
            "entries where the mask holds and drops the others, and the shape with them; keep every entry "
            "(np.where(mask, a, 0), or a * mask)") if fits else ""


def _diagonal(raws, expected, args) -> str:
    fits = 0
    for raw, e in zip(raws, expected):
        g, r = _flat(raw), _flat(e)
        if g is None or r is None or len(r.shape) != 1 or g.shape != (r.shape[0], r.shape[0]):
            return ""
        m = r.shape[0]
        diag = [r.values[i] if i == k else 0.0 for i in range(m) for k in range(m)]
        if not same(list(g.values), diag):
            return ""
        fits += 1
    return ("it is a matrix with the right values on its diagonal (np.diag: the Jacobian of an elementwise function) "
            "where the elementwise values themselves belong, shaped like the argument") if fits else ""


REDUCTIONS = (("sum", lambda xs: sum(xs)), ("mean", lambda xs: sum(xs) / len(xs)), ("max", max), ("min", min))


def _axis(raws, expected, args) -> str:
    """got = np.<op>(X, axis=k) for X an argument or the right value, the same on every item."""
    names = None
    for raw, e, a in zip(raws, expected, args):
        g = _flat(raw)
        if g is None or len(g.shape) != 1:
            return ""
        sources = {f"`{n}`": _flat(v) for n, v in a.items() if not isinstance(v, (str, bool, dict))}
        right = _flat(e)
        if right is not None and not set(right.values) <= {0.0, 1.0}:   # a mask's max or min fits too much
            sources["the right value"] = right
        fit = set()
        for label, x in sources.items():
            if x is None or len(x.shape) != 2 or not x.values:
                continue
            rows, cols = x.shape
            matrix = [list(x.values[r * cols:(r + 1) * cols]) for r in range(rows)]
            for op, f in REDUCTIONS:
                for axis, lines in ((0, [[matrix[r][c] for r in range(rows)] for c in range(cols)]), (1, matrix)):
                    if len(lines) != len(g.values):
                        continue
                    reduced = [float(f(line)) for line in lines]
                    if same(list(g.values), reduced):
                        fit.add((label, op, axis, ""))
                    elif label != "the right value" and same(list(g.values), [float(v > 0) for v in reduced]):
                        fit.add((label, op, axis, " > 0"))
        names = fit if names is None else names & fit
        if not names:
            return ""
    if not names:
        return ""
    label, op, axis, test = sorted(names, key=lambda t: (t[0] == "the right value", t[3], t[1] != "mean", t[0], t[1], t[2]))[0]
    what = "each column" if axis == 0 else "each row"
    hint = "; np.maximum(a, 0) compares entry by entry, np.max(a, 0) takes the largest of each column" if op == "max" and axis == 0 and label != "the right value" else ""
    head = f"1 where the {op} of {what} of {label} is > 0, else 0" if test else f"the {op} of {what} of {label}"
    return (f"it is {head} (np.{op}(…, axis={axis})): one value per {'column' if axis == 0 else 'row'} "
            f"where an array shaped like the right value belongs, one value per entry (each example's own){hint}")
