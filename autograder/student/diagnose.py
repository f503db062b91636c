"""How wrong values relate to the right ones, found from the function's behaviour.

The catalogue (``judge``'s known mistakes) names slips somebody listed. This module looks at
the failed cases themselves and says what they have in common, in the course's words:

    a constant relation      got = c·right, c ∈ {0, ±½, ±2, −1, 1/ln 10 …} or a fact of the
                             case (n, K, η, 1/K …); got = right + c·(a related value: the bias,
                             λW, …); got = the right value of another quantity (z where h belongs)
    a squashed value         got = σ(right), max(right, 0), |right|, right², √right, 1 − right
    where it is wrong        only at entries where the right value is 0, or where the argument
                             is ≤ 0 / = 0; or exactly on the cases where a fact (z(x)) is ≤ 0
    a shape relation         got = rightᵀ; one value per row/column where a number belongs
    by part                  the same, one named part (``Check.names``) at a time, with the
                             other parts of the right value as candidates (a swap, z for h)
    dependence (probes)      the right value changes when one input changes and got does not,
                             or the other way round (``Case.probe``)

A relation is reported only when it holds on every failed case it speaks of (those that
returned a value and that no known mistake explains), and never with a number of a hidden
case: it names the relation, not the values. NumPy and the standard library only.
"""
from __future__ import annotations

import math

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


def _read(got, like):
    try:
        return j.convert(got, like)
    except j.Reject:
        return None
    except Exception:  # hostile objects: no relation
        return None


# ---- one relation at a time ----------------------------------------------------------
def _factor(items, facts) -> str:
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


def _proportional(items, facts) -> str:
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


def _rows(items, shapes) -> str:
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


def _shifted(items) -> str:
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


def _offset(items, related, facts) -> str:
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


def _another(items, related) -> str:
    """got = ±(the right value of another quantity), or 1 − it, the same one on every item."""
    for label in related[0] if related and all(related) else ():
        for c, d, words in ((1.0, 0.0, "it is {}"), (-1.0, 0.0, "it is −{}"), (-1.0, 1.0, "it is 1 − {}")):
            if all(label in r and same(g, [d + c * x for x in values(r[label])]) for (g, _, _), r in zip(items, related)):
                return words.format(label) + " where the right value belongs"
    return ""


SQUASH = (
    ("max(right, 0): clipped at 0, as if a ReLU were applied where none belongs", lambda e: max(e, 0.0)),
    ("σ(right): squashed by σ, an activation where none belongs", lambda e: 1 / (1 + math.exp(-e)) if e > -700 else 0.0),
    ("tanh(right): squashed by tanh, an activation where none belongs", math.tanh),
    ("|right|: the sign is lost", abs),
    ("1 − right (e.g. σ(−a) where σ(a) belongs)", lambda e: 1 - e),
    ("the square of the right value", lambda e: e * e),
    ("the square root of the right value: the square is missing", lambda e: math.sqrt(e) if e >= 0 else math.nan),
    ("−(the square root of the right value): the square is missing", lambda e: -math.sqrt(e) if e >= 0 else math.nan),
    ("e^(right value)", lambda e: math.exp(min(e, 700))),
    ("the log of the right value", lambda e: math.log(e) if e > 0 else math.nan),
)


def _squashed(items) -> str:
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


def _where(items, args) -> str:
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
                return f"it is wrong exactly at the entries where {name} {words} (elsewhere right)"
    return ""


def _cases_where(failed_facts, passed_facts) -> str:
    """The failing cases are exactly those where a fact (z(x) …) is ≤ 0, = 0 or < 0."""
    if not failed_facts or not passed_facts:
        return ""
    names = [k for k in failed_facts[0] if all(k in f for f in failed_facts + passed_facts)]
    for name in names:
        for words, test in (("= 0", lambda a: a == 0), ("≤ 0", lambda a: a <= 0), ("< 0", lambda a: a < 0), ("> 0", lambda a: a > 0),
                            ("≥ 0", lambda a: a >= 0)):
            if all(test(f[name]) for f in failed_facts) and not any(test(f[name]) for f in passed_facts):
                return f"every case where {name} {words} fails and every other case passes"
    return ""


