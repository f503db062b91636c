"""The right value, wrapped or reshaped (used by ``diagnose``).

A returned value that cannot be read like the right one may still hold it: the right numbers in
another shape (flattened, one axis too many, a 1-element array where a number belongs), the right
value as one item of a pair or a dict it returns, or the right parts in a dict or a list where a
tuple belongs. Said only when the same holds on every failed case. Standard library only.
"""
from __future__ import annotations

from .codec import Flat, plain
from .relations import read, same, values


def explain(raws: list, expected: list) -> str:
    """One sentence when every raw value holds its right value as one of the ways above, or ""."""
    said = set()
    for raw, right in zip(raws, expected):
        words = _one(raw, right)
        if not words:
            return ""
        said.add(words)
    return said.pop() if len(said) == 1 else ""


def _one(raw, right) -> str:
    try:
        tree = plain(raw)
    except Exception:
        return ""
    want = values(right)
    try:
        got = values(tree)
    except Exception:
        got = None
    if isinstance(tree, dict) and isinstance(right, tuple) and len(tree) == len(right):
        if all(_holds(p, r) for p, r in zip(tree.values(), right)):
            return f"the right parts, in a dict where the tuple of {len(right)} belongs"
    if got is not None and len(got) == len(want) and same(got, want, 1e-6, 1e-9) and _shape(tree) != _shape(right):
        return (f"the right numbers in another shape ({_describe(tree)} where {_describe(right)} belongs): "
                "flattened, reshaped, an axis kept or a number wrapped in an array")
    if isinstance(tree, (tuple, dict)) and not isinstance(right, (tuple, dict)) or \
            isinstance(tree, (tuple, dict)) and len(tree) != (len(right) if isinstance(right, (tuple, dict)) else -1):
        items = list(tree.items()) if isinstance(tree, dict) else list(enumerate(tree))
        hits = [key for key, item in items if _holds(item, right)]
        if len(hits) == 1:
            if isinstance(tree, dict):
                return f"the right value is its entry {hits[0]!r}: return that alone"
            what = "a pair (a tuple of 2)" if len(items) == 2 else f"a tuple of {len(items)}"
            return f"it returns {what} where one value belongs: the right value is its item {hits[0]}; return that alone"
    if _regrouped(tree, right):
        k, m = len(tree), len(right)
        return (f"the right parts, grouped the other way round: {k} lists of {m} where {m} groups of {k} belong "
                f"(one list of every W and one of every b where a list of (W, b) pairs, one per layer, belongs): "
                f"zip them, list(zip(…))")
    if isinstance(tree, Flat) and isinstance(right, Flat) and len(tree.shape) == len(right.shape) + 1 and \
            tree.shape[1:] == right.shape and tree.shape[0] > 1:
        size = len(want)
        rows = [list(tree.values[k * size:(k + 1) * size]) for k in range(tree.shape[0])]
        hits = [k for k, row in enumerate(rows) if same(row, want, 1e-6, 1e-9)]
        if hits in ([0], [len(rows) - 1]):
            which = "last" if hits[0] else "first"
            return (f"it returns a list (a history) of {len(rows)} values shaped like the right one: the right value is the "
                    f"{which}; return that one alone (keep the list apart if you want it)")
    return ""


def _regrouped(tree, right) -> bool:
    """tree[i][j] is right[j][i] for every i, j (a tuple of k tuples of m where m of k belong)."""
    if not (isinstance(tree, tuple) and isinstance(right, tuple) and tree and right) or len(tree) == len(right) == 1:
        return False
    if not all(isinstance(t, tuple) and len(t) == len(right) for t in tree):
        return False
    if not all(isinstance(r, tuple) and len(r) == len(tree) for r in right):
        return False
    return all(_holds(tree[i][j], right[j][i]) for i in range(len(tree)) for j in range(len(right)))


def _holds(item, right) -> bool:
    g = read(item, right)
    return g is not None and same(values(g), values(right), 1e-6, 1e-9)


def _shape(tree):
    if isinstance(tree, Flat):
        return tree.shape
    if isinstance(tree, tuple):
        return ("tuple", tuple(_shape(t) for t in tree))
    if isinstance(tree, dict):
        return ("dict", tuple(_shape(t) for t in tree.values()))
    return ()


def _describe(tree) -> str:
    if isinstance(tree, Flat):
        return f"shape {tree.shape}" if len(tree.shape) != 1 else f"shape ({tree.shape[0]},)"
    if isinstance(tree, tuple):
        return f"a tuple of {len(tree)}"
    if isinstance(tree, dict):
        return f"a dict of {len(tree)}"
    return "a number" if isinstance(tree, (int, float)) and not isinstance(tree, bool) else type(tree).__name__

