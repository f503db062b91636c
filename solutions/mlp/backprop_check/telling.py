"""A wrong elementwise formula compared with the course's one at telling points.

When a function computed entry by entry from one argument (σ(a), σ'(a), tanh'(a), relu(z),
relu'(z)) returns values with no simple relation to the right ones ((1 − tanh a)², σ(1 + σ)),
the right function is still known: it is the course's function whose values the right value
holds (``elementwise.candidates``). Its range and its values at telling points are course
facts, not hidden numbers: σ'(a) ≤ ¼ (at a = 0), tanh'(a) ≤ 1, both > 0 and → 0 for large |a|;
σ(a) ∈ (0, 1); relu'(z) ∈ {0, 1}; relu(z) ≥ 0. A sentence says where the student's values leave
what the right function can be (above its largest value, negative, at a = 0, for large |a|),
true on every item; its numbers are the student's own values. Standard library only.
"""
from __future__ import annotations

# short name in elementwise.FAMILY's words (its start) -> (label, low, high, value at 0 or None, limit for |x| → ∞ or None, where it is highest)
RIGHT = (
    ("σ'({x}) = σ({x})(1 − σ({x}))", "σ'({x}) = σ({x})(1 − σ({x}))", 0.0, 0.25, 0.25, 0.0, " (at {x} = 0)"),
    ("1 − tanh²({x}), the derivative of tanh", "tanh'({x}) = 1 − tanh²({x})", 0.0, 1.0, 1.0, 0.0, " (at {x} = 0)"),
    ("σ({x}), the sigmoid", "σ({x})", 0.0, 1.0, 0.5, None, ""),
    ("1 where {x} > 0, else 0 (the ReLU's derivative)", "relu'({x})", 0.0, 1.0, None, None, ""),
    ("max({x}, 0), the ReLU", "relu({x}) = max({x}, 0)", 0.0, None, 0.0, None, ""),
)
FAR = 4.0


def telling(items, args, functions) -> str:
    """items: [(got, right, raw)] as lists of floats; args: [{name: values}] (one argument);
    functions: [{words: values}] (``elementwise.candidates`` of that argument)."""
    if not items or not functions or len(items) != len(args) or any(len(a) != 1 for a in args):
        return ""
    name = next(iter(args[0]))
    if any(next(iter(a)) != name for a in args):
        return ""
    for words, label, low, high, at0, limit, high_words in RIGHT:
        key = words.format(x=name)
        if all(key in f and _same(list(getattr(f[key], "values", f[key])), e) for (_, e, _), f in zip(items, functions)):
            break
    else:
        return ""
    label, high_words = label.format(x=name), high_words.format(x=name)
    short = label.split(" =")[0]
    got = [x for g, _, _ in items for x in g]
    arg = [x for a in args for x in a[name]]
    if len(got) != len(arg):
        return ""
    said = []
    if high is not None and max(got) > high + 1e-6:
        said.append(f"it takes values above {_num(high)}, the largest value {short} takes{high_words}")
    if min(got) < low - 1e-6:
        said.append(f"it is negative where {short} never is")
    zero = [g for g, a in zip(got, arg) if a == 0]
    if at0 is not None and zero and all(abs(g - zero[0]) < 1e-9 for g in zero) and abs(zero[0] - at0) > 1e-6:
        said.append(f"at {name} = 0 it gives {_num(zero[0])} where {short.replace(f'({name})', '(0)')} = {_num(at0)}")
    for side, words in ((1, f"large positive {name}"), (-1, f"large negative {name}")):
        far = [g for g, a in zip(got, arg) if side * a >= FAR]
        if limit is not None and far and min(abs(g - limit) for g in far) > 0.05:
            tends = _tends(far)
            said.append(f"for {words} ({name} {'≥' if side > 0 else '≤'} {'' if side > 0 else '−'}{FAR:g}) it {tends} where {short} → {_num(limit)}")
    if not said:
        return ""
    return f"it is not {label}: " + "; ".join(said[:2])


def _tends(values) -> str:
    for nice in (0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, 4.0, -4.0):
        if all(abs(v - nice) < 0.05 * max(1.0, abs(nice)) for v in values):
            return f"is near {_num(nice)}"
    return "stays away from it"


def _same(a, b) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 1e-7 + 1e-6 * abs(y) for x, y in zip(a, b))


def _num(x: float) -> str:
    words = {0.25: "¼", 0.5: "½", -0.5: "−½"}
    if x in words:
        return words[x]
    text = f"{int(x)}" if x == int(x) else f"{round(x, 4)}"
    return text.replace("-", "−")
