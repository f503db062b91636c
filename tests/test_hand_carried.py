"""Hand-worked parts: one slip costs once (error carried forward, as on a paper exam).

The slipped answers are worked out here from the tutorial's formulas (spec part A) with the
slip made by hand, not by the code under test; both graders (nbgrader's hidden hand cells
and ours) must give the same scores.
"""
from __future__ import annotations

import contextlib
import io

import pytest

from autograder import assignments
from autograder.checks import render
from autograder.checks import tutorial_net as tn
from autograder.student import grading, handcalc
from tests import spec_table as spec

THETA, X, Y, ETA = (1.0, 1.0, 0.0, 1.0, 0.0), ((2.0, 1.0), (-3.0, 2.0)), (1.3, 1.9), 0.01


def worked(mask=True, two=2.0, THETA=THETA, X=X, Y=Y, ETA=ETA):
    """Every hand answer of the tutorial, computed here; ``mask=False`` forgets g'(z) in δ_h."""
    w = THETA
    out = {}
    for i, (x, y) in enumerate(zip(X, Y), start=1):
        z = w[0] * x[0] + w[1] * x[1] + w[2]
        h = max(z, 0.0)
        y_hat = w[3] * h + w[4]
        d_y = two * (y_hat - y)
        d_h = d_y * w[3] * ((1.0 if z > 0 else 0.0) if mask else 1.0)
        out |= {f"z_x{i}": z, f"h_x{i}": h, f"y_hat_x{i}": y_hat, f"L_x{i}": (y_hat - y) ** 2,
                f"delta_yhat_x{i}": d_y, f"delta_h_x{i}": d_h,
                f"grad_x{i}": [d_h * x[0], d_h * x[1], d_h, d_y * h, d_y]}
    out["L_D"] = (out["L_x1"] + out["L_x2"]) / 2
    out["grad_D"] = [(a + b) / 2 for a, b in zip(out["grad_x1"], out["grad_x2"])]
    nxt = [t - ETA * g for t, g in zip(w, out["grad_D"])]
    out["theta_next"] = nxt
    for i, (x, y) in enumerate(zip(X, Y), start=1):
        h = max(nxt[0] * x[0] + nxt[1] * x[1] + nxt[2], 0.0)
        out[f"L_x{i}_next"] = (nxt[3] * h + nxt[4] - y) ** 2
    out["L_D_next"] = (out["L_x1_next"] + out["L_x2_next"]) / 2
    return {k: round(v, 3) if isinstance(v, float) else [round(a, 3) for a in v] for k, v in out.items()}


def in_cells(values):
    """{part id: (points, feedback)} from nbgrader's hidden hand cells."""
    out = {}
    for part in tn.HAND_PARTS:
        namespace = {"__name__": "__main__", **values}
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink):
            cell = {"namespace": namespace}
            exec(render.hand_test_cell(part, True).replace("globals()", "namespace").replace(
                "check_hand(", "points = check_hand("), cell)
        out[part.id] = (cell["points"], sink.getvalue())
    return out


def ours(values):
    return {p.id: grading.grade_hand(p, values).score for p in assignments.hand_parts("tutorial_net")}


def test_the_worked_answers_here_are_the_tutorials():
    right = worked()
    assert right["L_D_next"] == pytest.approx(float(spec.TABLE["dataset_loss_next"]), abs=1e-3)
    assert right["theta_next"] == pytest.approx([float(t) for t in spec.TABLE["theta_next"]], abs=1e-3)


def test_a_forgotten_relu_mask_costs_only_delta_h_of_x2():
    slipped = worked(mask=False)
    assert slipped["delta_h_x2"] != worked()["delta_h_x2"]          # the slip shows where it is made …
    assert slipped["L_x1_next"] != worked()["L_x1_next"]            # … and changes later answers
    cells = in_cells(slipped)
    points = {pid: p for pid, (p, _) in cells.items()}
    assert points == {"part1": 1.0, "part2": 1.0, "part3": 0.75, "part4": 1.0, "part5": 1.0, "part6": 1.0}
    assert "relu-mask-missing" in cells["part3"][1]
    assert "follows correctly from your delta_h_x2" in cells["part4"][1]
    assert "error carried forward" in cells["part6"][1]
    assert ours(slipped) == points


def test_a_dropped_factor_two_costs_the_two_deltas_only():
    slipped = worked(two=1.0)
    points = {pid: p for pid, (p, _) in in_cells(slipped).items()}
    assert points == {"part1": 1.0, "part2": 1.0, "part3": 0.5, "part4": 1.0, "part5": 1.0, "part6": 1.0}
    assert ours(slipped) == points


def test_a_later_answer_that_does_not_follow_from_the_earlier_one_is_still_wrong():
    slipped = worked(mask=False)
    slipped["grad_x2"] = [1.0, 1.0, 1.0, 1.0, 1.0]      # wrong, and not what δ_h(x2) gives: it costs
    points = {pid: p for pid, (p, _) in in_cells(slipped).items()}
    assert points["part4"] == pytest.approx(1 / 3, abs=1e-3)   # grad_D (from the other grad_x2) does not follow either
    slipped["grad_D"] = [(a + 1.0) / 2 for a in slipped["grad_x1"]]   # the mean of what was written: follows
    points = {pid: p for pid, (p, _) in in_cells(slipped).items()}
    assert points["part4"] == pytest.approx(2 / 3, abs=1e-3)
    assert points["part5"] == 0.0                               # θ_next was worked from the other grad_D
    assert ours(slipped) == points


def test_right_answers_get_no_note():
    cells = in_cells(worked())
    assert all(p == 1.0 for p, _ in cells.values())
    assert all("carried forward" not in text for _, text in cells.values())


def test_the_release_holds_no_formulas():
    for part in tn.HAND_PARTS:
        public = render.hand_test_cell(part, False)
        assert part.formulas and '"formulas"' not in public and '"data"' not in public
        assert not any(f in public for f in part.formulas.values())
        assert '"formulas"' in render.hand_test_cell(part, True)


@pytest.mark.parametrize("formula", ["__import__('os').system('true')", "x1.__class__", "open('f')", "(lambda: 1)()",
                                     "[a for a in x1]"])
def test_the_evaluator_runs_nothing_but_arithmetic(formula):
    with pytest.raises((ValueError, handcalc.Unknown)):
        handcalc.evaluate(formula, {"x1": (1.0, 2.0)})
