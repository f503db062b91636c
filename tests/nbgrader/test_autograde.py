"""Does real `nbgrader autograde` give each fabricated submission the scores its mistake deserves?

Expected scores are reasoned out, not recorded: a test cell scores points × (cases passed /
cases), and while one function is graded the other contract functions behave like the
reference (the checks' stubs), so a mistake costs points only in the cells of the function
it is written in. Which of that function's cases it breaks follows from the mistake and the
case's arguments (z ≤ 0, n ≥ 2, ŷ ≠ y, …), worked out below with the tutorial's formulas.
"""
from __future__ import annotations

import math

import pytest

from autograder.checks import tutorial_net as tn
from autograder.notebooks.build_tutorial import ETA_DISCUSSION_POINTS
from autograder.notebooks.fabricate import nbgrader_meta
from tests.nbgrader.test_release import hidden_values, numbers_in

CHECKS = {c.function: c for c in tn.CHECKS}


def net(theta, x, y=0.0):
    """(z, ŷ, δ_ŷ, δ_h) of the tutorial network, from the spec's formulas."""
    w0, w1, w2, w3, w4 = map(float, theta)
    z = w0 * float(x[0]) + w1 * float(x[1]) + w2
    y_hat = w3 * max(z, 0.0) + w4
    d_yhat = 2 * (y_hat - float(y))
    return z, y_hat, d_yhat, d_yhat * w3 * (1.0 if z > 0 else 0.0)


# For each mistake: the function whose cell was edited, and when a case of it fails.
BREAKS = {
    "relu_mask": ("delta_h", lambda t, x, y: (lambda z, _, dy, __: z <= 0 and dy * float(t[3]) != 0)(*net(t, x, y))),
    "kink_one": ("relu_derivative", lambda z: 0.0 in list(map(float, _flat(z)))),
    "sum_not_mean": (("dataset_loss", "dataset_gradient"), lambda t, X, Y: len(X) >= 2),
    "no_two": ("delta_yhat", lambda t, x, y: net(t, x, y)[1] != float(y)),
    "sign": ("delta_yhat", lambda t, x, y: net(t, x, y)[1] != float(y)),
    "ascent": ("gd_step", lambda t, g, eta: any(eta * float(v) != 0 for v in g)),
    "in_place": ("gd_step", lambda t, g, eta: any(eta * float(v) != 0 for v in g)),
    "bias": ("example_gradient", lambda t, x, y: net(t, x, y)[3] != 0),
    "z_for_h": ("example_gradient", lambda t, x, y: (lambda z, _, dy, __: z < 0 and dy != 0)(*net(t, x, y))),
    "swap": ("example_gradient", lambda t, x, y: net(t, x, y)[3] != 0 and float(x[0]) != float(x[1])),
    "not_squared": ("example_loss", lambda t, x, y: (lambda r: r not in (0.0, 1.0))(net(t, x, y)[1] - float(y))),
    "raises": ("example_gradient", lambda *args: True),       # NameError on every call
    "stuck_gd": ("gradient_descent", lambda *args: True),     # every case needs a step: never returns
}
FULL = ("correct", "endless", "no_test_cell", "markdown_relu", "later_defs")


def _flat(z):
    import numpy as np
    return np.ravel(np.asarray(z, dtype=float))


def expected_scores(student: str) -> dict:
    """{grade id: auto score} for every autograded cell, by the reasoning above."""
    scores = {f"test_{c.function}{s}": c.points(bool(s)) for c in tn.CHECKS for s in ("", "_hidden")}
    scores.update({f"test_{p.id}_hidden": p.points_hidden for p in tn.HAND_PARTS})
    if student == "untouched":
        return {cell: 0.0 for cell in scores}
    if student in BREAKS:
        functions, fails = BREAKS[student]
        for f in (functions,) if isinstance(functions, str) else functions:
            for hidden in (False, True):
                cases = CHECKS[f].scored(hidden)   # probes are run, never scored
                passed = sum(not fails(*c.args) for c in cases)
                scores[f"test_{f}{'_hidden' * hidden}"] = round(CHECKS[f].points(hidden) * passed / len(cases), 4)
    return scores


@pytest.mark.parametrize("student", sorted(set(BREAKS) | set(FULL) | {"untouched"}))
def test_each_cell_scores_what_the_submission_deserves(graded_class, student):
    got = graded_class.scores[student]
    want = expected_scores(student)
    assert set(got) == set(want) | {"eta_discussion"}
    for cell, score in want.items():
        auto, max_score, _ = got[cell]
        assert auto == pytest.approx(score, abs=1e-4), f"{student}: {cell}"
    auto, max_score, needs_manual = got["eta_discussion"]
    assert max_score == ETA_DISCUSSION_POINTS
    if student == "untouched":  # left empty: nbgrader scores it 0 ("No response"), nothing to grade by hand
        assert (auto, needs_manual) == (0, False)
    else:
        assert (auto, needs_manual) == (None, True)


