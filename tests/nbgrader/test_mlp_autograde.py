"""Does real `nbgrader autograde` give each fabricated mlp submission the scores its mistake deserves?

The class (tests/nbgrader/mlp_fabricate.py) is graded once per module, in two copies of the
course at the same time. Expected scores are reasoned out, not recorded: a test cell scores
points × (cases passed / cases), and while one function is graded the other contract
functions answer like the reference (the checks' stubs), so a mistake costs points only in the
cells of the functions whose code it changed. Which of their cases it breaks follows from
the mistake and the case (its arguments, and for the gradients the data part Δᵀ Z / n of the
expected dW), by the arithmetic in ``BREAKS`` below.
"""
from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.checks import mlp as checks_mlp
from autograder.student.judge import show
from autograder.notebooks import classroom
from autograder.notebooks.build_mlp import ASSIGNMENT, DISCUSSION_ID, DISCUSSION_POINTS
from autograder.notebooks.course import ROOT, SOURCE, nbgrader
from autograder.notebooks.fabricate import nbgrader_meta
from tests.nbgrader import mlp_fabricate

CHECKS = {c.function: c for c in checks_mlp.CHECKS}
COPIES = 2   # course copies graded in parallel (each has its own gradebook)


@dataclass
class GradedClass:
    students: dict      # {id: mlp_fabricate.Student}
    scores: dict        # {id: {grade id: (auto score, max score, needs manual grade)}}
    csv_rows: dict      # {id: the row of `nbgrader export`}
    feedback: dict      # {id: the text of the feedback HTML (tags, styles and images removed)}
    autograded: dict    # {id: the autograded notebook}
    seconds: dict       # {course copy: (submissions, seconds of `nbgrader autograde`)}


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> GradedClass:
    first = mlp_fabricate.fresh_course()   # registered already
    base = tmp_path_factory.mktemp("mlp-class")
    roots = [first] + [classroom.copy_course(base / f"copy{k}", ASSIGNMENT) for k in range(1, COPIES)]
    made = mlp_fabricate.fabricate_class(classroom.release_notebook(roots[0], ASSIGNMENT),
                                         classroom.source_notebook(roots[0], ASSIGNMENT))
    ids = list(made)
    with ThreadPoolExecutor(max_workers=COPIES) as pool:
        jobs = [pool.submit(_grade, root, {s: made[s][1] for s in ids[k::COPIES]}, k > 0) for k, root in enumerate(roots)]
        results = [job.result() for job in jobs]
    merged = [{k: v for r in results for k, v in r[i].items()} for i in range(4)]
    seconds = {str(root): r[4] for root, r in zip(roots, results)}
    return GradedClass({s: made[s][0] for s in made}, *merged, seconds)


