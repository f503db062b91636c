"""The general diagnosis's relations added for issue 13's fourth round: the course's elementwise
functions of the argument, what the wrong entries hold, one value per example, a factor of the
right value too many / missing / replaced, a forward pass's first wrong part, GD loops in mlp,
and probes that vary the activation.

Hand-built cases carry numbers written here (or computed here with NumPy from the course's
formulas), never by the code under test; the slipped solutions are graded through a notebook's
test cell, as nbgrader would.
"""
from __future__ import annotations

import math

import numpy as np

from autograder.checks import mlp as mlp_checks
from autograder.student import codec, grading
from autograder.student.grading import Outcome
from autograder.student.model import Case, Check
from tests.students import mlp as mlp_students
from tests.students.edits import apply
from tests.test_diagnose import cell_feedback


def grade(name, signature, cases, returned, hidden=True):
    check = Check(name, signature, "", tuple(cases))
    return grading.grade(check, [Outcome("ok", v) for v in returned], hidden)


def test_abs_where_relu_belongs_is_named_and_the_wrong_entries_hold_minus_z():
    zs = [np.array([-1.0, 2.0, -3.0]), np.array([0.5, -0.25])]
    rights = [[0.0, 2.0, 0.0], [0.5, 0.0]]                    # max(z, 0), by hand
    got = [np.array([1.0, 2.0, 3.0]), np.array([0.5, 0.25])]  # |z|, by hand
    cases = [Case((z,), codec.plain(np.array(r)), "", True) for z, r in zip(zs, rights)]
    result = grade("relu", "relu(z)", cases, got)
    assert "it is |z| where the right value belongs" in result.diagnosis
    assert "there it is −z" in result.diagnosis


def test_the_sigmoid_where_the_relu_derivative_belongs_is_named():
    z = [-2.0, 0.5, 1.5, -0.5]
    right = [0.0, 1.0, 1.0, 0.0]
    got = np.array([1 / (1 + math.exp(-v)) for v in z])
    result = grade("relu_derivative", "relu_derivative(z)", [Case((np.array(z),), codec.plain(np.array(right)), "", True)], [got])
    assert "it is σ(z), the sigmoid where the right value belongs" in result.diagnosis


def test_a_constant_on_the_wrong_entries_is_said():
    z = np.array([-2.0, 1.0, -0.5, 3.0])
    right = [0.0, 1.0, 0.0, 1.0]
    got = np.array([-1.0, 1.0, -1.0, 1.0])                   # −1 where z ≤ 0 (np.where(z > 0, 1, −1))
    result = grade("relu_derivative", "relu_derivative(z)", [Case((z,), codec.plain(np.array(right)), "", True)], [got])
    assert "where z ≤ 0 (elsewhere right); there it is −1 whatever z is" in result.diagnosis


def test_per_example_losses_where_their_mean_belongs_even_with_one_example():
    cases, got = [], []
    for losses in ([0.5], [1.0, 3.0], [0.25, 0.5, 2.25]):
        n = len(losses)
        cases.append(Case((np.zeros(5), np.zeros((n, 2)), np.zeros(n)), sum(losses) / n, "", True, facts={"n": float(n)}))
        got.append(list(losses))
    result = grade("dataset_loss", "dataset_loss(theta, X, Y)", cases, got)
    assert "one value per example where one number belongs: their mean is the right value" in result.diagnosis


def test_the_example_count_of_a_public_case_is_read_off_its_arguments():
    """A public case carries no facts; its X still says n (here 3: a sum where the mean belongs)."""
    X = np.zeros((3, 2))
    case = Case((np.zeros(5), X, np.zeros(3)), 1.25, "", False)
    result = grade("dataset_loss", "dataset_loss(theta, X, Y)", [case], [3.75], hidden=False)
    assert "it is n × the right value" in result.diagnosis


