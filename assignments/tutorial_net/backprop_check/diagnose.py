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

from . import elementwise
from . import forms
from . import kinds
from . import loops
from . import near
from . import raised
from . import wrapped
from .telling import telling
from .twins import other_task
from . import judge as j
from .codec import Flat
from .relations import read as read_as
from .factors import product, replaced
from .relations import (another, cases_where, clipped, factor, not_finite, offset, proportional, reduced, rounded, rows, shifted,
                        squashed, transposed, where, parts, same, values)

# ---- putting them together -----------------------------------------------------------
def relation(items, related, facts, args, shapes=(), functions=(), factors=(), nears=(), shaped=()) -> str:
    """The first relations (up to two) that hold on every item (g, e, raw): values as lists of floats.
    ``functions``: per item, the course's elementwise functions of the argument (candidates for
    "it is σ(z) where the right value belongs" only, never for an offset); ``factors``: per
    item, the family at every argument shaped like the result (a factor replaced, missing or
    too many); ``nears``: per item, the near misses of the right function (``near``); ``shaped``:
    per item, the arguments an elementwise formula reads (``forms``)."""
    found = []
    others = [{**r, **f} for r, f in zip(related, functions)] if functions else related
    for test in (lambda: not_finite(items), lambda: another(items, others), lambda: factor(items, facts),
                 lambda: offset(items, related, facts),
                 lambda: product(items, [{**r, **_entries(a)} for r, a in zip(related, args)] if args else related),
                 lambda: squashed(items),
                 lambda: rounded(items), lambda: clipped(items), lambda: where(items, args),
                 lambda: forms.explain(items, [a for a, _ in shaped], [s for _, s in shaped]) if shaped and not any(
                     w.startswith("it is ") and w.endswith(" where the right value belongs") for w in found) else "",
                 lambda: replaced(items, factors) if factors else "", lambda: proportional(items, facts),
                 lambda: loops.step(items, args) if args else "",
                 lambda: forms.scalar(items, [forms.quantities(f, r, a) for f, r, a in zip(facts, related, args)]) if args else "",
                 lambda: rows(items, shapes) if shapes else "", lambda: shifted(items),
                 lambda: near.explain([g for g, _, _ in items], nears) if nears else "",
                 lambda: forms.reduced(items, [a for a, _ in shaped], [s for _, s in shaped]) if shaped else "",
                 lambda: telling(items, args, functions) if functions and args else ""):
        words = test()
        if words and words not in found:
            found.append(words)
        if len(found) == 2:
            break
    return "; also, ".join(found)


def explain(check, cases, outcomes, verdicts, names=(), passed_facts=()) -> str:
    """One sentence on the failed cases no known mistake explains, or "" (also when some of
    them raised or timed out: then nothing is claimed; when all of them raised, what the
    error means, ``raised``)."""
    claimed = [(c, o.value) for c, o, v in zip(cases, outcomes, verdicts)
               if not v.passed and not v.mistakes and o.status == "ok" and o.value is not None and "in place" not in v.reason]
    failed = [(c, o) for c, o, v in zip(cases, outcomes, verdicts) if not v.passed and not v.mistakes]
    errors = [(c, o) for c, o in failed if o.status == "raised"]
    if errors:
        named = near.explain_outcomes([c.related for c, _ in failed], [(o.status, o.value, str(o.reason)) for _, o in failed],
                                      codec_plain)
        said = raised.explain(check, [c for c, _ in errors], [str(o.reason) for _, o in errors], names)
        if named:   # the near miss, then what the error itself says (which operands, which bound)
            return f"{named}; {said}" if said and len(errors) == len(failed) else named
        said = raised.explain(check, [c for c, _ in errors], [str(o.reason) for _, o in errors], names)
        if len(errors) == len(failed) or not said:
            return said
        rest = explain(check, *zip(*[(c, o, v) for c, o, v in zip(cases, outcomes, verdicts) if o.status != "raised"]),
                       names, passed_facts)
        said = said.replace("every failed case raised", "the cases that raised, raised", 1)
        return f"{said}; on the others, {rest}" if rest else said
    returned = [(c, o, v) for c, o, v in zip(cases, outcomes, verdicts) if not v.passed and not v.mistakes and o.status == "ok"]
    if failed and len(returned) == len(failed) and all(o.value is None for _, o, _ in returned):
        words = kinds.SOME_NONE if passed_facts else kinds.NONE
        where = cases_where([c.facts for c, _ in failed], list(passed_facts))
        return f"{words}; {where}" if where else words
    if not claimed or len(claimed) < sum(not v.passed for v in verdicts) - sum(bool(v.mistakes) for v in verdicts):
        return ""
    items = [(r, c.expected, c) for c, r in claimed]
    echo, twin = _echo(items, names), other_task(cases, claimed, names)
    if echo or twin.endswith("inverted"):
        return echo or twin
    words = _tree("", items, names, check.names, list(passed_facts), 0) or _first_wrong(items, names, check.names, list(passed_facts)) \
        or (kinds.explain([v.reason for _, _, v in returned], check.names) if len(returned) == len(failed) else "")
    where = cases_where([c.facts for c, _ in claimed], list(passed_facts))
    words = f"{words}; {where}" if words and where and where not in words else words or where
    return f"{words}; also, {twin}" if words and twin else words or twin


