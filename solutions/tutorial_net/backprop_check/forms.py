"""A wrong value as a small formula of the function's own arguments, found by search.

For a function computed entry by entry from its arguments (relu(z), σ(a), σ'(a), tanh'(a),
relu'(z): one argument; output_delta(F, Y): two of the result's shape) or reducing two such
arguments to one number (squared_error(F, Y), cross_entropy(F, Y)), a slip computes another
formula of the same arguments: 1 + e^(−a) where σ(a) = 1/(1 + e^(−a)) belongs (the parentheses),
tanh(a²) where tanh(a)² does, −Y/F where F − Y does, (Σ(F − Y))² where Σ(F − Y)² does. Nobody
needs to list them: ``explain`` tries the formulas of a small grammar in order of size

    one argument x    outer(f(inner(x)))        inner ∈ x, −x, 2x, x/2, x²;  f ∈ the course's
                                                functions and their usual misspellings (σ, tanh,
                                                e^, log(1 + e^), 1 + e^(−·), sign, clip …);
                                                outer ∈ ·, −·, 2·, ½·, ·², √·, 1 − ·, 1/·, …
    two arguments     outer(u(A) ∘ v(B))        u, v ∈ ·, −·, ·², log, 1 − ·, e^, softmax by rows;
                                                ∘ ∈ + − · /;  (A, B) = (F, Y) or (Y, F)
    a number from two reduce(u(A) ∘ v(B))       reduce ∈ Σ, (1/n)Σ, (1/2n)Σ, the mean of all n·K
                                                entries, (Σ ·)², √(Σ ·), the first column only …

and names the first one that gives every failed case's values, entry by entry, with the
right value's own formula where the grammar holds it ("it is 1 + e^(−a) (the same values as
1/σ(a)) where σ(a) belongs"). A formula is claimed only on at least four distinct argument
values and when it is not the right value itself; it is computed from the case's arguments
(public or hidden alike) and says no number. Standard library only.
"""
from __future__ import annotations

import functools
import math
import re

from .relations import same

_BIG = 700.0


def _sigma(a):
    return 1 / (1 + math.exp(-a)) if a > -_BIG else 0.0


def _exp(a):
    return math.exp(a) if a < _BIG else math.inf


def _log(a):
    return math.log(a) if a > 0 else (-math.inf if a == 0 else math.nan)


def _sqrt(a):
    return math.sqrt(a) if a >= 0 else math.nan


def _div(a, b):
    return a / b if b != 0 else (math.nan if a == 0 else math.copysign(math.inf, a) * (1 if b >= 0 else -1))


def _sign(a):
    return (a > 0) - (a < 0)


INNER = (("{x}", lambda a: a), ("−{x}", lambda a: -a), ("2{x}", lambda a: 2 * a), ("{x}/2", lambda a: a / 2),
         ("{x}²", lambda a: a * a))
FUNC = (
    ("{}", lambda a: a),
    ("σ({})", _sigma), ("tanh({})", math.tanh), ("e^({})", _exp), ("log(1 + e^({}))", lambda a: a + math.log1p(math.exp(-a)) if a > 0 else math.log1p(_exp(a))),
    ("1 + e^(−{})", lambda a: 1 + _exp(-a)), ("1 − e^(−{})", lambda a: 1 - _exp(-a)), ("1/(1 − e^(−{}))", lambda a: _div(1.0, 1 - _exp(-a))),
    ("1/(1 + e^({}))", lambda a: _sigma(-a)), ("e^(−{})/(1 + e^(−{}))²", lambda a: _sigma(a) * _sigma(-a)),
    ("max({}, 0)", lambda a: max(a, 0.0)), ("1 where {} > 0, else 0", lambda a: 1.0 if a > 0 else 0.0),
    ("min({}, 0)", lambda a: min(a, 0.0)), ("|{}|", abs),
    ("clip({}, 0, 1)", lambda a: min(max(a, 0.0), 1.0)), ("sign({})", _sign), ("{}/|{}|", lambda a: _div(a, abs(a))),
    ("1 where {} ≥ 0, else 0", lambda a: 1.0 if a >= 0 else 0.0),
    ("cosh({})", lambda a: math.cosh(a) if abs(a) < _BIG else math.inf), ("sech({})", lambda a: 1 / math.cosh(a) if abs(a) < _BIG else 0.0),
    ("log({})", _log),
)
OUTER = (("{}", lambda v: v), ("−{}", lambda v: -v), ("2{}", lambda v: 2 * v), ("½{}", lambda v: v / 2),
         ("{}²", lambda v: v * v), ("√{}", _sqrt), ("1 − {}", lambda v: 1 - v), ("1/{}", lambda v: _div(1.0, v)),
         ("1 + {}", lambda v: 1 + v), ("{0}(1 − {0})", lambda v: v * (1 - v)), ("1 − {}²", lambda v: 1 - v * v),
         ("½(1 + {})", lambda v: (1 + v) / 2))