def _grade(root: Path, submissions: dict, register: bool):
    if register:
        classroom.register(root, ASSIGNMENT)
    for student, nb in submissions.items():
        classroom.submit(root, student, ASSIGNMENT, nb)
    start = time.perf_counter()
    classroom.autograde(root, ASSIGNMENT)
    took = time.perf_counter() - start
    nbgrader(root, "generate_feedback", ASSIGNMENT)
    nbgrader(root, "export", f"--to={root / 'grades.csv'}")
    with open(root / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    feedback, autograded = {}, {}
    for student in submissions:
        page = (root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        feedback[student] = page_text(page)
        autograded[student] = nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return classroom.scores(root, ASSIGNMENT), rows, feedback, autograded, (len(submissions), took)


def page_text(page: str) -> str:
    """What a student reads on the feedback page: no styles, scripts, embedded images or tags."""
    page = re.sub(r"<(style|script)\b.*?</\1>", "", page, flags=re.S | re.I)
    page = re.sub(r"data:image/[a-z]+;base64,[A-Za-z0-9+/=\s]+", "", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


# --- what each mistake breaks, case by case --------------------------------------------

RTOL, ATOL = 1e-6, 1e-9
OVERFLOW = np.log(np.finfo(float).max)                 # e^a is inf above this (≈ 709.8)
UNDERFLOW = np.log(np.finfo(float).smallest_subnormal)  # e^a is 0 below this (≈ −744.4)


def _arr(flat) -> np.ndarray:
    return np.array(flat.values, dtype=float).reshape(flat.shape)


def _close(a, b) -> bool:
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= ATOL + RTOL * np.abs(b)))


def _normalised(A, axis):
    E = np.exp(A - A.max(axis=axis, keepdims=True))
    return E / E.sum(axis=axis, keepdims=True)


def _lam(case) -> float:
    """The call's λ: its sixth argument, or the signature's default 0 when the call leaves it out."""
    return case.args[5] if len(case.args) > 5 else 0.0


def _data_gradients(case):
    """[(Δᵀ Z / n, db)] per layer: the expected dW without its λW term, and the expected db."""
    params, lam = case.args[0], _lam(case)
    return [(_arr(dW) - lam * np.asarray(W), _arr(db)) for (W, _), (dW, db) in zip(params, case.expected)]


def _sum_not_mean_gradients(case) -> bool:
    """Summing instead of averaging multiplies Δᵀ Z / n and db by n: wrong when n ≥ 2 and they are not 0."""
    n = len(case.args[1])
    return n >= 2 and any(np.any(G != 0) or np.any(db != 0) for G, db in _data_gradients(case))


def _transposed_gradients(case) -> bool:
    """dW = Zᵀ Δ / n + λW: a shape error unless W is square, and then wrong unless Δᵀ Z / n is symmetric."""
    return not all(G.shape[0] == G.shape[1] and _close(G.T, G) for G, _ in _data_gradients(case))


def _lam_and(case, which: int) -> bool:
    """λ ≠ 0 and some weight (which = 0) or bias (which = 1) ≠ 0: then a wrong λ term shows."""
    params, lam = case.args[0], _lam(case)
    return lam != 0 and any(np.any(np.asarray(layer[which]) != 0) for layer in params)


BREAKS = {  # student: {function whose code the edit changed: does case fail?}
    "softmax_no_max_shift": {"softmax": lambda c: bool(np.any(c.args[0] > OVERFLOW) or np.any(np.all(c.args[0] < UNDERFLOW, axis=1)))},
    # each row must sum to 1; normalising the columns instead agrees only by coincidence (and never for n = 1, K ≥ 2)
    "softmax_wrong_axis": {"softmax": lambda c: not _close(_normalised(c.args[0], 0), _normalised(c.args[0], 1))},
    # ReLU'(ReLU(a)) = ReLU'(a) for every a, so only the sigmoid and tanh cases show it (when Δ^(h+1) W^(h+1) ≠ 0)
    "sigma_prime_of_z": {"hidden_delta": lambda c: c.args[3] != "relu" and bool(np.any(c.args[2] @ c.args[1] != 0))},
    "transpose_missing": {"gradients": _transposed_gradients},
    "biases_regularised": {"gradients": lambda c: _lam_and(c, 1)},
    "l2_half": {"gradients": lambda c: _lam_and(c, 0)},
    "l2_double": {"gradients": lambda c: _lam_and(c, 0)},
    "no_batch_mean": {"cross_entropy": lambda c: len(c.args[0]) >= 2 and c.expected != 0,
                      "gradients": _sum_not_mean_gradients},
    "squared_error_no_half": {"squared_error": lambda c: c.expected != 0},
    # 0·log 0 = 0·(−inf) = nan exactly where a softmax output is 0 in a class the row does not belong to
    "zero_log_zero_nan": {"cross_entropy": lambda c: bool(np.any((c.args[0] == 0) & (c.args[1] == 0)))},
    # W -= η dW changes the caller's arrays whenever some η·dW or η·db is not 0
    "params_changed_in_place": {"gd_update": lambda c: any(np.any(c.args[2] * np.asarray(g) != 0) for pair in c.args[1] for g in pair)},
    "losses_miss_the_start": {"train": lambda c: True},    # epochs entries instead of epochs + 1, on every case
    "raises": {"backward": lambda c: True},                 # NameError on every call
}
FULL = ("correct", "later_defs")


def expected_scores(student: str) -> dict:
    """{grade id: auto score} for every autograded cell, by the reasoning above."""
    scores = {f"test_{c.function}{s}": c.points(bool(s)) for c in checks_mlp.CHECKS for s in ("", "_hidden")}
    for function, fails in BREAKS.get(student, {}).items():
        check = CHECKS[function]
        for hidden in (False, True):
            cases = check.scored(hidden)   # probes are run, never scored
            passed = sum(not fails(c) for c in cases)
            scores[f"test_{function}{'_hidden' * hidden}"] = round(check.points(hidden) * passed / len(cases), 4)
    return scores


# --- the tests ---------------------------------------------------------------------------

def test_the_class_has_one_submission_per_lecture_mistake():
    made = mlp_fabricate.fabricate_class(*_committed())
    named = {s.mistake for s, _ in made.values() if s.mistake}
    lecture = {m for m in checks_mlp.MISTAKES}
    assert named == lecture
    assert set(made) == set(BREAKS) | set(FULL)
    for sid, fails in BREAKS.items():   # the edit is where the reasoning says it is
        assert made[sid][0].functions == tuple(fails), sid


def test_every_function_is_left_correct_by_some_mistake_of_the_mapped_student_solution():
    """So the class shows the mapping of tests/students/mlp.py into the cells earns full points everywhere."""
    made = mlp_fabricate.fabricate_class(*_committed())
    mapped = [s for s, _ in made.values() if s.mistake]
    for function in checks_mlp.FUNCTIONS:
        assert any(function not in s.functions for s in mapped), function


@pytest.mark.parametrize("student", sorted(set(BREAKS) | set(FULL)))
def test_each_cell_scores_what_the_submission_deserves(graded, student):
    got = graded.scores[student]
    want = expected_scores(student)
    assert set(got) == set(want) | {DISCUSSION_ID}
    for cell, score in want.items():
        auto, max_score, _ = got[cell]
        assert auto == pytest.approx(score, abs=1e-4), f"{student}: {cell}"
    assert got[DISCUSSION_ID] == (None, DISCUSSION_POINTS, True)   # written: waits for a TA


def test_every_mistake_costs_points_and_some_only_partly():
    full = expected_scores("correct")
    partial = set()
    for student in BREAKS:
        lost = {c: s for c, s in expected_scores(student).items() if s < full[c]}
        assert lost, f"{student}: no case breaks, so the test of it could not fail"
        partial |= {student for c, s in lost.items() if s > 0}
    # hidden-only corners: the max shift and 0·log 0 show only on rows of ±1000, σ'(z) only for sigmoid/tanh
    assert {"softmax_no_max_shift", "zero_log_zero_nan", "sigma_prime_of_z", "biases_regularised"} <= partial
    assert expected_scores("softmax_no_max_shift")["test_softmax"] == full["test_softmax"]
    assert expected_scores("sigma_prime_of_z")["test_hidden_delta"] == full["test_hidden_delta"]


def test_the_exported_totals_add_up(graded):
    max_total = sum(expected_scores("correct").values()) + DISCUSSION_POINTS
    assert set(graded.csv_rows) == set(graded.students)
    for student, row in graded.csv_rows.items():
        assert float(row["max_score"]) == pytest.approx(max_total)
        assert float(row["raw_score"]) == pytest.approx(sum(expected_scores(student).values()), abs=1e-3), student


@pytest.mark.parametrize("student", sorted(s for s in BREAKS if s != "raises"))
def test_feedback_names_the_mistake(graded, student):
    mistake = graded.students[student].mistake
    text = graded.feedback[student]
    assert f"Recognised mistake [{mistake}]" in text
    assert checks_mlp.MISTAKES[mistake][0] in text
    named = set(re.findall(r"Recognised mistake \[([a-z0-9-]+)\]", text))
    assert named == {mistake}, f"{student}: the feedback also names {named - {mistake}}"


def test_feedback_of_a_correct_submission_names_no_mistake(graded):
    for student in FULL:
        text = graded.feedback[student]
        assert "Recognised mistake" not in text and "✘" not in text, student
        assert all(f"✔ {f}:" in text for f in checks_mlp.FUNCTIONS), student


def test_a_function_calling_ones_from_later_cells_gets_full_marks_from_both_graders(graded, tmp_path):
    """sigmoid_derivative calls a helper written in hidden_delta's cell (which calls functions
    defined after sigmoid_derivative), squared_error calls output_delta: nbgrader's test cells run
    before those cells; the checks use the student's own later definitions, and our grader agrees."""
    text = graded.feedback["later_defs"]
    assert "`sigmoid_derivative` uses `derivative`, defined in a later cell of your notebook" in text
    assert "`squared_error` uses `output_delta`, defined in a later cell of your notebook" in text
    assert "NameError" not in text
    nbformat.write(mlp_fabricate.fabricate_class(*_committed())["later_defs"][1], tmp_path / "later_defs.ipynb")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, str(tmp_path / "later_defs.ipynb"),
                          "--out", str(tmp_path / "out")], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    ours = json.loads((tmp_path / "out" / "later_defs" / "results.json").read_text())
    theirs = sum(auto for auto, _, manual in graded.scores["later_defs"].values() if not manual)
    assert ours["score"] == pytest.approx(theirs) == pytest.approx(sum(expected_scores("correct").values()))


