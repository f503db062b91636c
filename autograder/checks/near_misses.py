"""Near misses: what the right function returns with one thing changed (instructor side).

A student's wrong function is, most of the time, the right one with one slip: an operator, a
name, an index, a constant, a call, a line left out or moved out of a loop. This module makes
every such one-edit variant of each contract function (``plain``'s code, one function at a
time, the others left right) and evaluates them on a hidden case's arguments:

    values(assignment, function, args) -> {label: value}

The labels say, in the course's notation, which line changed and how ("ŷ = w3·h + w4·h where
ŷ = w3·h + w4 belongs"); they go into the case's ``related`` values under ``PREFIX``, so that
``autograder.student.near`` can say which near miss a wrong answer is, on every failed case,
without a hidden number ever shown. Variants that equal the right value on the case, raise or
give a non-finite value there are left out; the simplest edits come first.
"""
from __future__ import annotations

import ast
import copy
import re
import sys
from functools import lru_cache

import numpy as np

from autograder.checks import plain
from autograder.checks.edits import _Reorder, _Swap, _edits, _exchanges, _line, _statements
from autograder.student import codec
from autograder.student import near
from autograder.student.near import PREFIX, RAISES, SKETCH_FROM, sketch

MAX_LEAVES = 400      # a variant's value larger than this is not kept (it would bloat the hidden cells)
def render(assignment: str, code: str) -> str:
    """A line of ``plain`` code in the course's notation: θ, η, ŷ, ·, ², ᵀ …"""
    text = re.sub(r"np\.array\(\[(.*)\]\)", r"(\1)", code)
    for old, new in plain.NOTATION[assignment]:
        pattern = re.escape(old) if not old.isidentifier() else rf"(?<![\w.]){re.escape(old)}(?!\w)"
        text = re.sub(pattern, new.replace("\\", "\\\\"), text)
    text = re.sub(r"\s*\*\*\s*2\b", "²", text)
    text = text.replace(" - -", " + ").replace(" * ", "·").replace(" @ ", "·").replace(" - ", " − ").replace("(-", "(−").replace("= -", "= −")
    if assignment == "mlp":
        for pattern, what, shift in _INDEXED:
            text = re.sub(pattern, lambda m, what=what, shift=shift: f"{what}^({_index(m.group(1), shift)})", text)
    return text


# list indices of the plain mlp code as the course's layer numbers: cache["A"][i] is A^(i+1) …
_INDEXED = ((r"cache\['A'\]\[([^\]]+)\]", "A", 1), (r"cache\['Z'\]\[([^\]]+)\]", "Z", 0),
            (r"params\[([^\]]+)\]\[0\]", "W", 1), (r"params\[([^\]]+)\]\[1\]", "b", 1),
            (r"deltas\[([^\]]+)\]", "Δ", 1), (r"grads\[([^\]]+)\]", "(dW, db)", 1),
            (r"params\[([^\]]+)\]", "(W, b)", 1))


def _index(expr: str, shift: int) -> str:
    """``h − 1`` with 1 added: ``h``; ``-1``: the last (D); anything else as written, plus the shift."""
    expr = expr.replace("−", "-").strip()
    m = re.fullmatch(r"h(?:\s*([+-])\s*(\d+))?", expr)
    if m:
        k = (int(m.group(2)) if m.group(2) else 0) * (-1 if m.group(1) == "-" else 1) + shift
        return "h" if k == 0 else f"h+{k}" if k > 0 else f"h−{-k}"
    if re.fullmatch(r"-?\d+", expr):
        k = int(expr)
        return "D" if k == -1 and shift == 1 else str(k + shift)
    return f"{expr} + {shift}".replace("-", "−") if shift else expr.replace("-", "−")


# ---- making and evaluating the variants ------------------------------------------------
class _Dot(ast.NodeTransformer):
    def visit_BinOp(self, node):
        self.generic_visit(node)
        if isinstance(node.op, ast.MatMult):
            return ast.Call(ast.parse("np.dot", mode="eval").body, [node.left, node.right], [])
        return node