def _transposed(raws, expected) -> str:
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


def _reduced(raws, expected, facts=()) -> str:
    """A vector where a number belongs, or a number where a vector belongs: the reduction's axes."""
    words = []
    facts = list(facts) or [{}] * len(raws)
    for raw, e, f in zip(raws, expected, facts):
        try:
            flat = j._flat(raw)
        except Exception:
            return ""
        v = list(flat.values)
        if isinstance(e, (int, float)) and len(v) > 1:
            if same([sum(v)], [e]):
                words.append("its entries sum to the right value: it is reduced over one axis only (sum the rest too)")
            elif same([sum(v) / len(v)], [e]):
                words.append("the mean of its entries is the right value: it is reduced over one axis only")
            else:
                words.append(f"several values where one number belongs: it is reduced over one axis only, or not at all")
        elif isinstance(e, Flat) and len(v) == 1 and len(e.values) > 1:
            words.append("one number where an array belongs: it is reduced over every entry (a sum or mean with no axis)")
        elif isinstance(e, Flat) and len(flat.shape) == 1 and "n" in f and flat.shape[0] == f["n"] and e.shape != flat.shape:
            words.append("one value per example where the right value has one per parameter: it is reduced over the wrong axis")
        else:
            return ""
    return words[0] if words and len(set(words)) == 1 else ""


# ---- putting them together -----------------------------------------------------------
def relation(items, related, facts, args, shapes=()) -> str:
    """The first relations (up to two) that hold on every item (g, e, raw): values as lists of floats."""
    found = []
    for test in (lambda: _another(items, related), lambda: _factor(items, facts), lambda: _offset(items, related, facts),
                 lambda: _squashed(items), lambda: _where(items, args), lambda: _proportional(items, facts),
                 lambda: _rows(items, shapes) if shapes else "", lambda: _shifted(items)):
        words = test()
        if words and words not in found:
            found.append(words)
        if len(found) == 2:
            break
    return "; also, ".join(found)


def explain(check, cases, outcomes, verdicts, names=(), passed_facts=()) -> str:
    """One sentence on the failed cases no known mistake explains, or "" (also when some of
    them raised or timed out: then nothing is claimed)."""
    claimed = [(c, o.value) for c, o, v in zip(cases, outcomes, verdicts)
               if not v.passed and not v.mistakes and o.status == "ok" and o.value is not None and "in place" not in v.reason]
    if not claimed or len(claimed) < sum(not v.passed for v in verdicts) - sum(bool(v.mistakes) for v in verdicts):
        return ""
    items = [(r, c.expected, c) for c, r in claimed]
    echo = _echo(items, names)
    if echo:
        return echo
    words = _tree("", items, names, check.names, list(passed_facts), 0)
    where = _cases_where([c.facts for c, _ in claimed], list(passed_facts))
    return f"{words}; {where}" if words and where else words or where


def _tree(label, items, names, part_names, passed_facts, depth) -> str:
    """The relation of these (raw, expected, case) items, whole or part by part; "" if not every
    wrong part is explained."""
    read = [(_read(r, e), e, c) for r, e, c in items]
    prefix = f"{label}: " if label else ""
    if depth == 0 and part_names and isinstance(items[0][1], (tuple, dict)):   # named parts first: z(x), h(x), ŷ(x)
        words = _parts(label, items, names, part_names, passed_facts, depth)
        if words:
            return words
    if all(g is not None for g, _, _ in read):
        vals = [(values(g), values(e), None) for g, e, _ in read]
        related = [{**_others(c.expected, part_names, label), **c.related} for _, _, c in read]
        shapes = [e.shape if isinstance(e, Flat) else () for _, e, _ in read]
        related = [{**r, **_given(c, names, label, part_names)} for r, (_, _, c) in zip(related, read)] if label else related
        words = relation(vals, related, [c.facts for _, _, c in read], [_args_info(c, names) for _, _, c in read] if not label else [],
                         shapes if all(shapes) else ())
        if words:
            return prefix + words
    elif all(g is None for g, _, _ in read):
        raws, exp = [r for r, _, _ in items], [e for _, e, _ in items]
        words = _transposed(raws, exp) or _reduced(raws, exp, [c.facts for _, _, c in items]) or _length(raws, exp)
        if words or not isinstance(exp[0], (tuple, dict)):
            return prefix + words if words else ""
    return _parts(label, items, names, part_names, passed_facts, depth)


