"""python -m autograder grade mlp: every lecture slip named where it is made, and costing once."""
import json
import subprocess
import sys

import pytest

from tests.students import mlp as students


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mlp-class")
    (folder / "correct.py").write_text(students.CORRECT)
    for mistake in students.SLIPS:
        (folder / f"{mistake}.py").write_text(students.with_slip(mistake))
    out = tmp_path_factory.mktemp("mlp-out")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", "mlp", str(folder), "--out", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


def results_of(out, student):
    return json.loads((out / student / "results.json").read_text())["tests"]


def test_a_correct_solution_earns_every_point(graded):
    assert all(t["score"] == t["max_score"] for t in results_of(graded, "correct"))


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_each_slip_is_tagged_and_costs_only_its_functions(graded, mistake):
    tests = results_of(graded, mistake)
    lost = {t["name"].split(":")[0] for t in tests if t["score"] < t["max_score"]}
    assert lost == set(students.SLIPS[mistake][1])
    for test in tests:
        if test["score"] < test["max_score"]:  # a raise has no value to name
            assert f"mistake:{mistake}" in test["tags"] or "raised" in test["output"], test
    assert any(f"mistake:{mistake}" in t["tags"] for t in tests)
