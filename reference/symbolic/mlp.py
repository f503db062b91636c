r"""The lecture's networks of depth D (course spec, part B), differentiated by sympy.

Per example, with x ∈ R^d (= z^(0)), targets y ∈ R^K and M_0 = d, M_D = K:

    a^(h) = W^(h) z^(h−1) + b^(h),   W^(h): (M_h, M_{h−1}),  b^(h): (M_h,),   h = 1..D
    z^(h) = σ(a^(h)),                h = 1..D−1,   σ ∈ {sigmoid, tanh, relu}
    ℓ = log Σ_j e^{a^(D)_j} · Σ_k y_k − Σ_k y_k a^(D)_k   = −Σ_k y_k log softmax(a^(D))_k
        (classification), or ℓ = ½ Σ_k (a^(D)_k − y_k)² (regression)
    objective = (1/n) Σ_i ℓ(x_i, y_i) + (λ/2) Σ_h ‖W^(h)‖²     (weights only, never biases)

Every W^(h) and b^(h) entry is a sympy Symbol, so ℓ is one symbolic expression in the
parameters, and its gradient is symbolic differentiation of that expression, never the δ^(h)
recursion of backpropagation: for each parameter p, ∂ℓ/∂p is built by forward-mode chain rule
over the expression graph, where at every node f(u_1, …, u_m) the local partials ∂f/∂u_i come
from ``sympy.diff`` (see :func:`_derivatives`). That is what ``sympy.diff(ℓ, p)`` computes,
with one difference: a sub-expression shared by many paths (every a^(h) feeds every unit of
layer h+1) is differentiated once instead of once per path. Plain ``sympy.diff`` walks the
expression as a tree, whose size grows like the number of paths through the network: for
depth 4, width 6 (tanh) it alone took 2½ minutes, and ``sympy.cse`` after it another ½;
here the whole build takes seconds. The tests check the two agree on small networks.

ReLU is the node ReLU(a) whose value, derivative and generated code all come from
Piecewise((a, a > 0), (0, True)): ReLU'(a) = Piecewise((1, a > 0), (0, True)) by sympy.diff,
so ReLU'(0) = 0 (sympy's Heaviside(0) would be 1/2).

Numerics (float64): sigmoid is written (1 + tanh(a/2))/2, the same function, which neither
overflows nor turns its derivative into inf/inf. The softmax is written with a shift c,

    ℓ = (Σ_k y_k) · log Σ_j e^{a_j − c} − Σ_k y_k (a_k − c),

which equals ℓ for every c (∂ℓ/∂c = Σ_k y_k − Σ_k y_k · Σ_j softmax_j = 0 identically), so
c is not differentiated and each row is evaluated with c = max_k a^(D)_k: every e^{a_j − c}
≤ 1, the log's argument is ≥ 1, and rows of ±1000 stay finite with no log 0 and no 0·log 0.

Per structure (layer sizes, activation, task) the expressions are built, differentiated,
reduced by common-subexpression elimination and turned into NumPy code by ``sympy.lambdify``
once (cached); a call evaluates that code on all n rows at once.
"""
from __future__ import annotations

import functools
from collections import Counter, defaultdict
from typing import NamedTuple

import numpy as np
import sympy

from .tutorial import exact, relu

__all__ = ["ACTIVATIONS", "TASKS", "mlp_exact", "mlp_value_and_gradients"]

ACTIVATIONS = ("sigmoid", "tanh", "relu")
TASKS = ("classification", "regression")


class _Network(NamedTuple):
    """One structure's symbols and expressions for a single example."""
    params: list          # [W^(1) entries row-major, b^(1), …, W^(D), b^(D)] (Symbols)
    weights: list         # the W entries only (those λ acts on)
    x: tuple              # x_0 … x_{d−1}
    y: tuple              # y_0 … y_{K−1}
    c: sympy.Symbol       # the softmax shift (never differentiated)
    lam: sympy.Symbol     # λ
    outputs: list         # a^(D)_0 … a^(D)_{K−1}
    loss: sympy.Expr      # ℓ(x, y)
    penalty: sympy.Expr   # (λ/2) Σ ‖W^(h)‖²


class ReLU(sympy.Function):
    """ReLU(a) = Piecewise((a, a > 0), (0, True)), kept as one node.

    Written out, sympy would fold the Piecewise of one layer into the condition a > 0 of the
    next (ITE trees that grow exponentially with depth). Value, derivative and printed code all
    come from the Piecewise: d/da ReLU(a) = sympy.diff of it = Piecewise((1, a > 0), (0, True)),
    so ReLU'(0) = 0.
    """

    @classmethod
    def eval(cls, a):
        if a.is_number:
            return relu(a)
        return None

    def fdiff(self, argindex=1):
        t = sympy.Dummy("t")
        return sympy.diff(relu(t), t).xreplace({t: self.args[0]})

    def _numpycode(self, printer) -> str:
        return printer._print(relu(self.args[0]))