def _tree(label, items, names, part_names, passed_facts, depth, steps_right=False) -> str:
    """The relation of these (raw, expected, case) items, whole or part by part; "" if not every
    wrong part is explained."""
    read = [(read_as(r, e), e, c) for r, e, c in items]
    prefix = f"{label}: " if label else ""
    weak = ""
    if depth == 0 and part_names and isinstance(items[0][1], (tuple, dict)):   # named parts first: z(x), h(x), ŷ(x)
        words = _parts(label, items, names, part_names, passed_facts, depth)
        if words and loops.FOLLOWS not in words:
            return words
        weak = words   # "θ after the steps: it follows from the same steps": a near miss of the whole says more
    if all(g is not None for g, _, _ in read):
        vals = [(values(g), values(e), None) for g, e, _ in read]
        related, nears = zip(*[near.split({**_others(c.expected, part_names, label), **c.related}) for _, _, c in read])
        related, nears = list(related), (list(nears) if not label else [])
        shapes = [e.shape if isinstance(e, Flat) else () for _, e, _ in read]
        related = [{**r, **_given(c, names, label, part_names)} for r, (_, _, c) in zip(related, read)] if label else related
        functions = [] if label else [_of_argument(c, names) for _, _, c in read]
        factors = [] if label else [_factors(c, names) for _, _, c in read]
        shaped = [] if label else [_shaped(c, names) for _, _, c in read]
        shaped = shaped if shaped and all(a for a, _ in shaped) else []
        words = relation(vals, related, [_facts(c, names) for _, _, c in read], [_args_info(c, names) for _, _, c in read] if not label else [],
                         shapes if all(shapes) else (), functions, factors, shaped=shaped) or \
            (loops.sequence(vals, steps_right) if label == "losses" else "") or \
            (loops.moved_alike(vals, [_args_info(c, names).get("theta", []) for _, _, c in read]) if label == "θ after the steps" else "")
        if words:
            return prefix + words
        # part by part before a near miss of the whole (∂L/∂w3: … says more than the whole line)
        words = _parts(label, items, names, part_names, passed_facts, depth)
        if not words or loops.FOLLOWS in words:   # a near miss of the whole says more than "it follows from the same steps"
            words = near.explain([g for g, _, _ in vals], nears) or words or weak
        if words:
            return prefix + words if not words.startswith(prefix) else words
    elif any(g is None for g, _, _ in read) and not label:   # some cannot be read like the right value: by the raw values
        raws, exp = [r for r, _, _ in items], [e for _, e, _ in items]
        words = transposed(raws, exp) or wrapped.explain(raws, exp)
        if words:
            return words
    if all(g is None for g, _, _ in read):
        raws, exp = [r for r, _, _ in items], [e for _, e, _ in items]
        words = transposed(raws, exp) or reduced(raws, exp, [_facts(c, names) for _, _, c in items]) or \
            wrapped.explain(raws, exp) or (_near_raw(raws, [c for _, _, c in items]) if not label else "") or \
            (kinds.reshaped(raws, exp, [dict(zip(names, c.args)) for _, _, c in items]) if not label else "") or _length(raws, exp)
        if words or not isinstance(exp[0], (tuple, dict)):
            return prefix + words if words else ""
    return _parts(label, items, names, part_names, passed_facts, depth)


def _first_wrong(items, names, part_names, passed_facts) -> str:
    """A forward pass computes its parts in order (z, h, ŷ; Z^(0), A^(1), Z^(1) … A^(D), F): when
    the first wrong one is the same part on every item and its relation holds there, say so;
    the later parts are computed from it (their own relation is not claimed)."""
    chains = [_chain(r, e, part_names) for r, e, _ in items]
    if not chains or any(c is None for c in chains):
        return ""
    firsts = []
    for chain in chains:
        wrong = [k for k, (_, g, e) in enumerate(chain) if not _right(g, e)]
        if not wrong:
            return ""
        firsts.append(wrong[0])
    if len(set(firsts)) != 1 or any(firsts[0] >= len(c) - 2 for c in chains):
        return ""
    k = firsts[0]
    label = chains[0][k][0]
    words = _tree(label, [(c[k][1], c[k][2], it[2]) for c, it in zip(chains, items)], names, part_names, passed_facts, 1)
    if not words:
        return ""
    later = [_join([lab for lab, _, _ in c[k + 1:] if lab != "F (in the cache)"], "and") for c in chains]
    return f"{words}; the parts computed from it ({later[0] if len(set(later)) == 1 else 'the later ones'}) differ because of it"


