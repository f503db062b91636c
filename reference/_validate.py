"""Argument checks shared by the reference modules.

Each check turns its argument into a float64 array and raises a ``ValueError`` that names
the argument and the shape that was expected, so that a wrong call reads as a sentence:
``theta: expected shape (5,), got (4,)``.
"""
from __future__ import annotations

import numpy as np

ACTIVATIONS = ("sigmoid", "tanh", "relu")
TASKS = ("classification", "regression")


def array(name: str, value, shape: tuple) -> np.ndarray:
    """``value`` as a float64 array of ``shape``.

    An int in ``shape`` is a length that must match; a string (``"n"``, ``"M_1"``) is a free
    length, shown by that name in the message.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name}: expected a float array of shape {_show(shape)}, got {type(value).__name__} ({exc})") from None
    if arr.ndim != len(shape) or any(isinstance(want, int) and got != want for got, want in zip(arr.shape, shape)):
        raise ValueError(f"{name}: expected shape {_show(shape)}, got {arr.shape}")
    return arr


def scalar(name: str, value) -> float:
    """``value`` as a Python float (a 0-d array or a number)."""
    return float(array(name, value, ()))


def choice(name: str, value, allowed: tuple) -> str:
    """``value`` if it is one of ``allowed``, else a ValueError listing them."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name}: expected one of {', '.join(map(repr, allowed))}, got {value!r}")
    return value


def _show(shape: tuple) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"