def _sigma(a: sympy.Expr, activation: str, exact_form: bool) -> sympy.Expr:
    """σ(a). Sigmoid is 1/(1 + e^(−a)) in exact work and (1 + tanh(a/2))/2 in float work."""
    if activation == "relu":
        return ReLU(a)
    if activation == "tanh":
        return sympy.tanh(a)
    return 1 / (1 + sympy.exp(-a)) if exact_form else (1 + sympy.tanh(a / 2)) / 2


@functools.lru_cache(maxsize=128)
def _network(sizes: tuple, activation: str, task: str, exact_form: bool) -> _Network:
    """ℓ(x, y) and (λ/2)Σ‖W‖² with symbolic W^(h), b^(h) for layer sizes (d, M_1, …, K)."""
    x = sympy.symbols(f"x0:{sizes[0]}")
    y = sympy.symbols(f"y0:{sizes[-1]}")
    c, lam = sympy.symbols("c lam")
    params, weights, z = [], [], list(x)
    for h in range(1, len(sizes)):
        W = [[sympy.Symbol(f"W{h}_{i}_{j}") for j in range(sizes[h - 1])] for i in range(sizes[h])]
        b = [sympy.Symbol(f"b{h}_{i}") for i in range(sizes[h])]
        weights += [w for row in W for w in row]
        params += [w for row in W for w in row] + b
        a = [sympy.Add(*(w * zj for w, zj in zip(row, z))) + bi for row, bi in zip(W, b)]
        z = [_sigma(ai, activation, exact_form) for ai in a] if h < len(sizes) - 1 else a
    if task == "classification":
        log_sum = sympy.log(sympy.Add(*(sympy.exp(ak - c) for ak in a)))
        loss = sympy.Add(*y) * log_sum - sympy.Add(*(yk * (ak - c) for yk, ak in zip(y, a)))
    else:
        loss = sympy.Add(*((ak - yk) ** 2 for ak, yk in zip(a, y))) / 2
    penalty = lam / 2 * sympy.Add(*(w**2 for w in weights))
    return _Network(params, weights, x, y, c, lam, a, loss, penalty)


def _derivatives(expr: sympy.Expr, params: list) -> list:
    """[∂expr/∂p for p in params], sympy.diff applied node by node over the expression graph.

    At a node f(u_1, …, u_m) the local partials ∂f/∂u_i are sympy.diff of f with its
    arguments replaced by dummies; the chain rule df/dp = Σ_i ∂f/∂u_i · du_i/dp combines them
    with the arguments' derivatives, memoised per node.
    """
    wanted = set(params)
    memo: dict = {}

    def visit(node: sympy.Basic) -> dict:
        if node not in memo:
            if node in wanted:
                memo[node] = {node: sympy.S.One}
            elif not node.args:
                memo[node] = {}
            else:
                memo[node] = _chain_rule(node, visit)
        return memo[node]

    top = visit(expr)
    return [top.get(p, sympy.S.Zero) for p in params]


def _chain_rule(node: sympy.Basic, visit) -> dict:
    inner = [visit(u) for u in node.args]
    if not any(inner):
        return {}
    dummies = [sympy.Dummy() for _ in node.args]
    local, back = node.func(*dummies), dict(zip(dummies, node.args))
    terms = defaultdict(list)
    for dummy, du in zip(dummies, inner):
        if du:
            partial = sympy.diff(local, dummy).xreplace(back)
            for p, dp in du.items():
                terms[p].append(partial * dp)
    return {p: sympy.Add(*ts) for p, ts in terms.items()}


class _Kernel(NamedTuple):
    """Generated NumPy code for one structure."""
    outputs: object   # (θ, x columns) → [a^(D)_k], for the softmax shift
    example: object   # (θ, x columns, y columns, c) → [ℓ, ∂ℓ/∂θ_1, …]
    penalty: object   # (θ, λ) → [R, ∂R/∂θ_1, …]


@functools.lru_cache(maxsize=128)
def _numeric_kernel(sizes: tuple, activation: str, task: str) -> _Kernel:
    net = _network(sizes, activation, task, False)
    example = [net.loss, *_derivatives(net.loss, net.params)]
    penalty = [net.penalty, *_derivatives(net.penalty, net.params)]
    # use_imps=False: lambdify would otherwise walk the expressions as trees looking for
    # implemented functions, which alone takes minutes at depth 4.
    options = dict(modules="numpy", cse=_shared_subexpressions, use_imps=False)
    return _Kernel(
        sympy.lambdify([net.params, net.x], net.outputs, **options),
        sympy.lambdify([net.params, net.x, net.y, net.c], example, **options),
        sympy.lambdify([net.params, net.lam], penalty, **options),
    )


