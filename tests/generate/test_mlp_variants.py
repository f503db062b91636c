"""Variants of mlp's worked network: the issue's rules on many seeds, every answer checked against
an independent exact computation (backprop by hand in Fractions, written here), the NumPy
reference and finite differences; the variant file and the worked solution state those numbers."""
from __future__ import annotations

import json
import re
from fractions import Fraction

import numpy as np
import pytest
import sympy

from autograder.generate import decimals, mlp_sheet, mlp_variants, variantfile
from reference import mlp as ref

SEEDS = range(14)
VARIANTS = [mlp_variants.first_valid(seed) for seed in SEEDS]


# ----- an independent exact computation: the shallow ReLU network by the lecture's formulas ----

def relu(a):
    return a if a > 0 else Fraction(0)


def hand(params, X, Y, lam):
    """Forward, ½ squared error, δ's and the batch gradients of a 2-layer ReLU net, in Fractions."""
    (W1, b1), (W2, b2) = params
    out = {"A1": [], "Z1": [], "A2": [], "loss": Fraction(0), "d1": [], "d2": []}
    gW1 = [[Fraction(0)] * len(W1[0]) for _ in W1]
    gW2 = [[Fraction(0)] * len(W2[0]) for _ in W2]
    gb1, gb2 = [Fraction(0)] * len(b1), [Fraction(0)] * len(b2)
    n = len(X)
    for x, y in zip(X, Y):
        a1 = [sum(w * v for w, v in zip(row, x)) + b for row, b in zip(W1, b1)]
        z1 = [relu(a) for a in a1]
        a2 = [sum(w * v for w, v in zip(row, z1)) + b for row, b in zip(W2, b2)]
        d2 = [f - t for f, t in zip(a2, y)]
        d1 = [(1 if a1[j] > 0 else 0) * sum(W2[k][j] * d2[k] for k in range(len(d2))) for j in range(len(a1))]
        out["loss"] += sum(d * d for d in d2) / 2 / n
        for key, value in (("A1", a1), ("Z1", z1), ("A2", a2), ("d1", d1), ("d2", d2)):
            out[key].append(value)
        for k in range(len(d2)):
            gb2[k] += d2[k] / n
            for j in range(len(z1)):
                gW2[k][j] += d2[k] * z1[j] / n
        for j in range(len(d1)):
            gb1[j] += d1[j] / n
            for i in range(len(x)):
                gW1[j][i] += d1[j] * x[i] / n
    penalty = sum(w * w for W in (W1, W2) for row in W for w in row)
    out["penalty"], out["objective"] = penalty, out["loss"] + lam / 2 * penalty
    out["grads"] = [[[[g + lam * w for g, w in zip(grow, wrow)] for grow, wrow in zip(gW1, W1)], gb1],
                    [[[g + lam * w for g, w in zip(grow, wrow)] for grow, wrow in zip(gW2, W2)], gb2]]
    return out


def step(params, grads, eta):
    return [([[w - eta * g for w, g in zip(wr, gr)] for wr, gr in zip(W, dW)], [v - eta * g for v, g in zip(b, db)])
            for (W, b), (dW, db) in zip(params, grads)]


def exact(tree):
    return decimals.tree(tree, decimals.fraction)


# ----- the rules ------------------------------------------------------------------------------

@pytest.mark.parametrize("v", VARIANTS, ids=[f"seed{s}" for s in SEEDS])
def test_the_inputs_are_small_whole_numbers_like_the_lectures(v):
    (W1, b1), (W2, b2) = v.params
    assert all(w in (-2, -1, 1, 2) for W in (W1, W2) for row in W for w in row)
    assert all(b in (-1, 0, 1) for b in (*b1, *b2))
    assert all(x == int(x) and abs(x) <= 2 for row in v.X for x in row)
    assert len(set(v.X)) == 2 and all(any(row) for row in v.X)
    assert all(sorted(row) == [0, 1] for row in v.Y_classification)
    assert v.lam in (Fraction(1, 10), Fraction(1, 5)) and v.eta in (Fraction(1, 20), Fraction(1, 10), Fraction(1, 5))


@pytest.mark.parametrize("v", VARIANTS, ids=[f"seed{s}" for s in SEEDS])
def test_every_regression_answer_equals_backprop_by_hand_exactly(v):
    r = v.answers["regression"]
    h = hand(v.params, v.X, v.Y_regression, v.lam)
    assert exact(r["A"]) == [h["A1"], h["A2"]] and exact(r["Z"]) == [h["Z1"]] and exact(r["F"]) == h["A2"]
    assert exact(r["deltas"]) == [h["d1"], h["d2"]]
    assert exact(r["gradients"]) == h["grads"]
    assert (exact(r["loss"]), exact(r["penalty"]), exact(r["objective"])) == (h["loss"], h["penalty"], h["objective"])
    nxt = step(v.params, h["grads"], v.eta)
    assert exact(r["params_next"]) == [[W, b] for W, b in nxt]
    after = hand(nxt, v.X, v.Y_regression, v.lam)
    second = hand(step(nxt, after["grads"], v.eta), v.X, v.Y_regression, v.lam)
    assert exact(r["losses"]) == [h["objective"], after["objective"], second["objective"]]


