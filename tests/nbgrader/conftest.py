"""One fabricated class, graded once per test session by the real nbgrader in copies of the course.

The class is split over two copies of the course graded at the same time (each copy has its
own gradebook, so nothing is shared): the two submissions that run into time limits (about
75 s between them) in one, everyone else in the other.
"""
from __future__ import annotations

import csv
import html
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from autograder.notebooks import classroom
from autograder.notebooks.build_tutorial import ASSIGNMENT
from autograder.notebooks.course import nbgrader
from autograder.notebooks import fabricate

SLOW = ("endless", "stuck_gd")


@dataclass
class GradedClass:
    students: dict      # {id: fabricate.Student}
    submitted: dict     # {id: the notebook handed in}
    scores: dict        # {id: {grade id: (auto score, max score, needs manual grade)}}
    csv_rows: dict      # {id: the row of `nbgrader export`}
    feedback: dict      # {id: the text of feedback/<id>/tutorial_net/tutorial_net.html, tags removed}
    autograded: dict    # {id: the autograded notebook}


@pytest.fixture(scope="session")
def fresh_course(tmp_path_factory) -> Path:
    """A copy of the course in which `nbgrader generate_assignment` has just run (release regenerated)."""
    root = classroom.copy_course(tmp_path_factory.mktemp("course") / "fast", ASSIGNMENT)
    (root / "assignments" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").unlink()  # must come back from nbgrader
    classroom.register(root, ASSIGNMENT)
    return root


@pytest.fixture(scope="session")
def graded_class(fresh_course) -> GradedClass:
    release = classroom.release_notebook(fresh_course, ASSIGNMENT)
    source = classroom.source_notebook(fresh_course, ASSIGNMENT)
    made = fabricate.fabricate(release, source)
    slow_root = classroom.copy_course(fresh_course.parent / "slow", ASSIGNMENT)
    groups = {fresh_course: [s for s in made if s not in SLOW], slow_root: list(SLOW)}
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(_grade, root, {s: made[s][1] for s in ids}, root is not fresh_course)
                for root, ids in groups.items()]
        results = [job.result() for job in jobs]
    merged = [{k: v for r in results for k, v in r[i].items()} for i in range(4)]
    return GradedClass({s: made[s][0] for s in made}, {s: made[s][1] for s in made}, *merged)


def _grade(root: Path, submissions: dict, register: bool):
    if register:
        classroom.register(root, ASSIGNMENT)
    for student, nb in submissions.items():
        classroom.submit(root, student, ASSIGNMENT, nb)
    classroom.autograde(root, ASSIGNMENT)
    nbgrader(root, "generate_feedback", ASSIGNMENT)
    nbgrader(root, "export", f"--to={root / 'grades.csv'}")
    with open(root / "grades.csv", newline="") as f:
        rows = {row["student_id"]: row for row in csv.DictReader(f)}
    feedback, autograded = {}, {}
    for student in submissions:
        page = (root / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
        feedback[student] = html.unescape(re.sub(r"<[^>]+>", "", page))
        autograded[student] = nbformat.read(root / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return classroom.scores(root, ASSIGNMENT), rows, feedback, autograded
