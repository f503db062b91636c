"""What an exception raised on the failed cases means, in the course's notation.

When a function raises on every failed case no known mistake explains, the error alone says
"shapes (2,3) and (3,4) not aligned". This module reads the error's own numbers (never its
text: the message is the student's to write, so only our words are shown) and matches them
with the shapes of the case's arguments, named as the course names them (X, W^(h), b^(h),
A^(h), Z^(h) …), and of the right value's parts (Δ^(h), dW^(h) …):

    np.dot not aligned     which operands, and whether one transposed or the other order fits
    not broadcast          which operands; one is the other transposed; one value per row
    index out of bounds    which argument's axis, one past its end (a loop bound one too far)
    list index             an index past the end of a list it was given (one entry per layer)
    truth value of array   an ``if``/``and``/``max`` on an array where the function is elementwise
    the usual others       ``KNOWN``: math.exp on an array, ``^`` for ``**``, an index of a number, a
                           tuple changed in place, a list in arithmetic, a call's parentheses missing …
                           (the error's type and the words Python or NumPy use, matched to our sentence)

A sentence is returned only when every failed case raised and the same sentence holds on each
(an operand's name is one that fits it on every case). NumPy and the standard library only.
"""
from __future__ import annotations

import re

from . import judge as j

_DOT = re.compile(r"shapes \(([\d, ]*)\) and \(([\d, ]*)\) not aligned")
_BROADCAST = re.compile(r"operands could not be broadcast together with shapes \(([\d, ]*)\) \(([\d, ]*)\)")
_INDEX = re.compile(r"^IndexError: index (-?\d+) is out of bounds for axis (\d+) with size (\d+)")
_LIST = re.compile(r"^IndexError: (list|tuple) index out of range")
_TRUTH = re.compile(r"^ValueError: The truth value of an array with more than one element is ambiguous")

