"""Per-student hand parts: graded on the student's own numbers, found from the autograde folder;
answers copied from another student's numbers score zero (in the kernel and in our grader)."""
from __future__ import annotations

import re

import nbformat
import pytest

from autograder.student import codec
from autograder.generate import students, writer
from autograder.student import perstudent
from autograder.notebooks.course import SOURCE, notebook_path

ROSTER = ["alice", "bob", "carol", "dave"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("perstudent")
    (root / "roster.csv").write_text("id\n" + "\n".join(ROSTER) + "\n")
    writer.generate("tutorial_net", 21, root / "roster.csv", root / "course", release=False)
    return root / "course"


@pytest.fixture(scope="module")
def cells(course):
    """{part id: the JSON of its hidden cell} from the generated source notebook."""
    nb = nbformat.read(notebook_path(course, SOURCE, "tutorial_net"), as_version=4)
    out = {}
    for cell in nb.cells:
        m = re.match(r"test_(part\d)_hidden$", cell.id)
        if m:
            out[m.group(1)] = re.search(r'check_hand_student\(globals\(\), r"""(.*)"""\)', cell.source, re.S).group(1)
    assert sorted(out) == [f"part{k}" for k in range(1, 7)]
    return out


def variants_dir(course):
    return course / SOURCE / "tutorial_net" / "variants"


def answers(course, student) -> dict:
    """{variable: expected} over every hand part of ``student``."""
    return {v: want for p in students.hand_parts_for("tutorial_net", student, variants_dir(course)) for v, _, want in p.quantities}


def run_cells(cells, values, tmp_path, monkeypatch, folder_student, capsys):
    """Run every hidden part cell as nbgrader would in autograded/<folder_student>/tutorial_net/."""
    folder = tmp_path / "autograded" / folder_student / "tutorial_net"
    folder.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(folder)
    monkeypatch.setattr(perstudent, "_START", None)
    perstudent.remember_folder()
    namespace = {"__name__": "__main__", **values}
    scores = {pid: perstudent.check_hand_student(namespace, data) for pid, data in sorted(cells.items())}
    return scores, capsys.readouterr().out


def test_own_answers_score_full_marks_and_the_feedback_names_whose_numbers(course, cells, tmp_path, monkeypatch, capsys):
    scores, out = run_cells(cells, answers(course, "bob"), tmp_path, monkeypatch, "bob", capsys)
    assert scores == {f"part{k}": 1.0 for k in range(1, 7)}
    assert "Part 1: the forward pass (checked against the numbers of bob): all 6 correct" in out


def test_another_students_answers_score_zero_on_every_part(course, cells, tmp_path, monkeypatch, capsys):
    scores, out = run_cells(cells, answers(course, "alice"), tmp_path, monkeypatch, "bob", capsys)
    assert scores == {f"part{k}": 0.0 for k in range(1, 7)}
    assert out.count("0 points: these are the answers of another student's numbers, not of yours.") == 6


def test_copying_one_part_costs_that_part_only(course, cells, tmp_path, monkeypatch, capsys):
    mine, theirs = answers(course, "carol"), answers(course, "dave")
    part1 = ("z_x1", "z_x2", "h_x1", "h_x2", "y_hat_x1", "y_hat_x2")
    scores, _ = run_cells(cells, {**mine, **{v: theirs[v] for v in part1}}, tmp_path, monkeypatch, "carol", capsys)
    assert scores == {"part1": 0.0, **{f"part{k}": 1.0 for k in range(2, 7)}}


def test_a_partial_copy_scores_zero_too_but_an_honest_slip_does_not(course, cells, tmp_path, monkeypatch, capsys):
    mine, theirs = answers(course, "carol"), answers(course, "alice")
    copied = {v: theirs[v] for v in ("delta_yhat_x1", "delta_yhat_x2")}           # part 3, half filled in
    scores, _ = run_cells(cells, {**mine, "delta_h_x1": None, "delta_h_x2": None, **copied}, tmp_path, monkeypatch, "carol", capsys)
    assert scores["part3"] == 0.0
    slip = {**mine, "L_D": mine["L_x1"] + mine["L_x2"]}                              # a sum, not the mean
    scores, out = run_cells(cells, slip, tmp_path, monkeypatch, "carol", capsys)
    assert scores["part2"] == pytest.approx(2 / 3, abs=1e-4) and "sum-instead-of-mean" in out


def test_the_typed_id_plays_no_part_the_folder_decides(course, cells, tmp_path, monkeypatch, capsys):
    scores, _ = run_cells(cells, {**answers(course, "dave"), "STUDENT_ID": "alice"}, tmp_path, monkeypatch, "dave", capsys)
    assert set(scores.values()) == {1.0}


@pytest.mark.parametrize("where, message", [
    ("autograded/zoe/tutorial_net", "the student 'zoe' (from the folder) is not on this assignment's class list"),
    ("solutions/tutorial_net", "the student 'solutions' (from the folder) is not on"),
    ("somewhere/else", "graded by nbgrader in autograded/<student>/tutorial_net/"),
])
def test_outside_a_students_autograde_folder_nothing_is_earned(cells, tmp_path, monkeypatch, capsys, where, message):
    folder = tmp_path / where
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    monkeypatch.setattr(perstudent, "_START", None)
    perstudent.remember_folder()
    assert perstudent.check_hand_student({}, cells["part1"]) == 0.0
    assert message in capsys.readouterr().out


def test_changing_the_working_folder_earns_nothing(course, cells, tmp_path, monkeypatch, capsys):
    (tmp_path / "autograded" / "alice" / "tutorial_net").mkdir(parents=True)
    (tmp_path / "autograded" / "bob" / "tutorial_net").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "autograded" / "bob" / "tutorial_net")
    monkeypatch.setattr(perstudent, "_START", None)
    perstudent.remember_folder()
    monkeypatch.chdir(tmp_path / "autograded" / "alice" / "tutorial_net")   # the student's code moves to alice's folder
    assert perstudent.check_hand_student(answers(course, "alice"), cells["part1"]) == 0.0
    assert "working folder changed" in capsys.readouterr().out


