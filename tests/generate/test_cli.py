"""The `generate` command line: arguments, errors, and a run without a class list."""
from __future__ import annotations

import argparse
import json

import nbformat
import numpy as np
import pytest

from autograder.generate import cli, variantfile
from autograder.notebooks.course import SOURCE, notebook_path
from autograder.notebooks.fabricate import cell_of
from reference.symbolic import tutorial_exact


def parse(*argv):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_arguments():
    args = parse("tutorial_net", "--seed", "7", "--students", "r.csv", "--out", "d")
    assert (args.assignment, args.seed, str(args.students), str(args.out), args.no_release) == ("tutorial_net", 7, "r.csv", "d", False)
    for bad in (["tutorial_net"], ["tutorial_net", "--seed", "-1"], ["tutorial_net", "--seed", "x"]):
        with pytest.raises(SystemExit):
            parse(*bad)


def test_a_malformed_roster_is_an_error_naming_the_line(tmp_path, capsys):
    (tmp_path / "r.csv").write_text("id\nalice\nbob\nalice\n")
    code = cli.main(parse("tutorial_net", "--seed", "1", "--students", str(tmp_path / "r.csv"), "--out", str(tmp_path / "o")))
    err = capsys.readouterr().err
    assert code == 2 and "r.csv, line 4: the student id 'alice' is already on line 2" in err
    assert not (tmp_path / "o").exists()                       # nothing written


def test_mlp_refuses_a_class_list_and_writes_nothing(tmp_path, capsys):
    (tmp_path / "roster.csv").write_text("id\nana\n")
    assert cli.main(parse("mlp", "--seed", "1", "--students", str(tmp_path / "roster.csv"), "--out", str(tmp_path / "c"))) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--students applies to tutorial_net only" in err
    assert not (tmp_path / "c").exists()


def test_an_unknown_assignment_is_one_line_and_writes_nothing(tmp_path, capsys):
    assert cli.main(parse("perceptron", "--seed", "1", "--out", str(tmp_path / "c"))) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown assignment 'perceptron'" in err and "tutorial_net, mlp" in err
    assert not (tmp_path / "c").exists()


def test_without_a_class_list_the_notebook_and_the_sheet_are_the_class_variants(tmp_path, capsys):
    assert cli.main(parse("tutorial_net", "--seed", "4", "--out", str(tmp_path), "--no-release")) == 0
    assert "generated tutorial_net (seed 4, one class variant)" in capsys.readouterr().out
    folder = tmp_path / SOURCE / "tutorial_net"
    doc = variantfile.read(folder / "variant.json")
    nb = nbformat.read(notebook_path(tmp_path, SOURCE, "tutorial_net"), as_version=4)
    namespace = {"np": np}
    exec(cell_of(nb, "tutorial_data").source, namespace)
    assert namespace["THETA"].tolist() == [float(x) for x in doc["theta"]] and namespace["ETA"] == float(doc["eta"])
    assert "student_id" not in {c.id for c in nb.cells} and not (folder / "variants").exists()
    exact = tutorial_exact(doc["theta"], doc["X"], doc["Y"], doc["eta"])
    assert str(exact["dataset_loss_next"]) == str(__import__("fractions").Fraction(doc["answers"]["dataset_loss_next"]))
    md = (folder / "worked_solution.md").read_text()
    assert md.startswith("# Worked solution: tutorial_net, the class's numbers (seed 4)")
    assert (folder / "worked_solution.html").read_text().startswith("<!DOCTYPE html>")
    assert "variant.json" in (tmp_path / "nbgrader_config.py").read_text()     # the dry run's nbgrader ignores answers


def test_regenerating_without_a_class_list_removes_the_old_students(tmp_path, capsys):
    (tmp_path / "r.csv").write_text("id\nann\n")
    assert cli.main(parse("tutorial_net", "--seed", "4", "--students", str(tmp_path / "r.csv"), "--out", str(tmp_path / "c"), "--no-release")) == 0
    assert (tmp_path / "c" / SOURCE / "tutorial_net" / "variants" / "ann.json").is_file()
    assert cli.main(parse("tutorial_net", "--seed", "4", "--out", str(tmp_path / "c"), "--no-release")) == 0
    assert not (tmp_path / "c" / SOURCE / "tutorial_net" / "variants").exists()
    assert json.loads((tmp_path / "c" / SOURCE / "tutorial_net" / "variant.json").read_text())["seed"] == 4


def test_a_course_whose_nbgrader_config_would_copy_the_answers_is_warned_about(tmp_path, capsys):
    (tmp_path / "nbgrader_config.py").write_text(   # a course config without the ignore lines
        "c = get_config()\nc.CourseDirectory.course_id = 'x'\nc.CourseDirectory.source_directory = 'solutions'\n"
        "c.CourseDirectory.release_directory = 'assignments'\n")
    assert cli.main(parse("tutorial_net", "--seed", "4", "--out", str(tmp_path), "--no-release")) == 0
    err = capsys.readouterr().err
    assert "does not ignore variant.json, variants, worked_solution.md, worked_solution.html" in err
    assert "c.CourseDirectory.ignore = [" in err
