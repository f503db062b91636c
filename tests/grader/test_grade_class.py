"""python -m autograder grade on a fabricated class: results, determinism, resuming, safety.

Real sandbox, real processes. The class is in nbgrader's layout (submitted/<student>/
tutorial_net/tutorial_net.ipynb) plus loose .py files.
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import autograder.checks.tutorial_net
from tests.students import tutorial_net as students

CHECKS_FILE = Path(autograder.checks.tutorial_net.__file__).resolve()  # holds the hidden cases' recipe

# a forward that looks through the process's memory (and the call stack) for a stub table
# with its own answers, recorded from the reference for a later function's cases
REPLAY = """
import gc, sys
def _replay(theta, x):
    def same(a, b):
        try:
            return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float))
        except Exception:
            return False
    frames, f = [], sys._getframe()
    while f is not None:
        frames.append(f.f_locals)
        f = f.f_back
    for obj in gc.get_objects() + frames:
        if isinstance(obj, dict) and isinstance(obj.get("forward"), (list, tuple)):
            for entry in obj["forward"]:
                if isinstance(entry, (list, tuple)) and len(entry) == 2 and len(entry[0]) == 2 \\
                        and same(entry[0][0], theta) and same(entry[0][1], x):
                    return entry[1]
    return None

def forward(theta, x):
    found = _replay(theta, x)
    return found if found is not None else (0.0, 0.0, 0.0)
