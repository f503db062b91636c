"""The checks of assignment ``mlp``: one per contract function of the lecture's networks.

Public cases use a shallow network (D = 2, two inputs, two ReLU units, two outputs) with
integer weights whose every number can be worked by hand (the notebook writes it out);
hidden cases are seeded: random shapes (n, d, M_h, K and D from 1 to 4), every activation,
both tasks, λ > 0, ReLU inputs exactly 0 and softmax rows of ±1000. Expected values come
from ``reference.mlp``; what each known mistake returns, from ``mlp_slips.Net``.
"""
from __future__ import annotations

import numpy as np

from autograder.checks import build, diagnosis
from autograder.checks.mlp_slips import MISTAKES, Net, catalogue
from autograder.student.model import Check
from reference import mlp as ref

FUNCTIONS = ("sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative", "softmax",
             "cross_entropy", "squared_error", "forward", "output_delta", "hidden_delta", "backward",
             "gradients", "gd_update", "train")
SIGNATURES = {
    "sigmoid": ("sigmoid(a)", "σ(a) = 1 / (1 + e^(−a)), elementwise"),
    "sigmoid_derivative": ("sigmoid_derivative(a)", "σ'(a) = σ(a)(1 − σ(a)), elementwise"),
    "tanh_derivative": ("tanh_derivative(a)", "1 − tanh²(a), elementwise"),
    "relu": ("relu(a)", "max(a, 0), elementwise"),
    "relu_derivative": ("relu_derivative(a)", "1 where a > 0, else 0 (0 at a = 0), elementwise"),
    "softmax": ("softmax(A)", "row-wise softmax of A (n, K), stable for rows of ±1000"),
    "cross_entropy": ("cross_entropy(F, Y)", "mean over rows of −Σ_k Y_k log F_k, with 0·log 0 = 0"),
    "squared_error": ("squared_error(F, Y)", "mean over rows of ½ Σ_k (F_k − Y_k)²"),
    "forward": ("forward(params, X, activation, task)", "(F, cache) with cache = {'A': [A1..AD], 'Z': [Z0 = X, Z1..Z_{D−1}], 'F': F}"),
    "output_delta": ("output_delta(F, Y)", "Δ^(D) = F − Y, shape (n, K)"),
    "hidden_delta": ("hidden_delta(A, W_next, delta_next, activation)", "σ'(A) ∘ (delta_next @ W_next), shape (n, M_h)"),
    "backward": ("backward(params, cache, Y, activation)", "[Δ^(1) … Δ^(D)]"),
    "gradients": ("gradients(params, X, Y, activation, task, lam=0.0)", "[(dW1, db1) … (dWD, dbD)]: batch means, plus λW on weights only"),
    "gd_update": ("gd_update(params, grads, eta)", "a new params list (inputs unchanged)"),
    "train": ("train(params, X, Y, activation, task, eta, lam, epochs)", "(params, losses), len(losses) = epochs + 1"),
}
POINTS = {name: (1.0, 1.0) for name in FUNCTIONS[:8]}
HIDDEN_SEED = 4242

# The worked shallow network (D = 2, d = 2, M = 2, K = 2), integers throughout, and the σ, λ, η
# the public cases use with it (``autograder.generate.mlp_variants`` draws others like it).
WORKED = {
    "params": [(np.array([[1.0, -1.0], [2.0, 1.0]]), np.array([0.0, -1.0])),
               (np.array([[1.0, 2.0], [-1.0, 1.0]]), np.array([0.0, 1.0]))],
    "X": np.array([[1.0, 2.0], [2.0, 0.0]]),
    "Y_regression": np.array([[5.0, 4.0], [8.0, 3.0]]),
    "Y_classification": np.array([[1.0, 0.0], [0.0, 1.0]]),
    "activation": "relu", "lam": 0.1, "eta": 0.1,   # σ, λ and η of the public cases
}


