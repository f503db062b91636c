"""The checks of assignment ``tutorial_net``: one per contract function, and the hand parts.

Public cases are the tutorial's own numbers (spec part A); hidden cases are drawn from a
seeded generator so that together they cover a ReLU exactly at 0, n = 1, ŷ < 0, w2 ≠ 0,
w4 ≠ 0, x[0] ≠ x[1] and more. Expected values come from ``reference.tutorial_net`` (whose
agreement with the sympy derivation and the spec's table is tested); the value each known
mistake would return comes from ``tutorial_slips.Net``.
"""
from __future__ import annotations

import numpy as np

from autograder.student import codec
from autograder.checks import build, diagnosis, hand_formulas
from autograder.student.model import Case, Check, HandPart
from autograder.checks.tutorial_slips import MISTAKES, Net, catalogue
from autograder.student.judge import close
from reference import tutorial_net as ref

FUNCTIONS = ("relu", "relu_derivative", "forward", "example_loss", "dataset_loss", "delta_yhat",
             "delta_h", "example_gradient", "dataset_gradient", "gd_step", "gradient_descent")
SIGNATURES = {
    "relu": ("relu(z)", "max(z, 0), elementwise for arrays"),
    "relu_derivative": ("relu_derivative(z)", "g'(z): 1 where z > 0, else 0 (0 at z = 0), elementwise"),
    "forward": ("forward(theta, x)", "the tuple (z, h, ŷ)"),
    "example_loss": ("example_loss(theta, x, y)", "L(x, y) = (ŷ(x) − y)²"),
    "dataset_loss": ("dataset_loss(theta, X, Y)", "L(D), the mean of L(x_i, y_i)"),
    "delta_yhat": ("delta_yhat(theta, x, y)", "δ_ŷ(x, y) = 2(ŷ(x) − y)"),
    "delta_h": ("delta_h(theta, x, y)", "δ_h(x, y) = δ_ŷ · w3 · g'(z(x))"),
    "example_gradient": ("example_gradient(theta, x, y)", "∇θ L(x, y), shape (5,)"),
    "dataset_gradient": ("dataset_gradient(theta, X, Y)", "∇θ L(D), shape (5,)"),
    "gd_step": ("gd_step(theta, grad, eta)", "a new array θ − η·grad, shape (5,)"),
    "gradient_descent": ("gradient_descent(theta, X, Y, eta, steps)", "(θ after `steps` steps, losses), len(losses) = steps + 1"),
}
TUTORIAL = {  # spec part A: the tutorial's data
    "theta": np.array([1.0, 1.0, 0.0, 1.0, 0.0]),
    "X": np.array([[2.0, 1.0], [-3.0, 2.0]]),
    "Y": np.array([1.3, 1.9]),
    "eta": 0.01,
}
HIDDEN_SEED = 2026
POINTS = {"relu": (1.0, 1.0), "relu_derivative": (1.0, 1.0)}


def build_checks(data=TUTORIAL, seed=HIDDEN_SEED, near=True) -> list:
    """Every function's Check: public cases on ``data``, hidden ones from ``seed`` (``near``: with
    the near misses of the general diagnosis, ``autograder.checks.near_misses``)."""
    public = _public_args(data)
    hidden = _hidden_args(np.random.default_rng(seed))
    checks = []
    for name in FUNCTIONS:
        cases = [_case(name, args, label, False) for args, label in public[name]]
        cases += [_case(name, args, label, True) for args, label in hidden[name]]
        named = {m.split("#")[0] for c in cases for m in c.mistakes}
        if name == "gd_step":
            named.add("theta-changed-in-place")
        p_public, p_hidden = POINTS.get(name, (1.0, 2.0))
        signature, returns = SIGNATURES[name]
        checks.append(Check(name, signature, returns, tuple(cases), catalogue(named),
                            points_public=p_public, points_hidden=p_hidden))
    return diagnosis.attach("tutorial_net", checks, seed, near)  # names, related values, facts, probes: autograder.checks.diagnosis


