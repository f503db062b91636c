"""Do generated variants keep every rule, on many seeds, and agree exactly with sympy and the reference?

The rules are checked here afresh from the variant file's strings, not through ``broken``.
"""
from __future__ import annotations

import dataclasses
import json
from fractions import Fraction

import numpy as np
import pytest

from autograder.generate import variantfile, variants
from reference import tutorial_net as ref
from reference.symbolic import tutorial_exact

SEEDS = range(60)
STUDENTS = ("alice", "bob", "s0001")
PARTS_1_TO_5 = ("z", "h", "y_hat", "example_loss", "dataset_loss", "delta_yhat", "delta_h",
                "example_gradient", "dataset_gradient", "theta_next")


def numbers(value):
    if isinstance(value, list):
        for v in value:
            yield from numbers(v)
    else:
        yield Fraction(value)


@pytest.fixture(scope="module")
def drawn():
    """{(seed, student): the variant file's dict} for many seeds (class and students)."""
    out = {}
    for seed in SEEDS:
        for student in (None, *STUDENTS[: 1 + seed % 3]):
            out[(seed, student)] = json.loads(variantfile.to_text(variants.first_valid(seed, student)))
    return out


def test_inputs_are_small_integers_and_targets_have_one_decimal(drawn):
    for doc in drawn.values():
        assert all(Fraction(w).denominator == 1 and abs(Fraction(w)) <= 2 for w in doc["theta"])
        assert all(Fraction(x).denominator == 1 and 0 < abs(Fraction(x)) <= 3 for row in doc["X"] for x in row)
        assert all((10 * Fraction(y)).denominator == 1 != Fraction(y).denominator for y in doc["Y"])  # one decimal
        assert len(doc["X"]) == 2 and all(row[0] != row[1] for row in doc["X"])
        assert doc["eta"] in ("0.01", "0.02", "0.05")


def test_every_answer_of_parts_1_to_5_has_at_most_four_decimals(drawn):
    for doc in drawn.values():
        for key in PARTS_1_TO_5:
            for q in numbers(doc["answers"][key]):
                assert (q * 10 ** 4).denominator == 1 and abs(q) <= 30, (key, q)


def test_one_relu_is_off_and_no_z_is_exactly_zero(drawn):
    for doc in drawn.values():
        z, z_next = [Fraction(v) for v in doc["answers"]["z"]], [Fraction(v) for v in doc["answers"]["z_next"]]
        assert sorted(v > 0 for v in z) == [False, True]
        assert 0 not in z + z_next


def test_the_step_lowers_the_loss(drawn):
    for doc in drawn.values():
        a = doc["answers"]
        assert Fraction(a["dataset_loss_next"]) < Fraction(a["dataset_loss"])


def test_answers_are_sympys_exactly_on_the_files_own_numbers(drawn):
    for doc in list(drawn.values())[::3]:
        again = tutorial_exact(doc["theta"], doc["X"], doc["Y"], doc["eta"])
        for key, value in again.items():
            exact = [Fraction(int(q.p), int(q.q)) for q in numbers_sympy(value)]
            assert exact == list(numbers(doc["answers"][key])), key