UNARY = (("{}", lambda a: a), ("{}²", lambda a: a * a), ("log({})", _log), ("(1 − {})", lambda a: 1 - a),
         ("e^{}", _exp), ("int({})", lambda a: float(math.trunc(a))))
BINARY = (("{} − {}", lambda a, b: a - b), ("{} + {}", lambda a, b: a + b), ("{}·{}", lambda a, b: 0.0 if a == 0 or b == 0 else a * b), ("{}/{}", _div))
OUTER2 = (("{}", lambda v: v), ("−{}", lambda v: -v), ("2{}", lambda v: 2 * v), ("½{}", lambda v: v / 2), ("{}²", lambda v: v * v),
          ("|{}|", abs))


def _atom(text: str) -> bool:
    """Whether ``text`` needs no parentheses inside another formula: a name, f(…), a power of one."""
    depth, bars = 0, False
    for ch in text:
        depth += ch in "(["
        depth -= ch in ")]"
        bars = not bars if ch == "|" else bars
        if depth == 0 and not bars and ch in " +−·/":
            return False
    return True


def _put(pattern: str, inner: str) -> str:
    """``pattern`` with ``inner`` in its slots ({} or {0}), parenthesised where it must be."""
    if pattern == "{}":
        return inner
    wrapped = inner if _atom(inner) else f"({inner})"
    pieces = pattern.replace("{0}", "{}").split("{}")
    text = pieces[0]
    for k, piece in enumerate(pieces[1:]):
        enclosed = (pieces[k].endswith("(") and piece[:1] in ("),")) or (pieces[k].endswith("|") and piece[:1] == "|")
        text += (inner if enclosed else wrapped) + piece
    return re.sub(r"−\(−([^()]+)\)", r"\1", text)


def _operand(text: str) -> str:
    """``text`` as an operand of + − · /: parenthesised unless it is atomic."""
    return text if _atom(text) else f"({text})"


@functools.lru_cache(maxsize=16)
def one_argument(name: str):
    """[(formula in words, f)] of one argument named ``name``, smallest first."""
    out = []
    for inner, fi in INNER:
        for func, ff in FUNC:
            for outer, fo in OUTER:
                size = (inner != "{x}") + (func != "{}") + (outer != "{}")
                if size == 0:
                    continue
                text = _put(outer, _put(func, inner.format(x=name)))
                out.append((size, text, lambda a, fi=fi, ff=ff, fo=fo: fo(ff(fi(a)))))
    out.sort(key=lambda t: t[0])
    return [(t, f) for _, t, f in out]


@functools.lru_cache(maxsize=16)
def two_arguments(first: str, second: str):
    """[(formula in words, f(a, b))] of two arguments, smallest first."""
    out = []
    for (na, a_), (nb, b_) in ((("A", first), ("B", second)), (("B", second), ("A", first))):
        for ua, fa in UNARY:
            for ub, fb in UNARY:
                for op, fop in BINARY:
                    for outer, fo in OUTER2:
                        size = (ua != "{}") + (ub != "{}") + (outer != "{}") + 0.5 * (na == "B")
                        text = _put(outer, op.format(_operand(_put(ua, a_)), _operand(_put(ub, b_))))
                        swap = na == "B"
                        out.append((size, text, lambda a, b, fa=fa, fb=fb, fop=fop, fo=fo, swap=swap:
                                    fo(fop(fa(b), fb(a)) if swap else fop(fa(a), fb(b)))))
    out.sort(key=lambda t: t[0])
    return [(t, f) for _, t, f in out]


def _apply(f, *columns):
    try:
        return [float(f(*xs)) for xs in zip(*columns)]
    except (OverflowError, ValueError, ZeroDivisionError, TypeError):
        return None