def test_every_mistake_costs_points_somewhere():
    full = expected_scores("correct")
    for student in BREAKS:
        lost = {c for c, s in expected_scores(student).items() if s < full[c]}
        assert lost, f"{student}: no check breaks, so the test of it could not fail"


def test_the_exported_totals_add_up(graded_class):
    max_total = sum(expected_scores("correct").values()) + ETA_DISCUSSION_POINTS
    assert set(graded_class.csv_rows) == set(graded_class.students)
    for student, row in graded_class.csv_rows.items():
        assert float(row["max_score"]) == pytest.approx(max_total)
        # the manual cell counts 0 until a TA grades it
        assert float(row["raw_score"]) == pytest.approx(sum(expected_scores(student).values()), abs=1e-3), student


@pytest.mark.parametrize("student", sorted(s for s in BREAKS if s not in ("raises", "stuck_gd")))
def test_feedback_names_the_mistake(graded_class, student):
    mistake = graded_class.students[student].mistake
    text = graded_class.feedback[student]
    assert f"Recognised mistake [{mistake}]" in text
    message = next(m.message for c in tn.CHECKS for m in c.mistakes if m.id == mistake)
    assert message in text
    named = {line.split("[", 1)[1].split("]", 1)[0] for line in text.splitlines() if "Recognised mistake [" in line}
    assert named == {mistake}, f"{student}: the feedback also names {named - {mistake}}"


def test_feedback_of_a_correct_submission_names_no_mistake(graded_class):
    for student in FULL:
        assert "Recognised mistake" not in graded_class.feedback[student], student


def test_a_function_calling_one_from_a_later_cell_is_graded_with_the_students_own_definition(graded_class):
    """nbgrader runs example_gradient's test cell before the cell defining dataset_gradient: the
    check takes the student's definition from the answer cell below and says so (full marks above)."""
    text = graded_class.feedback["later_defs"]
    assert "`example_gradient` uses `dataset_gradient`, defined in a later cell of your notebook" in text
    assert "`example_loss` uses `dataset_loss`, defined in a later cell of your notebook" in text
    assert "NameError" not in text and "✘" not in text


def test_feedback_says_what_went_wrong_without_a_named_mistake(graded_class):
    assert 'raised NameError: "name \'h_x\' is not defined"' in graded_class.feedback["raises"]
    assert "timed out after" in graded_class.feedback["stuck_gd"]
    assert "✘" not in graded_class.feedback["correct"] and "✔ gradient_descent" in graded_class.feedback["correct"]


def test_feedback_shows_no_hidden_expected_value_nor_hidden_test_code(graded_class):
    forms = hidden_values()
    for student, text in graded_class.feedback.items():
        assert "BEGIN HIDDEN TESTS" not in text and '"hidden":true' not in text, student
        written = numbers_in(text)
        leaked = [v for v in forms if v in written]
        assert not leaked, f"{student}: {leaked[:5]}"


def test_an_endless_loop_is_stopped_by_the_cell_timeout_and_the_rest_is_graded(graded_class):
    cell = _cell(graded_class.autograded["endless"], "forward")
    assert [o.get("ename") for o in cell.outputs if o.output_type == "error"][-1] == "CellTimeoutError"
    # forward was defined before the loop, and every later cell ran: the scores are all full
    assert expected_scores("endless") == expected_scores("correct")
    stuck = _cell(graded_class.autograded["stuck_gd"], "part7-plot")  # calls the stuck function, ungraded
    assert any(o.get("ename") == "CellTimeoutError" for o in stuck.outputs)


def test_a_deleted_test_cell_is_put_back_and_graded(graded_class):
    assert not any(nbgrader_meta(c).get("grade_id") == "test_forward" for c in graded_class.submitted["no_test_cell"].cells)
    cell = _cell(graded_class.autograded["no_test_cell"], "test_forward")
    assert "was missing from the submission" in cell.source
    assert any(o.output_type == "execute_result" for o in cell.outputs)


def test_a_cell_turned_into_markdown_is_graded_as_code(graded_class):
    assert _cell(graded_class.submitted["markdown_relu"], "relu").cell_type == "markdown"
    assert _cell(graded_class.autograded["markdown_relu"], "relu").cell_type == "code"


def test_points_are_whole_or_partial_never_free():
    """The fabricated class's expected scores include real partial credit, not only 0 and full."""
    partial = {s for s in BREAKS for c, v in expected_scores(s).items() if 0 < v < expected_scores("correct")[c]}
    assert {"relu_mask", "kink_one", "sum_not_mean", "bias", "swap", "z_for_h"} <= partial
    assert all(math.isfinite(v) for s in BREAKS for v in expected_scores(s).values())


def _cell(nb, name):
    """The cell with this grade id (or, for a cell nbgrader does not track, this cell id)."""
    return next(c for c in nb.cells if name in (nbgrader_meta(c).get("grade_id"), c.get("id")))
