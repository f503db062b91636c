"""What the general diagnosis needs, added to built checks (instructor side).

``attach(assignment, checks, seed)`` gives every check

    names     its returned value's parts in the course's words (z(x), h(x), ŷ(x); ∂L/∂w0 …)
    related   per hidden case, the right values of related quantities on the same arguments: the
              other contract functions that take a prefix of its arguments (relu(z) for
              relu_derivative, L(x, y) for delta_yhat), their parts, a few runs of the
              same loop (θ after one step fewer, with the gradient computed once …), and the
              values of the function's near misses (``near_misses``: one edit of its code)
    facts     per hidden case, the numbers a relation may be stated in: n, K, η, λ, w0 … w4, z(x)
    probes    unscored cases drawn like hidden ones (their own draws, never a hidden case's
              inputs), each changing one argument or one parameter of a base call, so that the
              grader sees whether the function responds as the right one does

Everything is computed by the reference here, when checks are built; the student runtime
only compares (``autograder.student.diagnose``). Probes are hidden (they travel only in
hidden test cells and in the grader's parent process with their expected values).
"""
from __future__ import annotations

import inspect
import zlib
from dataclasses import replace

import numpy as np

from autograder.checks import aggregates, build, near_misses
from autograder.student import codec

TUTORIAL_WORDS = {"forward": ("z(x)", "h(x)", "ŷ(x)"), "example_loss": "L(x, y)", "delta_yhat": "δ_ŷ(x, y)",
                  "delta_h": "δ_h(x, y)", "example_gradient": "∇θ L(x, y)", "dataset_loss": "L(D)",
                  "dataset_gradient": "∇θ L(D)", "relu": "relu(z)", "relu_derivative": "g'(z)"}
MLP_WORDS = {"sigmoid": "σ(a)", "sigmoid_derivative": "σ'(a)", "tanh_derivative": "tanh'(a)", "relu": "relu(a)",
             "relu_derivative": "relu'(a)", "softmax": "softmax(A)", "cross_entropy": "the cross-entropy",
             "squared_error": "the squared error", "output_delta": "F − Y"}
GRAD = tuple(f"∂L/∂w{i}" for i in range(5))
NAMES = {
    "tutorial_net": {"forward": ("z(x)", "h(x)", "ŷ(x)"), "example_gradient": GRAD, "dataset_gradient": GRAD,
                     "gd_step": tuple(f"the new w{i}" for i in range(5)), "gradient_descent": ("θ after the steps", "losses")},
    "mlp": {"forward": ("F", "the cache"), "train": ("the trained params", "losses")},
}


def attach(assignment: str, checks: list, seed: int, near: bool = True) -> list:
    """The checks with names, related values, facts and probes; ``near``: with the near misses'
    values too (1 s of CPU for both assignments; a check of the public cases only needs none)."""
    ref, words = _reference(assignment)
    out = []
    for check in checks:
        # hidden cases only: public cases travel in the release, which must hold no number beyond
        # the public cases' own (a related value could coincide with a hidden answer)
        cases = [replace(c, related={**related(assignment, ref, words, check.function, c.args),
                                     **(near_misses.values(assignment, check.function, c.args) if near else {}),
                                     **(aggregates.values(assignment, check.function, c.args, ref) if near else {})},
                         facts=facts(assignment, ref, check.function, c.args)) if c.hidden else c for c in check.cases]
        for base_args, variations in probes(assignment, check.function, seed):
            index = len(cases)
            cases.append(_probe(assignment, ref, words, check.function, base_args, -1, "the base call"))
            for args, varies in variations:
                cases.append(_probe(assignment, ref, words, check.function, args, index, varies))
        out.append(replace(check, cases=tuple(cases), names=NAMES[assignment].get(check.function, ())))
    return out


def _probe(assignment, ref, words, name, args, base, varies):
    functions = _functions(assignment)
    case = build.case(ref, functions, name, args, f"probe: {varies}", True, {}, None)
    return replace(case, probe=True, base=base, varies=varies,
                   related=related(assignment, ref, words, name, args), facts=facts(assignment, ref, name, args))


def _functions(assignment):
    if assignment == "tutorial_net":
        from autograder.checks import tutorial_net as module
    else:
        from autograder.checks import mlp as module
    return module.FUNCTIONS


def _reference(assignment):
    if assignment == "tutorial_net":
        from reference import tutorial_net as ref
        return ref, TUTORIAL_WORDS
    from reference import mlp as ref
    return ref, MLP_WORDS


def _params(function) -> list:
    return list(inspect.signature(function).parameters)


