"""Are the committed source and release what the builder and nbgrader make, and is the release clean?"""
from __future__ import annotations

import json
import re

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from autograder.checks import tutorial_net as tn
from autograder.student.judge import show
from autograder.notebooks import build_tutorial, classroom
from autograder.notebooks.build_tutorial import ASSIGNMENT
from autograder.notebooks.course import RELEASE, ROOT, SOURCE, notebook_path
from autograder.notebooks.fabricate import MARKERS, nbgrader_meta

COMMITTED_SOURCE = notebook_path(ROOT, SOURCE, ASSIGNMENT)
COMMITTED_RELEASE = notebook_path(ROOT, RELEASE, ASSIGNMENT)


def read(path):
    return nbformat.read(path, as_version=4)


def test_the_source_is_what_the_builder_writes():
    assert COMMITTED_SOURCE.read_text(encoding="utf-8") == build_tutorial.source_text(build_tutorial.build_notebook()), \
        "solutions/tutorial_net is stale: run python -m autograder.notebooks.build_tutorial"


def test_the_release_is_what_nbgrader_generates_from_the_source(fresh_course):
    committed, generated = read(COMMITTED_RELEASE), classroom.release_notebook(fresh_course, ASSIGNMENT)
    assert [c.id for c in committed.cells] == [c.id for c in generated.cells]
    for mine, theirs in zip(committed.cells, generated.cells):
        assert (mine.cell_type, mine.source, mine.metadata) == (theirs.cell_type, theirs.source, theirs.metadata), mine.id
    assert committed.metadata == generated.metadata
    # nothing varies between runs (no timestamps, fixed cell ids): the files are identical
    assert COMMITTED_RELEASE.read_bytes() == notebook_path(fresh_course, RELEASE, ASSIGNMENT).read_bytes()


def test_cell_ids_are_fixed_and_nbgrader_cells_use_their_grade_id():
    source = read(COMMITTED_SOURCE)
    assert (source.nbformat, source.nbformat_minor) == (4, 5)
    for cell in source.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id:
            assert cell.id == grade_id


def test_every_function_and_part_has_its_answer_and_test_cells():
    release = read(COMMITTED_RELEASE)
    cells = {nbgrader_meta(c).get("grade_id"): nbgrader_meta(c) for c in release.cells}
    for check in tn.CHECKS:
        f = check.function
        assert cells[f]["solution"] and not cells[f]["grade"]
        assert (cells[f"test_{f}"]["grade"], cells[f"test_{f}"]["locked"], cells[f"test_{f}"]["points"]) == (True, True, check.points_public)
        assert (cells[f"test_{f}_hidden"]["grade"], cells[f"test_{f}_hidden"]["points"]) == (True, check.points_hidden)
    for part in tn.HAND_PARTS:
        assert cells[part.id]["solution"]
        assert cells[f"test_{part.id}"]["locked"]
        assert cells[f"test_{part.id}"]["grade"] == (part.points_public > 0)
        assert (cells[f"test_{part.id}_hidden"]["grade"], cells[f"test_{part.id}_hidden"]["points"]) == (True, part.points_hidden)
    manual = cells["eta_discussion"]
    assert (manual["grade"], manual["solution"], manual["points"]) == (True, True, build_tutorial.ETA_DISCUSSION_POINTS)
    assert [c.id for c in release.cells[:3]] == ["open", "intro", "imports"] and cells["imports"]["locked"] and not cells["imports"]["grade"]


def test_the_release_holds_no_solution_and_no_hidden_test():
    source, release = read(COMMITTED_SOURCE), read(COMMITTED_RELEASE)
    text = COMMITTED_RELEASE.read_text(encoding="utf-8")
    for marker in (*MARKERS, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "Model answer"):
        assert marker not in text
    by_id = {c.id: c for c in release.cells}
    for cell in source.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            for line in _solution_lines(cell.source):
                assert line not in by_id[cell.id].source, (cell.id, line)
            assert "raise NotImplementedError()" in by_id[cell.id].source
        if "### BEGIN HIDDEN TESTS" in cell.source:
            left = by_id[cell.id].source.split("\n")
            assert all(line.startswith("#") or not line.strip() for line in left), cell.id  # only comments left


@pytest.mark.parametrize("where", ["release", "public cells of the source"])
def test_no_hidden_expected_value_is_visible(where):
    if where == "release":
        text = COMMITTED_RELEASE.read_text(encoding="utf-8")
    else:
        text = "\n".join(c.source for c in read(COMMITTED_SOURCE).cells if "BEGIN HIDDEN TESTS" not in c.source)
    written = numbers_in(text)
    for shown in hidden_values():
        assert shown not in written


def numbers_in(text: str) -> set:
    """Every number written in ``text``, as written (signs left off): "0.004" is not in "0.0045"."""
    return set(re.findall(r"\d+(?:\.\d+)?(?:e[-+]?\d+)?", text))


def hidden_values() -> set:
    """How the hidden cases' distinctive expected values would be written (JSON or feedback)."""
    public = {v for check in tn.CHECKS for case in check.cases if not case.hidden for v in _leaves((case.args, case.expected))}
    hidden = {v for check in tn.CHECKS for case in check.cases if case.hidden for v in _leaves(case.expected)}
    forms = set()
    for v in hidden - public:
        for text in (json.dumps(abs(v)), show(abs(v))):
            if sum(ch.isdigit() for ch in text) >= 4:  # short ones (0.5, 12) occur anywhere
                forms.add(text)
    assert len(forms) > 20, "too few distinctive hidden values to make this test mean something"
    return forms


def test_the_config_puts_the_course_where_the_config_is(tmp_path):
    copy = tmp_path / "elsewhere" / "nbgrader_config.py"
    copy.parent.mkdir()
    copy.write_bytes((ROOT / "nbgrader_config.py").read_bytes())
    config = PyFileConfigLoader(copy.name, path=str(copy.parent)).load_config()
    assert config.CourseDirectory.root == str(copy.parent.resolve())
    assert (config.CourseDirectory.source_directory, config.CourseDirectory.release_directory) == (SOURCE, RELEASE)
    assert config.CourseDirectory.course_id == "backprop"
    assert (config.Execute.timeout, config.Execute.interrupt_on_timeout) == (30, True)


def _solution_lines(source: str) -> list:
    inside, lines = False, []
    for line in source.split("\n"):
        if line.strip() in MARKERS:
            inside = line.strip() == MARKERS[0]
        elif inside and line.strip():
            lines.append(line.strip())
    return lines


def _leaves(tree):
    import numpy as np
    if isinstance(tree, (tuple, list)):
        for v in tree:
            yield from _leaves(v)
    elif isinstance(tree, np.ndarray) or hasattr(tree, "values") and hasattr(tree, "shape"):
        yield from (float(x) for x in np.ravel(getattr(tree, "values", tree)))
    elif isinstance(tree, (int, float)) and not isinstance(tree, bool):
        yield float(tree)
