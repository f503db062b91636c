"""The whole generator with the real nbgrader: same seed and class list → same bytes; a release
without answers that shows each student their numbers; `nbgrader autograde` grades every
student's hand parts on their own numbers and a copied notebook scores zero on them."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.generate import writer
from autograder.notebooks import classroom
from autograder.notebooks.course import RELEASE, SOURCE, notebook_path
from autograder.notebooks.fabricate import cell_of
from tests.generate.classes import worked_by

A = "tutorial_net"
ROSTER = "id,first_name\ncarol,C\nalice,A\nbob,B\n"
SEED = 2027
HAND = [f"test_part{k}_hidden" for k in range(1, 7)]


def snapshot(root: Path) -> dict:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Generate twice (same seed and roster) into two folders; grade a class in the first."""
    base = tmp_path_factory.mktemp("generated")
    (base / "roster.csv").write_text(ROSTER)
    first = base / "first"
    writer.generate(A, SEED, base / "roster.csv", first)
    files = snapshot(first)

    def second():
        writer.generate(A, SEED, base / "roster.csv", base / "second")
        return snapshot(base / "second")

    with ThreadPoolExecutor(max_workers=2) as pool:
        again = pool.submit(second)
        graded = pool.submit(grade_a_class, first)
        return {"root": first, "files": files, "again": again.result(), "graded": graded.result()}


def grade_a_class(root: Path) -> dict:
    """alice: her own numbers; bob: alice's notebook as it is; carol: her own numbers, alice's id typed."""
    release, source = classroom.release_notebook(root, A), classroom.source_notebook(root, A)
    variants = root / SOURCE / A / "variants"
    alice = worked_by(release, source, variants, "alice")
    submissions = {"alice": alice, "bob": alice, "carol": worked_by(release, source, variants, "carol", typed_id="alice")}
    classroom.register(root, A)
    for student, nb in submissions.items():
        classroom.submit(root, student, A, nb)
    classroom.autograde(root, A)
    autograded = {s: nbformat.read(root / "autograded" / s / A / f"{A}.ipynb", as_version=4) for s in submissions}
    return {"scores": classroom.scores(root, A), "autograded": autograded}


def test_the_same_seed_and_class_list_give_the_same_files_byte_for_byte(runs):
    files, again = runs["files"], runs["again"]
    assert sorted(files) == sorted(again)
    assert [name for name in files if files[name] != again[name]] == []
    kinds = {Path(name).suffix for name in files}
    assert {".ipynb", ".json", ".md", ".html", ".py"} <= kinds
    assert f"{RELEASE}/{A}/{A}.ipynb" in files and len([n for n in files if "/variants/" in n]) == 9


def test_the_release_holds_no_answers(runs):
    release_files = [n for n in runs["files"] if n.startswith(f"{RELEASE}/")]
    runtime = [n for n in release_files if n.startswith(f"{RELEASE}/{A}/backprop_check/")]
    # the notebook, its requirements and the student runtime with its public cases: no variant.json, variants/, sheets
    assert sorted(set(release_files) - set(runtime)) == [f"{RELEASE}/{A}/requirements.txt", f"{RELEASE}/{A}/{A}.ipynb"]
    assert f"{RELEASE}/{A}/backprop_check/cases/{A}.json" in runtime and all(n.endswith((".py", ".json")) for n in runtime)
    text = runs["files"][f"{RELEASE}/{A}/{A}.ipynb"].decode()
    source = runs["files"][f"{SOURCE}/{A}/{A}.ipynb"].decode()
    for secret in ("check_hand_student", "HIDDEN TESTS", "BEGIN SOLUTION", '\\"expected\\":{\\"alice\\"', "theta_next = ["):
        assert secret in source and secret not in text, secret
    assert not any(student in text for student in ("alice", "bob", "carol"))       # the table's rows are keyed by a hash


def test_the_release_shows_each_student_their_own_numbers(runs):
    nb = nbformat.read(notebook_path(runs["root"], RELEASE, A), as_version=4)
    data = cell_of(nb, "tutorial_data").source
    for student in ("alice", "bob", "carol"):
        namespace = {"np": np, "STUDENT_ID": student}
        exec(compile(data, "tutorial_data", "exec"), namespace)
        mine = json.loads(runs["files"][f"{SOURCE}/{A}/variants/{student}.json"])
        assert namespace["THETA"].tolist() == [float(x) for x in mine["theta"]]
        assert namespace["X"].tolist() == [[float(x) for x in row] for row in mine["X"]]
        assert namespace["Y"].tolist() == [float(y) for y in mine["Y"]] and namespace["ETA"] == float(mine["eta"])
    with pytest.raises(ValueError, match="not on the class list"):
        exec(compile(data, "tutorial_data", "exec"), {"np": np, "STUDENT_ID": ""})


def test_nbgrader_grades_each_students_hand_parts_on_their_own_numbers(runs):
    scores = runs["graded"]["scores"]
    assert {g: scores["alice"][g][0] for g in HAND} == {g: 1.0 for g in HAND}
    assert {g: scores["carol"][g][0] for g in HAND} == {g: 1.0 for g in HAND}     # the typed id did not matter
    assert {g: scores["bob"][g][0] for g in HAND} == {g: 0.0 for g in HAND}       # alice's answers, bob's folder
    code = lambda s: sum(v[0] for g, v in scores[s].items() if g not in HAND and v[0] is not None)
    assert code("alice") == code("bob") == code("carol") == 31.0


def test_the_hidden_cells_said_whose_numbers_they_used(runs):
    for student, nb in runs["graded"]["autograded"].items():
        out = "".join(o.get("text", "") for o in cell_of(nb, "test_part1_hidden").outputs)
        assert f"checked against the numbers of {student}" in out
    bob = "".join(o.get("text", "") for o in cell_of(runs["graded"]["autograded"]["bob"], "test_part4_hidden").outputs)
    assert "these are the answers of another student's numbers" in bob


def test_the_variant_files_hold_every_answer_as_exact_decimals(runs):
    doc = json.loads(runs["files"][f"{SOURCE}/{A}/variants/carol.json"])
    assert list(doc) == ["format", "assignment", "seed", "student", "theta", "X", "Y", "eta", "answers"]
    assert doc["student"] == "carol" and doc["seed"] == SEED
    assert list(doc["answers"]) == ["z", "h", "y_hat", "example_loss", "delta_yhat", "delta_h", "dataset_loss",
                                    "example_gradient", "dataset_gradient", "theta_next", "z_next", "h_next",
                                    "y_hat_next", "example_loss_next", "dataset_loss_next"]
    assert all(isinstance(x, str) for x in doc["answers"]["theta_next"])
    assert json.loads(runs["files"][f"{SOURCE}/{A}/variant.json"])["student"] is None