def _shared_subexpressions(exprs: list) -> tuple:
    """Common-subexpression elimination for ``lambdify``: (replacements, reduced exprs).

    Every compound sub-expression used more than once in the graph gets a name, defined
    before its first use. Linear in the graph's size: ``sympy.cse`` finds the same sharing
    (and more, by matching subsets of Add/Mul arguments) but takes minutes at depth 4.
    """
    uses: Counter = Counter()

    def count(node: sympy.Basic) -> None:
        uses[node] += 1
        if uses[node] == 1:
            for arg in node.args:
                count(arg)

    for expr in exprs:
        count(expr)
    names, replacements, memo = sympy.numbered_symbols("_cse"), [], {}

    def rebuild(node: sympy.Basic) -> sympy.Basic:
        if node not in memo:
            memo[node] = node.func(*map(rebuild, node.args)) if node.args else node
            if uses[node] > 1 and node.args and isinstance(node, sympy.Expr):
                replacements.append((next(names), memo[node]))
                memo[node] = replacements[-1][0]
        return memo[node]

    return replacements, [rebuild(expr) for expr in exprs]


def mlp_value_and_gradients(params, X, Y, activation: str, task: str, lam: float = 0.0):
    """(objective, grads) in float64, from sympy's derivative of the symbolic network.

    params: [(W^(1), b^(1)), …, (W^(D), b^(D))], D ≥ 1, W^(h) (M_h, M_{h−1}), b^(h) (M_h,);
    X: (n, d) with M_0 = d, n ≥ 1; Y: (n, K) with K = M_D (one-hot for classification);
    activation ∈ ACTIVATIONS (layers 1..D−1); task ∈ TASKS; lam: λ ≥ 0.
    Returns objective = (1/n) Σ_i ℓ(x_i, y_i) + (λ/2) Σ_h ‖W^(h)‖² as a float and
    grads = [(dW^(1), db^(1)), …] as float64 arrays of the params' shapes.
    Raises ValueError naming the argument for a wrong shape, name or value.
    """
    _check_names(activation, task)
    X = _float_array("X", X)
    Y = _float_array("Y", Y)
    params = [(_float_array(f"params[{h}][0]", W), _float_array(f"params[{h}][1]", b))
              for h, (W, b) in enumerate(_pairs(params))]
    sizes = _check_shapes(params, X, Y)
    lam = _check_lam(lam)
    kernel = _numeric_kernel(sizes, activation, task)
    theta = np.concatenate([np.concatenate([W.ravel(), b]) for W, b in params]).tolist()
    columns, n = X.T, X.shape[0]
    shift = np.zeros(n)
    if task == "classification":
        shift = np.max(np.broadcast_arrays(*kernel.outputs(theta, columns), shift), axis=0)
    rows = kernel.example(theta, columns, Y.T, shift)
    means = np.array([np.mean(np.broadcast_to(value, (n,))) for value in rows])
    total = means + np.asarray(kernel.penalty(theta, lam), dtype=np.float64)
    return float(total[0]), _unflatten(total[1:], params)


def mlp_exact(params, X, Y, activation: str, task: str, lam=0):
    """(objective, grads) as exact sympy values, for small worked examples.

    Same arguments and maths as :func:`mlp_value_and_gradients`; entries may be ints,
    Fractions, Rationals, decimal strings, floats (read as the decimal they print as) or exact
    sympy numbers. The objective is a sympy expression and grads = [(dW^(h), db^(h))] are NumPy
    object arrays of the params' shapes holding sympy expressions: Rationals for regression
    with ReLU and rational inputs, exp/log/tanh terms otherwise. Sigmoid is 1/(1 + e^(−a)) and
    the softmax shift is c = 0. Slow for large networks: every row is evaluated symbolically.
    """
    _check_names(activation, task)
    X = _exact_array("X", X)
    Y = _exact_array("Y", Y)
    params = [(_exact_array(f"params[{h}][0]", W), _exact_array(f"params[{h}][1]", b))
              for h, (W, b) in enumerate(_pairs(params))]
    sizes = _check_shapes(params, X, Y)
    lam = exact(lam, "lam", rational=False)
    if lam < 0:
        raise ValueError(f"lam: expected λ ≥ 0, got {lam}")
    net, derivatives = _exact_kernel(sizes, activation, task)
    theta = [v for W, b in params for v in (*W.ravel(), *b)]
    values = dict(zip(net.params, theta))
    values[net.c], values[net.lam] = sympy.S.Zero, lam
    total = [sympy.S.Zero] * (1 + len(theta))
    for x, y in zip(X, Y):
        row = _substitute([net.loss, *derivatives], {**values, **dict(zip(net.x, x)), **dict(zip(net.y, y))})
        total = [t + r for t, r in zip(total, row)]
    penalty = _substitute([net.penalty, *_derivatives(net.penalty, net.params)], values)
    total = [t / len(X) + r for t, r in zip(total, penalty)]
    return total[0], _unflatten(np.array(total[1:], dtype=object), params)