def related(assignment, ref, words, name, args) -> dict:
    """{label: right value} of the other contract functions on a prefix of ``args``, and loop runs."""
    out = {}
    mine = _params(getattr(ref, name))
    for other, label in words.items():
        if other == name or not hasattr(ref, other):
            continue
        theirs = _params(getattr(ref, other))
        theirs = [p for p in theirs if inspect.signature(getattr(ref, other)).parameters[p].default is inspect.Parameter.empty]
        if theirs != mine[:len(theirs)]:
            continue
        try:
            with np.errstate(all="ignore"):
                value = getattr(ref, other)(*args[:len(theirs)])
        except Exception:
            continue
        if not np.all(np.isfinite(np.asarray(_float(value), dtype=float))):
            continue
        if isinstance(label, tuple):
            out.update({part: codec.plain(_float(v)) for part, v in zip(label, value)})
        else:
            out[f"{label} (what `{other}` returns)"] = codec.plain(_float(value))
    if assignment == "mlp" and name in ("sigmoid", "relu", "sigmoid_derivative", "relu_derivative", "tanh_derivative"):
        out["tanh(a)"] = codec.plain(np.tanh(np.asarray(args[0], dtype=float)))
    if assignment == "tutorial_net":
        out.update(_tutorial_loops(ref, name, args))
        if name in ("example_loss", "dataset_loss") and np.shape(args[0]) == (5,):
            out["‖θ‖² (the squared norm of θ: a penalty on the weights, L2 regularisation)"] = float(np.sum(np.asarray(args[0], dtype=float) ** 2))
    if assignment == "mlp" and name == "gd_update":
        params, grads, eta = args
        out["params − η²·grads (η applied twice)"] = codec.plain(
            [(np.asarray(W) - eta * eta * np.asarray(dW), np.asarray(b) - eta * eta * np.asarray(db)) for (W, b), (dW, db) in zip(params, grads)])
        out["η·grads"] = codec.plain([(eta * np.asarray(dW), eta * np.asarray(db)) for dW, db in grads])
        out["−η·grads (the step alone, without the params)"] = codec.plain([(-eta * np.asarray(dW), -eta * np.asarray(db)) for dW, db in grads])
    if assignment == "mlp" and name == "train":
        params, X, Y, activation, task, eta, lam, epochs = args
        out.update(_objectives(ref, args))
        out.update(_loop_runs(
            lambda p, e: ref.gd_update(p, ref.gradients(p, X, Y, activation, task, lam), e),
            lambda p: ref.gradients(p, X, Y, activation, task, lam), ref.gd_update,
            lambda p: float(ref.objective(p, X, Y, activation, task, lam)), params, eta, epochs, "the params", "epoch"))
    if assignment == "mlp" and name == "gradients":
        params, lam = args[0], (args[5] if len(args) > 5 else 0.0)
        if lam:
            out["λW (the L2 term's gradient)"] = codec.plain([(lam * np.asarray(W), 0.0 * np.asarray(b)) for W, b in params])
    return out


def _objectives(ref, args) -> dict:
    """The losses of the right training run, each recorded with another objective than
    L_S + (λ/2) Σ_h ‖W^(h)‖²: the data term alone, the other task's loss, the penalty with
    ‖W‖ not squared, on the last layer only, with λ for λ/2, or on the biases too."""
    params, X, Y, activation, task, eta, lam, epochs = args
    states = [params]
    for _ in range(epochs):
        states.append(ref.gd_update(states[-1], ref.gradients(states[-1], X, Y, activation, task, lam), eta))
    other = "regression" if task == "classification" else "classification"

    def data(p, kind=task):
        F, _ = ref.forward(p, X, activation, task)
        return float((ref.squared_error if kind == "regression" else ref.cross_entropy)(F, np.asarray(Y, dtype=float)))

    def norms(p, f):
        return sum(f(np.asarray(W, dtype=float), np.asarray(b, dtype=float)) for W, b in p)

    variants = {
        "the data loss L_S alone, without the penalty (λ/2) Σ ‖W^(h)‖²": lambda p: data(p),
        f"the {'squared error' if other == 'regression' else 'cross-entropy'} (the loss of the other task) where the "
        f"{'cross-entropy' if task == 'classification' else 'squared error'} of this task belongs (task not used for the loss)":
            lambda p: data(p, other) + lam / 2 * norms(p, lambda W, b: np.sum(W ** 2)),
        "L_S + (λ/2) Σ ‖W^(h)‖ with the norm not squared, where (λ/2) Σ ‖W^(h)‖² belongs":
            lambda p: data(p) + lam / 2 * norms(p, lambda W, b: np.sqrt(np.sum(W ** 2))),
        "L_S + (λ/2) ‖W^(D)‖²: the penalty on the last layer only, where every weight matrix belongs":
            lambda p: data(p) + lam / 2 * float(np.sum(np.asarray(p[-1][0], dtype=float) ** 2)),
        "L_S + λ Σ ‖W^(h)‖²: λ where λ/2 belongs": lambda p: data(p) + lam * norms(p, lambda W, b: np.sum(W ** 2)),
        "L_S + (λ/2) Σ (‖W^(h)‖² + ‖b^(h)‖²): the biases penalised too": lambda p: data(p) + lam / 2 * norms(p, lambda W, b: np.sum(W ** 2) + np.sum(b ** 2)),
    }
    out = {}
    for words, loss in variants.items():
        try:
            with np.errstate(all="ignore"):
                losses = tuple(float(loss(p)) for p in states)
        except Exception:
            continue
        if all(np.isfinite(losses)):
            out[f"the losses recorded with {words}"] = codec.plain(losses)
    return out