def _matches(candidates, items, columns, limit=2):
    """The formulas (up to ``limit``, of different values on no item) that give every item's got."""
    found = []
    for text, f in candidates:
        if text not in found and all(_fits(f, g, cols) for (g, _, _), cols in zip(items, columns)):
            found.append(text)
            if len(found) == limit:
                break
    return found


def _fits(f, got, cols) -> bool:
    values = _apply(f, *cols)
    return values is not None and same(got, values, 1e-6, 1e-9)


def explain(items, arguments, shapes=()) -> str:
    """items: [(got, right, raw)] as lists of floats, one per failed case; arguments: per item,
    [(name, values)] of the arguments shaped like the result (one or two); ``shapes``: their
    shape per item (with two arguments of shape (n, K), a softmax by rows of either is tried
    too: softmax(F) − Y where F − Y belongs). The formula, or ""."""
    said = _explain(items, arguments)
    if said or len(shapes) != len(items) or not arguments or len(arguments[0]) != 2 or \
            any(len(sh) != 2 or not sh[1] for sh in shapes):
        return said
    for k in (0, 1):
        rowed = [[(f"softmax({n})", _softmax_rows(v, sh[1])) if i == k else (n, v) for i, (n, v) in enumerate(a)]
                 for a, sh in zip(arguments, shapes)]
        said = _explain(items, rowed)
        if said:
            return said
    return ""


def _softmax_rows(values, width):
    out = []
    for r in range(0, len(values), width):
        row = values[r:r + width]
        top = max(row)
        e = [math.exp(x - top) for x in row]
        out += [x / sum(e) for x in e]
    return out


def _explain(items, arguments) -> str:
    if not items or len(arguments) != len(items) or not arguments[0] or len(arguments[0]) > 2:
        return ""
    names = [n for n, _ in arguments[0]]
    if any([n for n, _ in a] != names or any(len(v) != len(g) for _, v in a) for a, (g, _, _) in zip(arguments, items)):
        return ""
    distinct = {tuple(round(v[k], 9) for _, v in a) for a in arguments for k in range(len(a[0][1]))}
    if len(distinct) < 4:
        return ""
    columns = [[v for _, v in a] for a in arguments]
    candidates = one_argument(names[0]) if len(names) == 1 else two_arguments(*names)
    found = _matches(candidates, items, columns)
    if not found:
        return ""
    right = _matches(candidates, [(e, e, None) for _, e, _ in items], columns, limit=1)
    same_as = f" (the same values as {found[1]})" if len(found) > 1 and _names(found[1]) != _names(found[0]) else ""
    where = f"; the right value is {right[0]}" if right and right[0] not in found else ""
    return f"it computes {found[0]}{same_as}{where}"


def _names(formula: str) -> set:
    """The functions and arguments a formula is written with (σ, e, tanh, a …), to tell two
    spellings of one formula (|z| and |−z|) from two different ones (1 + e^(−a) and 1/σ(a))."""
    return set(re.findall(r"[^\W\d_]+", formula))