# errors Python and NumPy raise for the slips students make most, and what they mean (our words only)
KNOWN = (
    (r"^TypeError: only (length-1|0-dimensional|size-1) arrays can be converted to Python scalars",
     "a function of Python's math module (math.exp, math.log, math.sqrt …) or float() met an array: NumPy's "
     "np.exp, np.log … work on arrays entry by entry"),
    (r"^TypeError: unsupported operand type\(s\) for \^", "`^` is Python's bitwise xor, not a power: the power is `**`"),
    (r"^TypeError: '(int|float|numpy\.float64|numpy\.int64|NoneType)' object is not subscriptable",
     "an index was taken of a single number: what is indexed there holds a number where an array or a pair belongs "
     "(enumerate(…) gives pairs (i, x); a loop variable or a returned float used as an array)"),
    (r"^TypeError: '(tuple)' object does not support item assignment",
     "an assignment into a tuple: a layer (W, b) or the list it was given is changed in place; build new arrays and a new list instead"),
    (r"^TypeError: can't multiply sequence by non-int", "a Python list multiplied by a number: make it an array first (np.asarray)"),
    (r"^TypeError: unsupported operand type\(s\) for [-+*/@]+: '(list|tuple)' and|^TypeError: unsupported operand type\(s\) for [-+*/@]+: \S+ and '(list|tuple)'",
     "arithmetic on a Python list or tuple: make it an array first (np.asarray)"),
    (r"^TypeError: unsupported operand type\(s\) for [-+*/@]+: .*'(function|builtin_function_or_method|method)'|"
     r"^TypeError: '(function|method)' object is not subscriptable",
     "a function where its value belongs: the parentheses of a call are missing"),
    (r"^TypeError: .*'generator'", "a generator (an expression `… for … in …` in parentheses) where a list or an array belongs"),
    (r"^ValueError: setting an array element with a sequence|inhomogeneous",
     "np.array made of parts that are not all numbers of one shape (an array inside a list of numbers, or arrays of different shapes)"),
    (r"^(numpy\.exceptions\.)?AxisError: axis -?\d+ is out of bounds for array of dimension 0",
     "a sum or mean over an axis of something that is not an array of numbers: a generator expression "
     "(… for … in …) or another object becomes a 0-d array; build a list [… for … in …] or an array first"),
    (r"^(numpy\.exceptions\.)?AxisError: axis -?\d+ is out of bounds",
     "a sum, mean or max over an axis the array does not have (axis=1 of a 1-D array)"),
    (r"^ValueError: matmul: Input operand \d+ has a mismatch in its core dimension",
     "a matrix product P @ Q whose columns of P do not match the rows of Q: an operand transposed or the order exchanged"),
    (r"^TypeError: unsupported operand type\(s\) for [-+*/@]+: 'NoneType'|^TypeError: .*'NoneType'",
     "None where a value belongs: a function without `return` (or an in-place method such as list.append, which returns None)"),
    (r"^AttributeError: 'NoneType' object has no attribute",
     "a variable holds None where a list or an array belongs: `losses = losses.append(…)` sets it to None "
     "(list.append, list.sort and the like change the list and return None), or a function it calls has no `return`"),
    (r"^AttributeError: '(float|int|numpy\.float64|numpy\.int64|bool)' object has no attribute",
     "a NumPy array method (x.clip, x.sum, x.reshape …) called on a plain Python number: a number has none of them; "
     "np.clip(x, …), np.sum(x) … work on numbers and arrays alike (or make it an array first, np.asarray)"),
    (r"^AttributeError: '(function|builtin_function_or_method)' object has no attribute",
     "an attribute read from a function (f.mask, f.cache): it holds only what an earlier call left there; compute the "
     "value from this call's own arguments instead"),
    (r"^(numpy\.core\._exceptions\._)?UFuncTypeError: Cannot cast ufunc '\w+' output from dtype\('float\d*'\) to dtype\('u?int\d*'\)",
     "floats added into an integer array (x += … where x = np.zeros(…, dtype=int), or an array made from whole "
     "numbers such as np.array([0, 0])): start the total from floats (np.zeros(n), 0.0) so the dtype can hold them"),
    (r"^UnboundLocalError|^NameError: (free variable|cannot access local variable)",
     "a variable read before it is given a value (a loop that never ran, or a name set in one branch only)"),
    (r"^RecursionError", "it calls itself without end"),
    (r"^KeyError", "a dict looked up with a key it does not have"),
    (r"^TypeError: \w+\(\) (takes|missing|got an unexpected)",
     "a call inside it passes the wrong arguments (a contract function takes the arguments of its signature, in that order)"),
)
_KNOWN = tuple((re.compile(p), words) for p, words in KNOWN)


def explain(check, cases, reasons, names) -> str:
    """One sentence on errors raised on every one of ``cases`` (``reasons``: the outcomes'
    one-line reasons, "raised ValueError: …"), or ""."""
    if not cases or len(cases) != len(reasons):
        return ""
    found = [_one(check, c, r.removeprefix("raised "), names) for c, r in zip(cases, reasons)]
    if any(f is None for f in found):
        return ""
    if len({f[0] for f in found}) != 1:   # errors of two kinds: the most common one, said of the cases it holds on
        top = max({f[0] for f in found}, key=lambda k: sum(f[0] == k for f in found))
        subset = [(c, r) for c, r, f in zip(cases, reasons, found) if f[0] == top]
        said = explain(check, [c for c, _ in subset], [r for _, r in subset], names) if 2 * len(subset) > len(cases) else ""
        return said.replace("every failed case raised", f"{len(subset)} of the {len(cases)} failed cases raised", 1) \
            if said.startswith("every failed case raised") else ""
    kind = found[0][0]
    if kind in ("dot", "broadcast"):
        left, right = _common([f[1] for f in found]), _common([f[2] for f in found])
        fixes = {f[3] for f in found}
        p, q = _who(left), _who(right)
        fix = fixes.pop() if len(fixes) == 1 else ""   # the operands are named even when the fix differs from case to case
        if kind == "dot":
            return (f"every failed case raised in a matrix product np.dot(P, Q) (or P @ Q) with P {p} and Q {q}: "
                    f"the columns of P do not match the rows of Q{fix}")
        if p == q:
            return f"every failed case raised in an elementwise operation (+, −, ∘) between two arrays {p}{fix}"
        return f"every failed case raised in an elementwise operation (+, −, ∘) between an array {p} and one {q}{fix}"
    if kind == "index":
        owners = set.intersection(*(f[1] for f in found))
        past = {f[2] for f in found}
        if len(past) != 1:
            return ""
        where = f"of {_join(sorted(owners))}" if owners else "of an array"
        longer = set.intersection(*(f[3] for f in found))
        short = sorted(o.strip("`") for o in owners if o.strip("`") in names)
        swap = (f" (or `{short[0]}` given where `{sorted(longer)[0]}` belongs: a call with its arguments in another order "
                f"than the signature's)") if len(short) == 1 and longer else ""
        return (f"every failed case raised an index {past.pop()} the end {where}: an index or a loop bound "
                f"(range) that runs past the last entry{swap}")
    if kind == "list":
        lists = set.intersection(*(f[1] for f in found))
        given = f" (of what it was given, {_join(sorted(lists))} has one entry per layer)" if lists else ""
        return (f"every failed case raised an index past the end of a list{given}: an index or a loop bound (range) "
                f"that runs one layer too far")
    if kind == "known":
        said = {f[1] for f in found}
        return f"every failed case raised: {said.pop()}" if len(said) == 1 else ""
    if kind == "truth":
        return ("every failed case raised where an `if`, `and`, `or` or Python's max/min met an array: the function "
                "is applied to arrays elementwise (np.maximum, np.where work entry by entry)")
    return ""