def _tutorial_loops(ref, name, args) -> dict:
    """θ and losses of nearby runs: one step fewer or more, η², the gradient computed once."""
    if name == "gd_step":
        theta, grad, eta = args
        return {"−η·grad (the step alone, without θ)": codec.plain(-eta * np.asarray(grad)),
                "θ − η²·grad (η applied twice)": codec.plain(np.asarray(theta) - eta * eta * np.asarray(grad))}
    if name != "gradient_descent":
        return {}
    theta, X, Y, eta, steps = args
    return _loop_runs(lambda t, e: ref.gd_step(t, ref.dataset_gradient(t, X, Y), e), lambda t: ref.dataset_gradient(t, X, Y),
                      ref.gd_step, lambda t: float(ref.dataset_loss(t, X, Y)), np.asarray(theta, dtype=float), eta, steps, "θ", "step")


def _loop_runs(step, gradient, update, loss, start, eta, steps, what, unit) -> dict:
    """What GD loops with a slip return, for both assignments: ``what`` (θ, the params) and the
    losses after one ``unit`` fewer or more, with η², with the gradient computed once and reused,
    the losses shifted by one step, and ``what`` as given (no step taken)."""
    def run(k, e=eta):
        states = [start]
        for _ in range(k):
            states.append(step(states[-1], e))
        return states

    out = {}
    for k, words in ((steps - 1, f"one {unit} fewer"), (steps + 1, f"one {unit} more"),
                     (2 * steps, f"two steps in every {unit} (the update made twice in each pass of the loop)")):
        if k >= 0:
            states = run(k)
            out[f"{what} after {words}"] = codec.plain(states[-1])
            out[f"the losses of a run with {words}"] = codec.plain(tuple(loss(t) for t in states))
    states = run(steps, eta * eta)
    out[f"{what} after the {unit}s with η² (η applied twice)"] = codec.plain(states[-1])
    out["the losses of the run with η² (η applied twice)"] = codec.plain(tuple(loss(t) for t in states))
    g0 = gradient(start)
    frozen = [start]
    for _ in range(steps):
        frozen.append(update(frozen[-1], g0, eta))
    out[f"{what} with the gradient computed once, at the start, and reused"] = codec.plain(frozen[-1])
    out["the losses of that run (the gradient computed once and reused)"] = codec.plain(tuple(loss(t) for t in frozen))
    losses = [loss(t) for t in run(steps + 1)]
    out[f"the losses one {unit} later (after each {unit}, the start missing)"] = codec.plain(tuple(losses[1:steps + 2]))
    out[f"the losses of {what} before each {unit}, the last one repeated"] = codec.plain(
        tuple(losses[:steps] + [losses[steps - 1]]) if steps else ())
    if steps:
        out[f"{what} it was given, unchanged: no {unit} taken"] = codec.plain(start)
    if steps > 2:
        out[f"{what} after a single {unit}, whatever the number of {unit}s"] = codec.plain(run(1)[-1])
    return out


def _float(value):
    if isinstance(value, tuple):
        return tuple(_float(v) for v in value)
    return value


