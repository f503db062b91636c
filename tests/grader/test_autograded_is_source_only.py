"""`grade --course`: what reaches autograded/ (and so nbgrader's feedback HTML and formgrader)
is the student's source only (issue 11, item 9).

A correct submission carries a saved output with a <script>, forged nbgrader metadata on an
answer cell, and a written answer with raw HTML, an event handler and a javascript: link.
After our grader and the real `nbgrader generate_feedback`, none of it may be live in the
feedback page, and the autograded notebook's cells carry the release's metadata.
The same course checks nbgrader's timestamp.txt against the gradebook's due date (issue 12):
a late submission is flagged in results.json and its lateness is in nbgrader's gradebook.
"""
import datetime
import copy
import subprocess
import sys

import nbformat
import pytest

from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_tutorial import ASSIGNMENT
from autograder.notebooks.course import nbgrader

DUE = datetime.datetime(2026, 1, 11, 12, 0)   # UTC, as nbgrader keeps it
SCRIPT_OUTPUT = "<script>window.PWNED_OUTPUT = 1</script><b>all tests passed</b>"
WRITTEN = ("η scales the step. <script>window.PWNED_MD = 1</script> <img src=x onerror=\"window.PWNED_IMG=1\"> "
           "[my notes](javascript:window.PWNED_LINK=1)")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = classroom.copy_course(tmp_path_factory.mktemp("hostile-course") / "course", ASSIGNMENT)
    classroom.register(root, ASSIGNMENT)
    release, source = classroom.release_notebook(root, ASSIGNMENT), classroom.source_notebook(root, ASSIGNMENT)
    nb = fabricate.correct(release, source)
    forward = fabricate.cell_of(nb, "forward")
    forward.outputs = [nbformat.v4.new_output("display_data", data={"text/html": SCRIPT_OUTPUT, "text/plain": "ok"})]
    forward.execution_count = 7
    relu = fabricate.cell_of(nb, "relu")
    relu.metadata["nbgrader"] = {"grade": True, "solution": True, "locked": False, "points": 1000.0,
                                 "grade_id": "relu", "schema_version": 3, "checksum": "forged", "cell_type": "markdown"}
    relu.metadata["tags"] = ["raises-exception"]
    eta = fabricate.cell_of(nb, "eta_discussion")
    eta.source = WRITTEN
    eta["attachments"] = {"x.svg": {"image/svg+xml": "PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+"}}
    classroom.submit(root, "mallory", ASSIGNMENT, nb)
    (root / "submitted" / "mallory" / ASSIGNMENT / "timestamp.txt").write_text("2026-01-10 09:00:00.000000 UTC")
    classroom.submit(root, "latecomer", ASSIGNMENT, fabricate.correct(release, source))
    (root / "submitted" / "latecomer" / ASSIGNMENT / "timestamp.txt").write_text("2026-01-11 14:30:00.000000 UTC")
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "backprop") as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=DUE)
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(root)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    nbgrader(root, "generate_feedback", ASSIGNMENT, "--force")
    page = (root / "feedback" / "mallory" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text(encoding="utf-8")
    autograded = nbformat.read(root / "autograded" / "mallory" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return root, release, page, autograded


def test_no_student_script_or_html_is_live_in_the_feedback_page(course):
    _, _, page, _ = course
    assert "PWNED_OUTPUT" not in page                     # the saved output is gone entirely
    assert "<script>window.PWNED_MD" not in page          # the written answer's HTML is text
    assert "<img src=x" not in page and "javascript:window" not in page
    assert "η scales the step." in page                   # the answer itself is still there for the TA


def test_answer_cells_are_the_release_cells_with_the_students_source(course):
    _, release, _, autograded = course
    released = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in release.cells}
    for cell in autograded.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        mine = released[meta["grade_id"]]
        assert cell.metadata == mine.metadata and cell.cell_type == mine.cell_type, meta["grade_id"]
        assert "attachments" not in cell
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    relu = fabricate.cell_of(autograded, "relu")
    assert "def relu" in relu.source and relu.metadata["nbgrader"].get("points") is None


def test_the_forged_student_is_graded_like_anyone(course):
    root, _, _, _ = course
    scores = classroom.scores(root, ASSIGNMENT)["mallory"]
    assert scores["test_relu"][0] == scores["test_relu"][1] > 0   # the forged 1000 points count for nothing
    assert all(points <= 10 for _, points, _ in scores.values())


def test_a_late_submission_is_flagged_as_nbgrader_would(course):
    root = course[0]
    import json
    late = json.loads((root / "results" / ASSIGNMENT / "latecomer" / "results.json").read_text())
    on_time = json.loads((root / "results" / ASSIGNMENT / "mallory" / "results.json").read_text())
    assert late["extra_data"]["late"] is True and on_time["extra_data"]["late"] is False
    assert "submitted late: 2026-01-11 14:30 UTC, 2:30:00 after the due date" in late["output"]
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}", "backprop") as gb:
        assert gb.find_submission(ASSIGNMENT, "latecomer").total_seconds_late == 2.5 * 3600
        assert gb.find_submission(ASSIGNMENT, "mallory").total_seconds_late == 0
