"""``generate mlp`` end to end with the real nbgrader: same seed → same bytes; the notebook's worked
example, public cases and hidden cases are the variant's; the release holds no answers; real
`nbgrader autograde` and our grader (which builds its checks from the course's variant.json)
give a correct submission full marks and charge a slip to the function it is in, alike."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder import assignments
from autograder.checks import mlp as checks_mlp
from autograder.checks import render
from autograder.generate import variantfile, writer
from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_mlp import DISCUSSION_ID
from autograder.notebooks.course import RELEASE, SOURCE
from tests.nbgrader import mlp_fabricate
from tests.students import mlp as students

A = "mlp"
SEED = 11
REPO = Path(__file__).resolve().parents[2]


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("mlp-generated") / "course"
    writer.generate(A, SEED, None, root)
    return root


@pytest.fixture(scope="module")
def doc(course):
    return variantfile.read(course / SOURCE / A / "variant.json", A)


def test_the_same_seed_gives_the_same_files_byte_for_byte(course, tmp_path):
    writer.generate(A, SEED, None, tmp_path / "again")
    assert snapshot(tmp_path / "again") == snapshot(course)
    writer.generate(A, SEED + 1, None, tmp_path / "other", release=False)
    assert (tmp_path / "other" / SOURCE / A / "variant.json").read_bytes() != (course / SOURCE / A / "variant.json").read_bytes()


def test_the_worked_example_cell_is_the_variants_network(course, doc):
    nb = classroom.release_notebook(course, A)
    namespace = {"np": np}
    exec(fabricate.cell_of(nb, "worked_data").source, namespace)
    worked = variantfile.mlp_worked(doc)
    for (W, b), (W_, b_) in zip(namespace["PARAMS"], worked["params"]):
        assert np.array_equal(W, W_) and np.array_equal(b, b_)
    assert np.array_equal(namespace["X"], worked["X"]) and np.array_equal(namespace["Y_REG"], worked["Y_regression"])
    assert (namespace["LAM"], namespace["ETA"]) == (worked["lam"], worked["eta"])
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert f"\\eta = {doc['eta']}" in text and f"\\lambda = {doc['lam']}" in text


def test_the_test_cells_are_the_checks_our_grader_builds_from_the_variant(course, doc):
    """Public cases on the variant's network, hidden cases from its seed, not the defaults."""
    source = classroom.source_notebook(course, A)
    checks = assignments.checks(A, course)
    worked = variantfile.mlp_worked(doc)
    for check in checks:
        assert fabricate.cell_of(source, f"test_{check.function}").source == render.test_cell(check, hidden=False)
        assert fabricate.cell_of(source, f"test_{check.function}_hidden").source == render.test_cell(check, hidden=True)
    grads = next(c for c in checks if c.function == "gradients")
    public = [c.args for c in grads.cases if not c.hidden]
    assert all(np.array_equal(args[0][0][0], worked["params"][0][0]) for args in public)
    assert all(args[5] == worked["lam"] for args in public if len(args) > 5)       # λ left out: its default
    default = next(c for c in checks_mlp.CHECKS if c.function == "gradients")
    assert render.test_cell(grads, hidden=True) != render.test_cell(default, hidden=True)


def test_the_release_holds_no_answers(course):
    folder = course / RELEASE / A
    assert sorted(p.name for p in folder.iterdir()) == ["backprop_check", "mlp.ipynb", "requirements.txt"]
    runtime = [p for p in (folder / "backprop_check").rglob("*") if p.is_file()]
    assert all(p.suffix in (".py", ".json") for p in runtime) and (folder / "backprop_check/cases/mlp.json") in runtime
    text = (folder / "mlp.ipynb").read_text()
    assert "BEGIN HIDDEN TESTS" not in text and "### BEGIN SOLUTION" not in text


