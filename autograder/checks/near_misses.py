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
import time
from functools import lru_cache

import numpy as np

from autograder.checks import plain
from autograder.student import codec
from autograder.student import near
from autograder.student.near import PREFIX, RAISES, SKETCH_FROM, sketch

MAX_LEAVES = 400      # a variant's value larger than this is not kept (it would bloat the hidden cells)
BINOPS = {ast.Add: (ast.Sub, ast.Mult), ast.Sub: (ast.Add,), ast.Mult: (ast.Div, ast.Add), ast.Div: (ast.Mult, ast.FloorDiv),
          ast.MatMult: (ast.Mult,), ast.Pow: ()}
COMPARE = {ast.Gt: (ast.GtE, ast.Lt), ast.GtE: (ast.Gt,), ast.Lt: (ast.LtE, ast.Gt), ast.LtE: (ast.Lt,)}
CALLS = {"np.maximum": ("np.minimum", "np.max"), "np.sum": ("np.mean",), "np.mean": ("np.sum",), "np.max": ("np.min", "np.sum"),
         "np.exp": (), "np.log": ("np.log10", "np.log2", "np.log1p"), "np.tanh": (), "sigmoid": ()}
WRAPPERS = {"sigma(activation, A)": ("A",), "derivative(activation, A)": ("sigma(activation, A)", "A")}


# ---- the edits ---------------------------------------------------------------------
class _Reorder:
    """The two items of a returned pair exchanged (the value's shape of tree changes with it)."""
    def __call__(self, node):
        return ast.Tuple(node.elts[::-1], ast.Load())


class _Swap:
    """A name read where another belongs; kept only where both hold values of one kind."""
    def __init__(self, old, new, times=False):
        self.names, self.times = (old, new), times

    def __call__(self, node):
        if self.times:   # a factor too many: a·b where a belongs
            return ast.BinOp(ast.Name(self.names[0], ast.Load()), ast.Mult(), ast.Name(self.names[1], ast.Load()))
        return ast.Name(self.names[1], ast.Load())


