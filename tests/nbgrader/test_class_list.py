"""A submission from a student the gradebook does not know, as nbgrader treats it.

nbgrader 0.9's ``autograde`` creates an unknown student (``Autograde.create_student`` is True
by default) and grades them; a course that sets it False makes ``nbgrader autograde`` refuse
that student ("No student with ID … exists in the database"). Our ``grade --course`` follows
the course's setting: by default the student is graded and added to the gradebook (the
per-student hand parts' class list is tests/generate/test_our_grader_per_student.py); with
False, the gradebook is left alone and the TA gets one line saying why.
"""
import sqlite3
import subprocess
import sys

import pytest

from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_tutorial import ASSIGNMENT
from autograder.notebooks.course import NbgraderError, nbgrader


def _students(root):
    with sqlite3.connect(root / "gradebook.db") as db:
        return {row[0] for row in db.execute("select id from student")}


def test_a_course_that_does_not_create_students_is_followed(tmp_path):
    root = classroom.copy_course(tmp_path / "course", ASSIGNMENT)
    classroom.register(root, ASSIGNMENT)
    with open(root / "nbgrader_config.py", "a") as f:
        f.write("\nc.Autograde.create_student = False\n")
    nb = fabricate.correct(classroom.release_notebook(root, ASSIGNMENT), classroom.source_notebook(root, ASSIGNMENT))
    classroom.submit(root, "stranger", ASSIGNMENT, nb)
    with pytest.raises(NbgraderError, match="No student with ID 'stranger' exists in the database"):
        nbgrader(root, "autograde", ASSIGNMENT, timeout=300)   # nbgrader itself refuses before running anything
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(root)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = [line for line in run.stderr.splitlines() if "stranger" in line and not line.startswith("[")]   # not the progress line
    assert len(lines) == 1 and "create_student = False" in lines[0] and "not written to the gradebook" in lines[0], run.stderr
    assert "stranger" not in _students(root)
    with open(root / "nbgrader_config.py", "a") as f:   # nbgrader's default again: graded and created
        f.write("\nc.Autograde.create_student = True\n")
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", ASSIGNMENT, "--course", str(root),
                          "--out", str(tmp_path / "again")], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and not [line for line in run.stderr.splitlines() if line.startswith("!")], run.stderr
    assert "stranger" in _students(root)
