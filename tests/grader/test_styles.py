"""Correct code in any honest style gets every point from our grader, with nothing false said.

The styles of issue 12, both assignments, each a whole submission written for this test
(tests/students/tutorial_styles.py, mlp_styles.py): vectorised or loops, lists, tuples,
float32, in-place work on arrays of its own, helper classes, a micrograd-style autodiff, SymPy
(and CS231n's layer pairs, Nielsen's network2 for mlp). One grade run per assignment. Full
marks, every test; the feedback names no mistake, shows no diagnosis and no error line (a
float32 note is what the issue asks for, and is allowed).
"""
import json
import re
import subprocess
import sys

import pytest

from tests.students import mlp_styles, tutorial_styles

STYLES = {"tutorial_net": {k: v + tutorial_styles.HAND for k, v in tutorial_styles.STYLES.items()},
          "mlp": mlp_styles.STYLES}
FALSE_ALARMS = re.compile(r"✘|raised|\b[Ee]rror:|Recognised mistake|What the wrong values have in common|while loading|"
                          r"not available|not filled in|wrong value|not defined")


@pytest.fixture(scope="module", params=sorted(STYLES))
def graded(request, tmp_path_factory):
    assignment = request.param
    folder = tmp_path_factory.mktemp(f"{assignment}-styles")
    for style, code in STYLES[assignment].items():
        (folder / f"{style}.py").write_text(code, encoding="utf-8")
    out = tmp_path_factory.mktemp(f"{assignment}-styles-out")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", assignment, str(folder), "--out", str(out)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return assignment, out


def test_every_style_earns_every_point(graded):
    assignment, out = graded
    for style in STYLES[assignment]:
        data = json.loads((out / style / "results.json").read_text(encoding="utf-8"))
        lost = [t["output"] for t in data["tests"] if t["score"] < t["max_score"]]
        assert not lost and data["score"] == data["extra_data"]["max_score"], (assignment, style, lost)


def test_no_style_is_told_of_a_mistake_an_error_or_a_diagnosis(graded):
    assignment, out = graded
    for style in STYLES[assignment]:
        text = (out / style / "feedback.txt").read_text(encoding="utf-8")
        assert not FALSE_ALARMS.search(text), (assignment, style, FALSE_ALARMS.search(text).group(0), text)


def test_float32_is_said_where_seen_and_only_there(graded):
    assignment, out = graded
    for style in STYLES[assignment]:
        text = (out / style / "feedback.txt").read_text(encoding="utf-8")
        assert ("float32 was seen" in text) == (style == "float32"), (assignment, style)
