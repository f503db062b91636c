"""The mlp's objective L_S + (λ/2) Σ‖W‖² on a network worked by hand: one softmax layer with
W = I and b = 0, so the pre-activations A are the inputs themselves.

Row (1000, −1000) of class 2: F = softmax(A) = (1, 0) in float64, −log F_2 would be inf, and the
log-softmax gives log F_2 = −1000 − 1000 − log(1 + e^−2000) = −2000: a loss of 2000.
Row (0, 0) of class 1: F = (½, ½), a loss of log 2. The mean of the two: (2000 + log 2)/2.
"""
import math
import warnings

import numpy as np

from reference import mlp

PARAMS = [(np.eye(2), np.zeros(2))]


def test_a_loss_past_float64s_range_is_taken_through_the_log_softmax():
    X, Y = np.array([[1000.0, -1000.0], [0.0, 0.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])
    assert abs(mlp.objective(PARAMS, X, Y, "sigmoid", "classification") - (2000 + math.log(2)) / 2) < 1e-9
    one = mlp.objective(PARAMS, X[:1], Y[:1], "sigmoid", "classification")
    assert abs(one - 2000.0) < 1e-9


def test_the_usual_cross_entropy_and_the_weight_penalty():
    X, Y = np.array([[0.0, 0.0], [math.log(3), 0.0]]), np.array([[1.0, 0.0], [1.0, 0.0]])
    # row 2: F = (3/4, 1/4), −log(3/4); the penalty (λ/2)·‖I‖² = 0.05·2 (biases are not penalised)
    want = (math.log(2) - math.log(0.75)) / 2 + 0.1
    assert abs(mlp.objective(PARAMS, X, Y, "sigmoid", "classification", lam=0.1) - want) < 1e-12


def test_a_regression_loss_is_half_the_squared_error_plus_the_penalty():
    X, Y = np.array([[1.0, 2.0]]), np.array([[0.0, 0.0]])
    assert abs(mlp.objective(PARAMS, X, Y, "tanh", "regression") - 0.5 * (1 + 4)) < 1e-12
    assert abs(mlp.objective(PARAMS, X, Y, "tanh", "regression", lam=1.0) - (2.5 + 1.0)) < 1e-12


def test_rows_past_float64s_range_with_more_classes_than_rows():
    """n = 2, K = 3. Row (1000, −1000, 0) of class 2: log F_2 = −2000 − log(1 + e^−2000 + e^−1000)
    = −2000, a loss of 2000; row (0, 0, 0) of class 1: F = (⅓, ⅓, ⅓), a loss of log 3."""
    params = [(np.eye(3), np.zeros(3))]
    X, Y = np.array([[1000.0, -1000.0, 0.0], [0.0, 0.0, 0.0]]), np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    assert abs(mlp.objective(params, X, Y, "relu", "classification") - (2000 + math.log(3)) / 2) < 1e-9


def test_while_minus_log_F_is_finite_the_objective_is_the_courses_formula():
    """Row (0, −745) of class 2: F_2 = e^−745 / (1 + e^−745) is the smallest subnormal float64,
    5e−324, whose −log is 744.44…, not 745. The objective is −Σ Y log F of the float64 softmax
    whenever that is finite: the number a student's cross_entropy gives, so that train's losses
    are compared with theirs; the log-softmax is only for an F that underflowed to 0."""
    X, Y = np.array([[0.0, -745.0]]), np.array([[0.0, 1.0]])
    f2 = math.exp(-745.0) / (1.0 + math.exp(-745.0))
    assert f2 == 5e-324
    assert mlp.objective(PARAMS, X, Y, "sigmoid", "classification") == -math.log(f2)


def test_a_true_class_at_probability_zero_costs_inf_without_a_warning():
    F, Y = np.array([[1.0, 0.0]]), np.array([[0.0, 1.0]])
    with warnings.catch_warnings(), np.errstate(all="warn"):
        warnings.simplefilter("error")
        assert mlp.cross_entropy(F, Y) == math.inf


def test_zero_log_zero_adds_exactly_zero_whatever_the_memory_held():
    """The classes a row does not belong to add 0 to −Σ Y log F, even where F = 0 and even when
    numpy hands the array of logs memory that held NaN just before (its cache of small blocks)."""
    F = np.eye(32)[[3, 10]]                   # F = Y: every true class at probability 1, the rest 0
    Y = F.copy()
    for _ in range(3):
        junk = np.full(F.shape, np.nan)
        del junk
        assert mlp.cross_entropy(F, Y) == 0.0
