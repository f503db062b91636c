"""One small class graded by the real grader (real sandbox) for the output tests.

correct, copycat (correct with names, comments and spacing changed), other (a correct
solution written differently), relu-mask-missing (one known slip), and a hostile .py whose
file name is markup and whose code raises, prints and returns markup and terminal codes.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.students import tutorial_net as students
from tests.grader.test_grade_class import notebook

# an id the grader accepts (ids with markup or control characters are refused before anything
# is written: tests/grader/test_hostile_inputs.py); the hostile part is what the code prints and raises
HOSTILE_ID = "mallory+alert@x.y"
HOSTILE = '''
import numpy as np
print("<script>alert('printed')</script>\\x1b[2J")

def relu(z):
    raise ValueError("<script>alert('raised')</script>\\x1b[31m\\"quoted\\" 'single'")

def forward(theta, x):
    return "<img src=x onerror=alert('returned')>"

def example_loss(theta, x, y):
    return ["</pre><script>alert('list')</script>"]
'''

OTHER = '''
import numpy as np

def relu(z):
    return np.where(np.asarray(z, dtype=float) > 0, z, 0.0)

def relu_derivative(z):
    return (np.asarray(z, dtype=float) > 0).astype(float)

def forward(theta, x):
    w0, w1, w2, w3, w4 = theta
    pre = np.dot([w0, w1], x) + w2
    hid = relu(pre)
    return pre, hid, w3 * hid + w4

def example_loss(theta, x, y):
    return float((forward(theta, x)[2] - y) ** 2)

def dataset_loss(theta, X, Y):
    return float(np.mean([example_loss(theta, xi, yi) for xi, yi in zip(X, Y)]))

def delta_yhat(theta, x, y):
    return 2.0 * (forward(theta, x)[2] - y)

def delta_h(theta, x, y):
    pre = forward(theta, x)[0]
    return delta_yhat(theta, x, y) * theta[3] * relu_derivative(pre)

def example_gradient(theta, x, y):
    pre, hid, _ = forward(theta, x)
    dy, dh = delta_yhat(theta, x, y), delta_h(theta, x, y)
    return np.array([dh * x[0], dh * x[1], dh, dy * hid, dy], dtype=float)

def dataset_gradient(theta, X, Y):
    return np.mean(np.stack([example_gradient(theta, xi, yi) for xi, yi in zip(X, Y)]), axis=0)

def gd_step(theta, grad, eta):
    return np.asarray(theta, dtype=float) - eta * np.asarray(grad, dtype=float)

def gradient_descent(theta, X, Y, eta, steps):
    history = [dataset_loss(theta, X, Y)]
    for _ in range(steps):
        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)
        history.append(dataset_loss(theta, X, Y))
    return theta, history
'''


def copycat(code: str) -> str:
    """The same code with its local names, comments and blank lines changed (what copying looks like)."""
    for old, new in (("total", "acc"), ("y_hat", "prediction")):
        code = code.replace(old, new)
    return "# my own work\n" + code.replace("\n\n", "\n\n\n")


@pytest.fixture(scope="session")
def klass(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("class")

    def put(student, code):
        folder = root / "submitted" / student / "tutorial_net"
        folder.mkdir(parents=True)
        (folder / "tutorial_net.ipynb").write_text(notebook(code))
    put("correct", students.CORRECT)
    put("copycat", copycat(students.CORRECT))
    put("other", OTHER)
    put("relu_mask", students.with_slip("relu-mask-missing"))
    (root / "loose").mkdir()
    (root / "loose" / f"{HOSTILE_ID}.py").write_text(HOSTILE)
    return root


@pytest.fixture(scope="session")
def graded(klass, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("results")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", str(klass / "submitted"),
                          str(klass / "loose"), "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return out


def hostile_folder(out: Path) -> Path:
    """The hostile student's results folder, whatever id the grader made of its file name."""
    known = {"correct", "copycat", "other", "relu_mask"}
    found = [p for p in out.iterdir() if p.is_dir() and p.name not in known and not p.name.startswith(".")]
    assert len(found) == 1, found
    return found[0]
