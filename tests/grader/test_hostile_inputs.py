"""One class run through `python -m autograder grade`, real sandbox, full of hostile files.

Every attack of issue 11 items 1, 2, 3 and 10 sits in one class beside a correct student:
malformed notebooks and sources (each must score 0 with a one-line reason), file names that
try to leave --out, forge CSV formulas or terminal escapes, or collide with grades.csv,
links, FIFOs, devices and folders where a notebook should be, and text that forges our
feedback lines. The run must finish, grade the correct student in full and write grades.csv.
"""
import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.students import tutorial_net as students

REPO = Path(__file__).resolve().parents[2]
SOLUTION = REPO / "solutions" / "tutorial_net" / "tutorial_net.ipynb"   # 37/37 if it were read
FULL, MAX = 31, 37   # every function point; the 6 hand-worked points need hand answers, which CORRECT leaves out


def notebook(code: str, **meta) -> dict:
    nbmeta = {"grade": False, "solution": True, "locked": False, "grade_id": "code", "schema_version": 3} | meta
    cell = {"cell_type": "code", "execution_count": None, "outputs": [], "source": code, "metadata": {"nbgrader": nbmeta}}
    return {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def with_cell(field: str, value) -> str:
    nb = notebook(students.CORRECT)
    if field == "metadata":
        nb["cells"][0]["metadata"] = value
    elif field == "source":
        nb["cells"][0]["source"] = value
    else:
        nb["cells"][0]["metadata"]["nbgrader"][field] = value
    return json.dumps(nb)


FORGED_LINE = "✔ forward: 4/4 public cases passed (1 of 1 point)"
FORGER = students.CORRECT.replace(
    "def forward(theta, x):\n",
    "def forward(theta, x):\n    print('\\n" + FORGED_LINE + "\\x1b[32m')\n"
    "    raise RuntimeError('ok " + FORGED_LINE + " \\x1b[2J ' + __import__('numpy').__file__ + '\\rrest')\n",
) + """
def _boom():
    raise ValueError('\\n✘ relu: 0/3 public cases passed\\x1b[31m')

broken = _boom()
"""

# (file contents as a notebook, words the one-line reason must hold)
MALFORMED = {
    "meta-string": (with_cell("metadata", "x"), "metadata is not an object"),
    "gid-list": (with_cell("grade_id", ["a", "b"]), "grade_id"),
    "source-ints": (with_cell("source", [1, 2, 3]), "source is not text"),
    "bad-type": (json.dumps({"cells": [{"cell_type": "banana", "source": "", "metadata": {}}]}), "not a code"),
    "deep-json": ("[" * 100_000 + "]" * 100_000, "not a readable notebook"),
    "nb-list": ("[]", "no list of cells"),
    "empty": ("", "empty"),
    "binary": (bytes(range(256)) * 40, "not UTF-8"),
    "huge-cell": (json.dumps(notebook("x = 1\n" * 400_000)), "more than the 1 MB"),
}
PY = {  # loose .py files: (contents, words of the reason)
    "deep-expr": ("x = " + "+".join(["1"] * 30_000) + "\n", "too large or too deeply nested"),
    "five-mb": ("x = 1\n" * 900_000, "larger than"),
}
UNSAFE = {   # loose file names whose stem is not a safe id (the first must not escape --out)
    "...py": "..", "grades.csv.py": "grades.csv", "\x1b[31mred.py": "\x1b[31mred",
    '=HYPERLINK("x.example","click").py': "=HYPERLINK", "+cmd.py": "+cmd", "@sum.py": "@sum", "tab\tname.py": "tab",
}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    base = root / "class" / "submitted"
    outside = root / "outside"
    outside.mkdir()

    def folder(student):
        path = base / student / "tutorial_net"
        path.mkdir(parents=True)
        return path / "tutorial_net.ipynb"

    folder("correct").write_text(json.dumps(notebook(students.CORRECT)))
    (base / "only-mlp" / "mlp").mkdir(parents=True)      # submitted mlp only: not a tutorial_net student
    (base / "only-mlp" / "mlp" / "mlp.ipynb").write_text(json.dumps(notebook("x = 1")))
    (base / "correct" / "mlp").mkdir()
    (base / "correct" / "mlp" / "mlp.ipynb").write_text(json.dumps(notebook("x = 1")))
    folder("forger").write_text(json.dumps(notebook(FORGER)))
    for student, (text, _) in MALFORMED.items():
        target = folder(student)
        target.write_bytes(text if isinstance(text, bytes) else text.encode())
    for name, (text, _) in PY.items():
        (base / f"{name}.py").write_text(text)
    for name in UNSAFE:
        (base / name).write_text(students.CORRECT)
    (base / "correct.py").write_text("def forward(theta, x):\n    return 0\n")   # a second 'correct'
    # links, hard links, pipes, devices, folders where the notebook should be
    folder("symlinked").symlink_to(SOLUTION)
    (outside / "solution").mkdir()
    (outside / "solution" / "tutorial_net").mkdir()
    (outside / "solution" / "tutorial_net" / "tutorial_net.ipynb").write_bytes(SOLUTION.read_bytes())
    (base / "linked-folder").symlink_to(outside / "solution", target_is_directory=True)
    (base / "loose-link.ipynb").symlink_to(SOLUTION)
    copy = outside / "copy.ipynb"
    copy.write_bytes(SOLUTION.read_bytes())
    os.link(copy, folder("hardlinked"))
    os.mkfifo(folder("fifo"))
    folder("a-folder").mkdir()
    os.mknod(folder("device"), stat.S_IFCHR | 0o600, os.makedev(1, 3))   # /dev/null's numbers (we run as root)
    out = root / "out"
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", str(base), "--out", str(out),
                           "--jobs", "2"], capture_output=True, text=True, timeout=600, cwd=REPO)
    return root, out, done


