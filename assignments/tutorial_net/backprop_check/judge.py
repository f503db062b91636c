"""A returned value against an expected one, in a fixed order.

    raised? → returned something? → converts to float64 of the right shape → finite → values

(PrairieLearn's order.) Lists, tuples, NumPy scalars, float32 and bool arrays convert;
float32 results (seen as a float32 dtype, or, once read back from the sandbox as float64, as
values that are all exactly float32 numbers) are compared at float32's precision
(``F32_RTOL``, and ``F32_RTOL``·max|expected| absolute) and the verdict says so;
broadcasting does not: a (1,) array where a number is due, or an empty or transposed array,
fails with the shape it had and the shape that was expected. Expected values are plain
trees (floats, ``codec.Flat`` arrays, tuples, dicts); a returned value is read into the same
form through ``np.ndarray`` methods and Python floats only, and compared with plain Python
arithmetic, so objects with a strange ``__eq__`` and patched NumPy functions earn nothing.
When a value is wrong, the judge tries the outputs the known mistakes would have produced
on the same case and lists those that fit.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .codec import Flat

_NDARRAY, _ASTYPE, _RAVEL, _TOLIST = np.ndarray, np.ndarray.astype, np.ndarray.ravel, np.ndarray.tolist
_NUMBERS = (bool, int, float, np.number, np.bool_)
F32_RTOL = 1e-5     # float32 has about 7 significant digits; a few operations lose one or two
F32_NOTE = "float32 was seen: compared at float32's precision (relative 1e-5); NumPy's default float64 is exact to 1e-6 here"


@dataclass(frozen=True)
class Verdict:
    """The judgement of one returned value: passed, or why not (and which mistakes fit)."""
    passed: bool
    reason: str = ""          # one line for the student; never contains the expected value
    mistakes: tuple = ()      # ids of the known mistakes whose output matches
    got: str = ""             # the returned value, rendered short
    note: str = ""            # e.g. "float32 was seen: compared at float32's precision"


class Reject(Exception):
    """A returned value that cannot stand for the expected one; the message says why."""


def judge(got, expected, rtol: float, atol: float, mistakes: dict | None = None) -> Verdict:
    """Judge ``got`` against ``expected`` (a plain tree: floats, Flat arrays, tuples, dicts)."""
    if got is None:
        return Verdict(False, "returned None: is the `return` statement missing?")
    try:
        value = convert(got, expected)
    except Reject as reject:
        return Verdict(False, str(reject), _which(got, mistakes, expected, rtol, atol), show(got))
    text = show(value)
    if not all(math.isfinite(x) for x in leaves(value)):
        return Verdict(False, "returned a value that is not finite (nan or inf)", _which(value, mistakes, expected, rtol, atol), text)
    if close(value, expected, rtol, atol):
        return Verdict(True, got=text, note=F32_NOTE if _float32(got, value) else "")   # said even when float64's tolerance holds
    if _float32(got, value) and close(value, expected, max(rtol, F32_RTOL), _f32_atol(expected, atol)):
        return Verdict(True, got=text, note=F32_NOTE)
    return Verdict(False, "wrong value", _which(value, mistakes, expected, rtol, atol), text)


def _float32(got, value) -> bool:
    """Whether ``got`` is float32: a float32 array or scalar somewhere in it, or (read back as
    float64 from the sandbox) every value exactly a float32 number and some not a short binary fraction."""
    if _has_f32(got, 0):
        return True
    values = list(leaves(value))
    return bool(values) and all(float(np.float32(x)) == x for x in values) and any(x != round(x * 1024) / 1024 for x in values)


def _has_f32(got, depth) -> bool:
    if isinstance(got, (_NDARRAY, np.floating)):
        return got.dtype in (np.float32, np.float16)
    if depth < 6 and isinstance(got, (list, tuple)):
        return any(_has_f32(g, depth + 1) for g in got[:1000])
    if depth < 6 and isinstance(got, dict):
        return any(_has_f32(g, depth + 1) for g in list(got.values())[:100])
    return False


def _f32_atol(expected, atol) -> float:
    scale = max((abs(x) for x in leaves(expected) if math.isfinite(x)), default=1.0)
    return max(atol, F32_RTOL * max(scale, 1.0))


def convert(got, like):
    """``got`` read as a tree shaped like ``like``; a ``Reject`` says why it cannot be."""
    if isinstance(like, dict):
        if not isinstance(got, dict):
            raise Reject(f"returned {_kind(got)}, expected a dict with keys {sorted(like)}")
        missing = [k for k in like if k not in got]
        if missing:
            raise Reject(f"the returned dict has no key {missing[0]!r}")
        return {k: convert(got[k], v) for k, v in like.items()}
    if isinstance(like, tuple):
        items = _sequence(got, len(like))
        return tuple(convert(g, w) for g, w in zip(items, like))
    if isinstance(like, Flat):
        if not isinstance(got, (_NDARRAY, list, tuple, Flat) + _NUMBERS):
            raise Reject(f"returned {_kind(got)}, expected an array of shape {like.shape}")
        try:
            flat = _flat(got)
        except Reject:
            if _container(got):
                raise Reject(f"returned {_items(got)}, expected an array of shape {like.shape}") from None
            raise
        if flat.shape != like.shape:
            if _container(got):
                raise Reject(f"returned {_items(got)}, expected an array of shape {like.shape}")
            raise Reject(f"returned an array of shape {flat.shape}, expected {like.shape}")
        return flat
    return _number(got)


def close(got, expected, rtol: float, atol: float) -> bool:
    """Every leaf of ``got`` within atol + rtol·|expected| of ``expected`` (plain Python)."""
    a, b = list(leaves(got)), list(leaves(expected))
    return len(a) == len(b) and all(math.isfinite(g) and abs(g - e) <= atol + rtol * abs(e) for g, e in zip(a, b))


def leaves(tree):
    """The float leaves of a plain tree, in order."""
    if isinstance(tree, dict):
        for v in tree.values():
            yield from leaves(v)
    elif isinstance(tree, tuple):
        for v in tree:
            yield from leaves(v)
    elif isinstance(tree, Flat):
        yield from tree.values
    else:
        yield float(tree)


def show(value, digits: int = 6) -> str:
    """A short rendering: numbers with ``digits`` significant digits, arrays as nested lists."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {show(v, digits)}" for k, v in value.items()) + "}"
    if isinstance(value, _NDARRAY) and value.dtype.kind in "biuf":
        value = _flat(value)
    if isinstance(value, Flat):
        return _nested(value.shape, list(value.values), digits)
    if isinstance(value, (tuple, list)):
        inner = ", ".join(show(v, digits) for v in value[:12]) + (", …" if len(value) > 12 else "")
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, _NUMBERS) and not isinstance(value, bool):
        return _num(float(value), digits)
    text = repr(value) if isinstance(value, (str, bool, type(None))) else f"a {type(value).__name__}"
    return text[:60]