@pytest.mark.parametrize("v", VARIANTS, ids=[f"seed{s}" for s in SEEDS])
def test_hand_sized_terminating_and_the_mask_matters_without_kinks(v):
    r = v.answers["regression"]
    h = hand(v.params, v.X, v.Y_regression, v.lam)
    hand_numbers = [decimals.fraction(n) for key in ("A", "Z", "F", "deltas", "example_gradients", "gradients", "params_next")
                    for n in _flat(r[key])]
    assert all(decimals.places(n) is not None and decimals.places(n) <= 4 for n in hand_numbers)
    assert all(abs(n) <= 20 for key in ("A", "deltas", "gradients") for n in _flat(exact(r[key])))
    assert all(decimals.places(n) is not None for n in _flat(exact(r)))
    A1 = [a for row in h["A1"] for a in row]
    assert 0 not in A1 and any(a < 0 for a in A1) and sum(a > 0 for a in A1) >= 2
    (_, _), (W2, _) = v.params
    back = [[sum(W2[k][j] * d2[k] for k in range(2)) for j in range(2)] for d2 in h["d2"]]
    assert any(back[i][j] != 0 for i in range(2) for j in range(2) if h["A1"][i][j] < 0), "the switched-off unit would pass something back"
    after = hand(step(v.params, h["grads"], v.eta), v.X, v.Y_regression, v.lam)
    assert 0 not in [a for row in after["A1"] for a in row]


@pytest.mark.parametrize("v", VARIANTS, ids=[f"seed{s}" for s in SEEDS])
def test_each_example_misses_by_the_same_amount_in_one_output_and_eta_overshoots(v):
    h = hand(v.params, v.X, v.Y_regression, v.lam)
    misses = [[abs(f - y) for f, y in zip(F, Y)] for F, Y in zip(h["A2"], v.Y_regression)]
    assert all(sorted(m)[0] == 0 and sorted(m)[1] > 0 for m in misses) and len({max(m) for m in misses}) == 1
    J = [h["objective"]]
    params = v.params
    for _ in range(2):
        params = step(params, hand(params, v.X, v.Y_regression, v.lam)["grads"], v.eta)
        J.append(hand(params, v.X, v.Y_regression, v.lam)["objective"])
    assert J[1] < J[0] < J[2]
    J, params = [h["objective"]], v.params
    for _ in range(5):
        params = step(params, hand(params, v.X, v.Y_regression, v.lam)["grads"], v.eta / 2)
        J.append(hand(params, v.X, v.Y_regression, v.lam)["objective"])
    assert all(b < a for a, b in zip(J, J[1:]))


@pytest.mark.parametrize("v", VARIANTS[:6], ids=[f"seed{s}" for s in SEEDS[:6]])
def test_classification_answers_equal_the_reference_and_finite_differences(v):
    c = v.answers["classification"]
    w = v.worked()
    params, X, Y, lam = w["params"], w["X"], w["Y_classification"], w["lam"]
    value = lambda tree: np.array([float(sympy.N(n, 30)) for n in _flat(tree)])  # noqa: E731
    F, _ = ref.forward(params, X, "relu", "classification")
    np.testing.assert_allclose(value(c["F"]), F.ravel(), rtol=1e-12)
    grads = ref.gradients(params, X, Y, "relu", "classification", lam)
    np.testing.assert_allclose(value(c["gradients"]), np.concatenate([np.r_[dW.ravel(), db] for dW, db in grads]), rtol=1e-10, atol=1e-12)

    def J(ps):
        Fp, _ = ref.forward(ps, X, "relu", "classification")
        return ref.cross_entropy(Fp, Y) + lam / 2 * sum(float(np.sum(W ** 2)) for W, _ in ps)

    assert float(sympy.N(c["objective"], 30)) == pytest.approx(J(params), rel=1e-12)
    numeric = []
    for h, (W, b) in enumerate(params):
        for arr in (W, b):
            for idx in np.ndindex(arr.shape):
                plus = [(Wq.copy(), bq.copy()) for Wq, bq in params]
                minus = [(Wq.copy(), bq.copy()) for Wq, bq in params]
                k = 0 if arr is W else 1
                plus[h][k][idx] += 1e-6
                minus[h][k][idx] -= 1e-6
                numeric.append((J(plus) - J(minus)) / 2e-6)
    np.testing.assert_allclose(value(c["gradients"]), numeric, rtol=1e-5, atol=1e-6)


def test_the_same_seed_gives_the_same_variant_and_seeds_differ():
    assert mlp_variants.first_valid(3) == VARIANTS[3]
    assert len({(v.params, v.X, v.Y_regression) for v in VARIANTS}) == len(VARIANTS)