def _parts(label, items, names, part_names, passed_facts, depth) -> str:
    if depth >= 3:
        return ""
    split = [(_split(r, e, part_names if depth == 0 else ()), parts(e, part_names if depth == 0 else ()), c) for r, e, c in items]
    if not split[0][1] or any(gp is None or len(gp) != len(ep) for gp, ep, _ in split):
        return ""
    said = []
    for k, (name, _) in enumerate(split[0][1]):
        name = _label(label, name, depth)
        sub = [(gp[k], ep[k][1], c) for gp, ep, c in split if not _right(gp[k], ep[k][1])]
        if not sub:
            continue
        words = _tree(name, sub, names, part_names, passed_facts, depth + 1)
        right = [c.facts for gp, ep, c in split if _right(gp[k], ep[k][1])] + passed_facts
        where = _cases_where([c.facts for _, _, c in sub], right)
        if not words and not where:
            return ""
        words = f"{words}; {where}" if words and where else words or f"{name}: {where}"
        said.append(words)
    return "; ".join(said)


def _right(raw, expected) -> bool:
    g = _read(raw, expected)
    return g is not None and same(values(g), values(expected), 1e-6, 1e-9)


def _split(raw, expected, part_names):
    """The returned value cut like ``expected`` one level down, or None."""
    if isinstance(expected, tuple):
        if isinstance(raw, (tuple, list)) and len(raw) == len(expected):
            return list(raw)
        return None
    if isinstance(expected, dict):
        return [raw.get(k) for k in expected] if isinstance(raw, dict) and all(k in raw for k in expected) else None
    if isinstance(expected, Flat) and parts(expected, part_names):
        g = _read(raw, expected)
        return list(g.values) if g is not None else None
    return None


def _label(parent, name, depth) -> str:
    """Course names for nested parts: the cache's A^(h), Z^(h); layer h's dW^(h), db^(h)."""
    if depth == 0:
        return name
    if name in ("'A'", "'Z'", "'F'"):
        return name.strip("'")
    if parent in ("A", "Z") and name.startswith("item "):
        k = int(name.split()[1])
        return f"{parent}^({k + 1 if parent == 'A' else k})"
    if parent.startswith("item ") and name in ("item 0", "item 1"):
        h = int(parent.split()[1]) + 1
        return ("dW", "db")[int(name[-1])] + f"^({h}) (or W^({h}), b^({h}))"
    return f"{parent}, {name}"


def _given(case, names, label, part_names) -> dict:
    """The same part of an argument shaped like the result (gd_update's params: b^(h) returned unchanged)."""
    out = {}
    for name, arg in zip(names, case.args):
        try:
            tree = codec_plain(arg)
        except Exception:
            continue
        for sub_label, sub in _walk(tree, part_names):
            if sub_label == label:
                out[f"the `{name}` it was given, that part unchanged"] = sub
    return out


def _walk(tree, part_names, label="", depth=0):
    """(label, subtree) of every part, labelled as ``_parts`` labels them."""
    if depth >= 3:
        return
    for k, (name, sub) in enumerate(parts(tree, part_names if depth == 0 else ())):
        name = _label(label, name, depth)
        yield name, sub
        yield from _walk(sub, part_names, name, depth + 1)


