"""Issue 13, eighth round: a wrong value as a formula of the arguments (``student.forms``), the
kind of thing returned said once (``student.kinds``), GD runs (``student.loops``), means over
the examples put together another way (``checks.aggregates``), objectives of a training run,
and errors read in our words (``student.raised``).

Expected values are computed here with NumPy from the course's formulas, or come from a
slipped solution actually run (a notebook's test cell, as nbgrader runs it); never from the
code under test.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from autograder.checks import aggregates
from autograder.checks import mlp as mlp_checks
from autograder.checks import tutorial_net as tn_checks
from autograder.student import codec, forms, grading, kinds, loops, raised
from autograder.student.grading import Outcome
from autograder.student.model import Case, Check
from reference import tutorial_net as tn_ref
from tests.students import mlp as mlp_students
from tests.students import tutorial_net as tn_students
from tests.students.edits import apply
from tests.test_diagnose import cell_feedback

RNG = np.random.default_rng(13)


def grade(name, signature, cases, returned, hidden=True, names=()):
    check = Check(name, signature, "", tuple(cases), names=names)
    return grading.grade(check, [Outcome("ok", v) for v in returned], hidden)


def sigma(a):
    return 1 / (1 + np.exp(-a))


def elementwise_cases(right_f, got_f, shape=(3, 2), n=3):
    args = [RNG.normal(0, 1.5, size=shape) for _ in range(n)]
    return ([Case((a,), codec.plain(right_f(a)), "", True) for a in args], [got_f(a) for a in args])


# ---- forms: a formula of the arguments ------------------------------------------------
def test_sigmoid_without_its_parentheses_is_named_as_a_formula_and_as_one_over_sigma():
    cases, got = elementwise_cases(sigma, lambda a: 1 + np.exp(-a))          # 1/1 + np.exp(-a)
    result = grade("sigmoid", "sigmoid(a)", cases, got)
    assert "it computes 1 + e^(−a) (the same values as 1/σ(a)); the right value is σ(a)" in result.diagnosis


def test_tanh_of_the_square_where_the_square_of_tanh_belongs():
    cases, got = elementwise_cases(lambda a: 1 - np.tanh(a) ** 2, lambda a: 1 - np.tanh(a ** 2))
    result = grade("tanh_derivative", "tanh_derivative(a)", cases, got)
    assert "it computes 1 − tanh(a²); the right value is 1 − tanh(a)²" in result.diagnosis


def test_two_arguments_minus_y_over_f_where_f_minus_y_belongs():
    F = [RNG.uniform(0.1, 0.9, size=(4, 3)) for _ in range(2)]
    Y = [RNG.normal(size=(4, 3)) for _ in range(2)]
    cases = [Case((f, y), codec.plain(f - y), "", True) for f, y in zip(F, Y)]
    result = grade("output_delta", "output_delta(F, Y)", cases, [-y / f for f, y in zip(F, Y)])
    assert "it computes −(Y/F); the right value is F − Y" in result.diagnosis


def test_a_loss_with_the_square_of_the_sum_is_read_as_a_reduction():
    F = [RNG.normal(size=(3, 2)) for _ in range(3)]
    Y = [RNG.normal(size=(3, 2)) for _ in range(3)]
    right = [0.5 * np.sum((f - y) ** 2) / len(f) for f, y in zip(F, Y)]     # the course's squared error
    got = [0.5 * np.sum(f - y) ** 2 / len(f) for f, y in zip(F, Y)]          # (Σ(F − Y))² / 2n
    cases = [Case((f, y), r, "", True) for f, y, r in zip(F, Y, right)]
    result = grade("squared_error", "squared_error(F, Y)", cases, got)
    assert "(1/2n)·(Σ (F − Y))², the square of the sum; the right value is (1/2n)·Σ (F − Y)²" in result.diagnosis


def test_a_formula_is_not_claimed_on_fewer_than_four_argument_values():
    items = [([1 + math.exp(-x) for x in a], [1 / (1 + math.exp(-x)) for x in a], None) for a in ([0.5, -1.0], [0.5])]
    assert forms.explain(items, [[("a", [0.5, -1.0])], [("a", [0.5])]]) == ""
    many = [0.5, -1.0, 2.0, 0.25]
    assert "1 + e^(−a)" in forms.explain([([1 + math.exp(-x) for x in many], [1 / (1 + math.exp(-x)) for x in many], None)],
                                         [[("a", many)]])


def test_right_values_get_no_formula():
    cases, got = elementwise_cases(sigma, sigma)
    result = grade("sigmoid", "sigmoid(a)", cases, got)
    assert result.score == result.max_score and result.diagnosis == ""


# ---- kinds: what came back ------------------------------------------------------------
def test_none_everywhere_is_said_once_with_print_and_return():
    cases = [Case((1.0,), 2.0, "", True), Case((2.0,), 4.0, "", True)]
    result = grade("f", "f(x)", cases, [None, None])
    assert result.diagnosis.startswith("every failed case returned None") and "print()" in result.diagnosis


def test_none_on_some_cases_only_is_a_return_on_one_path():
    cases = [Case((1.0,), 2.0, "", True, facts={"z": 1.0}), Case((-1.0,), 0.0, "", True, facts={"z": -1.0}),
             Case((-2.0,), 0.0, "", True, facts={"z": -2.0})]
    result = grade("f", "f(x)", cases, [2.0, None, None])
    assert "returns None on some cases and a value on others" in result.diagnosis


def test_text_a_function_and_a_sympy_expression_are_named():
    import sympy
    cases = [Case((1.0,), 2.0, "", True), Case((2.0,), 4.0, "", True)]
    assert "a formatted string" in grade("f", "f(x)", cases, ["2.0000", "4.0000"]).diagnosis
    assert "the parentheses of a call are missing" in grade("f", "f(x)", cases, [abs, abs]).diagnosis
    y = sympy.Symbol("y_hat")
    assert "a sympy expression" in grade("f", "f(x)", cases, [2 * y - 2, 2 * y - 4]).diagnosis


def test_one_number_where_the_forward_tuple_belongs_names_its_parts():
    cases = [Case((1.0,), (1.0, 1.0, 2.0), "", True), Case((-1.0,), (-1.0, 0.0, 0.0), "", True)]
    result = grade("forward", "forward(x)", cases, [np.float64(2.0), np.float64(0.0)], names=("z(x)", "h(x)", "ŷ(x)"))
    assert "one number where a tuple of 3 values belongs (z(x), h(x), ŷ(x))" in result.diagnosis


def test_a_boolean_index_a_diagonal_and_a_max_over_an_axis():
    a = [RNG.normal(size=(3, 2)) for _ in range(2)]
    cases = [Case((x,), codec.plain(np.maximum(x, 0)), "", True) for x in a]
    masked = grade("relu", "relu(a)", cases, [x[x > 0] for x in a])
    assert "a boolean index (a[a > 0])" in masked.diagnosis
    column_max = grade("relu", "relu(a)", cases, [np.max(x, 0) for x in a])
    assert "the max of each column of `a` (np.max(…, axis=0))" in column_max.diagnosis
    z = [RNG.normal(size=4) for _ in range(2)]
    cases = [Case((x,), codec.plain((x > 0).astype(float)), "", True) for x in z]
    assert "np.diag" in grade("relu_derivative", "relu_derivative(z)", cases, [np.diag((x > 0).astype(float)) for x in z]).diagnosis


# ---- errors Python raises, in our words -------------------------------------------------
def _error(code):
    try:
        exec(code, {"np": np})
    except Exception as exc:
        return f"raised {type(exc).__name__}: {exc}"
    raise AssertionError("the code did not raise")


@pytest.mark.parametrize("code, words", [
    ("losses = [1.0]\nlosses = losses.append(2.0)\nlosses.append(3.0)", "list.append"),
    ("x = 1.5\nx.clip(0, None)", "on a plain Python number"),
    ("total = np.zeros(3, dtype=int)\ntotal += np.array([0.5, 0.25, 1.0])", "floats added into an integer array"),
    ("tanh(1.0)", "NumPy's is np.tanh"),
    ("def f(a):\n    return a\nf.mask", "an attribute read from a function"),
])
def test_errors_read_in_our_words(code, words):
    reason = _error(code)
    check = Check("f", "f(x)", "", (Case((1.0,), 1.0, "", True),))
    assert words in raised.explain(check, list(check.cases), [reason], ["x"])


def test_a_name_of_the_students_own_is_not_given_a_numpy_hint():
    reason = _error("my_helper(1.0)")
    check = Check("f", "f(x)", "", (Case((1.0,), 1.0, "", True),))
    said = raised.explain(check, list(check.cases), [reason], ["x"])
    assert "`my_helper`" in said and "np." not in said


# ---- loops: the recorded losses and the step ------------------------------------------
def test_losses_read_as_a_running_mean_the_last_loss_first_and_a_run_that_parts():
    right = [[3.0, 2.0, 1.5, 1.25], [5.0, 4.0, 3.5, 3.0]]
    mean = [[np.mean(r[:k + 1]) for k in range(len(r))] for r in right]
    assert "running average" in loops.sequence([(m, r, None) for m, r in zip(mean, right)])
    last_first = [[r[-1]] + r[1:] for r in right]
    assert loops.sequence([(g, r, None) for g, r in zip(last_first, right)]) == \
        "the first entry holds the right value of the last one (after the last step) (the others are right)"
    parted = [r[:2] + [x + 0.5 for x in r[2:]] for r in right]
    assert loops.STEPS in loops.sequence([(g, r, None) for g, r in zip(parted, right)])
    assert "what it records is not the loss" in loops.sequence([(g, r, None) for g, r in zip(parted, right)], steps_right=True)


def test_a_normalised_step_and_a_step_by_one_number():
    theta, grad, eta = np.array([1.0, 1.0, 0.0, 1.0, 0.0]), np.array([3.4, 1.7, 1.7, 5.1, -0.2]), 0.1
    cases = [Case((theta, grad, eta), codec.plain(theta - eta * grad), "", True)]
    normalised = grade("gd_step", "gd_step(theta, grad, eta)", cases, [theta - eta * grad / np.linalg.norm(grad)])
    assert "θ − η·grad/‖grad‖" in normalised.diagnosis
    uniform = loops.moved_alike([(list(theta - 0.3), list(theta - eta * grad), None)], [list(theta)])
    assert "every weight moved by the same amount" in uniform


# ---- aggregates and objectives, through a notebook's test cell --------------------------
def _losses(theta, X, Y):
    """Each example's (ŷ − y)² with ŷ = w3·max(w0x0 + w1x1 + w2, 0) + w4, by the tutorial's formulas."""
    w0, w1, w2, w3, w4 = theta
    return [(w3 * max(w0 * x[0] + w1 * x[1] + w2, 0.0) + w4 - y) ** 2 for x, y in zip(X, Y)]


def test_aggregates_hold_the_terms_put_together_another_way():
    theta, X, Y = np.array([1.0, -0.5, 0.2, 1.5, -0.1]), np.array([[2.0, 1.0], [-3.0, 2.0], [0.5, 0.5]]), np.array([1.3, 1.9, 0.2])
    terms = _losses(theta, X, Y)
    out = aggregates.values("tutorial_net", "dataset_loss", (theta, X, Y), tn_ref)
    last = next(v for k, v in out.items() if "only the last example's term" in k)
    assert last == pytest.approx((terms[-1],))
    median = next(v for k, v in out.items() if "median" in k)
    assert median == pytest.approx((float(np.median(terms)),))
    pairs = next(v for k, v in out.items() if "the sum over every pair" in k)
    assert pairs == pytest.approx((sum(_losses(theta, [x], [y])[0] for x in X for y in Y) / 3,))


@pytest.mark.parametrize("edit, words", [
    (("        total += example_loss(theta, x, y)", "        total = example_loss(theta, x, y)"),
     "the last example's term divided by n"),
    (("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
      "    for x in X:\n        for y in Y:\n            total += example_loss(theta, x, y)"), "every pair of an input and a label"),
])
def test_a_dataset_loss_slip_is_named_on_the_hidden_cases(edit, words):
    source = apply(tn_students.CORRECT, [edit])
    _, hidden = cell_feedback(source, tn_checks.CHECKS, "dataset_loss")
    assert words in hidden


def test_training_that_records_the_loss_without_its_penalty_is_named():
    source = apply(mlp_students.CORRECT, [("    losses = [loss_of(params, X, Y, activation, task, lam)]", "    losses = [loss_of(params, X, Y, activation, task, 0.0)]"),
                                          ("        losses.append(loss_of(params, X, Y, activation, task, lam))",
                                           "        losses.append(loss_of(params, X, Y, activation, task, 0.0))")])
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "train")
    assert "the data loss L_S alone, without the penalty" in hidden


def test_a_near_miss_of_a_dict_valued_result_matches_after_the_cases_json():
    """A case's JSON gives dicts back with sorted keys: the sketch of mlp forward's near miss
    (its cache a dict) must follow that order, or no forward slip is ever matched."""
    source = apply(mlp_students.CORRECT, [("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W.T) - b")])
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "forward")
    assert "A = Z·Wᵀ − b where A = Z·Wᵀ + b belongs" in hidden


def test_softmax_applied_again_in_the_output_delta():
    F = [RNG.uniform(0.05, 0.95, size=(4, 3)) for _ in range(2)]
    Y = [np.eye(3)[RNG.integers(0, 3, size=4)] for _ in range(2)]
    soft = [np.exp(f) / np.exp(f).sum(axis=1, keepdims=True) for f in F]
    cases = [Case((f, y), codec.plain(f - y), "", True) for f, y in zip(F, Y)]
    result = grade("output_delta", "output_delta(F, Y)", cases, [s - y for s, y in zip(soft, Y)])
    assert "it computes softmax(F) − Y" in result.diagnosis


def test_labels_cast_to_integers_are_read_as_int():
    F = [RNG.normal(size=(3, 2)) for _ in range(2)]
    Y = [RNG.normal(0, 2, size=(3, 2)) for _ in range(2)]
    cases = [Case((f, y), codec.plain(f - y), "", True) for f, y in zip(F, Y)]
    result = grade("output_delta", "output_delta(F, Y)", cases, [f - np.trunc(y) for f, y in zip(F, Y)])
    assert "it computes F − int(Y)" in result.diagnosis


def test_a_list_of_ws_and_a_list_of_bs_where_pairs_belong():
    W = [RNG.normal(size=(2, 2)) for _ in range(2)]
    b = [RNG.normal(size=2) for _ in range(2)]
    right = [(w, c) for w, c in zip(W, b)]
    cases = [Case(((),), codec.plain(right), "", True)]
    result = grade("gd_update", "gd_update(params)", cases, [(list(W), list(b))])
    assert "grouped the other way round" in result.diagnosis and "zip" in result.diagnosis


def test_errors_of_two_kinds_are_said_of_the_cases_of_the_commoner():
    check = Check("f", "f(W, X)", "", tuple(Case((np.zeros((3, 2)), np.zeros((4, 2))), 0.0, "", True) for _ in range(3)))
    dot = "raised ValueError: shapes (3,2) and (4,2) not aligned: 2 (dim 1) != 4 (dim 0)"
    other = "raised ValueError: operands could not be broadcast together with shapes (4,3) (3,1)"
    said = raised.explain(check, list(check.cases), [dot, dot, other], ["W", "X"])
    assert said.startswith("2 of the 3 failed cases raised in a matrix product") and "P shaped like W and Q shaped like X" in said
    assert raised.explain(check, list(check.cases[:2]), [dot, other], ["W", "X"]) == ""   # no majority: nothing


def test_two_updates_in_every_epoch_are_named():
    loop = "        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)\n"
    source = apply(mlp_students.CORRECT, [(loop, loop + loop)])
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "train")
    assert "two steps in every epoch" in hidden