def _edits(fn: ast.FunctionDef):
    """(node, replacement builder, gloss) for every one-edit change of ``fn``'s body; the gloss
    says what the edit is in words (code in backticks, put in the course's notation later)."""
    names = sorted({n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                   | {a.arg for a in fn.args.args})
    called = {id(n.func) for n in ast.walk(fn) if isinstance(n, ast.Call)}
    words = {n.value for n in ast.walk(fn) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    u = ast.unparse
    for node in ast.walk(fn):
        if isinstance(node, ast.BinOp):
            for op in BINOPS.get(type(node.op), ()):
                yield node, (lambda n, op=op: ast.BinOp(n.left, op(), n.right)), \
                    f"{_OPS[op]} where {_OPS[type(node.op)]} belongs" + (": the sign flipped" if {op, type(node.op)} == {ast.Add, ast.Sub} else "")
            yield node, (lambda n: n.left), (f"the factor `{u(node.right)}` missing" if isinstance(node.op, (ast.Mult, ast.Div, ast.MatMult))
                                            else f"the square missing" if isinstance(node.op, ast.Pow) else f"the term `{u(node.right)}` left out")
            yield node, (lambda n: n.right), (f"the factor `{u(node.left)}` missing" if isinstance(node.op, (ast.Mult, ast.MatMult))
                                             else f"the term `{u(node.left)}` left out")
            if isinstance(node.op, (ast.Sub, ast.Div, ast.Pow)):
                yield node, (lambda n: ast.BinOp(n.right, n.op, n.left)), "the two sides exchanged: the order swapped"
            if isinstance(node.op, ast.Mult):
                yield node, (lambda n: ast.BinOp(n.right, ast.Div(), n.left)), f"divided by `{u(node.left)}` where multiplied belongs"
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            yield node, (lambda n: n.operand), "the minus sign left out: the sign flipped"
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            for op in COMPARE.get(type(node.ops[0]), ()):
                yield node, (lambda n, op=op: ast.Compare(n.left, [op()], n.comparators)), \
                    f"{_OPS[op]} where {_OPS[type(node.ops[0])]} belongs (what happens at the boundary, or the other side)"
        elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            v = node.value
            for new in dict.fromkeys((0, 1, 2, 0.5, -v, v + 1, v - 1)):
                if new != v:
                    yield node, (lambda n, new=new: ast.Constant(new)), f"the number {new} where {v} belongs" + \
                        (": an index one off" if isinstance(new, int) and isinstance(v, int) and abs(new - v) == 1 else "")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            for other in sorted(words - {node.value}):
                yield node, (lambda n, other=other: ast.Constant(other)), f"'{other}' where '{node.value}' belongs"
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id in names and id(node) not in called:
            for other in names:
                if other != node.id:
                    yield node, _Swap(node.id, other), f"`{other}` where `{node.id}` belongs"
            for other in names:
                yield node, _Swap(node.id, other, times=True), f"a factor `{other}` too many"
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
            for k in (node.slice.value - 1, node.slice.value + 1):
                if k >= 0:
                    yield node, (lambda n, k=k: ast.Subscript(n.value, ast.Constant(k), n.ctx)), "an index one off"
        elif isinstance(node, ast.Attribute) and node.attr == "T":
            yield node, (lambda n: n.value), "the transpose left out"
        elif isinstance(node, ast.Call):
            name = u(node.func)
            code = u(node)
            for other in CALLS.get(name, ()):
                yield node, (lambda n, other=other: ast.Call(ast.parse(other, mode="eval").body, n.args, n.keywords)), \
                    f"`{other}` where `{name}` belongs"
            for other in WRAPPERS.get(code, ()):
                yield node, (lambda n, other=other: ast.parse(other, mode="eval").body), f"`{other}` where `{code}` belongs"
            if len(node.args) == 1 and not node.keywords and name not in ("len", "range", "np.zeros"):
                yield node, (lambda n: n.args[0]), f"`{name}` not applied"
            for k, kw in enumerate(node.keywords):
                if kw.arg == "axis":
                    yield node, (lambda n, k=k: ast.Call(n.func, n.args, [w for i, w in enumerate(n.keywords) if i != k])), \
                        "over every entry where one axis belongs"
                    flip = 1 - kw.value.value if isinstance(kw.value, ast.Constant) else None
                    if flip in (0, 1):
                        yield node, (lambda n, k=k, flip=flip: ast.Call(n.func, n.args, [
                            ast.keyword("axis", ast.Constant(flip)) if i == k else w for i, w in enumerate(n.keywords)])), \
                            "over the wrong axis"
                if kw.arg == "keepdims":
                    yield node, (lambda n, k=k: ast.Call(n.func, n.args, [w for i, w in enumerate(n.keywords) if i != k])), \
                        "keepdims left out"
        elif isinstance(node, ast.List) and len(node.elts) > 1 and isinstance(node.ctx, ast.Load):
            for k in range(len(node.elts)):
                yield node, (lambda n, k=k: ast.List([e for i, e in enumerate(n.elts) if i != k], ast.Load())), \
                    f"the entry `{u(node.elts[k])}` left out: one entry fewer"
        elif isinstance(node, ast.Tuple) and isinstance(node.ctx, ast.Load) and len(node.elts) == 2:
            yield node, _Reorder(), "the two parts exchanged: the order swapped"


_OPS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "/", ast.FloorDiv: "// (integer division)", ast.MatMult: "a matrix product",
        ast.Pow: "a power", ast.Gt: ">", ast.GtE: "≥", ast.Lt: "<", ast.LtE: "≤"}


def _exchanges(fn: ast.FunctionDef):
    """(words, new function, (a, b)) for two names whose roles are exchanged: every read of a
    reads b and every read of b reads a, in one line or in the whole function."""
    reads = sorted({n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
                   & ({n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
                      | {a.arg for a in fn.args.args}))
    lines = [s for s in ast.walk(fn) if isinstance(s, ast.stmt) and s is not fn and not isinstance(s, (ast.For, ast.If))]
    for i, a in enumerate(reads):
        for b in reads[i + 1:]:
            scopes = [(line, f"in `{_line(line)}`") for line in lines if {a, b} <= _read_names(line)]
            if len(scopes) > 1:
                scopes.append((None, "everywhere in the function"))
            for line, where in scopes:
                yield f"`{a}` and `{b}` exchanged {where}: their roles swapped", _exchanged(fn, line, a, b), (a, b, False)


def _exchanged(fn, line, a, b):
    """The function with a and b exchanged in ``line`` (None: everywhere), made when asked for."""
    def make():
        new = copy.deepcopy(fn)
        root = new if line is None else _same_node(fn, new, line)
        for n in ast.walk(root):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id in (a, b):
                n.id = b if n.id == a else a
        return new
    return make


def _read_names(stmt) -> set:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _same_node(old_root, new_root, node):
    for a, b in zip(ast.walk(old_root), ast.walk(new_root)):
        if a is node:
            return b
    raise LookupError(node)


def _statements(fn: ast.FunctionDef):
    """(description kind, new function) for the line-level edits: a line of a loop's body left
    out, moved after the loop, the next line moved into it; the loop run once more or less."""
    for path, body in _bodies(fn):
        for k, stmt in enumerate(body):
            if isinstance(stmt, ast.For) and isinstance(stmt.iter, ast.Call) and ast.unparse(stmt.iter.func) == "range" \
                    and len(stmt.iter.args) == 1:
                for d, words in ((-1, "one time fewer"), (1, "one time more")):
                    new = copy.deepcopy(fn)
                    loop = _at(new, path)[k]
                    loop.iter.args[0] = ast.BinOp(loop.iter.args[0], ast.Sub() if d < 0 else ast.Add(), ast.Constant(1))
                    counted = ast.unparse(stmt.iter.args[0])
                    unit = "step" if counted in ("steps", "epochs") else "pass"
                    yield f"the loop `{_line(stmt)}` run {words}: one {unit} {'fewer' if d < 0 else 'more'}", new
            if isinstance(stmt, ast.For):
                yield from _not_carried(fn, path, k, stmt)
                yield from _stale(fn, path, k, stmt)
                inner = stmt.body
                for m, line in enumerate(inner):
                    if len(inner) > 1:
                        new = copy.deepcopy(fn)
                        del _at(new, path)[k].body[m]
                        yield f"the line `{_line(line)}` left out of the loop (never done)", new
                if len(inner) > 1:
                    new = copy.deepcopy(fn)
                    loop = _at(new, path)[k]
                    last = loop.body.pop()
                    _at(new, path).insert(k + 1, last)
                    yield (f"the line `{_line(inner[-1])}` after the loop instead of in it: done once, not at every step"
                           + (" (fewer entries: one appended, not one per step)" if ".append(" in _line(inner[-1]) else "")), new
                if k + 1 < len(body):
                    new = copy.deepcopy(fn)
                    block = _at(new, path)
                    block[k].body.append(block.pop(k + 1))
                    yield (f"the line `{_line(body[k + 1])}` inside the loop instead of after it"
                           + (": it returns after the first pass, a single step" if isinstance(body[k + 1], ast.Return) else
                              ": done at every step, not once")), new


def _not_carried(fn, path, k, loop):
    """A loop's ``v = f(v, …)`` written to a new name: every pass starts from the v the function was
    given (the new value is not carried to the next pass), the lines after it reading the new name."""
    for m, line in enumerate(loop.body):
        if not (isinstance(line, ast.Assign) and len(line.targets) == 1 and isinstance(line.targets[0], ast.Name)):
            continue
        name = line.targets[0].id
        if not any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(line.value)):
            continue
        new = copy.deepcopy(fn)
        block = _at(new, path)
        body = block[k].body
        body[m].targets[0].id = name + "_new"
        for later in body[m + 1:] + block[k + 1:]:
            for n in ast.walk(later):
                if isinstance(n, ast.Name) and n.id == name:
                    n.id = name + "_new"
        yield (f"`{_line(line)}` not carried to the next pass of the loop: every step starts from the {name} "
               f"it was given, so it is one step from the start, repeated"), new


def _stale(fn, path, k, loop):
    """One read, in a loop, of an argument the loop changes, reading the value the function was
    given instead of the current one (θ₀ where θ belongs)."""
    changed = {t.id for line in loop.body if isinstance(line, ast.Assign) for t in line.targets if isinstance(t, ast.Name)}
    given = {a.arg for a in fn.args.args} & changed
    reads = [n for line in loop.body for n in ast.walk(line) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
             and n.id in given]
    for r, node in enumerate(reads):
        new = copy.deepcopy(fn)
        target = _same_node(fn, new, node)
        target.id = node.id + "0"
        new.body.insert(0, ast.parse(f"{node.id}0 = {node.id}").body[0])
        line = next(line for line in _at(new, path)[k + 1].body if any(n is target for n in ast.walk(line)))
        yield (f"`{_line(line)}` in the loop, with {node.id}0 the given {node.id} (as at the start) where the "
               f"current {node.id} belongs"), new


def _bodies(fn, path=()):
    yield path, _at(fn, path)
    for k, stmt in enumerate(_at(fn, path)):
        if isinstance(stmt, (ast.For, ast.If)):
            yield from _bodies(fn, path + (k,))


def _at(fn, path):
    body = fn.body
    for k in path:
        body = body[k].body
    return body


def _line(stmt) -> str:
    text = ast.unparse(stmt).splitlines()[0]
    return text.rstrip(":")


# ---- rendering -----------------------------------------------------------------------
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


def _structure(value):
    """The value's shape of tree: tuples and dicts by their items, arrays by their shape."""
    if isinstance(value, tuple):
        return tuple(_structure(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _structure(v)) for k, v in value.items())
    if isinstance(value, codec.Flat):
        return value.shape
    return ()


def _copy(args):
    return tuple(copy.deepcopy(a) for a in args)


def _plain(value):
    """The value as the judge reads expected ones (a list of numbers as an array, like the
    reference's losses)."""
    if isinstance(value, list) and value and all(isinstance(v, (int, float, np.number)) or (isinstance(v, np.ndarray) and v.ndim == 0) for v in value):
        return codec.plain(np.asarray(value, dtype=float))
    if isinstance(value, (tuple, list)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return codec.plain(np.asarray(value, dtype=float))
    return float(value)


def _leaves(value):
    from autograder.student import judge as j
    try:
        return np.array(list(j.leaves(value)), dtype=float)
    except Exception:
        return None