def build_checks(worked=WORKED, seed=HIDDEN_SEED, near=True) -> list:
    public = _calls(worked["params"], worked["X"], worked["Y_regression"], worked["Y_classification"],
                    worked["activation"], worked["lam"], worked["eta"])
    # the same network with its output layer negated: negative outputs, so a public case shows
    # what the hidden ones test (an activation wrongly applied to the output layer, for one)
    flipped = [*worked["params"][:-1], tuple(-p for p in worked["params"][-1])]
    negated = _calls(flipped, worked["X"], worked["Y_regression"], worked["Y_classification"],
                     worked["activation"], worked["lam"], worked["eta"])
    for name in ("softmax", "forward", "output_delta", "hidden_delta", "backward", "gradients", "gd_update", "train",
                 "squared_error"):
        public[name] = public[name] + [(args, f"{label}, output layer negated") for args, label in negated[name][:2]]
    for name in ("sigmoid", "sigmoid_derivative", "tanh_derivative", "relu", "relu_derivative"):
        public[name] = public[name] + [(negated["softmax"][0][0], "A^(D) of the network with its output layer negated")]
    extremes = _extremes()
    checks = []
    for k, name in enumerate(FUNCTIONS):
        # each function's hidden problems are its own (drawn afresh): no function's hidden
        # inputs appear in another function's cases or stub tables
        rng = np.random.default_rng([seed, k])
        hidden = [_calls(*_random_problem(rng, depth, activation, integers), activation, lam)[name]
                  for depth, activation, integers, lam in ((1, "relu", True, 0.1), (2, "sigmoid", False, 0.3),
                                                           (3, "tanh", False, 0.0), (4, "relu", True, 0.5))]
        cases = [_case(name, args, label, False) for args, label in public[name]]
        cases += [_case(name, args, label, True) for calls in hidden for args, label in calls]
        cases += [_case(name, args, label, True) for args, label in extremes.get(name, [])]
        named = {m.split("#")[0] for c in cases for m in c.mistakes} | ({"params-changed-in-place"} if name == "gd_update" else set())
        p_public, p_hidden = POINTS.get(name, (1.0, 2.0))
        signature, returns = SIGNATURES[name]
        checks.append(Check(name, signature, returns, tuple(cases), catalogue(named), rtol=1e-6, atol=1e-9,
                            points_public=p_public, points_hidden=p_hidden))
    return diagnosis.attach("mlp", checks, seed, near)  # names, related values, facts, probes: autograder.checks.diagnosis


def _case(name, args, label, hidden):
    unchanged = (0,) if name == "gd_update" else ()
    return build.case(ref, FUNCTIONS, name, args, label, hidden, MISTAKES, Net, unchanged)


def _calls(params, X, Y_reg, Y_cls, activation, lam, eta=0.1) -> dict:
    """The arguments of every function on one problem (both tasks where it matters)."""
    shape = f"{len(params)} layer(s), n = {len(X)}, σ = {activation}"
    F_reg, cache_reg = ref.forward(params, X, activation, "regression")
    F_cls, cache_cls = ref.forward(params, X, activation, "classification")
    A = cache_reg["A"]
    grads = ref.gradients(params, X, Y_reg, activation, "regression", lam)
    hidden_delta = []
    if len(params) > 1:
        deltas = ref.backward(params, cache_reg, Y_reg, activation)
        hidden_delta = [((A[-2], params[-1][0], deltas[-1], activation), f"the last hidden layer, {shape}")]
    return {
        "sigmoid": [((A[0],), f"A^(1), {shape}")], "sigmoid_derivative": [((A[0],), f"A^(1), {shape}")],
        "tanh_derivative": [((A[0],), f"A^(1), {shape}")], "relu": [((A[0],), f"A^(1), {shape}")],
        "relu_derivative": [((A[0],), f"A^(1), {shape}")], "softmax": [((A[-1],), f"A^(D), {shape}")],
        "cross_entropy": [((F_cls, Y_cls), f"softmax outputs, {shape}"), ((F_cls[:1], Y_cls[:1]), "the first row alone (n = 1)")],
        "squared_error": [((F_reg, Y_reg), f"regression outputs, {shape}"), ((F_reg[:1], Y_reg[:1]), "the first row alone (n = 1)")],
        "forward": [((params, X, activation, "regression"), f"regression, {shape}"),
                    ((params, X, activation, "classification"), f"classification, {shape}")],
        "output_delta": [((F_reg, Y_reg), f"regression, {shape}"), ((F_cls, Y_cls), f"classification, {shape}")],
        "hidden_delta": hidden_delta,
        "backward": [((params, cache_reg, Y_reg, activation), f"regression, {shape}"),
                     ((params, cache_cls, Y_cls, activation), f"classification, {shape}")],
        "gradients": [((params, X, Y_reg, activation, "regression", lam), f"regression, λ = {lam}, {shape}"),
                      ((params, X, Y_cls, activation, "classification", lam), f"classification, λ = {lam}, {shape}"),
                      # lam left out: the signature's default, lam=0.0
                      ((params, X, Y_cls, activation, "classification"), f"classification, λ left out (its default, 0), {shape}")],
        "gd_update": [((params, grads, eta), f"η = {eta}, {shape}")],
        "train": [((params, X, Y_cls if len(params) % 2 else Y_reg, activation,
                    "classification" if len(params) % 2 else "regression", eta, lam, 2), f"2 epochs, λ = {lam}, {shape}")],
    }