def _case(name, args, label, hidden) -> Case:
    unchanged = (0,) if name == "gd_step" else ()
    return build.case(ref, FUNCTIONS, name, args, label, hidden, MISTAKES, Net, unchanged)


def _public_args(d) -> dict:
    t, X, Y, eta = d["theta"], d["X"], d["Y"], d["eta"]
    kink = _kink_input(t, X)   # every hidden kind has a public counterpart: z exactly 0, n = 1, a later θ
    per_example = [((t, X[i], float(Y[i])), f"the tutorial's x{i + 1}, y{i + 1}") for i in range(len(X))]
    per_example.append(((t, kink, float(Y[0])), f"an input with z = 0 (x = {_vec(kink)}), y = y1"))
    grad = ref.dataset_gradient(t, X, Y)
    nxt = ref.gd_step(t, grad, eta)
    z = np.array([ref.forward(t, x)[0] for x in X])
    datasets = [((t, X, Y), "the tutorial's D"), ((t, X[:1], Y[:1]), "the tutorial's first example alone (n = 1)"),
                ((nxt, X, Y), "θ after one step, on the tutorial's D")]
    return {
        "relu": [((float(z[0]),), "z(x1)"), ((float(z[1]),), "z(x2)"), ((z,), "the array (z(x1), z(x2))")],
        "relu_derivative": [((float(z[0]),), "z(x1)"), ((float(z[1]),), "z(x2)"), ((np.array([z[0], 0.0, z[1]]),), "an array holding 0")],
        "forward": [((t, X[i]), f"the tutorial's x{i + 1}") for i in range(len(X))] + [((t, kink), "an input with z = 0")],
        **{f: per_example for f in ("example_loss", "delta_yhat", "delta_h", "example_gradient")},
        "dataset_loss": datasets,
        "dataset_gradient": datasets,
        "gd_step": [((t, grad, eta), "θ, ∇θ L(D) and η of the tutorial"),
                    ((nxt, ref.dataset_gradient(nxt, X, Y), eta), "θ after one step, its gradient and η")],
        "gradient_descent": [((t, X, Y, eta, 1), "one step on the tutorial's D"),
                             ((t, X, Y, eta, 3), "three steps on the tutorial's D")],
    }


def _kink_input(t, X):
    """A small whole input x ≠ every x_i with z(x) = 0 under θ (the ReLU exactly at its kink)."""
    for a in (1, 2, -1, -2, 3, -3):
        for b in (1, 2, -1, -2, 3, -3):
            x = np.array([float(a), float(b)])
            if ref.forward(t, x)[0] == 0 and a != b and not any(np.array_equal(x, row) for row in X):
                return x
    raise ValueError("no whole input in -3..3 puts this θ's ReLU at 0")


def _vec(v) -> str:
    return "(" + ", ".join(f"{float(x):g}" for x in v) + ")"


