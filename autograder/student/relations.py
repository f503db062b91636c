"""The relations a wrong value can have to the right one (used by ``diagnose``).

Each test takes items (got, right, raw) whose values are lists of floats, one item per
failed case, and returns a phrase in the course's words when the relation holds on every
item, else "". NumPy-free; standard library only.
"""
from __future__ import annotations

import math
import struct

from . import elementwise
from . import judge as j
from .codec import Flat

RTOL, ATOL = 1e-5, 1e-8
CONSTANTS = ((0.0, "0"), (-1.0, "−1"), (2.0, "2"), (0.5, "½"), (-2.0, "−2"), (-0.5, "−½"), (4.0, "4"),
             (0.25, "¼"), (1 / math.log(10), "1/ln 10 (log₁₀ where the natural log belongs)"),
             (math.log(10), "ln 10"), (1 / math.log(2), "1/ln 2 (log₂ where the natural log belongs)"))
FACT_WORDS = {
    "n": "n, the number of examples: a sum over the examples where the mean belongs",
    "1/n": "1/n: divided by n where no mean belongs, or a mean taken twice",
    "K": "K, the number of classes", "1/K": "1/K: a mean over all n·K entries where the mean over the n rows belongs",
    "1/(n·K)": "1/(n·K)", "n·K": "n·K", "n/K": "n/K: divided by K where n belongs", "K/n": "K/n", "η": "η: the step size applied once too often", "1/η": "1/η: the step size is missing",
    "λ": "λ", "steps": "the number of steps", "w2": "w2, the hidden unit's bias", "w4": "w4, the output bias",
}


# ---- small tools on plain trees ------------------------------------------------------
def values(tree) -> list:
    return list(j.leaves(tree))


def same(a, b, rtol=RTOL, atol=ATOL) -> bool:
    """Equal leaf by leaf within tolerance (nan matches nan, ±inf itself)."""
    if len(a) != len(b):
        return False
    return all((g == e) or (math.isnan(g) and math.isnan(e)) or
               (math.isfinite(g) and math.isfinite(e) and abs(g - e) <= atol + rtol * max(abs(e), abs(g)))
               for g, e in zip(a, b))


def parts(tree, names=()) -> list:
    """[(name, subtree)] one level down: tuple items, dict entries, or a vector's entries."""
    if isinstance(tree, tuple):
        return [(names[k] if k < len(names) else f"item {k}", t) for k, t in enumerate(tree)]
    if isinstance(tree, dict):
        return [(names[k] if k < len(names) else repr(key), t) for k, (key, t) in enumerate(tree.items())]
    if isinstance(tree, Flat) and len(tree.shape) == 1 and names and len(names) == tree.shape[0]:
        return [(n, v) for n, v in zip(names, tree.values)]
    return []


def read(got, like):
    try:
        return j.convert(got, like)
    except j.Reject:
        return None
    except Exception:  # hostile objects: no relation
        return None


# ---- one relation at a time ----------------------------------------------------------
def factor(items, facts) -> str:
    """got = c·right on every item, c a constant or the same function of each item's facts."""
    ratios = []
    for g, e, _ in items:
        pairs = [(a, b) for a, b in zip(g, e) if abs(b) > 1e-12]
        if not pairs or not all(math.isfinite(a) for a, _ in pairs):
            return ""
        c = pairs[0][0] / pairs[0][1]
        scale = max(abs(b) for _, b in zip(g, e)) or 1.0
        if not all(abs(a - c * b) <= 1e-6 * scale + 1e-9 for a, b in zip(g, e)):
            return ""
        ratios.append(c)
    if all(abs(c - 1) < 1e-6 for c in ratios):
        return ""
    if all(abs(c) < 1e-9 for c in ratios):
        return "it is 0 where the right value is not"
    name = _name(ratios, facts)
    if not name:
        return ""
    also = _name(ratios, facts, constants=False) if name in [w.split(" (")[0] for _, w in CONSTANTS] else ""
    if name == "−1":
        return "it is −1 × the right value: the sign is flipped (y − ŷ for ŷ − y, or + for −)"
    words = next((w for v, w in CONSTANTS if w.startswith(name) and "(" in w), "") or FACT_WORDS.get(name, "")
    why = words.split(": ", 1)[1] if ": " in words else words.split(" (", 1)[1].rstrip(")") if " (" in words else ""
    text = f"it is {name} × the right value" + (f" ({why})" if why else "")
    if also and also != name:
        more = FACT_WORDS.get(also, also)
        text += f"; here {name} is also {also}" + (f" ({more.split(': ', 1)[1]})" if ": " in more else "")
    return text


