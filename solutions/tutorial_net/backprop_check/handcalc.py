"""Hand-worked answers: a tiny, safe evaluator, and "error carried forward".

A hand part's quantity may carry a formula over the data and earlier answers, in the
course's notation (hidden data only, never in the release), e.g.

    L_x1        (y_hat_x1 - y1)**2
    delta_h_x1  delta_yhat_x1 * w3 * step(z_x1)
    grad_D      mean(grad_x1, grad_x2)
    theta_next  theta - eta * grad_D

``carried(formula, values, data, expected_of)`` evaluates it on the student's OWN earlier
answers: when that gives the student's (wrong) answer and some earlier answer it uses is
itself wrong, the answer follows from the earlier mistake and counts as right (as a marker
gives credit for the error carried forward on a paper exam): one slip costs once.

The evaluator reads the formula with ``ast`` and allows only numbers, names, + − · / **,
unary minus, lists [a, b, …], subscripts by an integer (theta_next[3]) and the functions
relu, step (g'(z): 1 if z > 0 else 0) and mean; vectors (tuples) add, subtract and scale
elementwise. Nothing is executed. Standard library only.
"""
from __future__ import annotations

import ast
import functools
import math
import operator
import threading

from . import judge as j

RTOL, ATOL = 1e-3, 5e-3   # the student's inputs are rounded (3 decimals), so their outputs are too
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow}


class Unknown(Exception):
    """A name the formula needs has no readable value."""


_PARSING = threading.Lock()   # CPython 3.11's ast.parse is not safe in concurrent threads


@functools.lru_cache(maxsize=512)
def _parse(formula: str):
    with _PARSING:
        return ast.parse(formula, mode="eval")


def evaluate(formula: str, env: dict):
    """The value of ``formula`` with names from ``env`` (numbers or tuples of numbers)."""
    return _eval(_parse(formula).body, env)


def names(formula: str) -> list:
    """The names a formula reads (its function names excluded)."""
    tree = _parse(formula)
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - called)


def _eval(node, env):
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise Unknown(node.id)
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _eval(node.operand, env)
        return _map(lambda a: -a, v) if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _binary(_OPS[type(node.op)], _eval(node.left, env), _eval(node.right, env))
    if isinstance(node, ast.List):
        return tuple(float(_eval(e, env)) for e in node.elts)
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, int):
        v = _eval(node.value, env)
        if not isinstance(v, tuple) or not -len(v) <= node.slice.value < len(v):
            raise Unknown("index")
        return v[node.slice.value]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        args = [_eval(a, env) for a in node.args]
        if node.func.id == "relu" and len(args) == 1:
            return _map(lambda a: max(a, 0.0), args[0])
        if node.func.id == "step" and len(args) == 1:
            return _map(lambda a: 1.0 if a > 0 else 0.0, args[0])
        if node.func.id == "mean" and args:
            total = args[0]
            for a in args[1:]:
                total = _binary(operator.add, total, a)
            return _map(lambda a: a / len(args), total)
    raise ValueError(f"not allowed in a hand formula: {ast.dump(node)[:60]}")


def _map(f, v):
    return tuple(f(a) for a in v) if isinstance(v, tuple) else f(v)


def _binary(op, a, b):
    if isinstance(a, tuple) and isinstance(b, tuple):
        if len(a) != len(b):
            raise Unknown("lengths")
        return tuple(op(x, y) for x, y in zip(a, b))
    if isinstance(a, tuple):
        return tuple(op(x, b) for x in a)
    if isinstance(b, tuple):
        return tuple(op(a, y) for y in b)
    return op(a, b)


def readable(value, like):
    """The student's value as a float or a tuple of floats shaped like ``like``, or None."""
    if value is None or value is Ellipsis:
        return None
    try:
        got = j.convert(value, like)
    except Exception:
        return None
    vals = list(j.leaves(got))
    if not all(math.isfinite(v) for v in vals):
        return None
    return tuple(vals) if isinstance(like, (tuple, j.Flat)) else vals[0]


def carried(formula: str, value, expected, values: dict, data: dict, expected_of: dict) -> list:
    """The earlier answers a wrong ``value`` follows from ([] if it does not follow from any).

    values: the student's answers {variable: value}; data: the part's numbers; expected_of:
    {variable: right value} of every hand quantity (to know which earlier answers are wrong).
    """
    try:
        needed = names(formula)
        env, wrong = dict(data), []
        for name in needed:
            if name in data:
                continue
            if name not in expected_of:
                return []
            mine = readable(values.get(name), expected_of[name])
            if mine is None:
                return []
            env[name] = mine
            right = list(j.leaves(expected_of[name]))
            got = list(mine) if isinstance(mine, tuple) else [mine]
            if not j.close(tuple(got), tuple(right), 1e-4, 1e-3):
                wrong.append(name)
        if not wrong:
            return []
        result = evaluate(formula, env)
        mine = readable(value, expected)
        if mine is None:
            return []
        a = list(mine) if isinstance(mine, tuple) else [mine]
        b = list(result) if isinstance(result, tuple) else [result]
        return wrong if len(a) == len(b) and all(abs(x - y) <= ATOL + RTOL * abs(y) for x, y in zip(a, b)) else []
    except (Unknown, ValueError, ZeroDivisionError, OverflowError, TypeError, SyntaxError, RecursionError):
        return []
