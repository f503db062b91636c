"""A factor of the right value too many, missing or replaced (used by ``diagnose``).

Many slips multiply the right value by one factor too many (h(x) where δ_ŷ belongs; F(1 − F)
chained onto a softmax output), leave a factor out (σ'(A) in δ^(h)), or put another function
in its place (σ(A) for σ'(A)). With f the right factor and g the one used, every such slip
satisfies got ∘ f = right ∘ g entry by entry (f or g = 1 for a factor too many or missing).
``replaced`` tries the course's elementwise functions of the arguments (``elementwise.factors``),
``product`` the related values of a hidden case; a relation is claimed only when it holds on
every item and says something where the value is wrong. Standard library only.
"""
from __future__ import annotations

import math

from . import judge as j


def values(tree) -> list:
    return list(j.leaves(tree))


def replaced(items, per_item) -> str:
    """got ∘ f(x) = right ∘ g(x) entry by entry on every item, for f, g of the family (or 1):
    a factor f(x) of the right value replaced by g(x), missing (g = 1) or too many (f = 1).
    ``per_item``: per item, {short name: values} (``factors``) of the arguments shaped like the result."""
    if not items or not per_item or not all(per_item):
        return ""
    labels = [k for k in per_item[0] if all(k in p for p in per_item)]
    labels = [k for k in labels if "(the activation" in k] + [k for k in labels if "(the activation" not in k]
    pairs = [("1", g) for g in labels] + [(f, "1") for f in labels] + \
        [(f, g) for f in labels for g in labels if f != g and not _shared(f, g) and _argument(f) == _argument(g)]
    for f, g in pairs:
        counts = []
        for (gv, ev, _), p in zip(items, per_item):
            counts.append(holds(gv, ev, p.get(f), p.get(g)))
            if counts[-1] is None:
                break
        if None not in counts and sum(counts) >= 2:
            if f == "1":
                return f"it is the right value times {g}, entry by entry: a factor {g} too many"
            if g == "1":
                return f"it is the right value without its factor {f}, entry by entry: the factor {f} is missing"
            return f"it is the right value with its factor {f} replaced by {g}, entry by entry"
    return ""


def _argument(label: str) -> str:
    """The argument a short name is a function of: "σ'(A) (the activation's derivative)" → "A"."""
    head = label.split(" (")[0]
    return next((c for c in head if c.isalpha() and c.isupper()), "") or next((c for c in head if c in "az"), "")


def _shared(f: str, g: str) -> bool:
    return f.split(" (")[0] == g.split(" (")[0]


def holds(got, right, f, g):
    """When got ∘ f = right ∘ g holds entry by entry, and f ≠ 0 wherever got is wrong (else the
    relation would say nothing there): the number of informative entries (not 0 on both sides);
    else None."""
    n = len(got)
    if (f is not None and len(f) != n) or (g is not None and len(g) != n) or len(right) != n or (f is not None and f == g):
        return None
    lhs = got if f is None else [a * b for a, b in zip(got, f)]
    rhs = right if g is None else [a * b for a, b in zip(right, g)]
    scale = max(max(abs(x) for x in lhs), max(abs(x) for x in rhs), 1e-12)
    informative = 0
    for k, (a, b) in enumerate(zip(lhs, rhs)):
        if not (math.isfinite(a) and math.isfinite(b)) or abs(a - b) > 1e-6 * scale + 1e-12:
            return None
        if f is not None and abs(f[k]) < 1e-12 and abs(got[k] - right[k]) > 1e-6 * max(abs(right[k]), 1.0):
            return None
        informative += abs(a) > 1e-9 or abs(b) > 1e-9
    return informative


def product(items, related) -> str:
    """got = right · Q entry by entry for a related value Q (h(x) where δ_ŷ belongs …), or
    got = right / Q: a factor Q too many or missing."""
    for label in related[0] if related and all(related) else ():
        if not all(label in r for r in related):
            continue
        for inverse, words in ((False, "it is the right value times {}: a factor {} too many"),
                               (True, "it is the right value divided by {}: a factor {} missing")):
            counts = []
            for (g, e, _), r in zip(items, related):
                q = values(r[label])
                q = q * len(e) if len(q) == 1 else q
                counts.append(holds(g, e, q, None) if inverse else holds(g, e, None, q))
                if counts[-1] is None:
                    break
            if None not in counts and sum(counts) >= 2 and not _ones(related, label):
                return words.format(label, label)
    return ""


def _ones(related, label) -> bool:
    return all(all(abs(x - 1.0) < 1e-9 for x in values(r[label])) for r in related)
