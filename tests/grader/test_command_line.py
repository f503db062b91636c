"""The command line's contract (issue 12): errors are one line on stderr with a non-zero exit,
`check` says by its status whether every public case passed and knows which assignment a
notebook is for, and every subcommand's --help has a description and examples."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.students import mlp as mlp_students
from tests.students import tutorial_net as students

REPO = Path(__file__).resolve().parents[2]


def cli(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "autograder", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def one_line_error(run, words: str, status: int = 2) -> None:
    assert run.returncode == status, (run.returncode, run.stdout, run.stderr)
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], run.stderr
    assert "Traceback" not in run.stderr


def notebook(code: str, metadata=None) -> str:
    cell = {"cell_type": "code", "execution_count": None, "outputs": [], "source": code,
            "metadata": {"nbgrader": {"grade": False, "solution": True, "locked": False, "grade_id": "code", "schema_version": 3}}}
    return json.dumps({"cells": [cell], "metadata": metadata or {}, "nbformat": 4, "nbformat_minor": 5})


def test_nothing_to_grade_is_an_error(tmp_path):
    out = tmp_path / "never-written"
    one_line_error(cli("grade", "tutorial_net", str(tmp_path / "nonexistent"), "--out", str(out)), "nothing found to grade")
    assert not out.exists()


def test_an_empty_class_folder_is_an_error(tmp_path):
    (tmp_path / "class").mkdir()
    one_line_error(cli("grade", "tutorial_net", tmp_path / "class", "--out", tmp_path / "out"), "nothing found to grade")


def test_out_that_is_a_file_is_an_error(tmp_path):
    (tmp_path / "alice.py").write_text(students.CORRECT)
    taken = tmp_path / "taken"
    taken.write_text("not a folder")
    one_line_error(cli("grade", "tutorial_net", tmp_path / "alice.py", "--out", taken), "exists and is not a folder")
    one_line_error(cli("generate", "tutorial_net", "--seed", "1", "--out", taken, "--no-release"), "exists and is not a folder")
    assert taken.read_text() == "not a folder"


def test_bad_arguments_are_one_line():
    one_line_error(cli("grade"), "required")
    one_line_error(cli("grade", "nonsense", "x", "--out", "y"), "unknown assignment")


def test_check_exits_non_zero_when_a_case_fails(tmp_path):
    good, slip = tmp_path / "good.py", tmp_path / "slip.py"
    good.write_text(students.CORRECT)
    slip.write_text(students.with_slip("sum-instead-of-mean"))
    assert cli("check", good, "--assignment", "tutorial_net").returncode == 0
    run = cli("check", slip, "--assignment", "tutorial_net")
    assert run.returncode == 1 and "returned 6.5; expected 3.25." in run.stdout


@pytest.mark.parametrize("name, metadata", [
    ("mlp.ipynb", None),                                         # by its file name
    ("mlp-Copy1.ipynb", None),
    ("homework.ipynb", {"autograder": {"assignment": "mlp"}}),   # by its own metadata
    ("homework.py", None),                                       # by the functions it defines
])
def test_check_works_out_the_assignment(tmp_path, name, metadata):
    path = tmp_path / name
    path.write_text(notebook(mlp_students.CORRECT, metadata) if name.endswith(".ipynb") else mlp_students.CORRECT)
    run = cli("check", path)
    assert "against the public cases of mlp" in run.stdout, run.stdout + run.stderr
    assert run.returncode == 0, run.stdout


def test_check_says_when_it_cannot_tell(tmp_path):
    path = tmp_path / "notes.py"
    path.write_text("x = 1\n")
    one_line_error(cli("check", path), "give --assignment")


@pytest.mark.parametrize("command", ["grade", "check", "generate", "demo"])
def test_every_help_has_a_description_and_examples(command):
    run = cli(command, "--help")
    assert run.returncode == 0
    text = run.stdout
    assert "examples:" in text and f"python -m autograder {command}" in text.split("examples:")[1]
    assert text.split("\n\n")[1].strip(), text   # the description paragraph after the usage
