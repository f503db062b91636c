"""Deterministic draws for variants: SHA-256 of (key, counter), stable across Python and NumPy versions."""
from __future__ import annotations

import hashlib
from fractions import Fraction


class Draw:
    """Draws from ``options`` keyed by ``key`` (e.g. assignment, seed, student, attempt)."""

    def __init__(self, *key):
        self.key, self.count = repr(key).encode(), 0

    def choice(self, options):
        digest = hashlib.sha256(self.key + self.count.to_bytes(8, "big")).digest()
        self.count += 1
        return options[int.from_bytes(digest[:8], "big") % len(options)]

    def matrix(self, options, rows, cols):
        """A rows × cols tuple of tuples of Fractions, drawn row by row."""
        return tuple(tuple(Fraction(self.choice(options)) for _ in range(cols)) for _ in range(rows))