def proportional(items, facts) -> str:
    """got = c·f·right with c a fixed number and f a fact that varies (n hard-coded as 2 …)."""
    ratios = []
    for g, e, _ in items:
        pairs = [(a, b) for a, b in zip(g, e) if abs(b) > 1e-12]
        if not pairs:
            return ""
        c = pairs[0][0] / pairs[0][1]
        if not same(g, [c * b for b in e]):
            return ""
        ratios.append(c)
    for name, per in _fact_values(facts):
        if "/" in name or "·" in name or len(set(per)) < 2:
            continue
        k = [c * f for c, f in zip(ratios, per)]           # c = k/f: the fact divides where a number does
        if all(abs(x - k[0]) <= 1e-6 * max(1, abs(k[0])) for x in k):
            return f"it is (a fixed number)/{name} × the right value: where {name} belongs there is a fixed number, or the other way round"
        k = [c / f for c, f in zip(ratios, per)]
        if all(abs(x - k[0]) <= 1e-6 * max(1, abs(k[0])) for x in k):
            return f"it is {name} × (a fixed number) × the right value: a fixed number stands where {name} belongs (e.g. a hard-coded n)"
    return ""


def rows(items, shapes) -> str:
    """Each row (or column) of a 2-D value is the right one times a factor of its own."""
    for axis, words in ((1, "row"), (0, "column")):
        ok = bool(items)
        for (g, e, _), shape in zip(items, shapes):
            if len(shape) != 2 or min(shape) < 2:
                return ""
            r, c = shape
            lines = [[k * c + m for m in range(c)] for k in range(r)] if axis == 1 else [[k * c + m for k in range(r)] for m in range(c)]
            factors = []
            for line in lines:
                pivot = max(line, key=lambda i: abs(e[i]))
                if abs(e[pivot]) < 1e-12:
                    ok = False
                    break
                f = g[pivot] / e[pivot]
                if not same([g[i] for i in line], [f * e[i] for i in line]):
                    ok = False
                    break
                factors.append(f)
            if not ok or all(abs(f - factors[0]) <= 1e-6 * abs(factors[0]) for f in factors):
                ok = False
                break
        if ok:
            return (f"each {words} is the right {words} times a factor of its own: it is normalised or scaled along the wrong axis "
                    f"(e.g. divided by a sum over every entry, or over the other axis)")
    return ""


def shifted(items) -> str:
    """A sequence (losses) that lags or leads the right one by one step."""
    if not all(len(e) > 2 for _, e, _ in items):
        return ""
    if all(same(g[1:], e[:-1]) for g, e, _ in items):
        return "each entry is the right one of the step before: it lags one step behind (recorded before the step instead of after)"
    if all(same(g[:-1], e[1:]) for g, e, _ in items):
        return "each entry is the right one of the step after: it is one step ahead"
    return ""


def _fact_values(facts):
    """(name, [value per item]) for every fact the items share, and simple combinations."""
    if not facts or not all(facts):
        return []
    names = [k for k in facts[0] if all(k in f for f in facts)]
    out = []
    for k in names:
        per = [float(f[k]) for f in facts]
        if all(v != 0.0 for v in per) and not all(abs(v) == 1.0 for v in per):
            out += [(k, per), (f"1/{k}", [1 / v for v in per])]
    if "n" in names and "K" in names:
        out += [("n·K", [f["n"] * f["K"] for f in facts]), ("1/(n·K)", [1 / (f["n"] * f["K"]) for f in facts]),
                ("n/K", [f["n"] / f["K"] for f in facts]), ("K/n", [f["K"] / f["n"] for f in facts])]
    return out