REDUCE = (
    ("Σ {}", lambda m: sum(sum(r) for r in m)),
    ("(1/n)·Σ {}", lambda m: sum(sum(r) for r in m) / len(m)),
    ("−Σ {}", lambda m: -sum(sum(r) for r in m)),
    ("−(1/n)·Σ {}", lambda m: -sum(sum(r) for r in m) / len(m)),
    ("(1/2n)·Σ {}", lambda m: sum(sum(r) for r in m) / (2 * len(m))),
    ("the mean of {} over all n·K entries", lambda m: sum(sum(r) for r in m) / (len(m) * len(m[0]))),
    ("(Σ {})², the square of the sum", lambda m: sum(sum(r) for r in m) ** 2),
    ("(1/n)·(Σ {})², the square of the sum", lambda m: sum(sum(r) for r in m) ** 2 / len(m)),
    ("(1/2n)·(Σ {})², the square of the sum", lambda m: sum(sum(r) for r in m) ** 2 / (2 * len(m))),
    ("√(Σ {})", lambda m: _sqrt(sum(sum(r) for r in m))),
    ("√((1/n)·Σ {})", lambda m: _sqrt(sum(sum(r) for r in m) / len(m))),
    ("(1/n)·√(Σ {}) (np.linalg.norm: the square root of the sum of the squares)", lambda m: _sqrt(sum(sum(r) for r in m)) / len(m)),
    ("½·Σ over the columns of the variance of {} (np.var: the mean of the squares minus the square of the mean)",
     lambda m: 0.5 * sum(_var([r[k] for r in m]) for k in range(len(m[0])))),
    ("(1/n)·Σ over the rows of √(Σ over the row of {})", lambda m: sum(_sqrt(sum(r)) for r in m) / len(m)),
    ("(1/n)·Σ over the rows of (Σ over the row of {})²", lambda m: sum(sum(r) ** 2 for r in m) / len(m)),
    ("(1/2n)·Σ over the rows of (Σ over the row of {})²", lambda m: sum(sum(r) ** 2 for r in m) / (2 * len(m))),
    ("the variance of {} over all entries (np.var: the mean of the squares minus the square of the mean)",
     lambda m: _var([x for r in m for x in r])),
    ("(1/2n)·Σ of {} over the first column only", lambda m: sum(r[0] for r in m) / (2 * len(m))),
    ("(1/n)·Σ of {} over the first column only", lambda m: sum(r[0] for r in m) / len(m)),
    ("max of {}", lambda m: max(x for r in m for x in r)),
    ("−log of (1/n)·Σ {}", lambda m: -_log(sum(sum(r) for r in m) / len(m))),
    ("−(1/n)·log Σ {}", lambda m: -_log(sum(sum(r) for r in m)) / len(m)),
)


def _var(xs):
    mean = sum(xs) / len(xs)
    return sum((x - mean) ** 2 for x in xs) / len(xs)


def reduced(items, arguments, shapes) -> str:
    """items: [(got, right, raw)] with got and right one number each; arguments: per item,
    [(name, values)] of two arguments of one shape (n, K), ``shapes`` that shape per item."""
    if len(items) < 3 or len(arguments) != len(items) or any(len(a) != 2 for a in arguments):
        return ""   # one number per case: fewer than three cases leave too many formulas fitting by chance
    if any(len(g) != 1 or len(s) != 2 or not s[0] or not s[1] for (g, _, _), s in zip(items, shapes)):
        return ""
    names = [n for n, _ in arguments[0]]
    if any([n for n, _ in a] != names for a in arguments):
        return ""
    if len({x for a in arguments for _, v in a for x in v}) < 4:
        return ""
    inner = [(text, f) for text, f in two_arguments(*names) if text.count("(") <= 3 and not text.startswith("−")]
    rows_of = [[[list(v[r * s[1]:(r + 1) * s[1]]) for r in range(s[0])] for _, v in a] for a, s in zip(arguments, shapes)]
    found = _reduction(items, inner, rows_of, lambda g, e: g)
    if not found:
        return ""
    right = _reduction(items, inner, rows_of, lambda g, e: e)
    return f"it computes {found}" + (f"; the right value is {right}" if right and right != found else "")


def _reduction(items, inner, rows_of, pick) -> str:
    """The first reduce(formula) whose value is ``pick(got, right)`` on every item (and that is
    not the right value, when got is asked for), or ""."""
    asked_got = pick(1, 2) == 1
    for ti, fi in inner:
        mats = []
        for (ma, mb) in rows_of:
            m = [_apply(fi, ra, rb) for ra, rb in zip(ma, mb)]
            if any(r is None for r in m):
                mats = None
                break
            mats.append(m)
        if mats is None:
            continue
        for tr, fr in REDUCE:
            try:
                if all(same(pick(g, e), [float(fr(m))], 1e-6, 1e-9) for (g, e, _), m in zip(items, mats)) and \
                        not (asked_got and all(same(e, [float(fr(m))], 1e-6, 1e-9) for (_, e, _), m in zip(items, mats))):
                    return _put(tr, ti)
            except (OverflowError, ValueError, ZeroDivisionError, TypeError):
                continue
    return ""


# ---- one number from the case's own quantities (tutorial_net's L, δ_ŷ, δ_h) --------------
S_UNARY = (("{}", lambda a: a), ("{}²", lambda a: a * a), ("2{}", lambda a: 2 * a))
S_OUTER = (("{}", lambda v: v), ("{}²", lambda v: v * v), ("2{}", lambda v: 2 * v), ("½{}", lambda v: v / 2), ("−{}", lambda v: -v))
MAX_QUANTITIES = 11


