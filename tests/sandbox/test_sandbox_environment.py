"""Issue 12 (sandbox part): the course environment is importable when grading.

NumPy, SymPy (with mpmath) and Matplotlib (Agg backend, config in the job's /scratch) are
what a submission may import (autograder.sandbox.environment, one course-wide list); an
import the sandbox does not provide is named in one line of the feedback. On the old code the
SymPy submission below lost the points of every function that used what the import would
have defined, and the plotting lines were "raised NameError" notes; the torch import was
silently dropped.
"""
import json
import sys

from autograder.grader.run import grade
from autograder.sandbox import Call, Limits, Sandbox
from sandbox_helpers import src
from tests.students import tutorial_net as students

SYMPY_STYLE = '''
import numpy as np
import sympy as sp
import matplotlib.pyplot as plt

_yh, _y = sp.symbols("y_hat y")
_dloss = sp.lambdify((_yh, _y), sp.diff((_yh - _y) ** 2, _yh))
fig, ax = plt.subplots(1, 2, figsize=(6, 3))
lines = ax[0].plot([0, 1, 2], [3, 2, 1])
''' + students.CORRECT.replace("    return 2 * (y_hat - y)\n", "    return float(_dloss(y_hat, y))\n")


def results(out, student):
    return json.loads((out / student / "results.json").read_text())


def test_sympy_and_matplotlib_submission_gets_full_marks(tmp_path):
    assert "_dloss(y_hat, y)" in SYMPY_STYLE
    path = tmp_path / "sympy_style.py"
    path.write_text(SYMPY_STYLE)
    grade("tutorial_net", [path], tmp_path / "out", jobs=1, stream=sys.stderr)
    data = results(tmp_path / "out", "sympy_style")
    functions = [t for t in data["tests"] if "hand" not in t["name"]]
    assert all(t["score"] == t["max_score"] for t in functions), [t["output"] for t in functions if t["score"] < t["max_score"]]
    text = data["output"] + "".join(t["output"] for t in data["tests"])
    assert "raised" not in text and "NameError" not in text, text


def test_an_import_the_grader_lacks_is_named_in_one_line(tmp_path):
    path = tmp_path / "student_a.py"
    path.write_text("import torch\n" + students.CORRECT)
    grade("tutorial_net", [path], tmp_path / "out", jobs=1, stream=sys.stderr)
    data = results(tmp_path / "out", "student_a")
    text = data["output"] + "\n".join(t["output"] for t in data["tests"])
    lines = [line for line in text.splitlines() if "torch" in line]
    assert len(lines) == 1, text
    assert "not available" in lines[0] and "SymPy" in lines[0], lines[0]


def test_matplotlib_is_non_interactive_and_writes_to_scratch():
    with Sandbox(Limits(cpu_seconds=20, wall_seconds=20)) as box:
        out = box.run(src('''
        import os
        import matplotlib
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots()
        ax.plot([1, 2], [2, 1])
        fig.savefig("/scratch/plot.png")
        plt.show()
        def f():
            return matplotlib.get_backend(), os.path.getsize("/scratch/plot.png") > 0, matplotlib.get_configdir()
    '''), [Call("f")])
    assert out.load_status == "ok", out
    backend, saved, config = out.calls[0].value
    assert backend.lower() == "agg" and saved and config.startswith("/scratch"), out.calls[0]
