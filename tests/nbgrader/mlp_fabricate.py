"""A fabricated class for ``mlp``: submissions made from the release, the source and tests/students.

    correct        the release with every answer cell filled in from the source's solutions
    <mistake>      the release with the answer cells filled in from ``tests.students.mlp``: its
                   independently written correct solution, mapped function by function into
                   the cells, with one of the lecture's mistakes (the edit ``SLIPS`` gives for
                   it; ``l2_double``, 2λW, is written here)
    raises         ``correct`` with a NameError in ``backward``

Each mistake leaves all but one or two functions correct, and between them they leave every
function correct somewhere, so the class also shows that the mapped solution earns full
points in every cell (test_mlp_autograde reasons out each cell's score).

Every edit asserts that it changed the code, so a rewording of the solutions fails here
loudly instead of fabricating a correct submission by accident.
"""
from __future__ import annotations

import ast
import atexit
import copy
import functools
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from autograder.checks.mlp import FUNCTIONS
from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_mlp import ASSIGNMENT, DISCUSSION_ID
from autograder.notebooks.course import RELEASE, notebook_path
from autograder.notebooks.fabricate import EditError, cell_of, nbgrader_meta
from tests.students import mlp as students

DISCUSSION_ANSWER = (
    "With λ = 0.01 the objective ends higher, the moons' boundary is smoother and the fitted sine "
    "flatter: every step subtracts ηλW, which pulls the weights towards 0. The sigmoid trains "
    "slowest because σ' ≤ 1/4 shrinks δ in every layer; ReLU gives piecewise-linear boundaries and "
    "curves, tanh and the sigmoid smooth ones.")


@functools.cache
def fresh_course() -> Path:
    """A throwaway copy of the course in which `nbgrader generate_assignment mlp` has just
    rewritten the release from the committed source: made once per test session and shared by
    test_mlp_release (the release it wrote) and test_mlp_autograde (one of its two classrooms).
    """
    tmp = Path(tempfile.mkdtemp(prefix="mlp-course-"))
    atexit.register(shutil.rmtree, tmp, True)
    root = classroom.copy_course(tmp / "course", ASSIGNMENT)
    notebook_path(root, RELEASE, ASSIGNMENT).unlink()   # must come back from nbgrader
    classroom.register(root, ASSIGNMENT)
    return root


@dataclass(frozen=True)
class Student:
    id: str
    what: str                       # the edit, in words
    mistake: str | None = None      # the mistake id the feedback must name
    functions: tuple = ()           # the contract functions whose code the edit changed


def by_function(module_source: str) -> dict:
    """{contract function: the code of its answer cell} from a module defining them all.

    Each contract function's ``def`` goes to its own cell; any other top-level code (imports,
    helper dicts, helper functions) goes in front of the next contract function's cell, where
    it is defined before it is used.
    """
    tree = ast.parse(module_source)
    lines = module_source.split("\n")
    cells, pending = {}, []
    for node in tree.body:
        chunk = "\n".join(lines[node.lineno - 1:node.end_lineno])
        if isinstance(node, ast.FunctionDef) and node.name in FUNCTIONS:
            cells[node.name] = "\n\n".join(pending + [chunk])
            pending = []
        else:
            pending.append(chunk)
    if pending or sorted(cells) != sorted(FUNCTIONS):
        raise EditError(f"expected the {len(FUNCTIONS)} contract functions, each after its helpers; got {sorted(cells)}")
    return cells


def fill(release, code: dict):
    """The release with each answer cell's code from ``code`` and the written answer filled in."""
    nb = copy.deepcopy(release)
    for name, source in code.items():
        cell_of(nb, name).source = source
    cell_of(nb, DISCUSSION_ID).source = DISCUSSION_ANSWER
    left = [nbgrader_meta(c)["grade_id"] for c in nb.cells
            if nbgrader_meta(c).get("solution") and ("NotImplementedError" in c.source or "YOUR ANSWER HERE" in c.source)]
    if left:
        raise EditError(f"answer cells left unfilled: {left}")
    return nb


def edited(source: str, edits) -> str:
    """``source`` with each (old, new) replaced; each ``old`` must occur exactly once."""
    for old, new in edits:
        if source.count(old) != 1:
            raise EditError(f"{old!r} occurs {source.count(old)} times (once wanted)")
        source = source.replace(old, new)
    return source


def changed_functions(before: dict, after: dict) -> tuple:
    changed = tuple(f for f in FUNCTIONS if before[f] != after[f])
    if not changed:
        raise EditError("the edit changed no answer cell")
    return changed


SIDS = {"l2-factor-wrong": "l2_half"}   # tests/students writes this mistake as λ/2·W
L2_DOUBLE = [("/ n + lam * W", "/ n + 2 * lam * W")]
RAISES = ('deltas[D - 1] = output_delta(cache["F"], Y)', 'deltas[D - 1] = output_delta(cache["F"], Y_true)')


def fabricate_class(release, source) -> dict:
    """{student id: (Student, submitted notebook)}: the whole fabricated class."""
    correct = fabricate.correct(release, source)
    cell_of(correct, DISCUSSION_ID).source = DISCUSSION_ANSWER
    cls = {"correct": (Student("correct", "every answer from the source"), correct)}

    own = by_function(students.CORRECT)   # each mistake's submission is this one with the mistake's edit

    variants = {SIDS.get(mistake, mistake.replace("-", "_")): (mistake, students.with_slip(mistake), f"tests/students/mlp.py's slip {mistake}")
                for mistake in students.SLIPS}
    variants["l2_double"] = ("l2-factor-wrong", edited(students.CORRECT, L2_DOUBLE), "2λW instead of λW in the weights' gradient")
    for sid, (mistake, module, what) in variants.items():
        if module == students.CORRECT:
            raise EditError(f"{sid}: the edit changed nothing")
        code = by_function(module)
        cls[sid] = (Student(sid, what, mistake, changed_functions(own, code)), fill(release, code))

    raising = copy.deepcopy(correct)
    cell = cell_of(raising, "backward")
    cell.source = edited(cell.source, [RAISES])
    cls["raises"] = (Student("raises", "backward refers to an undefined name (NameError)", None, ("backward",)), raising)
    cls["later_defs"] = (Student("later_defs", "correct; functions call ones defined in later cells"), later_definitions(correct))
    return cls


DERIVATIVE = '''def derivative(a, activation):
    """σ'(a) for any of the three activations (used by sigmoid_derivative, above)."""
    if activation == "sigmoid":
        s = sigmoid(a)
        return s * (1 - s)
    if activation == "tanh":
        return tanh_derivative(a)
    return relu_derivative(a)


'''


def later_definitions(correct):
    """``correct`` with sigmoid_derivative through a helper written in hidden_delta's cell (which
    also uses tanh_derivative and relu_derivative, defined after it) and squared_error through
    output_delta: every call goes to a cell further down, as nbgrader runs it top to bottom."""
    nb = copy.deepcopy(correct)
    cell = cell_of(nb, "sigmoid_derivative")
    cell.source = edited(cell.source, [("    s = sigmoid(a)\n    return s * (1 - s)", '    return derivative(a, "sigmoid")')])
    cell = cell_of(nb, "squared_error")
    cell.source = edited(cell.source, [("return 0.5 * np.sum((F - Y) ** 2) / n", "return 0.5 * np.sum(output_delta(F, Y) ** 2) / n")])
    cell = cell_of(nb, "hidden_delta")
    cell.source = DERIVATIVE + edited(cell.source, [("sigma_prime(A) * (delta_next @ W_next)", "derivative(A, activation) * (delta_next @ W_next)")])
    return nb