class _Variant:
    """One near miss of a function: its label and code, made when first asked for (most are
    never needed: a name swapped for one of another kind is skipped before it is made)."""

    def __init__(self, assignment, fn, make, reshapes, swap):
        self.assignment, self.fn, self.make, self.reshapes, self.swap = assignment, fn, make, reshapes, swap
        self._done = None

    def dotted(self):
        """The code with every ``P @ Q`` written ``np.dot(P, Q)``, or None when it has no ``@``."""
        if not hasattr(self, "_dot"):
            self._dot = None
            made = self.made()
            if made is not None and "@" in self._source:
                tree = _Dot().visit(ast.parse(self._source))
                self._dot = compile(ast.fix_missing_locations(tree), f"<near miss of {self.fn.name}>", "exec")
        return self._dot

    def made(self):
        """(label, code object) or None when the edit changes nothing visible or does not compile."""
        if self._done is None:
            try:
                label, source = self.make()
                self._source = source
                self._done = (label, compile(source, f"<near miss of {self.fn.name}>", "exec")) if label else False
            except (SyntaxError, ValueError, TypeError):
                self._done = False
        return self._done or None


@lru_cache(maxsize=None)
def variants(assignment: str, function: str) -> tuple:
    """Every near miss of ``function`` (``_Variant``), simplest first."""
    tree = ast.parse(plain.SOURCES[assignment])
    fn = next(s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == function)
    slots, lines = _slots(fn)
    out = []
    for node, build, gloss in list(_edits(fn)):
        if node not in slots or node not in lines:
            continue
        swap = (*build.names, build.times) if isinstance(build, _Swap) else None
        reshapes = isinstance(node, ast.List) or isinstance(build, _Reorder)
        out.append(_Variant(assignment, fn, _expression_edit(assignment, fn, node, build, slots[node], lines[node], gloss), reshapes, swap))
    for words, new in _statements(fn):
        out.append(_Variant(assignment, fn, lambda words=words, new=new: (render(assignment, words), ast.unparse(new)), True, None))
    for words, make, swap in _exchanges(fn):
        out.append(_Variant(assignment, fn, lambda words=words, make=make: (render(assignment, words), ast.unparse(make())), True, swap))
    return tuple(out)


def _expression_edit(assignment, fn, node, build, slot, line, gloss):
    def make():
        parent, field, index = slot
        old_line = render(assignment, _line(line))
        _put(parent, field, index, build(node))     # in place, undone below: no copy of the tree
        try:
            new_line, source = render(assignment, _line(line)), ast.unparse(fn)
        finally:
            _put(parent, field, index, node)
        return (f"{new_line} where {old_line} belongs ({render(assignment, gloss)})" if new_line != old_line else None), source
    return make


def _slots(fn):
    """({node: (parent, field, index or None)}, {node: the line it is on}) for ``fn``'s body: the
    line of a node in a loop's or an if's header is that header."""
    slots, lines = {}, {}

    def visit(node, line):
        for field, value in ast.iter_fields(node):
            items = value if isinstance(value, list) else [value]
            for i, child in enumerate(items):
                if not isinstance(child, ast.AST):
                    continue
                slots[child] = (node, field, i if isinstance(value, list) else None)
                if isinstance(child, ast.stmt):
                    visit(child, child)
                else:
                    lines[child] = line
                    visit(child, line)

    for stmt in fn.body:
        visit(stmt, stmt)
    return slots, lines


def _put(parent, field, index, node) -> None:
    if index is None:
        setattr(parent, field, node)
    else:
        getattr(parent, field)[index] = node


@lru_cache(maxsize=None)
def _namespace(assignment: str, dotted: bool = False) -> dict:
    """The plain functions (``dotted``: with ``np.dot(P, Q)`` for ``P @ Q``, as most students write it)."""
    namespace = {"np": np}
    if assignment == "mlp":
        from reference import mlp as ref
        namespace["reference_objective"] = ref.objective
        exec(compile(plain.MLP_HELPERS, "<plain helpers>", "exec"), namespace)
    tree = ast.parse(plain.SOURCES[assignment])
    if dotted:
        tree = ast.fix_missing_locations(_Dot().visit(tree))
    exec(compile(tree, f"<plain {assignment}>", "exec"), namespace)
    return namespace


