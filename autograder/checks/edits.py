"""The one-edit changes of a function's code (used by ``near_misses``; instructor side).

``_edits(fn)`` yields, for a function's syntax tree, every change of one expression: an operator
for another, an operand or a factor left out, a factor too many, a name read where another of the
same kind belongs, a constant or an index one off, a call replaced or not applied, an axis or
keepdims changed, a transpose left out, an entry of a list left out, a pair in the other order, a
string constant for another; each with a gloss in words. ``_statements(fn)`` yields the changes
of lines (left out of a loop, moved after it or into it, the loop run once more or less, a value
not carried to the next pass, an argument read as given) and ``_exchanges(fn)`` two names whose
roles are exchanged. Nothing here runs the code.
"""
from __future__ import annotations

import ast
import copy

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
