"""What reference.mlp says when it is called wrongly: one line, the argument's name as the
student writes it, the shape the lecture gives it (free lengths by their names n, K, M_h, d)
and what it got. The whole message is compared, so a name with extra letters around it fails.
"""
import numpy as np
import pytest

from reference import mlp

W1, b1 = np.ones((4, 3)), np.zeros(4)      # d = 3, M_1 = 4, K = 2
W2, b2 = np.ones((2, 4)), np.zeros(2)
PARAMS = [(W1, b1), (W2, b2)]
X, Y = np.zeros((5, 3)), np.zeros((5, 2))
NOT_A_LIST = "params: expected a non-empty list of (W, b) pairs, one per layer"
NOT_A_PAIR = "params[{}]: expected a pair (W, b)"


@pytest.mark.parametrize("call, message", [
    # params
    (lambda: mlp.forward([], X, "relu", "regression"), NOT_A_LIST),
    (lambda: mlp.forward(np.zeros((1, 2, 3)), X, "relu", "regression"), NOT_A_LIST),   # an array, not a list
    (lambda: mlp.forward(5, X, "relu", "regression"), NOT_A_LIST),
    (lambda: mlp.forward([(W1, b1, W1)], X, "relu", "regression"), NOT_A_PAIR.format(0)),
    (lambda: mlp.forward([(W1, b1), 7], X, "relu", "regression"), NOT_A_PAIR.format(1)),
    (lambda: mlp.forward([(np.zeros(3), b1)], X, "relu", "regression"), "params[0][0] (W^(1)): expected shape (M_1, d), got (3,)"),
    (lambda: mlp.forward([(W1, b1), (W2.T, b2)], X, "relu", "regression"), "params[1][0] (W^(2)): expected shape (M_2, 4), got (4, 2)"),
    (lambda: mlp.forward([(W1, b2), (W2, b2)], X, "relu", "regression"), "params[0][1] (b^(1)): expected shape (4,), got (2,)"),
    # forward, losses, deltas
    (lambda: mlp.forward(PARAMS, X[:, :2], "relu", "regression"), "X: expected shape (n, 3), got (5, 2)"),
    (lambda: mlp.softmax("abc"), "A: expected a float array of shape (n, K), got str (could not convert string to float: 'abc')"),
    (lambda: mlp.cross_entropy(np.zeros((2, 2)), np.zeros((2, 3))), "Y: expected shape (2, 2), got (2, 3)"),
    (lambda: mlp.squared_error(np.zeros(2), np.zeros(2)), "F: expected shape (n, K), got (2,)"),
    (lambda: mlp.squared_error(np.zeros((2, 2)), np.zeros((3, 2))), "Y: expected shape (2, 2), got (3, 2)"),
    (lambda: mlp.output_delta(np.zeros(3), np.zeros(3)), "F: expected shape (n, K), got (3,)"),
    (lambda: mlp.output_delta(np.zeros((1, 3)), np.zeros((1, 2))), "Y: expected shape (1, 3), got (1, 2)"),
    (lambda: mlp.hidden_delta(np.zeros(3), W2, np.zeros((5, 2)), "relu"), "A: expected shape (n, M_h), got (3,)"),
    (lambda: mlp.hidden_delta(np.zeros((5, 4)), np.zeros(4), np.zeros((5, 2)), "relu"), "W_next: expected shape (M_next, 4), got (4,)"),
    (lambda: mlp.hidden_delta(np.zeros((5, 4)), W1, np.zeros((5, 2)), "relu"), "W_next: expected shape (M_next, 4), got (4, 3)"),
    # gradients, steps, objective, training
    (lambda: mlp.gd_update(PARAMS, [(W1.T, b1), (W2, b2)], 0.1), "grads[0][0]: expected shape (4, 3), got (3, 4)"),
    (lambda: mlp.gd_update(PARAMS, [(W1, b1), (W2, b1)], 0.1), "grads[1][1]: expected shape (2,), got (4,)"),
    (lambda: mlp.gd_update(PARAMS, PARAMS, [0.1, 0.2]), "eta: expected shape (), got (2,)"),
    (lambda: mlp.objective(PARAMS, X, Y[:, :1], "relu", "regression"), "Y: expected shape (5, 2), got (5, 1)"),
    (lambda: mlp.objective(PARAMS, X, Y, "relu", "regression", lam=[1.0, 2.0]), "lam: expected shape (), got (2,)"),
    (lambda: mlp.train(PARAMS, X, Y, "relu", "regression", 0.1, 0.0, -1), "epochs: expected a whole number ≥ 0, got -1"),
    (lambda: mlp.train(PARAMS, X, Y, "relu", "regression", 0.1, 0.0, 2.5), "epochs: expected a whole number ≥ 0, got 2.5"),
    (lambda: mlp.train(PARAMS, X, Y, "relu", "regression", 0.1, 0.0, "3"), "epochs: expected a whole number ≥ 0, got '3'"),
])
def test_a_wrong_call_is_one_line_naming_the_argument(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message