def test_a_factor_too_many_in_the_output_delta():
    F = np.array([[0.75, 0.25], [0.5, 0.5]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    right = F - Y
    got = F * (1 - F) * (F - Y)                       # a σ' chained onto the softmax output
    result = grade("output_delta", "output_delta(F, Y)", [Case((F, Y), codec.plain(right), "", True)], [got])
    assert "it is the right value times F(1 − F), entry by entry: a factor F(1 − F) too many" in result.diagnosis


def test_sigma_where_sigma_prime_belongs_is_named_with_each_case_own_activation():
    rng = np.random.default_rng(5)
    cases, got = [], []
    for activation in ("sigmoid", "tanh"):
        A, W, D = rng.normal(size=(3, 2)), rng.normal(size=(2, 2)), rng.normal(size=(3, 2))
        s = 1 / (1 + np.exp(-A))
        act, der = (s, s * (1 - s)) if activation == "sigmoid" else (np.tanh(A), 1 - np.tanh(A) ** 2)
        cases.append(Case((A, W, D, activation), codec.plain(der * (D @ W)), "", True))
        got.append(act * (D @ W))
    result = grade("hidden_delta", "hidden_delta(A, W_next, delta_next, activation)", cases, got)
    assert "its factor σ'(A) (the activation's derivative) replaced by σ(A) (the activation)" in result.diagnosis


def test_a_relation_of_a_factor_is_not_claimed_when_it_fails_on_one_case():
    F = np.array([[0.75, 0.25], [0.5, 0.5]])
    Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    cases = [Case((F, Y), codec.plain(F - Y), "", True), Case((F, Y), codec.plain(F - Y), "b", True)]
    result = grade("output_delta", "output_delta(F, Y)", cases, [F * (1 - F) * (F - Y), 3 * (F - Y) + 1])
    assert "factor" not in result.diagnosis


def test_the_first_wrong_part_of_the_forward_pass_is_named_and_the_rest_follows():
    source = apply(mlp_students.CORRECT, [("Z = ACT[activation](A)", "Z = A")])   # no activation on the hidden layers
    public, hidden = cell_feedback(source, mlp_checks.CHECKS, "forward")
    assert "Z^(1): it is A^(1) (of the right cache) where the right value belongs" in public
    assert "differ because of it" in public
    # the hidden cases carry the near misses: the whole pass is the right one with that one line changed
    assert "Z = A where Z = σ(A) belongs" in hidden


def test_train_with_the_gradient_computed_once_is_named():
    loop = "    for _ in range(epochs):\n        params = gd_update(params, gradients(params, X, Y, activation, task, lam), eta)"
    once = "    grads = gradients(params, X, Y, activation, task, lam)\n    for _ in range(epochs):\n        params = gd_update(params, grads, eta)"
    _, hidden = cell_feedback(apply(mlp_students.CORRECT, [(loop, once)]), mlp_checks.CHECKS, "train")
    assert "the gradient computed once, at the start, and reused" in hidden


def test_a_forward_pass_with_a_fixed_activation_is_seen_by_the_probes():
    source = apply(mlp_students.CORRECT, [("Z = ACT[activation](A)", "Z = np.tanh(A)")])
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "forward")
    assert "does not change when activation changes; the right one does" in hidden


def test_nan_or_inf_where_the_right_value_is_finite_is_named_an_overflow():
    a = np.array([1000.0, -2.0, 0.5])
    right = [1.0, 1 / (1 + math.exp(2.0)), 1 / (1 + math.exp(-0.5))]
    got = np.array([math.nan, right[1], right[2]])            # e^a / (1 + e^a) at a = 1000: inf / inf
    result = grade("sigmoid", "sigmoid(a)", [Case((a,), codec.plain(np.array(right)), "", True)], [got])
    assert "it is nan or inf where the right value is finite (elsewhere right): an overflow" in result.diagnosis


def test_a_related_value_as_a_factor_too_many():
    cases, got = [], []
    for h, delta in ((2.0, 1.5), (0.0, -3.8), (1.5, -0.4)):   # δ_ŷ · h (∂L/∂w3 where δ_ŷ belongs); h = 0 when the ReLU is off
        cases.append(Case((), delta, "", True, related={"h(x)": h}))
        got.append(delta * h)
    result = grade("delta_yhat", "delta_yhat(theta, x, y)", cases, got)
    assert "it is the right value times h(x): a factor h(x) too many" in result.diagnosis


def test_a_factor_is_not_called_missing_where_it_is_zero_on_the_wrong_entries():
    """Leaky ReLU: got · relu'(a) = right holds, but only because relu'(a) = 0 where got is wrong."""
    a = np.array([-2.0, 1.0, -0.5, 3.0])
    right = np.maximum(a, 0)
    got = np.where(a > 0, a, 0.01 * a)
    case = Case((a,), codec.plain(right), "", True, related={"relu'(a)": codec.plain((a > 0).astype(float))})
    result = grade("relu", "relu(a)", [case], [got])
    assert "factor" not in result.diagnosis
    assert "wrong exactly at the entries where a ≤ 0" in result.diagnosis


def test_the_sign_of_a_weight_is_not_offered_as_where_the_cases_fail():
    cases = [Case((), 1.0, "", True, facts={"w0": w}) for w in (1.0, -1.0, 2.0, -0.5)]
    result = grade("delta_yhat", "delta_yhat(theta, x, y)", cases, [2.7, 1.0, -0.3, 1.0])  # wrong exactly where w0 > 0
    assert "w0" not in result.diagnosis
