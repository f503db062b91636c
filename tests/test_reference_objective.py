"""The mlp's objective L_S + (λ/2) Σ‖W‖² on a network worked by hand: one softmax layer with
W = I and b = 0, so the pre-activations A are the inputs themselves.

Row (1000, −1000) of class 2: F = softmax(A) = (1, 0) in float64, −log F_2 would be inf, and the
log-softmax gives log F_2 = −1000 − 1000 − log(1 + e^−2000) = −2000: a loss of 2000.
Row (0, 0) of class 1: F = (½, ½), a loss of log 2. The mean of the two: (2000 + log 2)/2.
"""
import math

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