def _hidden_args(rng) -> dict:
    """Hidden cases, drawn afresh for every function: no function's hidden inputs appear in
    another function's cases or stub tables, so nothing a submission is shown while one
    function is graded holds another function's hidden answers."""
    kinds = ("z > 0", "z < 0", "z = 0", "ŷ < 0", "z > 0")

    def per_example():
        return [((t, x, y), f"an example with {kind}") for t, x, y, kind in (_example(rng, k) for k in kinds)]

    def datasets():
        shapes = ((1, "z > 0"), (3, "one ReLU off"), (4, "one z exactly 0"))
        return [((*_dataset(rng, n, kind),), f"a data set of {n} example(s), {kind}") for n, kind in shapes]

    forward = [((t, x), f"an input with {kind}") for t, x, _, kind in (_example(rng, k) for k in kinds)]
    runs = [_dataset(rng, 3, "one ReLU off"), _dataset(rng, 1, "z > 0")]
    steps = [((*runs[0], 0.05, 3), "three steps on a data set of 3"), ((*runs[1], 0.1, 2), "two steps on a data set of 1")]
    gd = [((np.round(rng.uniform(-2, 2, 5), 1), np.round(rng.uniform(-3, 3, 5), 1), eta), f"random θ and grad, η = {eta}")
          for eta in (0.1, 0.5)]
    # arrays (the scalars other functions pass stay theirs), drawn from the seed: 0, −0 and a tiny
    # negative beside seeded positives and negatives; a 2-D array with an exact 0 in a seeded place
    def zeros():
        return np.array([0.0, -0.0, -1e-300, *np.round(rng.uniform(0.1, 3, 2), 2), *np.round(rng.uniform(-3, -0.1, 2), 2)])

    def grid():
        zs = np.round(rng.uniform(-3, 3, (2, 3)), 2)
        zs[0, 0], zs[1, 1] = abs(zs[0, 0]) + 0.1, -abs(zs[1, 1]) - 0.1
        zs[int(rng.integers(2)), 2] = 0.0
        return zs
    return {
        "relu": [((zeros(),), "zeros, a tiny negative, positives and negatives"), ((grid(),), "a 2-D array")],
        "relu_derivative": [((zeros(),), "zeros, a tiny negative, positives and negatives"), ((grid(),), "a 2-D array")],
        "forward": forward, "example_loss": per_example(), "delta_yhat": per_example(),
        "delta_h": per_example(), "example_gradient": per_example(),
        "dataset_loss": datasets(), "dataset_gradient": datasets(), "gd_step": gd, "gradient_descent": steps,
    }


def _example(rng, kind):
    """θ with w2, w4 ≠ 0 and an input x with x[0] ≠ x[1] such that z(x) has ``kind``."""
    while True:
        t = np.array([rng.integers(-3, 4), rng.integers(-3, 4), rng.choice([-2, -1, 1, 2]),
                      rng.choice([-2, -1, 0.5, 1, 2]), rng.choice([-1, -0.5, 0.5, 1])], dtype=float)
        x = rng.integers(-3, 4, size=2).astype(float)
        y = float(np.round(rng.uniform(-2, 3), 1))
        if kind == "z = 0":
            t[2] = -(t[0] * x[0] + t[1] * x[1])
        z, h, y_hat = ref.forward(t, x)
        ok = {"z > 0": z > 0 and t[3] > 0, "z < 0": z < 0, "z = 0": z == 0, "ŷ < 0": z > 0 and y_hat < 0}[kind]
        if ok and x[0] != x[1] and 0 not in x and t[2] != 0 and 0 not in t[:2]:
            return t, x, y, kind


def _dataset(rng, n, kind):
    t, x, y, _ = _example(rng, "z = 0" if "0" in kind else "z > 0")
    rows, ys = [x], [y]
    while len(rows) < n:
        _, x2, y2, _ = _example(rng, "z > 0")
        rows.append(x2)
        ys.append(y2)
    if kind == "one ReLU off":  # make one example's ReLU off under the common θ
        rows[-1] = _off_input(rng, t)
    return t, np.array(rows), np.array(ys)


def _off_input(rng, t):
    while True:
        x = rng.integers(-3, 4, size=2).astype(float)
        if ref.forward(t, x)[0] < 0 and x[0] != x[1]:
            return x


