"""Our grader (python -m autograder grade --course) against real nbgrader autograde.

The same fabricated class: every autograded cell must get the same score from both
(they share the checks but not the runner: a Jupyter kernel vs the sandbox), and with
--course our scores land where nbgrader's own tools read them: `nbgrader export` totals
and `nbgrader generate_feedback` pages.
"""
import csv
import html
import re
import subprocess
import sys

import pytest

from autograder.notebooks import classroom
from autograder.notebooks.build_tutorial import ASSIGNMENT
from autograder.notebooks.course import nbgrader


@pytest.fixture(scope="module")
def ours(graded_class, tmp_path_factory):
    root = classroom.copy_course(tmp_path_factory.mktemp("ours") / "course", ASSIGNMENT)
    classroom.register(root, ASSIGNMENT)
    for student, nb in graded_class.submitted.items():
        classroom.submit(root, student, ASSIGNMENT, nb)
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(root)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    nbgrader(root, "export", f"--to={root / 'grades.csv'}")
    nbgrader(root, "generate_feedback", ASSIGNMENT)
    return root


def test_every_autograded_cell_scores_the_same(graded_class, ours):
    theirs, mine = graded_class.scores, classroom.scores(ours, ASSIGNMENT)
    assert set(mine) == set(theirs)
    for student, cells in theirs.items():
        for cell, (score, max_score, manual) in cells.items():
            if manual:
                continue  # the written answer on η waits for a TA in both
            assert mine[student][cell][0] == pytest.approx(score, abs=1e-9), (student, cell)
            assert mine[student][cell][1] == max_score


def test_export_totals_match_our_grades_csv(ours):
    with open(ours / "grades.csv", newline="") as f:
        exported = {row["student_id"]: float(row["raw_score"]) for row in csv.DictReader(f)}
    with open(ours / "results" / ASSIGNMENT / "grades.csv", newline="") as f:
        graded = {row["student"]: float(row["score"]) for row in csv.DictReader(f)}
    assert exported == pytest.approx(graded)


def test_feedback_pages_show_our_named_mistakes(graded_class, ours):
    for student, info in graded_class.students.items():
        if info.mistake:
            page = (ours / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
            text = html.unescape(re.sub(r"<[^>]+>", "", page))
            assert f"Recognised mistake [{info.mistake}]" in text, student
            assert "BEGIN HIDDEN TESTS" not in text


def test_a_course_without_the_assignment_gets_one_clear_line(tmp_path):
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\nc.CourseDirectory.course_id = 'x'\n")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "run `nbgrader generate_assignment tutorial_net` there first" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
