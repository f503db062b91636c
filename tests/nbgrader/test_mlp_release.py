"""Are the committed mlp source and release what the builder and nbgrader make, is the release
clean, and are the notebook's solutions and worked numbers right?"""
from __future__ import annotations

import ast
import re

import nbformat
import numpy as np
import pytest

from autograder.checks import mlp as checks_mlp
from autograder.notebooks import build_mlp, classroom
from autograder.notebooks.build_mlp import ASSIGNMENT, DISCUSSION_ID, DISCUSSION_POINTS
from autograder.notebooks.course import RELEASE, ROOT, SOURCE, notebook_path
from autograder.notebooks.fabricate import MARKERS, nbgrader_meta
from autograder.notebooks.mlp_solutions import ANSWER_CELLS
from reference import mlp as ref
from tests.nbgrader import mlp_fabricate
from tests.nbgrader.test_mlp_autograde import hidden_value_forms, numbers_in

COMMITTED_SOURCE = notebook_path(ROOT, SOURCE, ASSIGNMENT)
COMMITTED_RELEASE = notebook_path(ROOT, RELEASE, ASSIGNMENT)


def read(path):
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="module")
def generated():
    """A copy of the course in which `nbgrader generate_assignment mlp` has just rewritten the release."""
    return mlp_fabricate.fresh_course()


def test_the_source_is_what_the_builder_writes():
    assert COMMITTED_SOURCE.read_text(encoding="utf-8") == build_mlp.source_text(build_mlp.build_notebook()), \
        "solutions/mlp is stale: run python -m autograder.notebooks.build_mlp"


def test_the_release_is_what_nbgrader_generates_from_the_source(generated):
    committed, fresh = read(COMMITTED_RELEASE), classroom.release_notebook(generated, ASSIGNMENT)
    assert [c.id for c in committed.cells] == [c.id for c in fresh.cells]
    for mine, theirs in zip(committed.cells, fresh.cells):
        assert (mine.cell_type, mine.source, mine.metadata) == (theirs.cell_type, theirs.source, theirs.metadata), mine.id
    # nothing varies between runs (no timestamps, fixed cell ids): the files are identical
    assert COMMITTED_RELEASE.read_bytes() == notebook_path(generated, RELEASE, ASSIGNMENT).read_bytes()


