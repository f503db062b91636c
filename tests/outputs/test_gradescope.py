"""The Gradescope bundle, run in Gradescope's layout: /autograder/{source,submission,results}.

The layout is made for real: as root, a private mount namespace (``unshare -m``) in which a
temporary folder is bound at /autograder; the bundle is unzipped into source/,
run_autograder copied to /autograder/run_autograder and run there, as Gradescope does.
setup.sh is not run (it would install Python and NumPy into /autograder/venv, which a real
Gradescope image does once when it is built); AUTOGRADER_PYTHON points run_autograder at this
environment's Python, which has the same pinned NumPy. A hostile submission in the same
layout tries to read the bundle's checks.
"""
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.grader.test_grade_class import notebook

SNOOP = """
import os
import numpy as np

SEEN = [p for p in ("/autograder", "/autograder/source/checks/tutorial_net.json", "/autograder/source",
                    "/autograder/results") if os.path.exists(p)]

def relu(z):
    if SEEN:   # a wrong answer tells the test that the bundle was visible
        return -12345.0
    return np.maximum(z, 0)
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("gs") / "tutorial_net.zip"
    run = subprocess.run([sys.executable, "-m", "autograder", "gradescope", "tutorial_net", "--out", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    return out


def test_the_zip_has_setup_and_run_autograder_at_its_root_and_pinned_numpy(bundle):
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in z.infolist()}
        requirements = z.read("requirements.txt").decode()
    assert {"setup.sh", "run_autograder", "requirements.txt", "checks/tutorial_net.json"} <= names
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    lines = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert lines and all(line.startswith("numpy==") for line in lines)


def test_no_reference_no_checks_builder_no_sympy_in_the_bundle(bundle):
    with zipfile.ZipFile(bundle) as z:
        names = z.namelist()
        code = "".join(z.read(n).decode() for n in names if n.endswith(".py"))
    assert not [n for n in names if n.startswith(("reference/", "autograder/checks/", "autograder/generate/",
                                                  "autograder/notebooks/", "solutions/"))]
    assert "import sympy" not in code and "from reference" not in code


def test_the_same_checks_give_the_same_zip(bundle, tmp_path):
    again = tmp_path / "again.zip"
    subprocess.run([sys.executable, "-m", "autograder", "gradescope", "tutorial_net", "--out", str(again)], check=True,
                   capture_output=True, timeout=300)
    assert again.read_bytes() == bundle.read_bytes()


def run_in_gradescope_layout(bundle: Path, submission: Path, tmp_path: Path) -> tuple:
    """(results.json, the imports of the grading process) of the bundle run on ``submission``."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        pytest.fail("Gradescope's layout (/autograder, bound in a private mount namespace) needs root and unshare(1)")
    root = tmp_path / "autograder"
    for name in ("source", "submission", "results"):
        (root / name).mkdir(parents=True)
    with zipfile.ZipFile(bundle) as z:
        z.extractall(root / "source")
    for name in ("setup.sh", "run_autograder"):
        (root / "source" / name).chmod(0o755)              # zipfile does not restore modes
    shutil.copy(root / "source" / "run_autograder", root / "run_autograder")
    shutil.copy(submission, root / "submission" / submission.name)
    made = not Path("/autograder").exists()
    if made:
        Path("/autograder").mkdir()                        # the mount point only; removed below
    try:
        env = dict(os.environ, AUTOGRADER_PYTHON=sys.executable, PYTHONPROFILEIMPORTTIME="1")
        run = subprocess.run(["unshare", "-m", "sh", "-c",
                              f"mount --make-rprivate / && mount --bind {root} /autograder && /autograder/run_autograder"],
                             capture_output=True, text=True, timeout=300, env=env)
    finally:
        if made:
            Path("/autograder").rmdir()
    assert run.returncode == 0, run.stderr[-3000:]
    imports = [line.split("|")[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")]
    return json.loads((root / "results" / "results.json").read_text()), imports


def test_run_autograder_scores_a_notebook_as_grade_does(bundle, graded, klass, tmp_path):
    data, imports = run_in_gradescope_layout(bundle, klass / "submitted" / "relu_mask" / "tutorial_net" / "tutorial_net.ipynb", tmp_path)
    ours = json.loads((graded / "relu_mask" / "results.json").read_text())
    assert data["score"] == ours["score"] and data["score"] < ours["extra_data"]["max_score"]
    assert [(t["name"], t["score"], t["visibility"]) for t in data["tests"]] == \
           [(t["name"], t["score"], t["visibility"]) for t in ours["tests"]]
    assert {t["visibility"] for t in data["tests"] if "hidden" in t["name"] or t["name"].startswith("part")} == {"after_published"}
    assert not [m for m in imports if m.split(".")[0] in ("sympy", "reference", "nbformat", "nbgrader")
                or m.startswith(("autograder.checks", "autograder.generate", "autograder.notebooks"))]


def test_a_py_submission_that_snoops_for_the_checks_finds_nothing(bundle, tmp_path):
    snoop = tmp_path / "snoop.py"
    snoop.write_text(SNOOP)
    data, _ = run_in_gradescope_layout(bundle, snoop, tmp_path / "run")
    relu = next(t for t in data["tests"] if t["name"] == "relu: public cases")
    assert relu["score"] == relu["max_score"], relu["output"]   # /autograder does not exist in the sandbox
    assert data["score"] > 0


def test_an_empty_submission_gets_a_zero_with_a_reason(bundle, tmp_path):
    empty = tmp_path / "notes.txt"
    empty.write_text("nothing here")
    data, _ = run_in_gradescope_layout(bundle, empty, tmp_path / "run")
    assert data["score"] == 0 and "no .ipynb or .py file" in data["output"]


def test_course_option_builds_the_checks_of_that_course(bundle, tmp_path):
    """A course regenerated with new numbers (its variant.json): the bundle grades on those."""
    course = tmp_path / "course"
    subprocess.run([sys.executable, "-m", "autograder", "generate", "tutorial_net", "--seed", "7", "--out", str(course)],
                   check=True, capture_output=True, timeout=600)
    theirs = tmp_path / "theirs.zip"
    run = subprocess.run([sys.executable, "-m", "autograder", "gradescope", "tutorial_net", "--out", str(theirs),
                          "--course", str(course)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    from autograder import assignments
    with zipfile.ZipFile(theirs) as z:
        doc = json.loads(z.read("checks/tutorial_net.json"))
    with zipfile.ZipFile(bundle) as z:
        default = json.loads(z.read("checks/tutorial_net.json"))
    from autograder.student.model import to_json
    assert doc["checks"] == [to_json(c) for c in assignments.checks("tutorial_net", course)]
    assert doc["checks"] != default["checks"]


def test_a_missing_course_folder_is_one_clear_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "autograder", "gradescope", "tutorial_net", "--out", str(tmp_path / "x.zip"),
                          "--course", str(tmp_path / "nowhere")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no such course folder" in run.stderr
