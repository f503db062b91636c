"""The main job on built-in data, instructor to grades.

1. The tutorial's worked numbers, computed twice: by ``reference.tutorial_net`` (float64)
   and by ``reference.symbolic`` (exact rationals from sympy's derivatives), side by side.
2. A class for the ``tutorial_net`` assignment as shipped (``assignments/``): correct
   notebooks, one per known mistake, and hostile ones, fabricated from the release.
3. That class graded by our grader (student code in the sandbox), the grade table, one
   student's feedback, and where everything was written (``out/demo/``).
"""
from __future__ import annotations

import csv
import io
import shutil
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

from autograder.checks.tutorial_net import TUTORIAL, quantities

ROOT = Path(__file__).resolve().parents[1]

LABELS = {
    "z": "z(x1), z(x2)", "h": "h(x1), h(x2)", "y_hat": "ŷ(x1), ŷ(x2)", "example_loss": "L(x1,y1), L(x2,y2)",
    "dataset_loss": "L(D)", "delta_yhat": "δ_ŷ(x1,y1), δ_ŷ(x2,y2)", "delta_h": "δ_h(x1,y1), δ_h(x2,y2)",
    "example_gradient": "∇θ L(x1,y1) | ∇θ L(x2,y2)", "dataset_gradient": "∇θ L(D)",
    "theta_next": "θ after one step", "example_loss_next": "after: L(x1,y1), L(x2,y2)",
    "dataset_loss_next": "after: L(D)",
}


def numeric_table() -> dict:
    """The quantities from the NumPy reference (the module has the contract's function names)."""
    from reference import tutorial_net as ref
    return quantities(ref, TUTORIAL)


def exact_table() -> dict:
    from reference import symbolic
    return symbolic.tutorial_exact(TUTORIAL["theta"], TUTORIAL["X"], TUTORIAL["Y"], TUTORIAL["eta"])


def _flat(value):
    if isinstance(value, (list, tuple, np.ndarray)):
        return [x for v in value for x in _flat(v)]
    return [value]


def _exact(x) -> str:
    q = Fraction(str(x)) if not isinstance(x, Fraction) else x
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def numbers() -> int:
    numeric, exact = numeric_table(), exact_table()
    print("The tutorial network (spec part A): θ = (1, 1, 0, 1, 0), x1 = (2, 1), y1 = 1.3, x2 = (−3, 2), y2 = 1.9, η = 0.01\n")
    print(f"{'quantity':28} {'NumPy reference (float64)':44} {'sympy (exact)':40} agree")
    disagree = 0
    for key, label in LABELS.items():
        floats, rationals = _flat(numeric[key]), _flat(exact[key])
        same = len(floats) == len(rationals) and all(
            abs(f - float(q)) <= 1e-12 * max(1.0, abs(float(q))) for f, q in zip(floats, rationals))
        disagree += not same
        print(f"{label:28} {', '.join(f'{f + 0.0:.12g}' for f in floats):44} {', '.join(_exact(q) for q in rationals):40} {'yes' if same else 'NO'}")
    print("\n" + ("All quantities agree: the NumPy reference matches sympy's exact derivatives." if not disagree
                  else f"{disagree} quantities DISAGREE."))
    return disagree


HOSTILE_PY = {
    "mallory-reads-answers": "def forward(theta, x):\n    return open({checks!r}).read()\n",
    "mallory-fork-bomb": "import os\ndef relu(z):\n    while True:\n        os.fork()\n",
    "mallory-exits": "import os\ndef forward(theta, x):\n    os._exit(0)\n",
}


def fabricate_class(folder: Path) -> dict:
    """submitted/<student>/tutorial_net/tutorial_net.ipynb for a class built from the release."""
    import nbformat

    from autograder.checks import tutorial_net as checks_module
    from autograder.notebooks import classroom, fabricate

    release = classroom.release_notebook(ROOT, "tutorial_net")
    source = classroom.source_notebook(ROOT, "tutorial_net")
    made = fabricate.fabricate(release, source)
    what = {}
    for student, (info, nb) in made.items():
        path = folder / "submitted" / student / "tutorial_net" / "tutorial_net.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        what[student] = info.what
    for student, code in HOSTILE_PY.items():
        path = folder / "loose" / f"{student}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code.format(checks=str(Path(checks_module.__file__).resolve())))
        what[student] = "hostile: " + student.split("-", 1)[1].replace("-", " ")
    return what


def grade_class(folder: Path, what: dict) -> None:
    from autograder.grader import run

    out = folder / "results"
    started = time.perf_counter()
    summary = run.grade("tutorial_net", [folder / "submitted", folder / "loose"], out, jobs=2, stream=io.StringIO())
    seconds = time.perf_counter() - started
    print(f"\nGraded {len(summary.graded)} submissions in {seconds:.1f} s with our grader (student code in the sandbox: "
          f"{summary.protections.get('isolation', '?')} isolation).\n")
    print(f"{'student':24} {'score':>7}  what the submission does")
    with open(out / "grades.csv", newline="") as f:
        for row in csv.DictReader(f):
            print(f"{row['student']:24} {float(row['score']):7.2f}  {what.get(row['student'], '')}")
    print(f"\n(out of {row['max_score']} autograded points; the written answer on η is graded by a TA)")
    feedback = (out / "relu_mask" / "feedback.txt").read_text(encoding="utf-8")
    print("\nOne student's feedback (relu_mask):\n")
    print("\n".join(line for line in feedback.splitlines() if not line.startswith("✔")))
    print(f"Everything is in {out}: <student>/results.json (Gradescope's format), <student>/feedback.txt, grades.csv.")


def main() -> int:
    disagree = numbers()
    folder = ROOT / "out" / "demo"
    shutil.rmtree(folder, ignore_errors=True)
    print("\nFabricating a class from the release assignments/tutorial_net/ …")
    what = fabricate_class(folder)
    grade_class(folder, what)
    return 1 if disagree else 0