def facts(assignment, ref, name, args) -> dict:
    """{name: number} of one call: the sizes and step sizes, the weights, z(x) (an argument left
    out counts with its default: λ = 0 when gradients is called without lam)."""
    try:
        bound = inspect.signature(getattr(ref, name)).bind(*args)
        bound.apply_defaults()
        params = dict(bound.arguments)
    except TypeError:
        params = dict(zip(_params(getattr(ref, name)), args))
    out = {}
    if assignment == "tutorial_net":
        if "theta" in params and np.shape(params["theta"]) == (5,):
            out.update({f"w{i}": float(w) for i, w in enumerate(params["theta"])})
            if "x" in params:
                out["z(x)"] = float(ref.forward(params["theta"], params["x"])[0])
        if "X" in params:
            out["n"] = float(len(params["X"]))
        for key, word in (("eta", "η"), ("steps", "steps")):
            if key in params:
                out[word] = float(params[key])
        return out
    for key in ("X", "F", "A", "Y"):
        if key in params and np.ndim(params[key]) == 2:
            out["n"] = float(np.shape(params[key])[0])
            if key in ("F", "Y"):
                out["K"] = float(np.shape(params[key])[1])
            break
    if name == "hidden_delta":
        out["n"] = float(np.shape(params["A"])[0])
    for key, word in (("eta", "η"), ("lam", "λ")):
        if key in params and isinstance(params[key], (int, float)):
            out[word] = float(params[key])
    return out


# ---- probes -------------------------------------------------------------------------
def probes(assignment: str, name: str, seed: int) -> list:
    """[(base args, [(args with one change, what changed), …])] for function ``name``."""
    rng = np.random.default_rng([seed, 77, zlib.crc32(name.encode())])  # (a sum of letters makes anagrams collide)
    drawn = (_tutorial_probes if assignment == "tutorial_net" else _mlp_probes)(rng, name)
    # and the base call made again, unchanged: the right function gives the same value every time
    return [(base, list(variations) + [(base, AGAIN)]) for base, variations in drawn]


AGAIN = "nothing (the same call made again)"


def _tutorial_probes(rng, name) -> list:
    from autograder.checks import tutorial_net as tn
    theta, x, y, _ = tn._example(rng, "z > 0")
    theta, x = _jitter(rng, theta), _jitter(rng, x)   # continuous: no probe shares an input with any other case
    weights = ("w0", "w1", "w2 (the hidden unit's bias)", "w3", "w4 (the output bias)")

    def vary_theta(args, at=0):
        for i, words in enumerate(weights):
            t = np.array(args[at], dtype=float)
            t[i] += 0.5 if t[i] != -0.5 else 1.0
            yield (*args[:at], t, *args[at + 1:]), words

    if name in ("example_loss", "delta_yhat", "delta_h", "example_gradient"):
        base = (theta, x, y)
        extra = [((theta, x + np.array([0.5, 0.0]), y), "x[0]"), ((theta, x + np.array([0.0, 0.5]), y), "x[1]"),
                 ((theta, x, y + 0.7), "y")]
        return [(base, list(vary_theta(base)) + extra)]
    if name == "forward":
        base = (theta, x)
        return [(base, list(vary_theta(base)) + [((theta, x + np.array([0.5, 0.0])), "x[0]"),
                                                 ((theta, x + np.array([0.0, 0.5])), "x[1]")])]
    if name in ("dataset_loss", "dataset_gradient", "gradient_descent"):
        t, X, Y = _active_dataset(rng, tn)
        tail = (0.05, 2) if name == "gradient_descent" else ()
        base = (t, X, Y, *tail)
        last = X.copy()
        last[-1] = last[-1] + 0.5
        first = X.copy()
        first[0] = first[0] + 0.5
        out = [((t, X[::-1].copy(), Y[::-1].copy(), *tail), "the order of the examples"),
               ((t, last, Y, *tail), "the last example"), ((t, first, Y, *tail), "the first example")]
        if tail:
            out += [((t, X, Y, 0.1, 2), "η")]
        return [(base, out + list(vary_theta(base))[:5:4])]
    if name == "gd_step":
        grad = np.round(rng.uniform(-3, 3, 5), 1)
        base = (theta, grad, 0.1)
        return [(base, [((theta + 0.5, grad, 0.1), "θ"), ((theta, grad + 0.5, 0.1), "grad"), ((theta, grad, 0.3), "η")])]
    return []


def _active_dataset(rng, tn, n=3):
    """θ and n examples whose ReLU is on, far from its kink (so that small changes keep it on)."""
    from reference import tutorial_net as ref
    t, x, y, _ = tn._example(rng, "z > 0")
    rows, ys = [], []
    for _ in range(10000):
        x = rng.integers(-3, 4, size=2).astype(float)
        if ref.forward(t, x)[0] > 2 and (not rows or any((x != r).any() for r in rows)):
            rows.append(x)
            ys.append(float(np.round(rng.uniform(-2, 3), 1)))
        if len(rows) == n:
            break
    return _jitter(rng, t), _jitter(rng, np.array(rows)), np.array(ys)