def offset(items, related, facts) -> str:
    """got − right = c·Q for a related value Q (the bias, λW, η·grad …) or a scalar fact; c a
    constant (±1, ±2, ±½) or the same function of each case's facts (1/n − 1 for λ/n·W)."""
    for label in related[0] if related and all(related) else ():
        if not all(label in r for r in related):
            continue
        ratios = []
        for (g, e, _), r in zip(items, related):
            q = values(r[label])
            q = q * len(e) if len(q) == 1 else q
            k = max(range(len(q)), key=lambda i: abs(q[i]), default=None) if len(q) == len(e) else None
            if k is None or abs(q[k]) < 1e-12:
                break
            c = (g[k] - e[k]) / q[k]
            if abs(c) < 1e-9 or not same(g, [a + c * b for a, b in zip(e, q)]):
                break
            ratios.append(c)
        else:
            name = _name(ratios, facts, shifted=True)
            if name and (len(items) > 1 or name in ("1", "−1")):  # one case: only ±Q (else coincidences)
                return (f"it is the right value + {label}: off by {label}" if name == "1" else
                        f"it is the right value − {label}: off by {label}" if name == "−1" else
                        f"it is the right value + {name}·{label}: off by {name}·{label}")
            if len(items) > 2 and all(abs(c - ratios[0]) <= 1e-6 * max(1.0, abs(ratios[0])) for c in ratios):
                # the same unnamed number on three cases or more: a term c·Q of the student's own c
                return f"it is the right value + a fixed multiple of {label} (the same multiple on every case): a term c·{label} where none belongs"
    for name, per in _fact_values(facts):
        if "/" in name or "·" in name:
            continue
        for c in (1.0, -1.0):
            if all(same(g, [a + c * f for a in e]) for (g, e, _), f in zip(items, per)):
                return f"it is the right value {'+' if c > 0 else '−'} {name}: off by {FACT_WORDS.get(name, name)}"
    return ""


def _name(ratios, facts, shifted=False, constants=True) -> str:
    """A name for the numbers ``ratios`` (one per item): a constant, or a fact (n, 1/n − 1 …)."""
    def fits(per):
        return len(per) == len(ratios) and all(abs(c - f) <= 1e-6 * max(1.0, abs(f)) for c, f in zip(ratios, per))
    for value, words in ((1.0, "1"),) + CONSTANTS if constants else ():
        if value != 0 and fits([value] * len(ratios)):
            return words.split(" (")[0]
    for name, per in _fact_values(facts):
        if fits(per):
            return name
        if shifted and fits([f - 1 for f in per]):
            return f"({name} − 1)"
    return ""


def not_finite(items) -> str:
    """nan or ±inf on every item where the right value is finite, the rest right."""
    if not items:
        return ""
    for g, e, _ in items:
        bad = [not math.isfinite(a) for a in g]
        if not any(bad) or not all(math.isfinite(b) for b in e):
            return ""
        if not same([a for a, x in zip(g, bad) if not x], [b for b, x in zip(e, bad) if not x]):
            return ""
    return ("it is nan or inf where the right value is finite (elsewhere right): an overflow (e^x of a large x), "
            "a division by 0 or a log of 0; compute it in a form that stays finite")


def another(items, related) -> str:
    """got = ±(the right value of another quantity), or 1 − it, the same one on every item."""
    for label in related[0] if related and all(related) else ():
        for c, d, words in ((1.0, 0.0, "it is {}"), (-1.0, 0.0, "it is −({})" if " " in label else "it is −{}"),
                            (-1.0, 1.0, "it is 1 − ({})" if " " in label else "it is 1 − {}")):
            if all(label in r and same(g, [d + c * x for x in values(r[label])]) for (g, _, _), r in zip(items, related)):
                return words.format(label) + " where the right value belongs"
    return ""


SQUASH = (
    ("max(right, 0): clipped at 0, as if a ReLU were applied where none belongs", lambda e: max(e, 0.0)),
    ("σ(right): squashed by σ, an activation where none belongs", lambda e: 1 / (1 + math.exp(-e)) if e > -700 else 0.0),
    ("tanh(right): squashed by tanh, an activation where none belongs", math.tanh),
    ("|right|: the sign is lost", abs),
    ("1 − right: flipped around ½ (σ(−a) where σ(a) belongs, or the two branches of a mask exchanged)", lambda e: 1 - e),
    ("the square of the right value", lambda e: e * e),
    ("the square root of the right value: the square is missing", lambda e: math.sqrt(e) if e >= 0 else math.nan),
    ("−(the square root of the right value): the square is missing", lambda e: -math.sqrt(e) if e >= 0 else math.nan),
    ("e^(right value)", lambda e: math.exp(min(e, 700))),
    ("the log of the right value", lambda e: math.log(e) if e > 0 else math.nan),
)