def quantities(facts: dict, related: dict, args: dict) -> dict:
    """{short name: number} of one case: its facts (w0 … w4, z(x)), the related values that are
    one number (h(x), ŷ(x), δ_ŷ(x, y) …), its arguments' entries (x[0], x[1], y) and ŷ − y."""
    out, rel = {}, {}
    for name, value in args.items():
        if len(value) == 1:
            out[name] = value[0]
        elif len(value) <= 3:
            out.update({f"{name}[{k}]": v for k, v in enumerate(value)})
    for label, value in related.items():
        vals = list(value) if isinstance(value, (list, tuple)) else [value]
        if len(vals) == 1 and isinstance(vals[0], (int, float)) and not label.startswith(("near miss", "‖θ‖")):
            rel[label.split(" (")[0]] = float(vals[0])
    if "ŷ(x)" in rel and "y" in out:
        out["ŷ(x) − y"] = rel["ŷ(x)"] - out["y"]
    out.update(rel)
    out.update({k: float(v) for k, v in facts.items() if k.startswith("w") or k == "z(x)"})
    return out


@functools.lru_cache(maxsize=64)
def _scalar_forms(names: tuple):
    out = []
    for i, a in enumerate(names):   # one quantity alone: (ŷ − y)², 2(ŷ − y)
        for ua, fa in S_UNARY:
            for outer, fo in S_OUTER:
                if ua != "{}" and outer != "{}" or ua == outer == "{}":
                    continue
                out.append((0.5, _put(outer, _put(ua, a)), {a}, (i, i), lambda x, y, fa=fa, fo=fo: fo(fa(x))))
    for i, a in enumerate(names):
        for k, b in enumerate(names):
            if i == k:
                continue
            for ua, fa in S_UNARY:
                for ub, fb in S_UNARY:
                    for op, fop in BINARY:
                        if op in ("{} + {}", "{}·{}") and i > k:
                            continue   # the same formula in the other order
                        for outer, fo in S_OUTER:
                            size = (ua != "{}") + (ub != "{}") + (outer != "{}")
                            text = _put(outer, op.format(_operand(_put(ua, a)), _operand(_put(ub, b))))
                            out.append((size, text, {a, b}, (i, k), lambda x, y, fa=fa, fb=fb, fop=fop, fo=fo: fo(fop(fa(x), fb(y)))))
    out.sort(key=lambda t: t[0])
    return out


def scalar(items, per_item) -> str:
    """items: [(got, right, raw)] with one number each; per_item: ``quantities`` of each case.
    The formula of two of them that gives every got, when only one formula of its size does."""
    if len(items) < 3 or len(per_item) != len(items) or any(len(g) != 1 or len(e) != 1 for g, e, _ in items):
        return ""
    names = []
    for n in per_item[0]:   # the quantities every case has, each once (h(x) = z(x) on active cases …)
        if all(n in q for q in per_item) and not any(all(same([q[n]], [q[m]]) for q in per_item) for m in names):
            names.append(n)
    names = names[:MAX_QUANTITIES]
    if len(names) < 2 or len({round(g[0], 9) for g, _, _ in items}) < 2:
        return ""
    columns = [[q[n] for n in names] for q in per_item]
    found, size = [], None
    for s, text, used, (i, k), f in _scalar_forms(tuple(names)):
        if size is not None and s > size:
            break
        try:
            if all(same(g, [float(f(c[i], c[k]))], 1e-6, 1e-9) for (g, _, _), c in zip(items, columns)) and \
                    not all(same(e, [float(f(c[i], c[k]))], 1e-6, 1e-9) for (_, e, _), c in zip(items, columns)):
                found.append((text, used))
                size = s
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            continue
    if not found or len({frozenset(u) for _, u in found}) > 1:
        return ""   # none, or two formulas of other quantities fit as well: a coincidence of these cases
    right = ""
    for s, text, used, (i, k), f in _scalar_forms(tuple(names)):
        try:
            if all(same(e, [float(f(c[i], c[k]))], 1e-6, 1e-9) for (_, e, _), c in zip(items, columns)):
                right = text
                break
        except (OverflowError, ValueError, ZeroDivisionError, TypeError):
            continue
    return f"it computes {found[0][0]}" + (f"; the right value is {right}" if right else "")