def _which(value, mistakes, expected, rtol, atol) -> tuple:
    """The ids of the known mistakes whose output ``value`` matches ("id#k" is form k of "id")."""
    found = []
    for key, output in (mistakes or {}).items():
        try:
            if _alike(convert(value, output), output, rtol, atol) and not close(output, expected, rtol, atol):
                found.append(key.split("#")[0])
        except Reject:
            continue
    return tuple(dict.fromkeys(found))


def _alike(got, output, rtol, atol) -> bool:
    """Like ``close``, except that nan matches nan and ±inf matches itself (a mistake's output may overflow)."""
    a, b = list(leaves(got)), list(leaves(output))
    return len(a) == len(b) and all(
        (math.isnan(g) and math.isnan(e)) or (g == e) or (math.isfinite(g) and math.isfinite(e) and abs(g - e) <= atol + rtol * abs(e))
        for g, e in zip(a, b))


def _sequence(got, length):
    if isinstance(got, _NDARRAY) and got.ndim >= 1 and got.dtype.kind in "biuf":
        items = _TOLIST(_ASTYPE(got, np.float64))
    elif isinstance(got, (tuple, list)) or isinstance(got, Flat):
        items = list(got.values) if isinstance(got, Flat) else list(got)
    else:
        raise Reject(f"returned {_kind(got)}, expected a tuple of {length} values")
    if len(items) != length:
        raise Reject(f"returned {len(items)} values, expected {length}")
    return items


def _flat(got) -> Flat:
    """An ndarray, a (nested) list/tuple of numbers or a number as a Flat record."""
    if isinstance(got, Flat):
        return got
    if isinstance(got, _NDARRAY):
        if got.dtype.kind not in "biuf":
            raise Reject(f"returned an array of {got.dtype} values, expected numbers")
        arr = _ASTYPE(got, np.float64)
        return Flat(tuple(arr.shape), tuple(_TOLIST(_RAVEL(arr))))
    if isinstance(got, (list, tuple)):
        rows = [_flat(g) for g in got]
        if len({r.shape for r in rows}) > 1:
            raise Reject("returned a ragged list (rows of different lengths)")
        inner = rows[0].shape if rows else ()
        return Flat((len(rows),) + inner, tuple(x for r in rows for x in r.values))
    return Flat((), (_number(got),))


def _container(got) -> bool:
    """A tuple or list holding arrays, dicts or further tuples (``(A, cache)``), not rows of numbers."""
    return isinstance(got, (list, tuple)) and any(isinstance(g, (_NDARRAY, dict, tuple, Flat)) for g in got)


def _items(got) -> str:
    """'a tuple of 2 items (an array of shape (2, 2), a dict)'"""
    kinds = ", ".join(_kind(g) if not isinstance(g, _NUMBERS) else "a number" for g in list(got)[:4])
    more = ", …" if len(got) > 4 else ""
    return f"a {type(got).__name__} of {len(got)} item{'s' * (len(got) != 1)} ({kinds}{more})"


def _number(got) -> float:
    if isinstance(got, _NDARRAY):
        if got.shape != ():
            raise Reject(f"returned an array of shape {got.shape}, expected a single number")
        got = _TOLIST(_ASTYPE(got, np.float64))
    if isinstance(got, Flat):
        if got.shape != ():
            raise Reject(f"returned an array of shape {got.shape}, expected a single number")
        return got.values[0]
    if not (isinstance(got, _NUMBERS) or hasattr(type(got), "__float__")) or isinstance(got, (str, bytes)):
        raise Reject(f"returned {_items(got) if _container(got) else _kind(got)}, expected a number")
    try:
        value = float(got)
    except Exception as exc:  # a hostile or broken __float__
        raise Reject(f"returned {_kind(got)} that could not be read as a number ({type(exc).__name__})") from None
    if type(value) is not float:
        raise Reject(f"returned {_kind(got)} that could not be read as a number")
    return value


def _kind(got) -> str:
    if isinstance(got, _NDARRAY):
        return f"an array of shape {got.shape}"
    if isinstance(got, (list, tuple)):
        return f"a {type(got).__name__} of length {len(got)}"
    name = type(got).__name__
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def _num(x: float, digits: int) -> str:
    if math.isfinite(x) and x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return f"{x:.{digits}g}"


def _nested(shape, values, digits):
    if not shape:
        return _num(values[0], digits)
    step = len(values) // shape[0] if shape[0] else 0
    return "[" + ", ".join(_nested(shape[1:], values[i * step:(i + 1) * step], digits) for i in range(shape[0])) + "]"