def result(out: Path, student: str) -> dict:
    return json.loads((out / student / "results.json").read_text(encoding="utf-8"))


def reason(out: Path, student: str) -> str:
    """The one-line reason: the results.json summary's second line."""
    lines = result(out, student)["output"].splitlines()
    return lines[1] if len(lines) > 1 else ""


def test_the_run_finishes_and_grades_the_class(run):
    _, out, done = run
    assert done.returncode == 0, done.stderr[-2000:]
    assert result(out, "correct")["score"] == FULL
    rows = list(csv.reader((out / "grades.csv").open(newline="", encoding="utf-8")))
    assert ["correct", str(FULL), str(MAX)] in rows


@pytest.mark.parametrize("student", sorted(MALFORMED) + sorted(PY))
def test_a_malformed_or_huge_file_scores_zero_with_a_one_line_reason(run, student):
    _, out, _ = run
    words = {**MALFORMED, **PY}[student][1]
    data = result(out, student)
    assert data["score"] == 0
    assert words in reason(out, student), data["output"]
    assert len(data["output"].splitlines()) == 2   # the summary line and the reason, nothing else


@pytest.mark.parametrize("student, words", [
    ("symlinked", "symbolic link"), ("linked-folder", "symbolic link"), ("loose-link", "symbolic link"),
    ("hardlinked", "hard link"), ("fifo", "named pipe"), ("a-folder", "a folder"), ("device", "a device"),
])
def test_links_pipes_devices_and_folders_are_not_read(run, student, words):
    _, out, _ = run
    assert result(out, student)["score"] == 0
    assert words in reason(out, student)


def test_unsafe_ids_are_refused_and_nothing_leaves_out(run):
    root, out, done = run
    assert not (root / "results.json").exists() and not (root / "feedback.txt").exists()
    assert sorted(p.name for p in root.iterdir()) == ["class", "out", "outside"]
    assert (out / "grades.csv").is_file()
    graded = {p.name for p in out.iterdir() if p.is_dir()}
    assert graded == {"correct", "forger", *MALFORMED, *PY, "symlinked", "linked-folder", "loose-link",
                      "hardlinked", "fifo", "a-folder", "device"}
    assert done.stderr.count("not a safe student id") == len(UNSAFE), done.stderr
    assert "a second submission for student 'correct'" in done.stderr


def test_no_escape_reaches_the_terminal_or_the_csv(run):
    _, out, done = run
    for text in (done.stdout, done.stderr):
        assert not any(ord(ch) < 32 and ch != "\n" or 0x7f <= ord(ch) < 0xa0 for ch in text), repr(text[-500:])
    for row in csv.reader((out / "grades.csv").open(newline="", encoding="utf-8")):
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row), row


def test_student_text_is_quoted_escaped_and_attributed(run):
    _, out, _ = run
    data = result(out, "forger")
    feedback = (out / "forger" / "feedback.txt").read_text(encoding="utf-8")
    for text in (feedback, json.dumps(data, ensure_ascii=False), data["output"], *(t["output"] for t in data["tests"])):
        assert "\x1b" not in text and "\r" not in text
    ours = [line for line in feedback.splitlines() if line.startswith(("✔", "✘"))]
    assert not any(line.startswith("✔ forward") for line in ours)   # forward fails; the forged line is not a line
    assert FORGED_LINE not in feedback                              # its mark is shown escaped
    assert 'your code raised RuntimeError: "ok \\u2714 forward: 4/4' in feedback
    assert 'while loading your code: "broken = _boom() raised ValueError: \\n\\u2718 relu' in data["output"]
    assert len(data["output"].splitlines()) == 2


def test_feedback_never_shows_a_path_of_the_grading_machine(run):
    root, out, _ = run
    for folder in out.iterdir():
        if folder.is_dir():
            text = (folder / "results.json").read_text(encoding="utf-8")
            assert str(REPO) not in text and str(root) not in text and sys.prefix not in text, folder.name
    assert "__init__.py" in (out / "forger" / "feedback.txt").read_text(encoding="utf-8")  # numpy's file, by name only


def test_one_students_folder_as_path_grades_only_that_student(run, tmp_path):
    root, _, _ = run
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net",
                           str(root / "class" / "submitted" / "correct"), "--out", str(tmp_path / "one")],
                          capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader((tmp_path / "one" / "grades.csv").open()))
    assert rows == [["student", "score", "max_score"], ["correct", str(FULL), str(MAX)]]


def test_a_student_who_did_not_submit_the_assignment_is_not_graded(run):
    _, out, _ = run
    assert not (out / "only-mlp").exists()


def test_student_option_grades_only_those_ids(run, tmp_path):
    root, _, _ = run
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", str(root / "class"),
                           "--out", str(tmp_path / "some"), "--student", "forger", "--student", "empty",
                           "--student", "nobody"], capture_output=True, text=True, timeout=300, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "some").iterdir() if p.is_dir()) == ["empty", "forger"]
    assert "--student nobody: no submission found" in done.stderr