def _half(x: float) -> float:
    """x in IEEE half precision (float16), as NumPy rounds it."""
    try:
        return struct.unpack("e", struct.pack("e", x))[0]
    except (OverflowError, struct.error):
        return math.copysign(math.inf, x)


ROUNDINGS = (
    ("cut to a whole number (int(), or an integer array where floats belong: np.zeros(5, dtype=int), np.array([0, 0]), "
     "np.vectorize taking the int dtype of its first result)", math.trunc),
    ("rounded down to a whole number (// where / belongs, np.floor)", math.floor),
) + tuple((f"rounded to {k} decimal{'s' if k != 1 else ''} (round(…, {k}), or a format that cuts the digits)",
           lambda e, k=k: round(e, k)) for k in (0, 1, 2, 3, 4)) + (
    ("in half precision (float16: about 3 significant digits)", _half),
    ("in single precision (float32: about 7 significant digits) where the check asks for more", lambda e: struct.unpack("f", struct.pack("f", e))[0]),
)


def rounded(items) -> str:
    """got = the right value rounded: to k decimals, to a whole number, to float16 or float32."""
    for words, f in ROUNDINGS:
        try:
            if all(all(math.isfinite(x) for x in e) and g == [f(x) for x in e] for g, e, _ in items):
                return "it is the right value " + words
        except (OverflowError, ValueError):
            continue
    return ""


def clipped(items) -> str:
    """got = the right value clipped to [−c, c] (c the same on every item), wrong exactly where |right| > c."""
    c = None
    for g, e, _ in items:
        wrong = [(a, b) for a, b in zip(g, e) if not same([a], [b])]
        if not wrong:
            return ""
        c = abs(wrong[0][0]) if c is None else c
        if c == 0 or not all(same([a], [max(min(b, c), -c)]) for a, b in zip(g, e)):
            return ""
    inside = [b for _, e, _ in items for b in e if abs(b) < c * (1 - 1e-6) and abs(b) > 1e-12]
    if not inside:   # nothing right below the bound: a constant ±c, not a clip
        return ""
    shown = f"[−{c:g}, {c:g}]" if c == round(c, 1) else "a fixed range"
    return f"it is the right value clipped to {shown}: right where it is smaller, cut where it is larger (np.clip where none belongs)"


def squashed(items) -> str:
    for words, f in SQUASH:
        try:
            if all(same(g, [f(x) for x in e]) for g, e, _ in items):
                return "it is " + words
        except (OverflowError, ValueError):
            continue
    family = SQUASH[:3]
    try:
        if all(any(same(g, [f(x) for x in e]) for _, f in family) for g, e, _ in items):
            return "it is an activation (σ, tanh or ReLU, the case's σ) applied to the right value: an activation where none belongs"
    except (OverflowError, ValueError):
        pass
    try:
        if all(len(e) > 1 and _is_softmax(g, e) for g, e, _ in items):
            return "it is softmax applied to the right value: an output activation where none belongs"
    except (OverflowError, ValueError):
        pass
    for words, f in SQUASH[:3]:
        if all(same(e, [f(x) for x in g]) for g, e, _ in items):
            return f"the right value is {words.split(':')[0].replace('right', 'your value')}: that step is missing"
    return ""


def _is_softmax(g, e) -> bool:
    m = max(e)
    z = [math.exp(x - m) for x in e]
    return same(g, [x / sum(z) for x in z])


def where(items, args) -> str:
    """Wrong only at entries where the right value is 0, or where an argument of the same shape is ≤ 0, = 0 …"""
    tests = (("= 0", lambda a: a == 0), ("≤ 0", lambda a: a <= 0), ("< 0", lambda a: a < 0), ("> 0", lambda a: a > 0))
    wrong = [[not same([a], [b]) for a, b in zip(g, e)] for g, e, _ in items]
    if all(all(w) for w in wrong):
        return ""
    said = []
    if all(all((x == 0) == bad for x, bad in zip(e, w)) for (_, e, _), w in zip(items, wrong)):
        said.append("it is wrong exactly at the entries where the right value is 0 (elsewhere right): a mask or a clip (max with 0) is missing")
    on = _where_args(items, args, wrong, tests)
    return "; ".join(said + ([on] if on else []))


