"""python -m autograder quickstart DIR: a course of one's own, with numbers and hidden cases from
its own secret, a release that gives nothing away, and every course command working on it."""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys

import nbformat
import pytest

from tests.course import leaks, shared

ROOT = leaks.Path(__file__).resolve().parents[2]
A = ("tutorial_net", "mlp")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]))


@pytest.fixture(scope="module")
def courses(tmp_path_factory):
    """Two quickstart courses, shared with other test files: copy one before changing it."""
    return [shared.quickstart(tmp_path_factory, name) for name in ("spring", "autumn")]


def _hidden_blocks(nb_path):
    nb = nbformat.read(str(nb_path), as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: "".join(HIDDEN.findall(c.source))
            for c in nb.cells if "BEGIN HIDDEN TESTS" in c.source}


def test_the_course_has_nbgraders_default_layout(courses):
    for root in courses:
        assert (root / "nbgrader_config.py").is_file() and (root / "gradebook.db").is_file()
        for a in A:
            assert (root / "source" / a / f"{a}.ipynb").is_file()
            assert (root / "release" / a / f"{a}.ipynb").is_file()
            assert (root / "release" / a / "backprop_check" / "cases" / f"{a}.json").is_file()
        doc = json.loads((root / "source/tutorial_net/variant.json").read_text())
        assert doc["format"] == "tutorial_net-variant/1" and set(doc) >= {"theta", "X", "Y", "eta", "answers"}
        secret = root / ".course_secret"
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_two_courses_have_different_secrets_numbers_and_hidden_cases(courses):
    one, two = courses
    assert (one / ".course_secret").read_text() != (two / ".course_secret").read_text()
    for a in A:
        first, second = _hidden_blocks(one / "source" / a / f"{a}.ipynb"), _hidden_blocks(two / "source" / a / f"{a}.ipynb")
        demo = _hidden_blocks(ROOT / "solutions" / a / f"{a}.ipynb")
        assert sorted(first) == sorted(second) == sorted(demo) and len(first) >= 11
        for gid in first:
            if gid.startswith("test_part"):
                continue   # a hand part's expected numbers: compared as the variants' data below
            assert first[gid] != second[gid] and first[gid] != demo[gid] and second[gid] != demo[gid], (a, gid)
    data = [json.loads((root / "source/tutorial_net/variant.json").read_text()) for root in courses]
    numbers = [(d["theta"], d["X"], d["Y"]) for d in data]
    tutorial = (["1", "1", "0", "1", "0"], [["2", "1"], ["-3", "2"]], ["1.3", "1.9"])
    assert numbers[0] != numbers[1] and tutorial not in numbers


def test_nothing_secret_reaches_the_release(courses):
    for root in courses:
        secret = (root / ".course_secret").read_text().strip()
        for path in (root / "release").rglob("*"):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                assert secret not in text and "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text, path
                assert path.name not in ("variant.json", "worked_solution.md", "worked_solution.html"), path


def test_no_hand_answer_appears_anywhere_under_release(courses):
    for root in courses:
        variant = json.loads((root / "source/tutorial_net/variant.json").read_text())
        telling = leaks.telling(leaks.answers(variant), variant)
        assert len(telling) >= 10
        assert leaks.leaked(root / "release", variant) == {}


def test_a_planted_answer_is_found_by_the_scan(courses, tmp_path):
    """The scan itself bites: a release copy with one hand answer written into a cell is caught."""
    root = courses[0]
    variant = json.loads((root / "source/tutorial_net/variant.json").read_text())
    copy = tmp_path / "release"
    shutil.copytree(root / "release", copy)
    answer = sorted(leaks.telling(leaks.answers(variant), variant))[0]
    (copy / "tutorial_net" / "notes.md").write_text(f"the step gives {answer} here")
    assert str(answer) in leaks.leaked(copy, variant)


def test_quickstart_refuses_a_folder_in_use(courses, tmp_path):
    done = _cli("quickstart", str(courses[0]))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "not empty" in done.stderr
    (tmp_path / "file").write_text("x")
    done = _cli("quickstart", str(tmp_path / "file"))
    assert done.returncode == 2 and "not a folder" in done.stderr


def test_generate_in_a_course_keys_the_seed_by_its_secret(courses, tmp_path):
    seeds = []
    for k, course in enumerate(courses):
        root = tmp_path / str(k)
        shutil.copytree(course, root)
        done = _cli("generate", "tutorial_net", "--seed", "5", "--out", str(root), "--no-release")
        assert done.returncode == 0, done.stderr
        seeds.append(json.loads((root / "source/tutorial_net/variant.json").read_text())["seed"])
    assert seeds[0] != seeds[1] and 5 not in seeds


def test_nbgrader_and_our_grader_grade_the_course(courses, tmp_path):
    root = shared.copy(courses[1], tmp_path / "autumn")
    for student in ("ada", "bo"):
        (root / "submitted" / student / "tutorial_net").mkdir(parents=True)
    shutil.copy(root / "source/tutorial_net/tutorial_net.ipynb", root / "submitted/ada/tutorial_net/tutorial_net.ipynb")
    shutil.copy(root / "release/tutorial_net/tutorial_net.ipynb", root / "submitted/bo/tutorial_net/tutorial_net.ipynb")
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    subprocess.run([sys.executable, "-m", "nbgrader", "autograde", "tutorial_net"], cwd=root, env=env,
                   check=True, capture_output=True)
    from nbgrader.api import Gradebook
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        theirs = {s: gb.find_submission("tutorial_net", s).score for s in ("ada", "bo")}
    assert theirs == {"ada": 37.0, "bo": 0.0}
    done = _cli("grade", "tutorial_net", "--course", str(root), "--out", str(root / "ours"))
    assert done.returncode == 0, done.stderr
    ours = {s: json.loads((root / "ours" / s / "results.json").read_text())["score"] for s in ("ada", "bo")}
    assert ours == theirs
