"""`python -m autograder grade --course` on a generated per-student class, end to end.

A class of `tutorial_net` generated with a class list (real nbgrader release), notebooks made
from the release and the source, graded by the real command line (each submission in the
sandbox). Hand parts 1–6 must be graded against each student's OWN variant
(solutions/tutorial_net/variants/<id>.json): own answers earn every hand point, a part copied
from another student scores 0, an honest slip costs only its number, and what the student
typed in STUDENT_ID plays no part; code is graded as for everyone. The expected scores come
from the variant files (exact decimals) and the hand parts' points, not from the grader; real
`nbgrader autograde` grades the same notebooks in a copy of the course and must agree cell
by cell. A third run, with variants/ taken away, shows that the scores above depend on the
per-student variants (a grader using the class's numbers would fail these tests).
"""
from __future__ import annotations

import ast
import json
import math
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import nbformat
import pytest

from autograder.checks import tutorial_net as tn
from autograder.generate import students as per_student
from autograder.generate import writer
from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_tutorial import ETA_DISCUSSION_POINTS
from autograder.notebooks.course import SOURCE
from tests.generate.classes import worked_by

A = "tutorial_net"
SEED = 2031
ROSTER = ["alice", "bob", "carol", "dave", "erin", "frank", "grace"]
PARTS = [pid for pid, _, _ in tn.HAND]
PART1 = [var for var, _, _, _ in tn.HAND[0][2]]
BUGGY = {"example_gradient"}          # the functions fabricate's "swap" edit breaks (x[0] and x[1] swapped)

# student: (what the notebook does, whose numbers each hand part 1–6 is worked on)
CLASS = {
    "alice": ("her own numbers", ["alice"] * 6),
    "bob": ("alice's notebook, handed in as it is (STUDENT_ID = 'alice' too)", ["alice"] * 6),
    "carol": ("her own numbers, but part 1 copied from dave", ["dave"] + ["carol"] * 5),
    "dave": ("his own numbers; x[0] and x[1] swapped in example_gradient", ["dave"] * 6),
    "erin": ("her own numbers, STUDENT_ID = 'alice' typed", ["erin"] * 6),
    "frank": ("his own numbers, STUDENT_ID = 'frnak' (not on the class list) typed", ["frank"] * 6),
    "grace": ("her own numbers, one honest slip: L(D) as the sum, not the mean", ["grace"] * 6),
}
OUTSIDER = "zoe"                      # submits alice's work but is on no class list: no numbers of her own
COPIED = {(student, k) for student, (_, whose) in CLASS.items() for k, who in enumerate(whose) if who != student}


def make_class(release, source, variants) -> dict:
    """{student: submitted notebook}, as CLASS says."""
    def work(student, **kw):
        return worked_by(release, source, variants, student, **kw)
    dave = {var: want for p in per_student.hand_parts_for(A, "dave", variants) for var, _, want in p.quantities}
    return {
        "alice": work("alice"),
        "bob": work("alice"),
        "carol": work("carol", change=lambda v: {**v, **{var: dave[var] for var in PART1}}),
        "dave": fabricate.MISTAKES["swap"][2](work("dave")),
        "erin": work("erin", typed_id="alice"),
        "frank": work("frank", typed_id="frnak"),
        "grace": work("grace", change=lambda v: {**v, "L_D": v["L_x1"] + v["L_x2"]}),
        OUTSIDER: work("alice"),
    }