def _where_args(items, args, wrong, tests) -> str:
    """Only the first argument, the one the result is computed from entry by entry (z, a, A, F)."""
    for name in list(args[0])[:1] if args and all(args) else ():
        for words, test in tests:
            ok = True
            for (g, e, _), w, a in zip(items, wrong, args):
                arg = a.get(name)
                if arg is None or len(arg) != len(e) or not any(w) or not all(test(x) == bad for x, bad in zip(arg, w)):
                    ok = False
                    break
            if ok:
                there = elementwise.at(items, args, wrong, name)
                return f"it is wrong exactly at the entries where {name} {words} (elsewhere right)" + (f"; {there}" if there else "")
    return ""


def cases_where(failed_facts, passed_facts) -> str:
    """The failing cases are exactly those where a fact (z(x) …) is ≤ 0, = 0 or < 0."""
    if not failed_facts or not passed_facts:
        return ""
    names = [k for k in failed_facts[0] if all(k in f for f in failed_facts + passed_facts)
             and not (k[:1] == "w" and k[1:].isdigit())]   # a weight's sign says nothing on its own
    for name in names:
        for words, test in (("= 0", lambda a: a == 0), ("≤ 0", lambda a: a <= 0), ("< 0", lambda a: a < 0), ("> 0", lambda a: a > 0),
                            ("≥ 0", lambda a: a >= 0)):
            if all(test(f[name]) for f in failed_facts) and not any(test(f[name]) for f in passed_facts):
                return f"every case where {name} {words} fails and every other case passes"
    return ""


def transposed(raws, expected) -> str:
    ok = False
    for raw, e in zip(raws, expected):
        if not isinstance(e, Flat) or len(e.shape) != 2 or e.shape[0] == e.shape[1] == 1:
            return ""
        try:
            flat = j._flat(raw)
        except Exception:
            return ""
        if flat.shape != (e.shape[1], e.shape[0]):
            if flat.shape == e.shape and e.shape[0] == e.shape[1] and _t(flat) and same(list(_t(flat)), list(e.values)):
                ok = True
                continue
            return ""
        if not same(list(_t(flat)), list(e.values)):
            return ""
        ok = True
    return "it is the transpose of the right value (rows and columns exchanged)" if ok else ""


def _t(flat):
    r, c = flat.shape
    return tuple(flat.values[i * c + k] for k in range(c) for i in range(r))


def reduced(raws, expected, facts=()) -> str:
    """A vector where a number belongs, or a number where a vector belongs: the reduction's axes."""
    words = []
    facts = list(facts) or [{}] * len(raws)
    for raw, e, f in zip(raws, expected, facts):
        try:
            flat = j._flat(raw)
        except Exception:
            return ""
        v = list(flat.values)
        n = f.get("n")
        if isinstance(e, (int, float)) and flat.shape and n and len(v) == n:
            if same([sum(v) / len(v)], [e]):
                words.append("one value per example where one number belongs: their mean is the right value (the mean over the examples is missing)")
            elif same([sum(v)], [e]):
                words.append("one value per example where one number belongs: their sum is the right value")
            else:
                words.append("one value per example where one number belongs: it is not reduced over the examples")
        elif isinstance(e, Flat) and len(flat.shape) == 1 and n and flat.shape[0] == n and e.shape != flat.shape:
            words.append("one value per example where the right value has one per parameter: it is reduced over the wrong axis")
        elif isinstance(e, (int, float)) and len(v) > 1:
            if same([sum(v)], [e]):
                words.append("its entries sum to the right value: it is reduced over one axis only (sum the rest too)")
            elif same([sum(v) / len(v)], [e]):
                words.append("the mean of its entries is the right value: it is reduced over one axis only")
            else:
                words.append(f"several values where one number belongs: it is reduced over one axis only, or not at all")
        elif isinstance(e, Flat) and len(v) == 1 and len(e.values) > 1:
            words.append("one number where an array belongs: it is reduced over every entry (a sum or mean with no axis)")
        else:
            return ""
    return words[0] if words and len(set(words)) == 1 else ""