def _one(check, case, reason, names):
    """(kind, …) for one case's error, or None when the error is not one this module reads."""
    shapes = _shapes(check, case, names)
    m = _DOT.search(reason) if reason.startswith("ValueError") else None
    if m:
        a, b = _tuple(m.group(1)), _tuple(m.group(2))
        if a is None or b is None or not a or not b:
            return None
        return "dot", _owners(a, shapes), _owners(b, shapes), _dot_fix(a, b)
    m = _BROADCAST.search(reason) if reason.startswith("ValueError") else None
    if m:
        a, b = _tuple(m.group(1)), _tuple(m.group(2))
        if a is None or b is None:
            return None
        return "broadcast", _owners(a, shapes), _owners(b, shapes), _broadcast_fix(a, b)
    m = _INDEX.search(reason)
    if m:
        index, axis, size = int(m.group(1)), int(m.group(2)), int(m.group(3))
        owners = {f"`{n}` along axis {axis}" if axis else f"`{n}`" for n, s in shapes
                  if len(s) > axis and s[axis] == size and n.isidentifier()}
        longer = {n for n, s in shapes if len(s) > axis and s[axis] > index and n.isidentifier() and n in names}
        return "index", owners, "one past" if index == size else "past", longer
    if _LIST.search(reason):
        lists = {f"`{n}`" for n, a in zip(names, case.args) if isinstance(a, (list, tuple)) and a
                 and all(isinstance(x, (list, tuple)) for x in a)}
        return "list", lists
    if _TRUTH.search(reason):
        return ("truth",)
    for pattern, words in _KNOWN:
        if pattern.search(reason):
            return "known", words
    m = _UNDEFINED.search(reason)
    if m:
        name = m.group(1)
        hint = f": NumPy's is np.{name} (import numpy as np, then np.{name})" if name in _NUMPY_NAMES else \
            ": a helper of another cell or notebook, or a misspelt name (each function uses only what it defines or imports)"
        return "known", f"the name `{name}` is used but not defined where the function runs{hint}"
    return None


_UNDEFINED = re.compile(r"^NameError: name '([A-Za-z_][A-Za-z0-9_]{0,39})' is not defined")
_NUMPY_NAMES = {"tanh", "exp", "log", "sqrt", "maximum", "minimum", "where", "dot", "sum", "mean", "zeros", "ones", "array",
                "asarray", "outer", "clip", "abs", "sign", "cosh", "sinh", "log1p", "expm1", "logaddexp", "max", "min",
                "argmax", "transpose", "matmul", "zeros_like", "ones_like", "eye", "diag", "square", "power"}