@functools.lru_cache(maxsize=32)
def _exact_kernel(sizes: tuple, activation: str, task: str) -> tuple:
    net = _network(sizes, activation, task, True)
    return net, _derivatives(net.loss, net.params)


def _substitute(exprs: list, values: dict) -> list:
    """exprs with every symbol of ``values`` replaced, each shared sub-expression rebuilt once."""
    memo = dict(values)

    def visit(node: sympy.Basic) -> sympy.Basic:
        if node not in memo:
            memo[node] = node.func(*map(visit, node.args)) if node.args else node
        return memo[node]

    return [visit(e) for e in exprs]


def _unflatten(flat: np.ndarray, params: list) -> list:
    """Split θ-ordered values [W^(1) row-major, b^(1), …] into [(dW^(1), db^(1)), …]."""
    grads, start = [], 0
    for W, b in params:
        stop = start + W.size
        grads.append((flat[start:stop].reshape(W.shape), flat[stop:stop + b.size].reshape(b.shape)))
        start = stop + b.size
    return grads


def _check_names(activation, task) -> None:
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ValueError(f"activation: expected one of {', '.join(map(repr, ACTIVATIONS))}, got {activation!r}")
    if not isinstance(task, str) or task not in TASKS:
        raise ValueError(f"task: expected one of {', '.join(map(repr, TASKS))}, got {task!r}")


def _check_lam(lam) -> float:
    try:
        value = float(lam)
    except (TypeError, ValueError):
        raise ValueError(f"lam: expected a number λ ≥ 0, got {lam!r}") from None
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"lam: expected a finite λ ≥ 0, got {lam!r}")
    return value


def _pairs(params) -> list:
    """params as a list of D ≥ 1 pairs."""
    if isinstance(params, (str, bytes, dict, np.ndarray)) or not hasattr(params, "__iter__"):
        raise ValueError(f"params: expected a list of D ≥ 1 pairs (W, b), got {type(params).__name__}")
    params = list(params)
    if not params:
        raise ValueError("params: expected a list of D ≥ 1 pairs (W, b), got an empty list")
    for h, pair in enumerate(params):
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"params[{h}]: expected a pair (W^({h + 1}), b^({h + 1})), got {type(pair).__name__}")
    return params


def _check_shapes(params: list, X: np.ndarray, Y: np.ndarray) -> tuple:
    """The layer sizes (d, M_1, …, M_D), after checking every shape against the lecture's."""
    if X.ndim != 2 or X.shape[0] < 1 or X.shape[1] < 1:
        raise ValueError(f"X: expected shape (n, d) with n, d ≥ 1, got {X.shape}")
    sizes = [X.shape[1]]
    for h, (W, b) in enumerate(params, start=1):
        if W.ndim != 2 or W.shape[0] < 1 or W.shape[1] != sizes[-1]:
            raise ValueError(f"params[{h - 1}][0]: expected W^({h}) of shape (M_{h}, {sizes[-1]}), got {W.shape}")
        if b.shape != (W.shape[0],):
            raise ValueError(f"params[{h - 1}][1]: expected b^({h}) of shape ({W.shape[0]},), got {b.shape}")
        sizes.append(W.shape[0])
    if Y.shape != (X.shape[0], sizes[-1]):
        raise ValueError(f"Y: expected shape (n, K) = ({X.shape[0]}, {sizes[-1]}), got {Y.shape}")
    return tuple(sizes)


def _float_array(name: str, value) -> np.ndarray:
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name}: expected a float array, got {type(value).__name__} ({error})") from None
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name}: expected finite values, got NaN or ±inf")
    return array


def _exact_array(name: str, value) -> np.ndarray:
    try:
        array = np.array(value, dtype=object)
    except ValueError as error:
        raise ValueError(f"{name}: expected a rectangular array, got {type(value).__name__} ({error})") from None
    out = np.empty(array.shape, dtype=object)
    for index, item in np.ndenumerate(array):
        out[index] = exact(item, f"{name}{list(index)}", rational=False)
    return out