@pytest.fixture(scope="module")
def graded(course, tmp_path_factory):
    """correct, and l2_half (λ/2·W in `gradients`), by nbgrader in the course and by
    our grader (`grade --course`) in a copy of it."""
    release, source = classroom.release_notebook(course, A), classroom.source_notebook(course, A)
    correct = fabricate.correct(release, source)
    fabricate.cell_of(correct, DISCUSSION_ID).source = mlp_fabricate.DISCUSSION_ANSWER
    slip = mlp_fabricate.fill(release, mlp_fabricate.by_function(students.with_slip("l2-factor-wrong")))
    ours_root = tmp_path_factory.mktemp("ours") / "course"
    shutil.copytree(course, ours_root)
    for root in (course, ours_root):
        for student, nb in (("correct", correct), ("slip", slip)):
            classroom.submit(root, student, A, nb)
    classroom.register(course, A)
    classroom.register(ours_root, A)
    classroom.autograde(course, A)
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", A, "--course", str(ours_root)],
                         cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return classroom.scores(course, A), classroom.scores(ours_root, A), ours_root


def test_nbgrader_gives_the_correct_submission_full_marks_on_the_variant(graded):
    nbgrader_scores, _, _ = graded
    auto = {k: v for k, v in nbgrader_scores["correct"].items() if not v[2]}
    assert len(auto) == 2 * len(checks_mlp.FUNCTIONS)
    assert all(score == most for score, most, _ in auto.values())


def test_the_slip_costs_only_the_gradients_cells(graded, course):
    nbgrader_scores, _, _ = graded
    scores = nbgrader_scores["slip"]
    lost = {k for k, (score, most, manual) in scores.items() if not manual and score < most}
    assert lost == {"test_gradients", "test_gradients_hidden"}
    # every public case with λ > 0 fails (no weight is 0); the one that leaves λ out (0) passes
    grads = next(c for c in assignments.checks(A, course) if c.function == "gradients")
    public = [c for c in grads.cases if not c.hidden and not c.probe]
    left_out = sum(len(c.args) == 5 for c in public)
    assert left_out == 1 and all(c.args[5] > 0 for c in public if len(c.args) > 5)
    assert scores["test_gradients"][0] == pytest.approx(grads.points(False) * left_out / len(public), abs=1e-3)


def test_our_grader_gives_the_same_score_in_every_autograded_cell(graded):
    nbgrader_scores, ours, root = graded
    for student in ("correct", "slip"):
        theirs = {k: v[0] for k, v in nbgrader_scores[student].items() if not v[2]}
        mine = {k: v[0] for k, v in ours[student].items() if k in theirs}
        assert mine == pytest.approx(theirs), student
    result = json.loads((root / "results" / A / "slip" / "results.json").read_text())
    assert "mistake:l2-factor-wrong" in json.dumps(result)


def _check(*args):
    return subprocess.run([sys.executable, "-m", "autograder", "check", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_the_instructor_check_uses_the_notebooks_own_numbers_or_says_why_not(course, tmp_path):
    """`python -m autograder check` on a regenerated notebook: inside its course (found from the
    file's folder) or with --course, the variant's public cases, so a correct notebook passes;
    alone, with neither its course nor its release folder, one line saying what to give."""
    nb = fabricate.correct(classroom.release_notebook(course, A), classroom.source_notebook(course, A))
    inside = course / "submitted" / "ana" / A / f"{A}.ipynb"
    inside.parent.mkdir(parents=True)
    nbformat.write(nb, inside)
    alone = tmp_path / f"{A}.ipynb"
    nbformat.write(nb, alone)
    for run in (_check(inside), _check(alone, "--course", course)):
        assert run.returncode == 0, run.stdout + run.stderr
        assert "✘" not in run.stdout and f"(on the numbers of the course {course})" in run.stdout
    run = _check(alone)
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "with other numbers" in run.stderr and "give --course COURSE" in run.stderr
    demo = _check(REPO / "assignments" / A / f"{A}.ipynb")   # the demo's own release: its numbers, no note
    assert "(on the numbers of" not in demo.stdout and demo.returncode == 1   # left unanswered: cases fail