def numbers_sympy(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from numbers_sympy(v)
    else:
        yield value


def test_answers_equal_the_numpy_reference_on_the_variants_data(drawn):
    for doc in drawn.values():
        d, a = variantfile.data(doc), doc["answers"]
        f = lambda key: np.array([float(q) for q in numbers(a[key])])
        t, X, Y, eta = d["theta"], d["X"], d["Y"], d["eta"]
        forward = np.array([ref.forward(t, x) for x in X])
        assert np.allclose(forward.T.ravel(), np.concatenate([f("z"), f("h"), f("y_hat")]), rtol=1e-12, atol=1e-12)
        assert np.allclose([ref.example_loss(t, x, y) for x, y in zip(X, Y)], f("example_loss"), rtol=1e-12)
        assert np.isclose(ref.dataset_loss(t, X, Y), f("dataset_loss")[0], rtol=1e-12)
        assert np.allclose([ref.delta_h(t, x, y) for x, y in zip(X, Y)], f("delta_h"), rtol=1e-12, atol=1e-12)
        assert np.allclose(np.ravel([ref.example_gradient(t, x, y) for x, y in zip(X, Y)]), f("example_gradient"), atol=1e-12)
        nxt = ref.gd_step(t, ref.dataset_gradient(t, X, Y), eta)
        assert np.allclose(nxt, f("theta_next"), rtol=1e-12, atol=1e-12)
        assert np.isclose(ref.dataset_loss(nxt, X, Y), f("dataset_loss_next")[0], rtol=1e-12)


def test_the_same_seed_and_id_give_the_same_numbers_and_others_differ():
    assert variants.candidate(1, None, 0) == (
        tuple(map(Fraction, (1, 1, -2, 1, 3))), ((Fraction(-3), Fraction(-1)), (Fraction(1), Fraction(3))),
        (Fraction(31, 10), Fraction(26, 5)), Fraction(1, 20))   # pinned: changing the draw changes every class's numbers
    assert variants.candidate(7, "alice", 3) == variants.candidate(7, "alice", 3)
    assert len({variants.candidate(7, s, 0) for s in ("alice", "bob", "carol", None)}) == 4
    assert variants.candidate(7, "alice", 0) != variants.candidate(8, "alice", 0)


def test_a_draw_that_breaks_a_rule_is_not_used_and_the_next_one_is_drawn():
    first = variants.derive(0, None, 0, *variants.candidate(0, None, 0))
    assert variants.broken(first)[0] == "descent"
    chosen = variants.first_valid(0, None)
    assert chosen.attempt > 0 and variants.broken(chosen) == []
    assert all(variants.broken(variants.derive(0, None, k, *variants.candidate(0, None, k))) for k in range(chosen.attempt))


def exact(theta, X, Y, eta):
    F = lambda v: Fraction(str(v))
    return variants.derive(0, None, 0, tuple(map(F, theta)), tuple(tuple(map(F, x)) for x in X), tuple(map(F, Y)), F(eta))


TUTORIAL = ((1, 1, 0, 1, 0), ((2, 1), (-3, 2)), ("1.3", "1.9"), "0.01")


@pytest.mark.parametrize("change, rule", [
    ({}, "not public"),                                       # the tutorial's own numbers: the public cases show them
    ({"X": ((2, 1), (1, 2))}, "mask matters"),                 # both ReLUs on
    ({"X": ((2, 1), (-1, 1))}, "no kink"),                     # z(x2) = 0
    ({"eta": "0.5"}, "descent"),                               # the step overshoots
    ({"eta": "0.0001"}, "hand-sized"),                         # θ' needs five decimals
    ({"Y": ("1.35", "1.9")}, "hand-sized"),                    # a target with two decimals
    ({"theta": (1, 1, 0, "0.5", 0)}, "hand-sized"),            # a weight that is not a whole number
    ({"X": ((2, 1), (-3, 2), (1, 1)), "Y": ("1.3", "1.9", "0.5")}, "terminating"),   # a mean over 3
])
def test_each_rule_catches_its_case(change, rule):
    args = dict(zip(("theta", "X", "Y", "eta"), TUTORIAL)) | change
    broken = variants.broken(exact(**args))
    assert rule in broken
    if rule == "not public":   # and it is the only rule they break
        assert broken == ["not public"]


def test_answers_that_disagree_with_the_reference_are_caught():
    v = exact(*TUTORIAL)
    tampered = dict(v.answers, dataset_loss=v.answers["dataset_loss"] + Fraction(1, 1000))
    assert variants.broken(dataclasses.replace(v, answers=tampered)) == ["not public", "reference"]


def test_a_class_gets_numbers_that_differ_in_every_part_beyond_the_tolerance():
    class_variant, students = variants.assign(5, [f"s{i:02d}" for i in range(40)])
    everyone = [class_variant, *students.values()]
    values = [variants.part_values(v) for v in everyone]
    for i in range(len(everyone)):
        for j in range(i):
            for a, b in zip(values[i], values[j]):
                tol = 2 * (1e-3 + 1e-4 * np.maximum(np.abs(a), np.abs(b)))
                assert np.any(np.abs(a - b) > tol), (everyone[i].student, everyone[j].student)
    assert list(students) == sorted(students) and all(v.student == s for s, v in students.items())
    # a class this size has room for two numbers apart everywhere: a part copied alone always shows
    assert min(variants.apart(values[i], values[j]) for i in range(len(values)) for j in range(i)) >= 2