def grade(root: Path, as_path: bool = False) -> Path:
    """The real command line on the course ``root`` (``--course``, or the root given as a PATH
    with ``--out``: no gradebook); returns its results folder."""
    where = [str(root), "--out", str(root / "path-results")] if as_path else ["--course", str(root)]
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", A, *where],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert f"Graded {len(ROSTER) + 1} submission(s)" in run.stdout, run.stdout
    assert "other numbers" not in run.stdout + run.stderr   # every notebook is of this course's release
    if not as_path and (root / SOURCE / A / "variants").is_dir():
        assert f"{OUTSIDER}: not on the class list of {A}" in run.stdout + run.stderr
    return root / "path-results" if as_path else root / "results" / A


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """Generate, submit the class; grade it with ours (with and without variants/) and with nbgrader."""
    base = tmp_path_factory.mktemp("per_student_grade")
    (base / "roster.csv").write_text("id\n" + "\n".join(ROSTER) + "\n")
    root = base / "ours"
    writer.generate(A, SEED, base / "roster.csv", root, release=True)
    classroom.register(root, A)                     # the gradebook that --course writes into
    variants = root / SOURCE / A / "variants"
    submitted = make_class(classroom.release_notebook(root, A), classroom.source_notebook(root, A), variants)
    for student, nb in submitted.items():
        classroom.submit(root, student, A, nb)
    theirs = shutil.copytree(root, base / "nbgrader")
    no_variants = shutil.copytree(root, base / "no_variants")
    shutil.rmtree(no_variants / SOURCE / A / "variants")
    as_path = shutil.copytree(root, base / "as_path")
    with ThreadPoolExecutor(max_workers=3) as pool:
        ours, class_numbers = pool.submit(grade, root), pool.submit(grade, no_variants)
        by_path = pool.submit(grade, as_path, True)
        autograded = pool.submit(classroom.autograde, theirs, A)
        autograded.result()
        return {"root": root, "variants": variants, "results": ours.result(), "without": class_numbers.result(),
                "by_path": by_path.result(), "ours_book": classroom.scores(root, A), "nbgrader": classroom.scores(theirs, A)}


def results(folder: Path, student: str) -> dict:
    return json.loads((folder / student / "results.json").read_text(encoding="utf-8"))


def scores(folder: Path, student: str) -> dict:
    """{test name's function or part, public/hidden: score} of one student's results.json."""
    return {t["name"]: t["score"] for t in results(folder, student)["tests"]}


def hand(folder: Path, student: str) -> list:
    return [scores(folder, student)[f"{pid}: hand-worked answers"] for pid in PARTS]


def submitted_values(root: Path, student: str) -> dict:
    """{variable: value} of the hand cells of the notebook as handed in (read, not run)."""
    nb = nbformat.read(root / "submitted" / student / A / f"{A}.ipynb", as_version=4)
    out = {}
    for pid in PARTS:
        for node in ast.parse(fabricate.cell_of(nb, pid).source).body:
            out[node.targets[0].id] = ast.literal_eval(node.value)
    return out


def own_answers(variants: Path, student: str) -> list:
    """[{variable: exact Fraction or tuple of them} per part] straight from variants/<student>.json."""
    answers = json.loads((variants / f"{student}.json").read_text(encoding="utf-8"))["answers"]
    exact = lambda x: tuple(map(Fraction, x)) if isinstance(x, list) else Fraction(x)
    return [{var: exact(answers[key] if i is None else answers[key][i]) for var, _, key, i in rows} for _, _, rows in tn.HAND]


def leaves(x) -> list:
    return list(x) if isinstance(x, (tuple, list)) else [x]


def wrong_numbers(value, exact, atol=1e-3, rtol=1e-4) -> int:
    """How many numbers of ``value`` are off ``exact`` by more than the hand parts' tolerance."""
    return sum(not (math.isfinite(float(g)) and abs(float(g) - float(e)) <= atol + rtol * abs(float(e)))
               for g, e in zip(leaves(value), leaves(exact)))


def expected_hand(course, student: str) -> list:
    """Each hand part's points × (quantities right for the student's own variant / quantities), 0 if copied."""
    values, own = submitted_values(course["root"], student), own_answers(course["variants"], student)
    parts = per_student.hand_parts_for(A, student, course["variants"])
    out = []
    for k, (part, mine) in enumerate(zip(parts, own)):
        right = sum(wrong_numbers(values[var], want) == 0 for var, want in mine.items())
        out.append(0.0 if (student, k) in COPIED else round(part.points_hidden * right / len(mine), 4))
    return out


