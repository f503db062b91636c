"""Our grader (student code in the sandbox) says what the notebook's test cells say: the same
diagnosis, the probes run in the sandbox and unscored, and hand slips cost once."""
import json
import subprocess
import sys

import pytest

from autograder import diagnosis_bench as bench
from autograder.checks import tutorial_net as tn
from tests.students import tutorial_net as students
from tests.students.edits import apply
from tests.students.slips import tutorial_net as slips
from tests.test_hand_carried import worked

CHOSEN = ("output-bias-missing", "gd-gradient-once", "dataset-loss-first-example", "relu-returns-z")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diagnosis-class")
    for slip in CHOSEN:
        (folder / f"{slip}.py").write_text(apply(students.CORRECT, slips.TUNED[slip][0]))
    hand = "\n".join(f"{k} = {v!r}" for k, v in worked(mask=False).items())
    (folder / "hand-mask-forgotten.py").write_text(students.CORRECT + "\n" + hand + "\n")
    out = tmp_path_factory.mktemp("diagnosis-out")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", str(folder), "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


def results_of(out, student):
    return {t["name"]: t for t in json.loads((out / student / "results.json").read_text())["tests"]}


@pytest.mark.parametrize("slip", CHOSEN)
def test_the_grader_and_the_test_cells_give_the_same_diagnosis(graded, slip):
    source = apply(students.CORRECT, slips.TUNED[slip][0])
    cells = {(f, h): text for f, h, lost, text in bench.feedback(source, tn.CHECKS, slips.TUNED[slip][1]) if lost}
    ours = results_of(graded, slip)
    said = 0
    for (function, hidden), text in cells.items():
        mine = [t["output"] for name, t in ours.items() if name.startswith(function) and ("hidden" in name) == hidden]
        assert mine, (function, hidden, list(ours))
        for line in text.splitlines():
            if "have in common" in line or "one input at a time" in line:
                assert line in mine[0], (line, mine[0])
                said += 1
    assert said


def test_probes_cost_no_points_in_the_grader(graded):
    tests = results_of(graded, "output-bias-missing")
    lost = {name for name, t in tests.items() if t["score"] < t["max_score"] and not name.startswith("part")}   # no hand answers here
    assert lost == {name for name in tests if name.startswith("forward") and "hidden" in name}
    hidden_forward = next(t for name, t in tests.items() if name.startswith("forward") and "hidden" in name)
    assert "0/5 hidden cases" in hidden_forward["output"]     # five scored cases; the probes are not counted


def test_a_forgotten_mask_in_the_hand_parts_costs_once_in_the_grader(graded):
    tests = results_of(graded, "hand-mask-forgotten")
    parts = {name.split(":")[0]: t for name, t in tests.items() if name.startswith("part")}
    scores = {k: t["score"] for k, t in parts.items()}
    assert scores == {"part1": 1.0, "part2": 1.0, "part3": 0.75, "part4": 1.0, "part5": 1.0, "part6": 1.0}
    assert "error carried forward" in parts["part4"]["output"]
