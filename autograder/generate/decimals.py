"""Exact numbers as decimal strings, and back: how variants and answers are written down.

Every number of a tutorial variant is a rational whose denominator has no prime factor other
than 2 and 5 (the inputs are decimals; the network only adds, multiplies and takes the mean of
two), so it has a terminating decimal expansion, which is written out in full:

    17/5 → "3.4"    -1/5 → "-0.2"    3 → "3"    1427823662201/500000000000 → "2.855647324402"

No exponent, no trailing zeros, no "+", "-0" never occurs. ``parse`` reads such a string back
into the same ``Fraction``; ``places`` says how many decimals a number needs (None when its
expansion does not terminate).
"""
from __future__ import annotations

import re
from fractions import Fraction

_DECIMAL = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$")


def fraction(value) -> Fraction:
    """``value`` (int, Fraction, sympy Rational or a decimal string) as a Fraction."""
    if isinstance(value, str):
        return parse(value)
    if hasattr(value, "p") and hasattr(value, "q"):  # sympy Rational (and Integer)
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, (int, Fraction)) and not isinstance(value, bool):
        return Fraction(value)
    raise TypeError(f"expected an exact number, got {type(value).__name__} {value!r}")


def places(value) -> int | None:
    """The number of decimals of ``value``'s expansion, or None if it does not terminate."""
    q = fraction(value)
    d, twos, fives = q.denominator, 0, 0
    while d % 2 == 0:
        d, twos = d // 2, twos + 1
    while d % 5 == 0:
        d, fives = d // 5, fives + 1
    return max(twos, fives) if d == 1 else None


def text(value) -> str:
    """The exact decimal string of ``value``; ValueError if its expansion does not terminate."""
    q = fraction(value)
    k = places(q)
    if k is None:
        raise ValueError(f"{q} has no terminating decimal expansion")
    digits = str(abs(q.numerator) * 10 ** k // q.denominator).rjust(k + 1, "0")
    whole, frac = (digits[:-k], digits[-k:]) if k else (digits, "")
    return ("-" if q < 0 else "") + whole + ("." + frac if frac else "")


def parse(s: str) -> Fraction:
    """The Fraction a string written by ``text`` stands for (strictly that form)."""
    if not isinstance(s, str) or not _DECIMAL.match(s) or s == "-0":
        raise ValueError(f"not an exact decimal string: {s!r}")
    return Fraction(s)


def tree(value, convert):
    """``convert`` applied to every number of a nested list/tuple/dict, same nesting (tuples → lists)."""
    if isinstance(value, dict):
        return {k: tree(v, convert) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tree(v, convert) for v in value]
    return convert(value)
