"""The tutorial_net checks: their numbers, their coverage, and the mistakes they name."""
import re

import numpy as np
import pytest

from autograder.student import codec, incell
from autograder.checks import render
from autograder.checks import tutorial_net as tn
from autograder.student.model import from_json, to_json
from autograder.checks.tutorial_slips import MISTAKES, Net
from reference import tutorial_net as ref
from tests import spec_table as spec
from tests.students import tutorial_net as students

CHECKS = {c.function: c for c in tn.CHECKS}


def run(source, function, hidden, capsys=None):
    """Grade ``function`` of a student's ``source`` through the in-cell path; (points, feedback)."""
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    cell = render.test_cell(CHECKS[function], hidden)
    cell_namespace = {"student": namespace}
    exec(cell.replace("globals()", "student"), cell_namespace)
    return cell_namespace


def grade(source, function, hidden, capsys):
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    data = to_json(CHECKS[function].only(hidden))
    points = incell.check(function, namespace, data)
    return points, capsys.readouterr().out


def test_public_cases_are_the_tutorials_numbers():
    """The tutorial's table first; then, on the tutorial's network, the public counterparts of the
    hidden kinds, worked by hand here: x = (1, −1) puts z at 0 (so h = ŷ = 0, L = 1.3² = 1.69,
    δ_ŷ = −2.6, δ_h = 0 as g'(0) = 0); the first example alone (n = 1: its own loss and
    gradient); and θ after one step (its L(D) from the table, its gradient from sympy)."""
    from reference.symbolic.tutorial import tutorial_exact

    after = tutorial_exact(spec.TABLE["theta_next"], [(2, 1), (-3, 2)], ["1.3", "1.9"], "0.01")
    want = {
        "forward": [(spec.TABLE["z"][i], spec.TABLE["h"][i], spec.TABLE["y_hat"][i]) for i in range(2)] + [(0, 0, 0)],
        "example_loss": [*spec.TABLE["example_loss"], 1.69], "delta_yhat": [*spec.TABLE["delta_yhat"], -2.6],
        "delta_h": [*spec.TABLE["delta_h"], 0], "example_gradient": [*spec.TABLE["example_gradient"], (0, 0, 0, 0, -2.6)],
        "dataset_loss": [spec.TABLE["dataset_loss"], spec.TABLE["example_loss"][0], spec.TABLE["dataset_loss_next"]],
        "dataset_gradient": [spec.TABLE["dataset_gradient"], spec.TABLE["example_gradient"][0],
                             [float(g) for g in after["dataset_gradient"]]],
        "gd_step": [spec.TABLE["theta_next"], [float(t) for t in after["theta_next"]]],
    }
    for function, values in want.items():
        public = CHECKS[function].only(False).cases
        assert len(public) == len(values), function
        for case, value in zip(public, values):
            np.testing.assert_allclose(list(_leaves(case.expected)), np.ravel(np.array(value, dtype=float)), rtol=1e-12, atol=1e-12)
    first = CHECKS["gradient_descent"].only(False).cases[0]
    np.testing.assert_allclose(list(_leaves(first.expected)), [*map(float, spec.TABLE["theta_next"]),
                               float(spec.TABLE["dataset_loss"]), float(spec.TABLE["dataset_loss_next"])], rtol=1e-12)


def _leaves(tree):
    from autograder.student.judge import leaves
    return leaves(tree)


def test_hidden_cases_cover_the_corners():
    hidden = [c for c in CHECKS["example_gradient"].cases if c.hidden]
    zs = [ref.forward(c.args[0], c.args[1])[0] for c in hidden]
    y_hats = [ref.forward(c.args[0], c.args[1])[2] for c in hidden]
    assert 0.0 in zs and min(zs) < 0 < max(zs)
    assert min(y_hats) < 0
    assert all(c.args[0][2] != 0 and c.args[0][4] != 0 for c in hidden)
    assert all(c.args[1][0] != c.args[1][1] for c in hidden)
    sizes = [len(c.args[1]) for c in CHECKS["dataset_gradient"].cases if c.hidden]
    assert 1 in sizes and max(sizes) >= 3
    datasets = [c.args for c in CHECKS["dataset_gradient"].cases if c.hidden]
    assert any(ref.forward(t, x)[0] == 0 for t, X, _ in datasets for x in X)