def test_our_grader_gives_the_same_scores_as_the_notebook(course, cells, tmp_path, monkeypatch, capsys):
    cases = {("bob", "bob"): answers(course, "bob"), ("bob", "alice"): answers(course, "alice"),
             ("carol", "slip"): {**answers(course, "carol"), "theta_next": None, "grad_D": (0, 0, 0, 0, 0)}}
    for (student, _), values in cases.items():
        in_kernel, _ = run_cells(cells, values, tmp_path, monkeypatch, student, capsys)
        ours = students.grade_hand_parts("tutorial_net", student, values, variants_dir(course))
        assert [r.score for r in ours] == [in_kernel[f"part{k}"] for k in range(1, 7)]


def test_hand_parts_for_are_the_parts_in_the_notebook(course, cells):
    import json
    for student in ROSTER:
        parts = students.hand_parts_for("tutorial_net", student, variants_dir(course))
        for k, part in enumerate(parts):
            data = json.loads(cells[part.id])
            assert data["part"] == k
            assert tuple(perstudent._expected(data, student)[k].values()) == tuple(want for _, _, want in part.quantities)
            mistakes = {v: {m: codec.decode(x, arrays=False) for m, x in per.items()} for v, per in data["mistakes"][student].items()}
            assert mistakes == {v: m for v, m in part.mistakes.items() if m}
    from autograder.generate import hand_parts_for
    assert hand_parts_for("tutorial_net", "dave", variants_dir(course)) == students.hand_parts_for("tutorial_net", "dave", variants_dir(course))


@pytest.mark.parametrize("assignment, student, error", [
    ("tutorial_net", "../alice", ValueError), ("tutorial_net", "zoe", FileNotFoundError), ("mlp", "alice", ValueError)])
def test_hand_parts_for_refuses_what_it_cannot_serve(course, assignment, student, error):
    with pytest.raises(error):
        students.hand_parts_for(assignment, student, variants_dir(course))


# The copy rule on made-up numbers: two parts, "me" and two other students.
OWN = [{"a": 1.0, "b": 0.0, "c": 5.0}, {"g": (1.0, 2.0, 0.0)}]
OTHERS = {"near": [{"a": 2.0, "b": 0.0, "c": 5.0}, {"g": (1.0, 3.0, 0.0)}],      # one number apart in each part
          "far": [{"a": 7.0, "b": 0.0, "c": 9.0}, {"g": (4.0, 5.0, 0.0)}]}       # two or more apart


def copied(values):
    return perstudent.copied_parts(values, OWN, OTHERS, 1e-4, 1e-3)


@pytest.mark.parametrize("values, expected", [
    ({"a": 1.0, "b": 0.0, "c": 5.0, "g": [1, 2, 0]}, {}),                         # all right
    ({"a": 7.0, "b": 0.0, "c": 9.0, "g": [4, 5, 0]}, {0: "far", 1: "far"}),       # everything copied
    ({"a": 7.0, "b": 0.0, "c": 9.0, "g": [1, 2, 0]}, {0: "far"}),                 # one part copied, two numbers show it
    ({"a": 7.0, "b": None, "c": 9.0}, {0: "far"}),                                # half filled in, copied
    ({"a": 2.0, "b": 0.0, "c": 5.0, "g": [1, 2, 0]}, {}),                         # one slip that equals "near": not a copy
    ({"a": 2.0, "b": 0.0, "c": 5.0, "g": [1, 3, 0]}, {0: "near", 1: "near"}),     # two such "slips", same student: a copy
    ({"a": 7.0, "g": [1, 3, 0]}, {}),                                             # one number each from two students
    ({"a": 99.0, "b": 3.0, "c": 5.0}, {}),                                        # wrong, but nobody's
])
def test_the_copy_rule(values, expected):
    assert copied(values) == expected


def test_a_copied_part_scores_zero_whatever_it_shares(course, tmp_path, monkeypatch, capsys, cells):
    """h and δ_h of the example whose ReLU is off are 0 in every variant: copied, they earn nothing."""
    theirs = answers(course, "alice")
    assert theirs["h_x1"] == 0.0 or theirs["h_x2"] == 0.0
    scores, _ = run_cells(cells, theirs, tmp_path, monkeypatch, "dave", capsys)
    assert scores["part1"] == 0.0 and scores["part3"] == 0.0
