"""Plain values ↔ JSON: how cases, expected values and stub tables are written down.

A value is a tree: a leaf is a number (int or float, JSON as is) or a float64 array
(``{"shape": [..], "data": [flat values]}``); tuples and lists become JSON lists; dicts with
string keys become ``{"dict": {...}}``; strings, booleans and None stay themselves.
Decoding gives float64 ``ndarray`` leaves, tuples for lists, and ``dict`` for dicts, so a
decoded case can be handed to a student's function as it is. Only ``json`` is used to
parse: decoding never executes anything.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np


def encode(value, lists: bool = False):
    """A JSON-able tree for ``value`` (numbers, arrays, tuples/lists, dicts, str, bool, None);
    ``lists``: a Python list is written ``{"list": [...]}`` so that it is read back as a list
    (the arguments of a call: the contract's ``params`` is a list of pairs, and a student may
    ``.copy()`` or ``.append`` to it), a tuple stays a JSON list (read back as a tuple)."""
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    if isinstance(value, np.ndarray):
        arr = np.ndarray.astype(value, np.float64)
        return {"shape": list(arr.shape), "data": [float(x) for x in arr.ravel()]}
    if isinstance(value, Flat):
        return {"shape": list(value.shape), "data": list(value.values)}
    if isinstance(value, (list, tuple)):
        items = [encode(v, lists) for v in value]
        return {"list": items} if lists and isinstance(value, list) else items
    if isinstance(value, dict):
        return {"dict": {str(k): encode(v, lists) for k, v in value.items()}}
    raise TypeError(f"cannot encode a {type(value).__name__}")


@dataclass(frozen=True)
class Flat:
    """An array leaf kept in plain Python: its shape and its values in row-major order."""
    shape: tuple
    values: tuple

    def __post_init__(self):
        if math.prod(self.shape) != len(self.values):
            raise ValueError(f"{len(self.values)} values cannot fill shape {self.shape}")


def decode(tree, arrays: bool = True):
    """The value a JSON tree written by ``encode`` stands for (lists come back as tuples).

    Array leaves become float64 ndarrays, or with ``arrays=False`` ``Flat`` records that
    need no NumPy at all (what the judge compares against).
    """
    if isinstance(tree, dict):
        if "dict" in tree:
            return {k: decode(v, arrays) for k, v in tree["dict"].items()}
        if "list" in tree:      # written by encode(..., lists=True): a list where arrays are asked for
            items = [decode(v, arrays) for v in tree["list"]]
            return items if arrays else tuple(items)
        shape, data = tuple(int(n) for n in tree["shape"]), tuple(float(x) for x in tree["data"])
        return np.array(data, dtype=np.float64).reshape(shape) if arrays else Flat(shape, data)
    if isinstance(tree, list):
        return tuple(decode(v, arrays) for v in tree)
    return tree


def plain(value):
    """``value`` as the judge reads expected values: array leaves become ``Flat`` records."""
    return decode(encode(value), arrays=False)


def dumps(value) -> str:
    """``encode`` then compact, key-sorted JSON (the same value gives the same text)."""
    return json.dumps(encode(value), sort_keys=True, separators=(",", ":"), allow_nan=True)


def loads(text: str):
    """The inverse of ``dumps``."""
    return decode(json.loads(text))