def test_feedback_says_what_went_wrong_without_a_named_mistake(graded):
    text = graded.feedback["raises"]
    assert 'raised NameError: "name \'Y_true\' is not defined"' in text
    assert "Recognised mistake" not in text


def test_feedback_shows_no_hidden_expected_value_nor_hidden_test_code(graded):
    forms = hidden_value_forms()
    for student, text in graded.feedback.items():
        assert "BEGIN HIDDEN TESTS" not in text and '"hidden":true' not in text and '"hidden": true' not in text, student
        leaked = forms & numbers_in(text)
        assert not leaked, f"{student}: {sorted(leaked)[:5]}"


def _printed(nb) -> dict:
    return {c.id: "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream") for c in nb.cells if c.cell_type == "code"}


def _images(nb) -> list:
    return [c.id for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]


def test_the_reference_solutions_run_top_to_bottom_under_nbgrader_with_one_epoch_per_experiment(graded):
    nb = graded.autograded["correct"]
    errors = [(c.id, o.get("ename")) for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    printed = _printed(nb)
    relative = [float(x) for x in re.findall(r"largest relative error (\S+)", printed["gradient-check"])]
    assert len(relative) == 4 * 3 * 2 and max(relative) < 1e-6
    # NBGRADER_EXECUTION is set: each ungraded run trains one epoch, and every run still reports
    assert len(re.findall(r"objective \S+ → \S+", printed["moons"] + printed["sine"])) == 6 + 4
    assert _images(nb) == ["moons", "moons", "sine"]


@pytest.fixture(scope="module")
def run_by_a_student(tmp_path_factory):
    """The solution notebook run top to bottom by nbclient as a student's Jupyter would (no nbgrader)."""
    import shutil

    from nbclient import NotebookClient

    folder = tmp_path_factory.mktemp("mlp-run") / ASSIGNMENT
    shutil.copytree(ROOT / SOURCE / ASSIGNMENT, folder)
    nb = nbformat.read(folder / f"{ASSIGNMENT}.ipynb", as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("NBGRADER_EXECUTION", raising=False)
        NotebookClient(nb, timeout=300, allow_errors=False, resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def test_run_by_a_student_the_experiments_train_in_full_and_the_network_learns(run_by_a_student):
    printed = _printed(run_by_a_student)
    accuracy = {name.strip(): float(a) for name, a in re.findall(r"^(D = .*?)objective .* training accuracy ([\d.]+)%", printed["moons"], re.M)}
    assert len(accuracy) == 6
    assert accuracy["D = 1, σ = tanh, λ = 0"] < 90          # no straight line separates the moons
    assert min(accuracy[f"D = {d}, σ = tanh, λ = 0"] for d in (2, 3)) > 93
    sine = [(float(a), float(b)) for a, b in re.findall(r"objective (\S+) → (\S+)", printed["sine"])]
    assert len(sine) == 4 and all(b < a / 2 for a, b in sine), sine     # every fit at least halves its objective
    assert _images(run_by_a_student) == ["moons", "moons", "sine"]


def test_autograde_seconds_per_submission(graded):
    """Not a limit, a record: printed with -s; the report quotes it."""
    for root, (count, seconds) in graded.seconds.items():
        print(f"nbgrader autograde: {count} submissions in {seconds:.1f} s ({seconds / count:.1f} s each)")
        assert seconds / count < 60


def numbers_in(text: str) -> set:
    """Every number written in ``text``, as written (signs left off)."""
    return set(re.findall(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?", text))


def hidden_value_forms() -> set:
    """How the hidden cases' distinctive expected values would be written (JSON or feedback).

    Whole numbers and short decimals are left out (they occur anywhere), and so is every way a
    number of the public test cells is written: their arguments, expected values, stub tables
    and mistakes' outputs are in the release for all to see.
    """
    def forms(values):
        out = set()
        for v in values:
            if np.isfinite(v) and v != round(v):
                out |= {t for t in (json.dumps(abs(v)), show(abs(v))) if sum(ch.isdigit() for ch in t) >= 5}
        return out

    def everything(case):
        return (case.args, case.expected, case.stubs, case.mistakes)

    public = forms(v for check in checks_mlp.CHECKS for case in check.cases if not case.hidden for v in _leaves(everything(case)))
    hidden = forms(v for check in checks_mlp.CHECKS for case in check.cases if case.hidden for v in _leaves(case.expected))
    distinctive = hidden - public
    assert len(distinctive) > 100, "too few distinctive hidden values to make this test mean something"
    return distinctive


def _leaves(tree):
    if isinstance(tree, (tuple, list)):
        for v in tree:
            yield from _leaves(v)
    elif isinstance(tree, dict):
        for v in tree.values():
            yield from _leaves(v)
    elif isinstance(tree, np.ndarray) or hasattr(tree, "values") and hasattr(tree, "shape"):
        yield from (float(x) for x in np.ravel(getattr(tree, "values", tree)))
    elif isinstance(tree, (int, float)) and not isinstance(tree, bool):
        yield float(tree)


def _committed():
    from autograder.notebooks.course import ROOT
    return classroom.release_notebook(ROOT, ASSIGNMENT), classroom.source_notebook(ROOT, ASSIGNMENT)