def test_the_copied_parts_are_far_from_the_copiers_own_numbers(course):
    """The copy rule needs two numbers wrong for the copier's own: true of every copied part here."""
    for student, k in COPIED:
        values, own = submitted_values(course["root"], student), own_answers(course["variants"], student)[k]
        theirs = own_answers(course["variants"], CLASS[student][1][k])[k]
        assert sum(wrong_numbers(values[var], want) for var, want in own.items()) >= 2, (student, k)
        assert all(wrong_numbers(values[var], want) == 0 for var, want in theirs.items()), (student, k)
    assert {s for s, _ in COPIED} == {"bob", "carol"}


def test_hand_parts_are_graded_against_each_students_own_variant(course):
    """Own answers earn every hand point, whatever was typed in STUDENT_ID; a slip costs its number only."""
    for student in ROSTER:
        assert hand(course["results"], student) == expected_hand(course, student), (student, CLASS[student][0])
    assert hand(course["results"], "alice") == [1.0] * 6
    assert hand(course["results"], "erin") == hand(course["results"], "frank") == [1.0] * 6   # the typed id plays no part
    assert hand(course["results"], "grace") == [1.0, 0.6667, 1.0, 1.0, 1.0, 1.0]


def test_copied_hand_parts_score_zero_and_the_others_full_marks(course):
    """bob handed in alice's notebook: 0 on every part; carol copied part 1 from dave: 0 there only."""
    assert hand(course["results"], "bob") == [0.0] * 6
    assert hand(course["results"], "carol") == [0.0] + [1.0] * 5
    bob = {t["name"]: t["output"] for t in results(course["results"], "bob")["tests"]}
    assert "another student's numbers" in bob["part4: hand-worked answers"]


def test_code_is_graded_the_same_for_everyone_and_a_bug_costs_only_its_function(course):
    """Per-student numbers change nothing for the functions; dave's swap loses example_gradient only."""
    full = sum(c.points(False) + c.points(True) for c in tn.CHECKS)
    for student in ROSTER:
        data = results(course["results"], student)
        code = [t for t in data["tests"] if not t["name"].startswith("part")]
        lost = {t["name"].split(":")[0] for t in code if t["score"] < t["max_score"]}
        assert lost == (BUGGY if student == "dave" else set()), student
        if student == "dave":
            assert all("mistake:x-swapped" in t["tags"] for t in code if t["name"].split(":")[0] in BUGGY)
        else:
            assert sum(t["score"] for t in code) == pytest.approx(full)
        assert data["score"] == pytest.approx(sum(t["score"] for t in code) + sum(expected_hand(course, student)))
    grades = (course["results"] / "grades.csv").read_text().splitlines()
    assert grades[0] == "student,score,max_score" and [row.split(",")[0] for row in grades[1:]] == ROSTER + [OUTSIDER]


def test_nbgrader_autograde_gives_every_cell_the_same_score(course):
    """Real nbgrader on a copy of the course (hidden hand cells keyed by the autograde folder) agrees
    with our grader's gradebook entries, cell by cell, and with the expected hand scores."""
    theirs, ours = course["nbgrader"], course["ours_book"]
    assert set(theirs) == set(ours) == set(ROSTER) | {OUTSIDER}
    for student in ROSTER + [OUTSIDER]:
        for cell, (score, max_score, manual) in theirs[student].items():
            if manual:
                continue              # the written answers wait for a TA in both
            assert ours[student][cell][0] == pytest.approx(score, abs=1e-4), (student, cell)
            assert ours[student][cell][1] == max_score, (student, cell)
        hand_scores = [theirs[student][f"test_{pid}_hidden"][0] for pid in PARTS]
        assert hand_scores == pytest.approx([0.0] * 6 if student == OUTSIDER else expected_hand(course, student), abs=1e-4)


