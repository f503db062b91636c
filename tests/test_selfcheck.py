"""python -m autograder check: public cases only, same feedback, clear errors on bad files."""
import json
import subprocess
import sys

from autograder import submission
from tests.students import tutorial_net as students


def cli(*args):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True, timeout=60)


def notebook(cells):
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def code(source, **nbgrader):
    meta = {"nbgrader": nbgrader} if nbgrader else {}
    return {"cell_type": "code", "source": source, "metadata": meta, "outputs": [], "execution_count": None}


def test_a_py_file_with_a_slip_gets_the_public_feedback(tmp_path):
    path = tmp_path / "alice.py"
    path.write_text(students.with_slip("sum-instead-of-mean"))
    run = cli("check", str(path))
    assert run.returncode == 1, run.stderr   # a public case fails
    assert "returned 6.5; expected 3.25." in run.stdout
    assert "[sum-instead-of-mean]" in run.stdout and "hidden case" not in run.stdout
    assert "✔ example_gradient: 3/3 public cases passed" in run.stdout


def test_a_notebook_skips_test_cells_plots_and_broken_cells(tmp_path):
    path = tmp_path / "bob.ipynb"
    path.write_text(notebook([
        code("%matplotlib inline\nimport numpy as np"),
        code(students.CORRECT, solution=True, grade=False, grade_id="forward"),
        code("assert False, 'a test cell must not run here'", grade=True, solution=False, grade_id="test_forward", points=1),
        code("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nprint(forward([1, 1, 0, 1, 0], [2, 1]))"),
        code("def broken(:\n    pass"),
        {"cell_type": "markdown", "source": "text", "metadata": {}},
    ]))
    sub = submission.load(path)
    assert "assert False" not in sub.code   # test cells are not taken; plots are dropped when loaded
    run = cli("check", str(path))
    assert "cell 5 has a syntax error (line 1: invalid syntax); its code was not used" in run.stdout
    assert "Public cases: 11 of 11 points" in run.stdout, run.stdout


def test_bad_files_get_one_line(tmp_path):
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    for path, words in [(broken, "not a readable notebook"), (tmp_path / "missing.ipynb", "no such file"),
                        (tmp_path / "x.txt", "expected a .ipynb notebook or a .py file")]:
        if path.suffix == ".txt":
            path.write_text("x")
        run = cli("check", str(path))
        assert run.returncode == 2 and words in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_code_that_raises_at_load_still_gets_graded(tmp_path):
    path = tmp_path / "carol.py"
    path.write_text(students.CORRECT + "\nboom = 1 / 0\n")
    run = cli("check", str(path))
    assert "boom = 1 / 0 raised ZeroDivisionError: division by zero" in run.stdout
    assert "Public cases: 11 of 11 points" in run.stdout
