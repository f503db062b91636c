"""Grading inside a notebook kernel: a test cell never errors and always ends with points."""
import numpy as np
import pytest

from autograder.student import incell
from autograder.checks import tutorial_net as tn
from autograder.student.model import to_json

CHECKS = {c.function: c for c in tn.CHECKS}


def grade(source, function, capsys, hidden=False):
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    points = incell.check(function, namespace, to_json(CHECKS[function].only(hidden)))
    return points, capsys.readouterr()


def test_a_function_that_loops_forever_times_out_and_the_rest_is_not_run(capsys, monkeypatch):
    monkeypatch.setattr(incell, "CALL_SECONDS", 0.3)
    points, out = grade("def forward(theta, x):\n    while True:\n        pass\n", "forward", capsys, hidden=True)
    assert points == 0.0
    assert "timed out after 0.3 s" in out.out and "not run: an earlier case timed out" in out.out


def test_a_function_that_raises_scores_zero_with_the_exception(capsys):
    points, out = grade("def forward(theta, x):\n    return 1 / 0\n", "forward", capsys)
    assert points == 0.0 and "raised ZeroDivisionError: \"division by zero\"" in out.out
    assert out.err == ""


@pytest.mark.parametrize("body", ["raise SystemExit(3)", "raise KeyboardInterrupt", "import sys; sys.exit()"])
def test_exits_and_interrupts_are_caught(body, capsys):
    points, out = grade(f"def forward(theta, x):\n    {body}\n", "forward", capsys)
    assert points == 0.0 and "raised" in out.out and out.err == ""


def test_the_students_prints_and_warnings_stay_out_of_the_cell(capsys):
    source = ("import sys, warnings, numpy as np\n"
              "def relu(z):\n    print('debug'); print('noise', file=sys.stderr); warnings.warn('careful')\n"
              "    np.log(np.zeros(1))\n    return np.maximum(z, 0)\n")
    points, out = grade(source, "relu", capsys)
    assert points == CHECKS["relu"].points_public
    assert "debug" not in out.out and out.err == ""


def test_undefined_and_imported_functions_score_zero(capsys):
    points, out = grade("x = 1\n", "forward", capsys)
    assert points == 0.0 and "`forward` is not defined" in out.out
    points, out = grade("from reference.tutorial_net import forward\n", "forward", capsys)
    assert points == 0.0 and "must be written in this notebook" in out.out


def test_returning_none_says_return_is_missing(capsys):
    points, out = grade("def forward(theta, x):\n    z = theta[0]\n", "forward", capsys)
    assert points == 0.0 and "is the `return` statement missing?" in out.out


def test_partial_credit_is_proportional(capsys):
    # right on z(x1) = 3 (positive), wrong when z < 0: 2 of 3 public relu cases
    points, _ = grade("def relu(z):\n    return abs(z)\n", "relu", capsys)
    assert 0 < points < CHECKS["relu"].points_public


def test_corrupt_check_data_still_ends_with_zero(capsys):
    assert incell.check("forward", {}, "{not json") == 0.0
    assert "could not finish" in capsys.readouterr().out