def _jitter(rng, a):
    a = np.asarray(a, dtype=float)
    return np.round(a + rng.uniform(-0.05, 0.05, size=a.shape), 3)


def _mlp_probes(rng, name) -> list:
    from autograder.checks import mlp as mc
    from reference import mlp as ref
    params, X, Y_reg, Y_cls = mc._random_problem(rng, 2, "tanh", False)
    n = len(X)

    def bump(k, which):
        out = [(np.array(W, dtype=float), np.array(b, dtype=float)) for W, b in params]
        W, b = out[k]
        out[k] = (W + 0.5, b) if which == "W" else (W, b + 0.5)
        return out

    layer = {0: "1", 1: "D"}
    if name == "forward":
        base = (params, X, "tanh", "regression")
        return [(base, [((bump(k, w), X, "tanh", "regression"), f"{w}^({layer[k]})") for k in (0, 1) for w in ("W", "b")]
                 + [((params, X + 0.5, "tanh", "regression"), "X"), ((params, X, "sigmoid", "regression"), "activation")])]
    if name == "gradients":
        base = (params, X, Y_reg, "tanh", "regression", 0.3)
        return [(base, [((params, X, Y_reg, "tanh", "regression", 0.0), "λ"),
                        ((bump(1, "b"), X, Y_reg, "tanh", "regression", 0.3), "b^(D)"),
                        ((params, X[::-1].copy(), Y_reg[::-1].copy(), "tanh", "regression", 0.3), "the order of the examples"),
                        ((params, X, Y_reg, "sigmoid", "regression", 0.3), "activation"),
                        ((params, X, Y_reg + 0.5, "tanh", "regression", 0.3), "Y")])]
    F, _ = ref.forward(params, X, "tanh", "classification")
    if name == "cross_entropy":
        G = F.copy()
        G[Y_cls == 0] *= 0.5
        return [((F, Y_cls), [((G, Y_cls), "F outside the true class"), ((F[::-1].copy(), Y_cls[::-1].copy()), "the order of the examples"),
                              ((F, np.roll(Y_cls, 1, axis=1)), "Y (another true class in every row)")])]
    if name in ("squared_error", "output_delta"):
        G = F * 1.3 + rng.uniform(0.1, 0.4, size=F.shape)
        return [((F, Y_reg), [((G, Y_reg), "F"), ((F, Y_reg + rng.uniform(0.1, 0.4, size=F.shape)), "Y")])]
    if name == "softmax":
        A = rng.normal(size=(max(n, 2), 3))
        B = A.copy()
        B[0] += 3.0
        return [((A,), [((B,), "a constant added to every entry of one row")])]
    if name == "hidden_delta":
        A = rng.normal(size=(n, 3))
        W = rng.normal(size=(2, 3))
        D = rng.normal(size=(n, 2))
        return [((A, W, D, "tanh"), [((A + 0.5, W, D, "tanh"), "A"), ((A, W + 0.5, D, "tanh"), "W_next"),
                                     ((A, W, D + 0.5, "tanh"), "delta_next"), ((A, W, D, "sigmoid"), "activation")])]
    if name == "train":
        base = (params, X, Y_reg, "tanh", "regression", 0.1, 0.2, 2)
        return [(base, [((params, X, Y_reg, "tanh", "regression", 0.1, 0.0, 2), "λ"),
                        ((params, X, Y_reg, "tanh", "regression", 0.3, 0.2, 2), "η"),
                        ((params, X, Y_reg, "sigmoid", "regression", 0.1, 0.2, 2), "activation")])]
    if name == "backward":
        _, cache = ref.forward(params, X, "tanh", "regression")
        return [((params, cache, Y_reg, "tanh"), [((bump(1, "W"), cache, Y_reg, "tanh"), "W^(D)"),
                                                   ((params, cache, Y_reg + 0.5, "tanh"), "Y"),
                                                   ((params, cache, Y_reg, "sigmoid"), "activation")])]
    if name == "gd_update":
        grads = ref.gradients(params, X, Y_reg, "tanh", "regression", 0.2)
        return [((params, grads, 0.1), [((bump(0, "W"), grads, 0.1), "W^(1)"), ((bump(1, "b"), grads, 0.1), "b^(D)"),
                                        ((params, [(dW + 0.5, db) for dW, db in grads], 0.1), "dW (every layer)"),
                                        ((params, grads, 0.3), "η")])]
    return []
