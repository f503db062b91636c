"""A test cell whose function calls one from a later answer cell (autograder/student/later.py).

In process, as in a kernel that has run the notebook down to the test cell: the notebook's
file is in the working folder, the namespace holds what the cells above defined. The
definitions come from answer cells below the test cell only, and only definitions: nothing
else of those cells runs, no test cell runs, and without the file (or with two candidates)
nothing is made up. (Real nbgrader on whole notebooks: tests/nbgrader/test_autograde.py and
test_mlp_autograde.py, student ``later_defs``.)
"""
import json

import numpy as np

from autograder.checks import tutorial_net as tn
from autograder.student import incell, later
from autograder.student.model import to_json

CHECK = next(c for c in tn.CHECKS if c.function == "example_gradient")
ABOVE = '''
import numpy as np
def example_gradient(theta, x, y):
    return dataset_gradient(theta, np.array([x]), np.array([y]))
'''
BELOW = '''
import numpy as np
SCALE = 2.0
open("ran-a-bare-call", "w").close()
def dataset_gradient(theta, X, Y):
    X, Y, t = np.asarray(X, float), np.asarray(Y, float), np.asarray(theta, float)
    z = X @ t[:2] + t[2]
    h = np.maximum(z, 0)
    dy = SCALE * (t[3] * h + t[4] - Y)
    dh = dy * t[3] * (z > 0)
    return np.array([np.mean(dh * X[:, 0]), np.mean(dh * X[:, 1]), np.mean(dh), np.mean(dy * h), np.mean(dy)])
'''
WRONG_IN_A_TEST_CELL = "def dataset_gradient(theta, X, Y):\n    return np.zeros(5)\n"


def cell(source, grade_id=None, solution=False):
    meta = {"nbgrader": {"grade_id": grade_id, "solution": solution, "grade": not solution, "locked": not solution}} if grade_id else {}
    return {"cell_type": "code", "metadata": meta, "source": source, "outputs": [], "execution_count": None}


def notebook(*cells):
    return {"nbformat": 4, "nbformat_minor": 5, "metadata": {"backprop": {"assignment": "tutorial_net"}}, "cells": list(cells)}


def run(tmp_path, monkeypatch, capsys, nb, name="tutorial_net.ipynb"):
    monkeypatch.chdir(tmp_path)
    if nb is not None:
        (tmp_path / name).write_text(json.dumps(nb), encoding="utf-8")
    namespace = {"__name__": "__main__"}
    exec(ABOVE, namespace)
    points = incell.check("example_gradient", namespace, to_json(CHECK.only(False)))
    return points, capsys.readouterr().out, namespace


def test_a_later_definition_is_used_and_the_feedback_says_so(tmp_path, monkeypatch, capsys):
    nb = notebook(cell(ABOVE, "example_gradient", True), cell("check('example_gradient')", "test_example_gradient"),
                  cell(BELOW, "dataset_gradient", True))
    points, out, namespace = run(tmp_path, monkeypatch, capsys, nb)
    assert points == CHECK.points(False)
    assert "`example_gradient` uses `dataset_gradient`, defined in a later cell of your notebook" in out
    assert "NameError" not in out
    assert "dataset_gradient" not in namespace and "SCALE" not in namespace   # nothing left behind in the kernel
    assert not (tmp_path / "ran-a-bare-call").exists()                         # only definitions ran


def test_a_test_cell_or_an_earlier_cell_is_never_a_source(tmp_path, monkeypatch, capsys):
    nb = notebook(cell(BELOW, "dataset_gradient", True), cell(ABOVE, "example_gradient", True),
                  cell("check('example_gradient')", "test_example_gradient"),
                  cell(WRONG_IN_A_TEST_CELL, "test_dataset_gradient"))
    points, out, _ = run(tmp_path, monkeypatch, capsys, nb)
    assert points == 0.0 and "NameError" in out and "later cell" not in out


def test_without_the_notebook_the_name_error_stands(tmp_path, monkeypatch, capsys):
    points, out, _ = run(tmp_path, monkeypatch, capsys, None)
    assert points == 0.0 and "name 'dataset_gradient' is not defined" in out


def test_two_candidate_notebooks_are_not_guessed_between(tmp_path, monkeypatch, capsys):
    nb = notebook(cell(ABOVE, "example_gradient", True), cell("check('example_gradient')", "test_example_gradient"),
                  cell(BELOW, "dataset_gradient", True))
    (tmp_path / "tutorial_net-Copy1.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    points, out, _ = run(tmp_path, monkeypatch, capsys, nb)
    assert points == 0.0
    assert "2 notebooks of this assignment are in this folder" in out
    monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "tutorial_net-Copy1.ipynb"))   # Jupyter names its own
    assert incell.check("example_gradient", {**_above()}, to_json(CHECK.only(False))) == CHECK.points(False)


def _above():
    namespace = {"__name__": "__main__"}
    exec(ABOVE, namespace)
    return namespace


def test_select_takes_definitions_and_what_they_use_transitively():
    sources = ["import math\nK = 3\nprint('no')\nfor i in range(2):\n    pass\n"
               "def f(x):\n    return g(x) + K\n", "def g(x):\n    return math.sqrt(x)\nunused = 1\n"]
    chosen = later.select(sources, {"f"}, known={})
    assert [type(n).__name__ for n in chosen] == ["Import", "Assign", "FunctionDef", "FunctionDef"]
    assert np.isclose(later.definitions({"cells": [cell("check('f')", "test_f")] + [cell(s, f"c{i}", True) for i, s in enumerate(sources)]},
                                        "f", {"f"}, {})["f"](4.0), 5.0)