def _others(expected, part_names, label) -> dict:
    """The other parts of the right value, as candidates (z where h belongs, F = A^(D) …)."""
    out = {}
    for name, sub in parts(expected, part_names):
        if name != label:
            out[f"{name} (another part of the right value)"] = sub
        if isinstance(sub, dict):
            for key, inner in sub.items():
                if isinstance(inner, tuple) and inner:
                    out[f"{key}^({len(inner) if key == 'A' else len(inner) - 1}) (the last {key} of the right cache)"] = inner[-1]
    return out


def _length(raws, expected) -> str:
    words = set()
    for raw, e in zip(raws, expected):
        if not isinstance(e, (Flat, tuple)) or not isinstance(raw, (list, tuple, j._NDARRAY)):
            return ""
        try:
            n = len(raw)
        except Exception:
            return ""
        want = len(e) if isinstance(e, tuple) else e.shape[0] if len(e.shape) == 1 else -1
        if want < 0 or n == want:
            return ""
        words.add("one entry fewer than the right value" if n == want - 1 else
                  "one entry more than the right value" if n == want + 1 else "")
    return words.pop() if len(words) == 1 and "" not in words else ""


def _args_info(case, names) -> dict:
    """{argument name: its values} of the case's array arguments (for "wrong where z ≤ 0")."""
    out = {}
    for name, a in zip(names, case.args):
        try:
            out[name] = list(j._flat(a).values)
        except Exception:
            continue
    return out


def _echo(items, names) -> str:
    for i, name in enumerate(names):
        if all(i < len(c.args) and _same_tree(r, c.args[i]) for r, _, c in items):
            return f"it is the argument `{name}` returned unchanged"
    return ""


def _same_tree(raw, arg) -> bool:
    try:
        return same(values(j.convert(raw, codec_plain(arg))), values(codec_plain(arg)))
    except Exception:
        return False


def codec_plain(value):
    from .codec import plain
    return plain(value)


def probe_findings(check, probes) -> list:
    """Sentences on how the function responds to one change at a time, where it differs from the
    right function. ``probes``: [(probe case, its value, base case, base value)]."""
    found = {}   # (kind, parts) -> [what was varied]
    every = []
    for probe, got_p, base, got_b in probes:
        gp, gb = _read(got_p, probe.expected), _read(got_b, base.expected)
        if gp is None or gb is None:
            continue
        every.append(probe.varies)
        for kind in ("missing", "extra"):
            names = []
            for name, (p_g, b_g, p_e, b_e) in _aligned(check, gp, gb, probe.expected, base.expected):
                right = not same(values(p_e), values(b_e), 1e-6, 1e-9)
                mine = not same(values(p_g), values(b_g), 1e-6, 1e-9)
                if (kind == "missing" and right and not mine) or (kind == "extra" and mine and not right):
                    names.append(name or "the result")
            if names:
                whole = len(names) == len(_aligned(check, gp, gb, probe.expected, base.expected)) and len(names) > 1
                found.setdefault((kind, "the result" if whole else _join(names, "and")), []).append(probe.varies)
    out = []
    for (kind, what), varied in found.items():
        verb = "does not change" if kind == "missing" else "changes"
        if kind == "missing" and what == "the result" and len(varied) == len(set(every)) > 2:
            out.append(f"the result does not change whatever input changes ({_join(varied, 'or')}): it is the same every time; the right one is not")
            continue
        out.append(f"{what} {verb} when {_join(varied, 'or')} changes; the right one {'does' if kind == 'missing' else 'does not'}")
    return out


def _join(words, last) -> str:
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _aligned(check, gp, gb, ep, eb):
    pg, pb, pe, pbe = (parts(t, check.names) for t in (gp, gb, ep, eb))
    if pg and len(pg) == len(pb) == len(pe) == len(pbe) and check.names:
        return [(pe[k][0], (pg[k][1], pb[k][1], pe[k][1], pbe[k][1])) for k in range(len(pe))]
    return [("", (gp, gb, ep, eb))]
