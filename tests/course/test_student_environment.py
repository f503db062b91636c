"""The release folder alone, in an environment with only Python, numpy, matplotlib and a Jupyter
kernel (nbclient to run it): every public test cell gives its feedback, a slip is named there,
the self-check works from the folder, and nothing of the instructor side can be imported."""
from __future__ import annotations

import shutil
import subprocess

import nbformat
import pytest

from tests.course import filling, studentenv

ROOT = studentenv.ROOT
SLIP = '''def relu_derivative(z):
    """g'(z), taken as 1 at z = 0 (the slip)."""
    return (np.asarray(z, dtype=float) >= 0).astype(float)
'''


@pytest.fixture(scope="module")
def python():
    return studentenv.ensure()


def _student_copy(tmp_path, assignment):
    folder = tmp_path / assignment
    shutil.copytree(ROOT / "assignments" / assignment, folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _run(python, folder, assignment, replace=None):
    nb = filling.filled(str(folder / f"{assignment}.ipynb"), str(ROOT / "solutions" / assignment / f"{assignment}.ipynb"), replace)
    path = folder / f"{assignment}.ipynb"
    nbformat.write(nb, str(path))
    return studentenv.execute(python, path, folder)


def _public_tests(nb_path):
    nb = nbformat.read(str(nb_path), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"] for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
            and not c.metadata["nbgrader"]["grade_id"].endswith("_hidden")}


@pytest.mark.parametrize("assignment", ["tutorial_net", "mlp"])
def test_correct_code_gets_every_public_point_in_a_bare_environment(python, tmp_path, assignment):
    folder = _student_copy(tmp_path, assignment)
    tests = _public_tests(folder / f"{assignment}.ipynb")
    cells = _run(python, folder, assignment)
    assert len(tests) >= 11
    for gid, points in tests.items():
        assert cells[gid]["errors"] == [], gid
        assert float(cells[gid]["value"]) == points, (gid, cells[gid]["text"])
        assert "✔" in cells[gid]["text"] and "{" not in cells[gid]["text"].split("\n")[0], gid


def test_a_slip_costs_its_cell_and_is_named(python, tmp_path):
    folder = _student_copy(tmp_path, "tutorial_net")
    cells = _run(python, folder, "tutorial_net", {"relu_derivative": SLIP})
    out = cells["test_relu_derivative"]
    assert 0 < float(out["value"]) < 1
    assert "relu_derivative(z=[3, 0, -1]) returned [1, 1, 0]; expected [1, 0, 0]" in out["text"]
    assert "[relu-derivative-at-zero]" in out["text"]
    assert float(cells["test_delta_h"]["value"]) == 1.0      # the other functions are not charged for it


def test_public_test_cells_are_one_short_line(tmp_path):
    nb = nbformat.read(str(ROOT / "assignments" / "tutorial_net" / "tutorial_net.ipynb"), as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and cell.cell_type == "code" and "HIDDEN" not in cell.source \
                and not cell.metadata["nbgrader"]["grade_id"].endswith("_hidden"):
            code = [line for line in cell.source.splitlines() if not line.startswith("#")]
            assert len(code) == 2 and code[0].startswith("from backprop_check import"), cell.source
            assert len(code[1]) < 40


@pytest.mark.parametrize("module", ["reference", "autograder", "sympy", "nbgrader"])
def test_nothing_of_the_instructor_side_can_be_imported(python, tmp_path, module):
    folder = _student_copy(tmp_path, "tutorial_net")
    done = subprocess.run([str(python), "-c", f"import {module}"], cwd=folder, capture_output=True, text=True)
    assert done.returncode != 0 and "ModuleNotFoundError" in done.stderr


def test_the_self_check_runs_from_the_release_folder(python, tmp_path):
    folder = _student_copy(tmp_path, "tutorial_net")
    nb = filling.filled(str(folder / "tutorial_net.ipynb"), str(ROOT / "solutions/tutorial_net/tutorial_net.ipynb"))
    nbformat.write(nb, str(folder / "done.ipynb"))
    ok = subprocess.run([str(python), "-m", "backprop_check", "done.ipynb"], cwd=folder, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "Public cases: 11 of 11 points" in ok.stdout
    nb = filling.filled(str(folder / "tutorial_net.ipynb"), str(ROOT / "solutions/tutorial_net/tutorial_net.ipynb"),
                        {"relu_derivative": SLIP})
    nbformat.write(nb, str(folder / "slip.ipynb"))
    bad = subprocess.run([str(python), "-m", "backprop_check", "slip.ipynb"], cwd=folder, capture_output=True, text=True)
    assert bad.returncode == 1 and "[relu-derivative-at-zero]" in bad.stdout
    empty = subprocess.run([str(python), "-m", "backprop_check", "tutorial_net.ipynb"], cwd=folder, capture_output=True, text=True)
    assert empty.returncode == 1 and "not filled in yet" in empty.stdout


def test_the_self_check_takes_the_assignment_from_the_notebook(python, tmp_path):
    """A folder holding both assignments' public cases: each notebook is checked as itself."""
    folder = _student_copy(tmp_path, "tutorial_net")
    shutil.copy(ROOT / "assignments/mlp/backprop_check/cases/mlp.json", folder / "backprop_check/cases/mlp.json")
    nb = filling.filled(str(ROOT / "assignments/mlp/mlp.ipynb"), str(ROOT / "solutions/mlp/mlp.ipynb"))
    nbformat.write(nb, str(folder / "mine.ipynb"))
    done = subprocess.run([str(python), "-m", "backprop_check", "mine.ipynb"], cwd=folder, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "against the public cases of mlp" in done.stdout and "softmax" in done.stdout
    nb.metadata.pop("backprop")
    nbformat.write(nb, str(folder / "anonymous.ipynb"))
    unknown = subprocess.run([str(python), "-m", "backprop_check", "anonymous.ipynb"], cwd=folder, capture_output=True, text=True)
    assert unknown.returncode == 2 and "exactly one assignment" in unknown.stderr
