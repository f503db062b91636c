"""The mlp checks: the worked network by hand, the hidden corners, and every lecture slip named."""
import numpy as np
import pytest

from autograder.student import incell
from autograder.checks import mlp as checks
from autograder.checks.mlp_slips import Net
from autograder.student.model import from_json, to_json
from autograder.student.judge import leaves
from reference import mlp as ref
from tests.students import mlp as students

CHECKS = {c.function: c for c in checks.CHECKS}


def grade(source, function, hidden, capsys):
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    points = incell.check(function, namespace, to_json(CHECKS[function].only(hidden)))
    return points, capsys.readouterr().out


def test_the_worked_network_by_hand():
    """Every number below was worked by hand from the integer weights (see the notebook)."""
    case = CHECKS["gradients"].only(False).cases[0]   # regression, λ = 0.1
    (dW1, db1), (dW2, db2) = case.expected
    W1, W2 = checks.WORKED["params"][0][0], checks.WORKED["params"][1][0]
    np.testing.assert_allclose(dW2.values, (np.array([[0, 1.5], [-1, -1.5]]) + 0.1 * W2).ravel())
    np.testing.assert_allclose(db2.values, [0.5, -0.5])
    np.testing.assert_allclose(dW1.values, (np.array([[1, 0], [0, 2]]) + 0.1 * W1).ravel())
    np.testing.assert_allclose(db1.values, [0.5, 0.5])
    F, cache = CHECKS["forward"].only(False).cases[0].expected
    np.testing.assert_allclose(F.values, [6, 4, 8, 2])
    np.testing.assert_allclose(cache["A"][0].values, [-1, 3, 2, 3])
    np.testing.assert_allclose(list(leaves(CHECKS["squared_error"].only(False).cases[0].expected)), [0.5])


def test_hidden_cases_cover_depths_activations_tasks_and_extremes():
    hidden = [c for c in CHECKS["gradients"].cases if c.hidden]
    depths = {len(c.args[0]) for c in hidden}
    assert depths == {1, 2, 3, 4}
    assert {c.args[3] for c in hidden} == {"sigmoid", "tanh", "relu"}
    assert {c.args[4] for c in hidden} == {"classification", "regression"}
    assert any(c.args[5] > 0 for c in hidden)
    assert any(len(c.args[1]) == 1 for c in hidden)
    zero_relu = any(np.any(A == 0) for c in hidden if c.args[3] == "relu"
                    for A in ref.forward(c.args[0], c.args[1], "relu", c.args[4])[1]["A"][:-1])
    assert zero_relu
    softmax_rows = [c.args[0] for c in CHECKS["softmax"].cases if c.hidden]
    assert any(np.max(np.abs(A)) >= 1000 for A in softmax_rows)


def test_slip_free_network_matches_the_reference():
    rng = np.random.default_rng(3)
    for activation in ("sigmoid", "tanh", "relu"):
        for task in ("classification", "regression"):
            params = [(rng.normal(size=(4, 3)), rng.normal(size=4)), (rng.normal(size=(2, 4)), rng.normal(size=2))]
            X = rng.normal(size=(5, 3))
            Y = np.eye(2)[[0, 1, 1, 0, 1]] if task == "classification" else rng.normal(size=(5, 2))
            for (a, b), (c, d) in zip(ref.gradients(params, X, Y, activation, task, 0.2), Net().gradients(params, X, Y, activation, task, 0.2)):
                np.testing.assert_allclose(a, c, rtol=1e-10, atol=1e-12)
                np.testing.assert_allclose(b, d, rtol=1e-10, atol=1e-12)


def test_round_trip_through_json():
    for check in checks.CHECKS:
        assert to_json(from_json(to_json(check))) == to_json(check)


@pytest.mark.parametrize("function", checks.FUNCTIONS)
def test_a_correct_solution_earns_every_point(function, capsys):
    for hidden in (False, True):
        points, text = grade(students.CORRECT, function, hidden, capsys)
        assert points == CHECKS[function].points(hidden), text


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_each_lecture_slip_is_named_where_it_is_made(mistake, capsys):
    source = students.with_slip(mistake)
    for function in students.SLIPS[mistake][1]:
        lost, named = False, False
        for hidden in (False, True):
            points, text = grade(source, function, hidden, capsys)
            if points < CHECKS[function].points(hidden):
                lost = True
                named |= f"[{mistake}]" in text
                assert f"[{mistake}]" in text or "raised" in text, text  # a raise has no value to name
        assert lost, f"{mistake} cost nothing in {function}"
        assert named, f"{mistake} was never named in {function}"


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_one_mistake_costs_once(mistake, capsys):
    source = students.with_slip(mistake)
    for function in set(checks.FUNCTIONS) - set(students.SLIPS[mistake][1]):
        for hidden in (False, True):
            points, text = grade(source, function, hidden, capsys)
            assert points == CHECKS[function].points(hidden), f"{function} ({mistake}): {text}"


def test_a_transposed_gradient_scores_zero_and_says_so(capsys):
    _, text = grade(students.with_slip("transpose-missing"), "gradients", False, capsys)
    assert "returned an array of shape (2, 2)" in text or "[transpose-missing]" in text
    namespace = {"__name__": "__main__"}
    exec(students.CORRECT.replace("return F, {", "return F.T, {"), namespace)
    incell.check("forward", namespace, to_json(CHECKS["forward"].only(True)))
    out = capsys.readouterr().out
    assert "expected (" in out and "returned an array of shape" in out