def _chain(raw, expected, part_names):
    """[(label, got part, right part)] of a forward pass in the order it is computed, or None."""
    if isinstance(expected, tuple) and part_names and len(part_names) == len(expected) and \
            all(isinstance(e, (int, float)) for e in expected):
        got = _split(raw, expected, part_names)
        return None if got is None else [(n, g, e) for n, g, e in zip(part_names, got, expected)]
    if isinstance(expected, tuple) and len(expected) == 2 and isinstance(expected[1], dict) and \
            {"A", "Z", "F"} <= set(expected[1]) and isinstance(raw, (tuple, list)) and len(raw) == 2 and isinstance(raw[1], dict):
        cache, mine = expected[1], raw[1]
        if not all(isinstance(mine.get(k), (tuple, list)) and len(mine[k]) == len(cache[k]) for k in ("A", "Z")):
            return None
        out = [("Z^(0)", mine["Z"][0], cache["Z"][0])]
        for h in range(len(cache["A"])):
            out.append((f"A^({h + 1})", mine["A"][h], cache["A"][h]))
            if h + 1 < len(cache["Z"]):
                out.append((f"Z^({h + 1})", mine["Z"][h + 1], cache["Z"][h + 1]))
        return out + [("F", raw[0], expected[0]), ("F (in the cache)", mine.get("F"), cache["F"])]
    return None


def _parts(label, items, names, part_names, passed_facts, depth) -> str:
    if depth >= 3:
        return ""
    split = [(_split(r, e, part_names if depth == 0 else ()), parts(e, part_names if depth == 0 else ()), c) for r, e, c in items]
    if not split[0][1] or any(gp is None or len(gp) != len(ep) for gp, ep, _ in split):
        return ""
    said, unexplained, run = [], [], ""
    for k, (name, _) in enumerate(split[0][1]):
        name = _label(label, name, depth)
        sub = [(gp[k], ep[k][1], c) for gp, ep, c in split if not _right(gp[k], ep[k][1])]
        if not sub:
            continue
        others = all(_right(gp[m], ep[m][1]) for gp, ep, _ in split for m in range(len(ep)) if m != k)
        words = _tree(name, sub, names, part_names, passed_facts, depth + 1, steps_right=others and name == "losses")
        right = [c.facts for gp, ep, c in split if _right(gp[k], ep[k][1])] + passed_facts
        where = cases_where([c.facts for _, _, c in sub], right)
        if not words and not where:
            unexplained.append(name)
            continue
        if name == "losses" and words.startswith("losses: ") and loops.STEPS in words:
            run = words
        words = f"{words}; {where}" if words and where else words or f"{name}: {where}"
        said.append(words)
    # a GD run's end point follows from its steps: the losses' reading of the steps explains it
    if unexplained and not (run and depth == 0 and set(unexplained) <= set(loops.END_POINTS)):
        return ""
    said += [f"{n}: {loops.FOLLOWS}" for n in unexplained]
    return "; ".join(said)


def _right(raw, expected) -> bool:
    g = read_as(raw, expected)
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
        g = read_as(raw, expected)
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
                    for h, item in enumerate(inner[:-1]):
                        out[f"{key}^({h + 1 if key == 'A' else h}) (of the right cache)"] = item
    return out


def _facts(case, names) -> dict:
    """The case's facts, with n (and K) read off its own arguments where the case brings none
    (public cases: the sizes of their arguments, nothing hidden)."""
    out = {}
    for name, arg in zip(names, case.args):
        flat = _flat_or_none(arg) if name in ("X", "F", "Y", "A") else None
        if flat is not None and len(flat.shape) == 2 and "n" not in out:
            out["n"] = float(flat.shape[0])
            if name in ("F", "Y"):
                out["K"] = float(flat.shape[1])
    return {**out, **case.facts}


def _factors(case, names) -> dict:
    """The family (``elementwise.factors``) at every argument shaped like the right value that
    an activation is applied to in the course (z, a, A, F; not θ, W or a gradient)."""
    try:
        right = j._flat(case.expected)
    except Exception:
        return {}
    activation = next((a for n, a in zip(names, case.args) if n == "activation" and isinstance(a, str)), "")
    out = {}
    for name, arg in zip(names, case.args):
        flat = _flat_or_none(arg)
        if name in ("z", "a", "A", "F") and flat is not None and flat.shape == right.shape and len(right.values) > 0:
            out.update(elementwise.factors(name, list(flat.values), activation))
    return out