def test_a_student_not_on_the_class_list_is_graded_as_nbgrader_grades_her(course):
    """nbgrader's per-student hand cells give 0 to a student with no numbers of her own (max kept);
    ours does the same, says why in her feedback (no path of ours), and tells the TA."""
    data = results(course["results"], OUTSIDER)
    code = sum(c.points(False) + c.points(True) for c in tn.CHECKS)
    hand_max = sum(p.points_hidden for p in tn.HAND_PARTS)
    assert hand(course["results"], OUTSIDER) == [0.0] * 6
    assert data["score"] == pytest.approx(code)
    assert data["extra_data"]["max_score"] == pytest.approx(code + hand_max)
    assert "not on this assignment's class list" in data["output"]
    assert str(course["root"]) not in json.dumps(data) and "variants/" not in json.dumps(data)
    theirs = course["nbgrader"][OUTSIDER]
    assert sum(max_score for _, max_score, _ in theirs.values()) == pytest.approx(data["extra_data"]["max_score"] + ETA_DISCUSSION_POINTS)  # + η, by a TA


def test_without_the_per_student_variants_the_hand_scores_change(course):
    """With variants/ gone the grader can only use the class's numbers: the students who worked their
    own numbers lose hand points, the code scores stay. So the tests above need per-student grading."""
    for student in ("alice", "dave", "erin", "frank"):
        assert hand(course["results"], student) == [1.0] * 6
        assert sum(hand(course["without"], student)) < 6.0, student
    for student in ROSTER:
        code = lambda folder: {n: s for n, s in scores(folder, student).items() if not n.startswith("part")}
        assert code(course["without"]) == code(course["results"]), student


def test_a_course_given_as_a_path_is_graded_on_its_own_numbers(course):
    """`grade tutorial_net COURSE --out DIR` (no gradebook) reads the course's variants like --course."""
    for student in ROSTER:
        assert scores(course["by_path"], student) == scores(course["results"], student), student


def test_a_class_variant_without_a_class_list_is_graded_on_its_numbers(tmp_path):
    """Generated without a class list, the hand parts' answers are the class variant's (variant.json),
    not the tutorial's: the source's own answers earn every point, with --course and as a PATH."""
    root = tmp_path / "course"
    writer.generate(A, 7, None, root, release=True)
    classroom.register(root, A)
    release, source = classroom.release_notebook(root, A), classroom.source_notebook(root, A)
    classroom.submit(root, "ana", A, fabricate.correct(release, source))
    full = sum(c.points(False) + c.points(True) for c in tn.CHECKS) + sum(p.points_hidden for p in tn.HAND_PARTS)
    for where in (["--course", str(root)], [str(root), "--out", str(tmp_path / "out")]):
        run = subprocess.run([sys.executable, "-m", "autograder", "grade", A, *where], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        out = root / "results" / A if where[0] == "--course" else tmp_path / "out"
        data = results(out, "ana")
        assert data["score"] == pytest.approx(full) and data["extra_data"]["max_score"] == pytest.approx(full), where
        assert "other numbers" not in run.stderr and "other numbers" not in data["output"], where
    # the notebook alone, away from its course: graded on the demo's numbers, and both the TA and
    # the student are told so (its metadata records its release)
    alone = tmp_path / "alone" / "ana.ipynb"
    alone.parent.mkdir()
    shutil.copy(root / "submitted" / "ana" / A / f"{A}.ipynb", alone)
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", A, str(alone), "--out", str(tmp_path / "alone-out")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    told = [line for line in run.stderr.splitlines() if "other numbers" in line]
    assert len(told) == 1 and "give --course COURSE" in told[0], run.stderr
    data = results(tmp_path / "alone-out", "ana")
    assert "made from a release with other numbers" in data["output"] and str(tmp_path) not in data["output"]
    assert data["score"] < full   # the hand parts, checked against the demo's numbers