"""

HOSTILE = {
    "raises": students.CORRECT.replace("def forward(theta, x):\n", "def forward(theta, x):\n    raise RuntimeError('nope')\n"),
    "exits": students.CORRECT.replace("def delta_h(theta, x, y):\n", "def delta_h(theta, x, y):\n    import os; os._exit(3)\n"),
    "loops": students.CORRECT.replace("def gd_step(theta, grad, eta):\n", "def gd_step(theta, grad, eta):\n    while True:\n        pass\n"),
    "floods": students.CORRECT.replace("def relu(z):\n", "def relu(z):\n    import os; os.write(1, b'x' * 10_000_000)\n"),
    "prints": students.CORRECT.replace("def forward(theta, x):\n", "def forward(theta, x):\n    print('debugging', theta, x)\n"),
    "syntax": "def forward(theta, x)\n    return 1\n",
    "reads-answers": students.CORRECT.replace("def relu(z):\n", f"def relu(z):\n    return len(open({str(CHECKS_FILE)!r}).read())\n"),
    "replays-stubs": students.CORRECT.replace("def forward(theta, x):\n", REPLAY + "\ndef _unused_forward(theta, x):\n"),
    "wrong-shapes": students.CORRECT.replace("return np.mean(grads, axis=0)", "return np.zeros((0, 5))"),
}


def notebook(code: str) -> str:
    cell = {"cell_type": "code", "execution_count": None, "outputs": [], "source": code,
            "metadata": {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "code", "schema_version": 3}}}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


@pytest.fixture(scope="module")
def klass(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    def put(student, code):
        folder = root / "submitted" / student / "tutorial_net"
        folder.mkdir(parents=True)
        (folder / "tutorial_net.ipynb").write_text(notebook(code))
    put("correct", students.CORRECT)
    for mistake in students.SLIPS:
        put(mistake, students.with_slip(mistake))
    for name, code in HOSTILE.items():
        put(name, code)
    (root / "submitted" / "no-notebook" / "tutorial_net").mkdir(parents=True)
    broken = root / "submitted" / "broken-json" / "tutorial_net"
    broken.mkdir(parents=True)
    (broken / "tutorial_net.ipynb").write_text("{ this is not json")
    loose = root / "loose"
    loose.mkdir()
    (loose / "pyfile.py").write_text(students.CORRECT)
    return root


def grade(*args, timeout=600):
    return subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded(klass, tmp_path_factory):
    before = digest(klass)
    out = tmp_path_factory.mktemp("out")
    run = grade(klass, klass / "loose" / "pyfile.py", "--out", out, "--jobs", "2")
    assert run.returncode == 0, run.stderr
    assert digest(klass) == before, "submissions were modified"
    return out, run


def result(out, student):
    return json.loads((out / student / "results.json").read_text())


def test_results_follow_gradescopes_schema(graded):
    out, _ = graded
    data = result(out, "correct")
    assert set(data) >= {"score", "tests", "output"}
    for test in data["tests"]:
        assert set(test) >= {"name", "score", "max_score", "output", "visibility", "tags"}
        assert test["visibility"] in ("visible", "after_published")
    names = [t["name"] for t in data["tests"]]
    assert names[0].startswith("relu") and any(n.startswith("gradient_descent") for n in names)
    assert data["score"] == sum(t["score"] for t in data["tests"])


def test_a_correct_submission_earns_every_code_point(graded):
    out, _ = graded
    for test in result(out, "correct")["tests"]:
        if not test["name"].startswith("part"):
            assert test["score"] == test["max_score"], test
    assert result(out, "pyfile")["score"] == result(out, "correct")["score"]


@pytest.mark.parametrize("mistake", sorted(students.SLIPS))
def test_each_mistake_is_a_tag_on_the_functions_where_it_is_made(graded, mistake):
    out, _ = graded
    data = result(out, mistake)
    tagged = {t["name"].split(":")[0] for t in data["tests"] if f"mistake:{mistake}" in t["tags"]}
    assert set(students.SLIPS[mistake][1]) <= tagged
    lost = {t["name"].split(":")[0] for t in data["tests"] if t["score"] < t["max_score"] and not t["name"].startswith("part")}
    assert lost == set(students.SLIPS[mistake][1]), "one mistake must cost once"


@pytest.mark.parametrize("student, function, words", [
    ("raises", "forward", 'raised RuntimeError: "nope"'),
    ("exits", "delta_h", "exit"),
    ("loops", "gd_step", "timed out"),
    ("floods", "relu", "output"),
    ("wrong-shapes", "dataset_gradient", "returned an array of shape (0, 5), expected (5,)"),
])
def test_a_hostile_function_costs_only_itself(graded, student, function, words):
    out, _ = graded
    data = result(out, student)
    for test in data["tests"]:
        name = test["name"].split(":")[0]
        if name == function:
            assert test["score"] == 0 and words in test["output"], test["output"]
        elif not name.startswith("part"):
            assert test["score"] == test["max_score"], (name, test["output"])


def test_stub_tables_cannot_be_replayed_for_hidden_cases(graded):
    """(Public answers are in the release anyway; a replay may find those.)"""
    out, _ = graded
    tests = {t["name"]: t for t in result(out, "replays-stubs")["tests"]}
    assert tests["forward: hidden cases"]["score"] == 0


def test_prints_cost_nothing(graded):
    out, _ = graded
    assert result(out, "prints")["score"] == result(out, "correct")["score"]


def test_unusable_submissions_get_a_zero_with_a_reason(graded):
    out, _ = graded
    assert "syntax error" in result(out, "syntax")["output"]
    assert result(out, "syntax")["score"] == 0
    assert "no notebook" in result(out, "no-notebook")["output"]
    assert "not a readable notebook" in result(out, "broken-json")["output"]


def test_reading_the_answers_fails_inside_the_sandbox(graded):
    out, _ = graded
    relu = [t for t in result(out, "reads-answers")["tests"] if t["name"].startswith("relu:")]
    assert all(t["score"] == 0 and "raised FileNotFoundError" in t["output"] for t in relu)


def test_hidden_tests_reveal_no_expected_values(graded):
    out, _ = graded
    from autograder.checks import tutorial_net as tn
    from autograder.student.judge import leaves
    text = "\n".join(t["output"] for t in result(out, "factor-2-dropped")["tests"] if t["visibility"] != "visible")
    for check in tn.CHECKS:
        for case in check.cases:
            if case.hidden:
                for value in leaves(case.expected):
                    if abs(value) > 1 and value != int(value):
                        assert f"{value:g}" not in text


def test_grades_csv_lists_every_student(graded, klass):
    out, _ = graded
    rows = (out / "grades.csv").read_text().splitlines()
    assert rows[0] == "student,score,max_score"
    students_seen = {r.split(",")[0] for r in rows[1:]}
    assert students_seen == {p.name for p in (klass / "submitted").iterdir()} | {"pyfile"}


def test_same_input_same_bytes(graded, klass, tmp_path):
    out, _ = graded
    again = tmp_path / "again"
    assert grade(klass, klass / "loose" / "pyfile.py", "--out", again, "--jobs", "1").returncode == 0
    assert digest(again) == digest(out)


def test_killed_with_sigkill_and_run_again_loses_nothing(graded, klass, tmp_path):
    out, _ = graded
    resumed = tmp_path / "resumed"
    process = subprocess.Popen([sys.executable, "-m", "autograder", "grade", "tutorial_net", str(klass),
                                str(klass / "loose" / "pyfile.py"), "--out", str(resumed), "--jobs", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(resumed.glob("*/results.json"))) < 3:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = len(list(resumed.glob("*/results.json")))
    assert 0 < partial < len(list(out.glob("*/results.json")))
    run = grade(klass, klass / "loose" / "pyfile.py", "--out", resumed, "--jobs", "2")
    assert run.returncode == 0
    assert f"{partial} already graded" in run.stdout
    assert {k: v for k, v in digest(resumed).items() if not k.startswith(".")} == digest(out)