def _flat_or_none(arg):
    if isinstance(arg, (str, dict, bool)) or arg is None:
        return None
    try:
        return j._flat(arg)
    except Exception:
        return None


def _of_argument(case, names) -> dict:
    """The course's elementwise functions of the only argument, when the right value is
    computed from it entry by entry (same shape): σ(z), min(z, 0), |z| … (``elementwise``)."""
    if len(names) != 1 or not case.args:
        return {}
    try:
        arg, right = j._flat(case.args[0]), j._flat(case.expected)
    except Exception:
        return {}
    if arg.shape != right.shape:
        return {}
    return {k: Flat(arg.shape, tuple(v)) for k, v in elementwise.candidates(names[0], list(arg.values)).items()}


def _near_raw(raws, cases) -> str:
    """A near miss equal to values that cannot be read like the right one (an entry fewer …)."""
    got = []
    for raw in raws:
        try:
            got.append(values(codec_plain(raw)))
        except Exception:
            return ""
    return near.explain(got, [near.split(c.related)[1] for c in cases])


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


def _entries(args: dict) -> dict:
    """{x[0]: its value …} of the arguments with two or three entries, and the single numbers
    (y, η): candidates for a factor too many or missing (δ_h·x[0] where δ_h belongs)."""
    out = {}
    for name, value in args.items():
        if len(value) == 1:
            out[f"`{name}`"] = float(value[0])
        elif 2 <= len(value) <= 3:
            out.update({f"{name}[{k}] (an entry of the argument `{name}`)": float(v) for k, v in enumerate(value)})
    return out


def _shaped(case, names):
    """([(name, values)], shape) of the numeric arguments an elementwise formula of the result
    reads: the one or two shaped like the right value, or, where the right value is one number,
    two of one 2-D shape (F and Y of a loss); ([], ()) if there are none or more than two."""
    try:
        right = j._flat(case.expected)
    except Exception:
        return [], ()
    flats = [(n, _flat_or_none(a)) for n, a in zip(names, case.args)]
    flats = [(n, f) for n, f in flats if f is not None and f.values and
             all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in f.values)]
    if right.shape or len(names) == 1:
        picked = [(n, f) for n, f in flats if f.shape == right.shape]
    else:
        picked = [(n, f) for n, f in flats if len(f.shape) == 2]
        if len(picked) != 2 or picked[0][1].shape != picked[1][1].shape:
            return [], ()
    if not 1 <= len(picked) <= 2:
        return [], ()
    return [(n, [float(v) for v in f.values]) for n, f in picked], picked[0][1].shape


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
        gp, gb = read_as(got_p, probe.expected), read_as(got_b, base.expected)
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
    for (kind, what), varied in list(found.items()):
        if kind == "extra" and _AGAIN in varied:
            out.append(f"{what} {'change' if ' and ' in what else 'changes'} from one call to the next with the same arguments: "
                       "something is kept between calls (a mutable default argument, a global, state from an earlier call); "
                       "the right one gives the same value every time")
            found[(kind, what)] = [v for v in varied if v != _AGAIN]
    every = [v for v in every if v != _AGAIN]
    for (kind, what), varied in found.items():
        if not varied:
            continue
        many = " and " in what
        verb = ("do not change" if many else "does not change") if kind == "missing" else ("change" if many else "changes")
        if kind == "missing" and what == "the result" and len(varied) == len(set(every)) > 2:
            out.append(f"the result does not change whatever input changes ({_join(varied, 'or')}): it is the same every time; the right one is not")
            continue
        when = (", nor " if kind == "missing" else ", and ").join(f"when {v} changes" for v in dict.fromkeys(varied))
        out.append(f"{what} {verb} {when}; the right one {'does' if kind == 'missing' else 'does not'}")
    return out


_AGAIN = "nothing (the same call made again)"   # autograder.checks.diagnosis.AGAIN: the base call repeated


def _join(words, last) -> str:
    words = list(dict.fromkeys(words))
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def _aligned(check, gp, gb, ep, eb):
    pg, pb, pe, pbe = (parts(t, check.names) for t in (gp, gb, ep, eb))
    if pg and len(pg) == len(pb) == len(pe) == len(pbe) and check.names:
        return [(pe[k][0], (pg[k][1], pb[k][1], pe[k][1], pbe[k][1])) for k in range(len(pe))]
    return [("", (gp, gb, ep, eb))]