def test_mlp_is_one_of_the_course_assignments():
    tree = ast.parse((ROOT / "nbgrader_config.py").read_text(encoding="utf-8"))
    lists = [ast.literal_eval(node.value) for node in tree.body
             if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ASSIGNMENTS"]]
    assert len(lists) == 1 and ASSIGNMENT in lists[0]


def test_each_function_has_its_answer_cell_then_its_two_test_cells():
    source = read(COMMITTED_SOURCE)
    assert (source.nbformat, source.nbformat_minor) == (4, 5)
    ids = [c.id for c in source.cells]
    for cell in source.cells:
        if nbgrader_meta(cell).get("grade_id"):
            assert cell.id == nbgrader_meta(cell)["grade_id"]
    release = {nbgrader_meta(c).get("grade_id"): nbgrader_meta(c) for c in read(COMMITTED_RELEASE).cells}
    for check in checks_mlp.CHECKS:
        f = check.function
        k = ids.index(f)
        assert ids[k + 1:k + 3] == [f"test_{f}", f"test_{f}_hidden"]
        assert (release[f]["solution"], release[f]["grade"], release[f]["locked"]) == (True, False, False)
        assert (release[f"test_{f}"]["grade"], release[f"test_{f}"]["locked"], release[f"test_{f}"]["points"]) == (True, True, check.points_public)
        assert (release[f"test_{f}_hidden"]["grade"], release[f"test_{f}_hidden"]["points"]) == (True, check.points_hidden)
    manual = release[DISCUSSION_ID]
    assert (manual["grade"], manual["solution"], manual["points"]) == (True, True, DISCUSSION_POINTS)
    assert ids[-1] == DISCUSSION_ID
    assert ids.index("moons") < ids.index("sine") < ids.index(DISCUSSION_ID)
    assert all(release[g]["locked"] and not release[g]["grade"] for g in ("imports", "worked_data", "part8_tools"))


def test_every_answer_cell_has_a_docstring_with_shapes_and_a_marked_solution():
    for name, cell in ANSWER_CELLS.items():
        head, solution = cell.split(MARKERS[0])
        assert f"def {name}(" in head and head.count('"""') == 2, name
        assert MARKERS[1] in solution and "raise NotImplementedError" not in solution, name
        assert "shape" in head, name


def test_the_release_holds_no_solution_no_hidden_test_and_no_model_answer():
    source, release = read(COMMITTED_SOURCE), read(COMMITTED_RELEASE)
    text = COMMITTED_RELEASE.read_text(encoding="utf-8")
    for marker in (*MARKERS, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "Model answer", "Marks (4)"):
        assert marker not in text
    by_id = {c.id: c for c in release.cells}
    for cell in source.cells:
        if nbgrader_meta(cell).get("solution") and cell.cell_type == "code":
            # what comes before the solution (def, docstring) stays; the solution becomes the stub
            head, rest = cell.source.split(MARKERS[0] + "\n")
            indent = head.split("\n")[-1]
            assert rest.endswith(MARKERS[1]) and head.strip().startswith("def "), cell.id
            assert by_id[cell.id].source == f"{head}# YOUR CODE HERE\n{indent}raise NotImplementedError()", cell.id
        if "### BEGIN HIDDEN TESTS" in cell.source:
            left = by_id[cell.id].source.split("\n")
            assert all(line.startswith("#") or not line.strip() for line in left), cell.id
    assert by_id[DISCUSSION_ID].source == "YOUR ANSWER HERE"


@pytest.mark.parametrize("where", ["release", "public cells of the source"])
def test_no_hidden_expected_value_is_visible(where):
    if where == "release":
        text = COMMITTED_RELEASE.read_text(encoding="utf-8")
    else:
        text = "\n".join(c.source for c in read(COMMITTED_SOURCE).cells if "BEGIN HIDDEN TESTS" not in c.source)
    assert not hidden_value_forms() & numbers_in(text)


def test_the_solutions_agree_with_the_reference_without_any_stubs():
    """The answer cells on their own (no test cell's stand-ins), on random networks of depth 1-4."""
    namespace = {"np": np}
    for cell in ANSWER_CELLS.values():
        exec("\n".join(line for line in cell.split("\n") if line.strip() not in MARKERS), namespace)
    rng = np.random.default_rng(11)
    for depth in (1, 2, 3, 4):
        for activation in ("sigmoid", "tanh", "relu"):
            for task in ("classification", "regression"):
                sizes = [int(s) for s in rng.integers(1, 5, size=depth + 1)]
                sizes[-1] = max(2, sizes[-1])
                params = [(rng.normal(size=(m, k)), rng.normal(size=m)) for k, m in zip(sizes, sizes[1:])]
                X = rng.normal(size=(3, sizes[0]))
                Y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], size=3)] if task == "classification" else rng.normal(size=(3, sizes[-1]))
                for (a, b), (c, d) in zip(namespace["gradients"](params, X, Y, activation, task, 0.3),
                                          ref.gradients(params, X, Y, activation, task, 0.3)):
                    np.testing.assert_allclose(a, c, rtol=1e-10, atol=1e-12)
                    np.testing.assert_allclose(b, d, rtol=1e-10, atol=1e-12)
                _, mine = namespace["train"](params, X, Y, activation, task, 0.1, 0.3, 3)
                _, theirs = ref.train(params, X, Y, activation, task, 0.1, 0.3, 3)
                np.testing.assert_allclose(mine, theirs, rtol=1e-10)
    big = np.array([[1000.0, -1000.0]])
    np.testing.assert_allclose(namespace["softmax"](big), [[1.0, 0.0]])
    assert namespace["cross_entropy"](namespace["softmax"](big), np.array([[1.0, 0.0]])) == 0.0


def test_the_worked_example_in_the_text_is_the_one_worked_by_hand():
    """Numbers worked by hand from the integer weights (W1 = [[1, −1], [2, 1]], b1 = (0, −1), …)."""
    source = read(COMMITTED_SOURCE)
    md = "\n".join(c.source for c in source.cells if c.cell_type == "markdown")
    by_hand = {
        "A^{(1)} = X W^{(1)\\top} + b^{(1)} = \\begin{pmatrix}-1 & 3 \\\\ 2 & 3\\end{pmatrix}": "A1",
        "\\mathrm{ReLU}(A^{(1)}) = \\begin{pmatrix}0 & 3 \\\\ 2 & 3\\end{pmatrix}": "Z1",
        "A^{(2)} = Z^{(1)} W^{(2)\\top} + b^{(2)} = \\begin{pmatrix}6 & 4 \\\\ 8 & 2\\end{pmatrix}": "A2",
        "\\Delta^{(1)} = \\begin{pmatrix}0 & 2 \\\\ 1 & -1\\end{pmatrix}": "Δ1 (regression)",
        "dW^{(2)} = \\begin{pmatrix}0.1 & 1.7 \\\\ -1.1 & -1.4\\end{pmatrix}": "dW2 = [[0, 1.5], [-1, -1.5]] + 0.1 W2",
        "dW^{(1)} = \\begin{pmatrix}1.1 & -0.1 \\\\ 0.2 & 2.1\\end{pmatrix}": "dW1 = [[1, 0], [0, 2]] + 0.1 W1",
        "0.5 + \\tfrac{0.1}{2} \\cdot 14 = 1.2": "the objective before training",
        "W^{(1)} = \\begin{pmatrix}0.89 & -0.99 \\\\ 1.98 & 0.79\\end{pmatrix}": "W1 after one step",
    }
    for shown, what in by_hand.items():
        assert shown in md, what
    assert re.search(r"Cross-entropy: .*= 3\.0647", md)   # (log(1 + e^-2) + log(1 + e^6)) / 2