def right(assignment: str, function: str):
    """The plain function itself (for tests: it must equal the reference)."""
    return _namespace(assignment)[function]


def values(assignment: str, function: str, args) -> dict:
    """{PREFIX + label: value} of the near misses of ``function`` on ``args`` that differ from
    the right value there (finite, at most MAX_LEAVES numbers). Two near misses may agree on a
    case (w4 left out, or w4·h, where h = 0): both are kept, the next case may tell them apart."""
    base = _namespace(assignment)
    try:
        with np.errstate(all="ignore"):
            kinds, result = _kinds(base[function], args)
            want = _plain(result)
    except Exception:
        return {}
    right = _leaves(want)
    out = {}
    for variant in variants(assignment, function):
        swap = variant.swap
        if swap and (swap[0] not in kinds or kinds.get(swap[0]) != kinds.get(swap[1])
                     or (swap[2] and kinds[swap[0]] != ("number", ()))):
            continue
        made = variant.made()
        if made is None:
            continue
        label, code = made
        value, error = _run(code, base, function, args)
        if error is not None and "@" in plain.SOURCES[assignment]:   # np.dot's message, as most students write it
            error = _run(variant.dotted() or code, _namespace(assignment, True), function, args)[1] or error
        if error is not None:
            out[RAISES + label] = error
            continue
        leaves = _leaves(value)
        if leaves is None or len(leaves) > MAX_LEAVES or not np.all(np.isfinite(leaves)):
            continue
        if right is not None and near.matches(list(map(float, right)), value):   # the right value, as far as the judge can tell
            continue
        out[PREFIX + label] = value if len(leaves) <= SKETCH_FROM else sketch([float(x) for x in leaves])
    return out


def _kinds(function, args):
    """({local name: its kind (type, shape)} at the end of the right call, the result)."""
    seen = {}

    def tracer(frame, event, arg):
        if frame.f_code is function.__code__:
            if event == "return":
                seen.update({k: _kind(v) for k, v in frame.f_locals.items()})
            return tracer
        return None

    sys.settrace(tracer)
    try:
        result = function(*_copy(args))
    finally:
        sys.settrace(None)
    return seen, result


def _kind(value):
    if isinstance(value, (bool, str)) or value is None:
        return (type(value).__name__, value if isinstance(value, str) else None)
    if isinstance(value, (int, float, np.floating, np.integer)):
        return ("number", ())
    if isinstance(value, np.ndarray):
        return ("array", value.shape)
    if isinstance(value, (list, tuple)):
        return ("sequence", len(value))
    return (type(value).__name__, None)


def _run(code, base, function, args):
    """(value, None) or (None, "ValueError: shapes (2,2) and … not aligned …") of one near miss."""
    namespace = dict(base)
    try:
        exec(code, namespace)
        with np.errstate(all="ignore"):
            return _plain(namespace[function](*_copy(args))), None
    except Exception as exc:
        text = str(exc).strip().splitlines()
        return None, f"{type(exc).__name__}" + (f": {text[0][:200]}" if text else "")


def _copy(args):
    return tuple(copy.deepcopy(a) for a in args)


def _plain(value):
    """The value as the judge reads expected ones (a list of numbers as an array, like the
    reference's losses)."""
    if isinstance(value, list) and value and all(isinstance(v, (int, float, np.number)) or (isinstance(v, np.ndarray) and v.ndim == 0) for v in value):
        return codec.plain(np.asarray(value, dtype=float))
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):   # keys in the order a case's JSON gives them back (sorted): a sketch's leaves follow it
        return {k: _plain(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return codec.plain(np.asarray(value, dtype=float))
    return float(value)


def _leaves(value):
    from autograder.student import judge as j
    try:
        return np.array(list(j.leaves(value)), dtype=float)
    except Exception:
        return None
