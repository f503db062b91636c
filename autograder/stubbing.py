"""Dependency isolation: while one function is graded, the others behave like the reference.

A stub table maps a contract function's name to the (arguments, result) pairs the reference
produced on the case (see ``checks.tracing``). ``install`` replaces each such name in the
student's namespace by a stand-in that returns a copy of the recorded result when called
with equal arguments, and otherwise calls the student's own function. Arguments are
compared by value: lists, tuples, NumPy arrays and scalars holding the same float64 numbers
are the same key. Standard library and NumPy only: this runs in notebook kernels and in the
sandbox, neither of which may import the reference.
"""
from __future__ import annotations

import contextlib
import copy

import numpy as np


def key(value):
    """A hashable, value-based key for an argument tree."""
    if isinstance(value, (str, bytes, type(None))):
        return ("s", value)
    if isinstance(value, dict):
        return ("d", tuple(sorted((str(k), key(v)) for k, v in value.items())))
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        arr = None
    if arr is not None:
        return ("a", arr.shape, arr.tobytes()) if arr.shape else ("a", (), np.float64(arr).tobytes())
    if isinstance(value, (list, tuple)):
        return ("t", tuple(key(v) for v in value))
    return ("o", repr(value))


@contextlib.contextmanager
def install(namespace: dict, stubs: dict):
    """Within the block, each name of ``stubs`` in ``namespace`` answers from its table."""
    saved = {name: namespace.get(name, _ABSENT) for name in stubs}
    try:
        for name, table in stubs.items():
            namespace[name] = _stand_in(name, table, saved[name])
        yield
    finally:
        for name, original in saved.items():
            if original is _ABSENT:
                namespace.pop(name, None)
            else:
                namespace[name] = original


_ABSENT = object()


def _stand_in(name, table, original):
    answers = {key(tuple(args)): result for args, result in table}

    def stand_in(*args, **kwargs):
        found = answers.get(key(tuple(args))) if not kwargs else None
        if found is not None:
            return copy.deepcopy(found)
        if original is _ABSENT:
            raise NameError(f"name '{name}' is not defined")
        return original(*args, **kwargs)

    stand_in.__name__ = stand_in.__qualname__ = name
    stand_in.__wrapped__ = original if original is not _ABSENT else None
    return stand_in