def _random_problem(rng, depth, activation, integers):
    """params, X, Y_regression, Y_classification for a random network of ``depth`` layers."""
    sizes = [int(s) for s in rng.integers(1, 5, size=depth + 1)]
    sizes[-1] = max(sizes[-1], 2)
    draw = (lambda *s: rng.integers(-2, 3, size=s).astype(float)) if integers else (lambda *s: rng.normal(size=s))
    params = [(draw(m, k), draw(m)) for k, m in zip(sizes, sizes[1:])]
    n = int(rng.integers(1, 5))
    X = draw(n, sizes[0])
    Y_cls = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=n)]
    return params, X, rng.normal(size=(n, sizes[-1])).round(1), Y_cls


def _extremes() -> dict:
    """Softmax rows of ±1000, underflowed probabilities, ReLU inputs exactly 0, n = 1 (each
    function's own inputs)."""
    Y = np.eye(3)[[0, 1]]
    W = np.array([[0.0, 500.0], [0.0, -500.0], [1.0, 0.0]])
    params = [(np.array([[1.0, -1.0], [0.0, 2.0]]), np.array([0.0, 0.0])), (W, np.zeros(3))]
    return {
        "softmax": [((np.array([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 1000.0]]),), "rows of ±1000")],
        "sigmoid": [((np.array([[1000.0, -1000.0, 0.0], [-800.0, 800.0, 5.0]]),), "inputs of ±1000")],
        # σ'(a) = e^(−a)/(1 + e^(−a))² overflows below a ≈ −710: σ(a)(1 − σ(a)) of a stable σ does not
        # (inputs of its own: no function's hidden inputs appear in another's cases or stub tables)
        "sigmoid_derivative": [((np.array([[900.0, -900.0, 0.0], [-750.0, 750.0, 3.0]]),), "inputs of ±900")],
        "relu_derivative": [((np.array([[0.0, -0.0, 1e-30, -1e-30]]),), "inputs at and next to 0")],   # ±1e-30: still a float32 number
        "cross_entropy": [((ref.softmax(np.array([[-1000.0, 1000.0, 0.0], [1000.0, -1000.0, -1000.0]])), Y[::-1]),
                           "probabilities that underflowed to 0 outside the true class")],
        # X = (1, 1): A^(1) = (0, 2), a ReLU input exactly 0; A^(2) = (1000, −1000, 0)
        "forward": [((params, np.array([[1.0, 1.0]]), "relu", "classification"), "a ReLU input exactly 0 and an output row of ±1000, n = 1")],
        # X = (2, 2): A^(1) = (0, 4); A^(2) = (2000, −2000, 0); the true class is the one near 1, so
        # the probabilities that underflow to 0 are outside it (as the notebook announces)
        "gradients": [((params, np.array([[2.0, 2.0]]), np.eye(3)[[0]], "relu", "classification", 0.2),
                       "a ReLU input exactly 0 and an output row of ±2000, n = 1")],
    }


def __getattr__(name):
    """``CHECKS``, built when first asked for (importing this module for FUNCTIONS costs nothing)."""
    if name == "CHECKS":
        globals()["CHECKS"] = build_checks()
        return globals()["CHECKS"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