def test_a_draw_that_breaks_a_rule_is_not_used():
    """The draws before the kept one each break some rule, checked here from their numbers."""
    v = VARIANTS[0]
    assert v.attempt > 0
    for attempt in range(v.attempt):
        params, X, Y, Y_cls, lam, eta = mlp_variants.candidate(0, None, attempt)
        h = hand(params, X, Y, lam)
        A1 = [a for row in h["A1"] for a in row]
        J = [h["objective"]]
        ps = params
        for _ in range(2):
            ps = step(ps, hand(ps, X, Y, lam)["grads"], eta)
            J.append(hand(ps, X, Y, lam)["objective"])
        big = max(abs(n) for n in _flat([h["A1"], h["A2"], h["d1"], h["d2"], h["grads"]])) > 20
        assert (0 in A1 or not any(a < 0 for a in A1) or sum(a > 0 for a in A1) < 2 or not (J[1] < J[0] < J[2])
                or big or len(set(X)) < 2 or not all(any(r) for r in X)
                or mlp_variants.float_rules(mlp_variants.worked_dict(params, X, Y, Y_cls, lam, eta))), attempt


# ----- the variant file and the worked solution -----------------------------------------------

@pytest.mark.parametrize("v", VARIANTS[:4], ids=[f"seed{s}" for s in SEEDS[:4]])
def test_the_variant_file_holds_every_answer_exactly(v):
    doc = json.loads(variantfile.to_text(v, "mlp"))
    assert doc["format"] == "mlp-variant/1" and doc["seed"] == v.seed and doc["student"] is None
    h = hand(v.params, v.X, v.Y_regression, v.lam)
    reg = doc["answers"]["regression"]
    assert decimals.tree(reg["gradients"], variantfile.exact_value) == h["grads"]
    assert variantfile.exact_value(reg["objective"]) == h["objective"]
    F, _ = ref.forward(v.worked()["params"], v.worked()["X"], "relu", "classification")
    got = np.array([float(sympy.N(variantfile.exact_value(s), 30)) for s in _flat(doc["answers"]["classification"]["F"])])
    np.testing.assert_allclose(got, F.ravel(), rtol=1e-12)
    worked = variantfile.mlp_worked(doc)
    for (W, b), (W_, b_) in zip(worked["params"], v.worked()["params"]):
        assert np.array_equal(W, W_) and np.array_equal(b, b_)
    assert (worked["lam"], worked["eta"], worked["activation"]) == (float(v.lam), float(v.eta), "relu")


DISPLAY = re.compile(r"^\$\$(.*)\$\$$", re.M)


def parse_latex(text: str):
    """A number, or a pmatrix as a list of rows (a column vector as a flat list)."""
    if text.startswith(r"\begin{pmatrix}"):
        rows = [[Fraction(x.strip()) for x in row.split("&")]
                for row in text[len(r"\begin{pmatrix}"):-len(r"\end{pmatrix}")].split(r"\\")]
        return [r[0] for r in rows] if all(len(r) == 1 for r in rows) else rows
    return Fraction(text)


@pytest.mark.parametrize("v", VARIANTS[:4], ids=[f"seed{s}" for s in SEEDS[:4]])
def test_the_worked_solution_states_the_hand_computed_numbers(v):
    md = mlp_sheet.markdown(v, "t")
    h = hand(v.params, v.X, v.Y_regression, v.lam)
    nxt = step(v.params, h["grads"], v.eta)
    expected = {"L_S": h["loss"], "J": h["objective"], "dW^{(1)}": h["grads"][0][0], "db^{(1)}": h["grads"][0][1],
                "dW^{(2)}": h["grads"][1][0], "db^{(2)}": h["grads"][1][1], "W^{(1)'}": nxt[0][0], "b^{(2)'}": nxt[1][1],
                "J'": hand(nxt, v.X, v.Y_regression, v.lam)["objective"]}
    for i in range(2):
        expected.update({f"a^{{(1)}}(x_{i + 1})": h["A1"][i], f"z^{{(1)}}(x_{i + 1})": h["Z1"][i],
                         f"a^{{(2)}}(x_{i + 1})": h["A2"][i], f"\\delta^{{(2)}}(x_{i + 1})": h["d2"][i],
                         f"\\delta^{{(1)}}(x_{i + 1})": h["d1"][i]})
    stated = {}
    for line in DISPLAY.findall(md):
        sides = line.split(" = ")
        stated.setdefault(sides[0], []).append(parse_latex(sides[-1]))
    for lhs, want in expected.items():
        assert stated.get(lhs) == [want], lhs
    assert set(mlp_sheet.LABELS) <= set(stated)
    html = mlp_sheet.to_html(md, "t")
    assert "<h2>5. One step of gradient descent</h2>" in html and "<math" in html and "$$" not in html


def _flat(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _flat(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _flat(v)
    else:
        yield value