def test_slip_free_network_matches_the_reference():
    rng = np.random.default_rng(7)
    net = Net()
    for _ in range(200):
        theta, X = rng.normal(size=5), rng.normal(size=(3, 2))
        Y = rng.normal(size=3)
        np.testing.assert_allclose(net.dataset_gradient(theta, X, Y), ref.dataset_gradient(theta, X, Y), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(net.dataset_loss(theta, X, Y), ref.dataset_loss(theta, X, Y), rtol=1e-12)
        np.testing.assert_allclose(net.forward(theta, X[0]), ref.forward(theta, X[0]), rtol=1e-12, atol=1e-12)


def test_cases_survive_the_round_trip_through_json():
    for check in tn.CHECKS:
        again = from_json(to_json(check))
        assert to_json(again) == to_json(check)


@pytest.mark.parametrize("function", tn.FUNCTIONS)
def test_a_correct_solution_earns_every_point(function, capsys):
    for hidden in (False, True):
        points, text = grade(students.CORRECT, function, hidden, capsys)
        assert points == CHECKS[function].points(hidden), text


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_each_known_slip_is_named_where_it_is_made(mistake, capsys):
    source = students.with_slip(mistake)
    for function in students.SLIPS[mistake][1]:
        lost_somewhere = False
        for hidden in (False, True):
            points, text = grade(source, function, hidden, capsys)
            if points < CHECKS[function].points(hidden):
                lost_somewhere = True
                assert f"[{mistake}]" in text, text
        assert lost_somewhere, f"{mistake} cost nothing in {function}"
        assert MISTAKES[mistake][0].split(":")[0] in CHECKS[function].message(mistake)


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_one_mistake_costs_once(mistake, capsys):
    """Only the functions where the slip is made lose points: the others get the reference's helpers."""
    source = students.with_slip(mistake)
    for function in set(tn.FUNCTIONS) - set(students.SLIPS[mistake][1]):
        for hidden in (False, True):
            points, text = grade(source, function, hidden, capsys)
            assert points == CHECKS[function].points(hidden), f"{function} ({mistake}): {text}"


def test_hidden_feedback_never_shows_expected_values(capsys):
    source = students.with_slip("factor-2-dropped").replace("def example_gradient", "def _unused").replace(
        "def _unused", "def example_gradient(theta, x, y):\n    return np.array([0.5, 0, 0, 0, 0])\n\ndef _unused", 1)
    _, text = grade(source, "example_gradient", True, capsys)
    text = re.sub(r"hidden case \d+|w\d|x\[\d\]|∂L/∂w\d", "", text)  # case numbers and the course's names
    for case in CHECKS["example_gradient"].cases:
        if case.hidden:
            for value in _leaves(case.expected):
                if value not in (0.0, 0.5):
                    assert f"{value:g}" not in text
    assert "hidden case" in text


def test_public_feedback_says_call_result_and_expectation(capsys):
    _, text = grade(students.with_slip("sum-instead-of-mean"), "dataset_loss", False, capsys)
    assert "dataset_loss(theta=[1, 1, 0, 1, 0], X=[[2, 1], [-3, 2]], Y=[1.3, 1.9]) returned 6.5; expected 3.25." in text
    assert "L(D) and ∇θ L(D) are means: divide by n" in text


def hand(part_id, values, capsys):
    part = next(p for p in tn.HAND_PARTS if p.id == part_id)
    namespace = dict(values)
    return incell.check_hand(namespace, render.hand_test_cell(part, True).split('r"""')[1].split('"""')[0]), capsys.readouterr().out


def test_hand_answers_rounded_as_the_tutorial_rounds_are_accepted(capsys):
    # the tutorial writes 2.108, 3.602, 2.855 for 2.108890…, 3.602404, 2.855647…
    points, _ = hand("part6", {"L_x1_next": 2.108, "L_x2_next": 3.602, "L_D_next": 2.855}, capsys)
    assert points == 1.0
    points, _ = hand("part5", {"theta_next": [0.966, 0.983, -0.017, 0.949, 0.002]}, capsys)
    assert points == 1.0


def test_hand_answers_with_real_errors_are_rejected_and_named(capsys):
    points, text = hand("part2", {"L_x1": 2.89, "L_x2": 3.61, "L_D": 6.5}, capsys)
    assert points == pytest.approx(2 / 3, abs=1e-3) and "[sum-instead-of-mean]" in text
    points, text = hand("part3", {"delta_yhat_x1": 1.7, "delta_yhat_x2": -1.9, "delta_h_x1": 3.4, "delta_h_x2": 0}, capsys)
    assert points == 0.5 and "[factor-2-dropped]" in text
    points, text = hand("part6", {"L_x1_next": 2.11, "L_x2_next": 3.60, "L_D_next": 2.86}, capsys)
    assert points < 1.0   # two decimals are not enough: 2.86 is 0.004 away
    points, text = hand("part1", {}, capsys)
    assert points == 0.0 and "not filled in yet" in text