def _common(owners) -> set:
    """The names that fit on every case; else the same with the layer as h (W^(h): the layer
    where it raises differs from case to case)."""
    exact = set.intersection(*owners)
    if exact:
        return exact
    return set.intersection(*({_LAYER.sub("^(h)", n) for n in o} for o in owners))


_LAYER = re.compile(r"\^\(\d+\)")


def _tuple(text):
    try:
        return tuple(int(x) for x in text.replace(" ", "").split(",") if x)
    except ValueError:
        return None


def _dot_fix(a, b) -> str:
    if len(b) == 2 and a[-1] == b[-1]:
        return "; with Q transposed (Qᵀ) they fit"
    if len(a) == 2 and a[0] == (b[0] if len(b) == 1 else b[-2]):
        return "; with P transposed (Pᵀ) they fit"
    if len(a) == 2 and len(b) == 2 and b[-1] == a[0]:
        return "; in the other order, np.dot(Q, P), they fit"
    return ""


def _broadcast_fix(a, b) -> str:
    if len(a) == len(b) == 2 and a == b[::-1]:
        return ": one of them is the other's shape transposed (a matrix transposed, or the product's operands exchanged)"
    if len(a) == 2 and b == a[:1] or len(b) == 2 and a == b[:1]:
        return ": one value per row (a sum or max over axis 1 without keepdims=True) does not line up with the rows"
    return ""


def _owners(shape, shapes) -> set:
    out = {n for n, s in shapes if s == shape}
    out |= {f"{n}ᵀ" for n, s in shapes if len(s) == 2 and s[::-1] == shape and s != shape}
    return out


def _who(owners) -> str:
    if not owners:
        return "shaped like none of its arguments"
    return "shaped like " + _join(sorted(owners, key=lambda n: (n.endswith("ᵀ"), n)), "or")


def _join(words, last="and") -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _shapes(check, case, names) -> list:
    """[(name, shape)] of every array among the case's arguments and the right value's parts."""
    out = []
    for name, arg in zip(names, case.args):
        out += _named(name, arg)
    expected = case.expected
    if check.function == "backward" and isinstance(expected, (list, tuple)):
        out += [(f"Δ^({h + 1})", s) for h, e in enumerate(expected) for s in [_shape(e)] if s is not None]
    elif check.function == "gradients" and isinstance(expected, (list, tuple)):
        for h, pair in enumerate(expected):
            if isinstance(pair, (list, tuple)) and len(pair) == 2:
                out += [(f"{k}^({h + 1})", s) for k, e in zip(("dW", "db"), pair) for s in [_shape(e)] if s is not None]
    elif isinstance(expected, (tuple, list)) and any(isinstance(e, dict) for e in expected):
        for e in expected:   # forward's (F, cache): the cache's A^(h), Z^(h) and F, by the course's names
            out += _named("cache", e) if isinstance(e, dict) else [("F", s) for s in [_shape(e)] if s is not None]
    else:
        s = _shape(expected)
        if s is not None:
            out.append(("the right value", s))
    return out


def _named(name, arg) -> list:
    if isinstance(arg, dict):
        out = []
        for key, items in arg.items():
            if isinstance(items, (list, tuple)):
                first = 1 if key == "A" else 0
                out += [(f"{key}^({h + first})", s) for h, e in enumerate(items) for s in [_shape(e)] if s is not None]
            else:
                s = _shape(items)
                if s is not None:
                    out.append((str(key), s))
        return out
    if isinstance(arg, (list, tuple)) and arg and all(isinstance(x, (list, tuple)) and len(x) == 2 for x in arg):
        keys = ("dW", "db") if name == "grads" else ("W", "b")
        return [(f"{k}^({h + 1})", s) for h, pair in enumerate(arg) for k, e in zip(keys, pair) for s in [_shape(e)] if s is not None]
    s = _shape(arg)
    return [(name, s)] if s is not None else []


def _shape(value):
    if isinstance(value, (str, bool, dict)) or value is None:
        return None
    try:
        return tuple(j._flat(value).shape)
    except Exception:
        return None