def _plain(value):
    """Reference outputs as trees of floats / float64 arrays / tuples."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, np.ndarray) and value.shape != ():
        return value.astype(np.float64)
    return float(value)


HAND = (  # (part id, title, ((variable, label, quantity key, example index or None), …))
    ("part1", "Part 1: the forward pass", [("z_x1", "z(x1)", "z", 0), ("z_x2", "z(x2)", "z", 1),
        ("h_x1", "h(x1)", "h", 0), ("h_x2", "h(x2)", "h", 1), ("y_hat_x1", "ŷ(x1)", "y_hat", 0), ("y_hat_x2", "ŷ(x2)", "y_hat", 1)]),
    ("part2", "Part 2: the loss", [("L_x1", "L(x1, y1)", "example_loss", 0), ("L_x2", "L(x2, y2)", "example_loss", 1),
        ("L_D", "L(D)", "dataset_loss", None)]),
    ("part3", "Part 3: δ_ŷ and δ_h", [("delta_yhat_x1", "δ_ŷ(x1, y1)", "delta_yhat", 0), ("delta_yhat_x2", "δ_ŷ(x2, y2)", "delta_yhat", 1),
        ("delta_h_x1", "δ_h(x1, y1)", "delta_h", 0), ("delta_h_x2", "δ_h(x2, y2)", "delta_h", 1)]),
    ("part4", "Part 4: the gradients", [("grad_x1", "∇θ L(x1, y1)", "example_gradient", 0),
        ("grad_x2", "∇θ L(x2, y2)", "example_gradient", 1), ("grad_D", "∇θ L(D)", "dataset_gradient", None)]),
    ("part5", "Part 5: one gradient-descent step", [("theta_next", "θ after one step", "theta_next", None)]),
    ("part6", "Part 6: the loss after the step", [("L_x1_next", "L(x1, y1) after the step", "example_loss_next", 0),
        ("L_x2_next", "L(x2, y2) after the step", "example_loss_next", 1), ("L_D_next", "L(D) after the step", "dataset_loss_next", None)]),
)


def quantities(net, d) -> dict:
    """Every quantity of the spec's table (the keys of ``symbolic.tutorial_exact``), computed by ``net``."""
    t, X, Y, eta = d["theta"], d["X"], d["Y"], d["eta"]
    rows = list(zip(X, Y))
    nxt = net.gd_step(t, net.dataset_gradient(t, X, Y), eta)
    return {
        "z": [net.forward(t, x)[0] for x in X], "h": [net.forward(t, x)[1] for x in X],
        "y_hat": [net.forward(t, x)[2] for x in X], "example_loss": [net.example_loss(t, x, y) for x, y in rows],
        "dataset_loss": net.dataset_loss(t, X, Y), "delta_yhat": [net.delta_yhat(t, x, y) for x, y in rows],
        "delta_h": [net.delta_h(t, x, y) for x, y in rows],
        "example_gradient": [tuple(net.example_gradient(t, x, y)) for x, y in rows],
        "dataset_gradient": tuple(net.dataset_gradient(t, X, Y)), "theta_next": tuple(nxt),
        "example_loss_next": [net.example_loss(nxt, x, y) for x, y in rows],
        "dataset_loss_next": net.dataset_loss(nxt, X, Y),
    }


def build_hand_parts(data=TUTORIAL) -> list:
    """The hand-worked parts 1–6 on ``data``, with what each known mistake would give."""
    right = quantities(Net(), data)
    wrong = {m: quantities(Net(forms[0]), data) for m, (_, forms) in MISTAKES.items() if forms}
    parts = []
    for pid, title, rows in HAND:
        pick = lambda q, key, i: codec.plain(_plain(q[key] if i is None else q[key][i]))
        quantities_ = tuple((var, label, pick(right, key, i)) for var, label, key, i in rows)
        mistakes = {var: {m: pick(q, key, i) for m, q in wrong.items()
                          if not close(pick(q, key, i), pick(right, key, i), 1e-6, 1e-3)}
                    for var, _, key, i in rows}
        used = {m for per in mistakes.values() for m in per}
        parts.append(HandPart(pid, title, quantities_, mistakes, {m.id: m.message for m in catalogue(used)}))
    return hand_formulas.attach(parts, data)  # error carried forward: autograder.checks.hand_formulas


def __getattr__(name):
    """``CHECKS``, built when first asked for (importing this module for FUNCTIONS costs nothing)."""
    if name == "CHECKS":
        globals()["CHECKS"] = build_checks()
        return globals()["CHECKS"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
HAND_PARTS = build_hand_parts()
