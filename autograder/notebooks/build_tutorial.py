"""Build the nbgrader source notebook of ``tutorial_net`` and regenerate its release.

    python -m autograder.notebooks.build_tutorial            # source + release
    python -m autograder.notebooks.build_tutorial --source   # the source notebook only

writes ``solutions/tutorial_net/tutorial_net.ipynb`` (GENERATED: edit this module and the ones
it uses, never the notebook) and then runs ``nbgrader generate_assignment tutorial_net`` to
rewrite ``assignments/tutorial_net/``. The test cells and the hand-answer cells come from
``autograder.checks`` (the same checks the grader uses); this module only arranges them:

    imports · the network · the data
    A. by hand:   per part   text · answer cell (grade id partN) · test_partN · test_partN_hidden
    B. as code:   per function  text · answer cell (grade id = the function) · test_f · test_f_hidden
    C. part 7:    text · plot cell · question · eta_discussion (graded by hand)
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from autograder.student import incell
from autograder.checks import render, tutorial_net as tn
from autograder.notebooks import cells, command, course, opening, runtime, tutorial_text as text
from autograder.notebooks.course import ROOT
from autograder.notebooks.tutorial_solutions import ANSWER_CELLS

ASSIGNMENT = "tutorial_net"
ETA_DISCUSSION_POINTS = 4.0


def build_notebook(checks=None, parts=None, data=None) -> nbformat.NotebookNode:
    """The source notebook (solutions and hidden tests included) for these checks and parts."""
    checks = list(tn.CHECKS if checks is None else checks)
    parts = list(tn.HAND_PARTS if parts is None else parts)
    data = tn.TUTORIAL if data is None else data
    _check_coverage(checks)
    auto = sum(c.points_public + c.points_hidden for c in checks) + sum(p.points_public + p.points_hidden for p in parts)
    nb_cells = [
        cells.markdown("open", opening.how_to_open(ASSIGNMENT)),
        cells.markdown("intro", text.intro(auto, ETA_DISCUSSION_POINTS, incell.CALL_SECONDS, course.config().Execute.timeout)),
        cells.read_only("imports", text.IMPORTS),
        cells.markdown("network", text.network(data)),
        cells.read_only("tutorial_data", text.data_cell(data)),
        cells.markdown("section-a", text.hand_section(parts)),
    ]
    for part in parts:
        nb_cells += _hand_part(part)
    nb_cells.append(cells.markdown("section-b", text.CODE_SECTION.rstrip() + " " + text.public_numbers(data, tn.TUTORIAL)))
    by_name = {c.function: c for c in checks}
    for k, (heading, functions) in enumerate(text.CODE_PARTS, start=1):
        nb_cells.append(cells.markdown(f"code-part{k}", f"## {heading}"))
        for name in functions:
            nb_cells += _function(by_name[name])
    nb_cells += [
        cells.markdown("part7", text.PART7),
        cells.code("part7-plot", text.PART7_CODE),
        cells.markdown("part7-question", text.PART7_QUESTION),
        cells.manual_answer("eta_discussion", text.ETA_MODEL_ANSWER, ETA_DISCUSSION_POINTS),
    ]
    return runtime.stamp(cells.notebook(nb_cells), ASSIGNMENT, checks, parts)


def _public():
    return tn.CHECKS, tn.HAND_PARTS


def _hand_part(part) -> list:
    public = render.hand_test_cell(part, hidden=False)
    return [
        cells.markdown(f"{part.id}-text", text.hand_part(part)),
        cells.answer(part.id, render.hand_answer_cell(part)),
        # worth no points (the checks grade parts on hidden values only): a locked self-check
        cells.test(f"test_{part.id}", public, part.points_public) if part.points_public
        else cells.read_only(f"test_{part.id}", public),
        cells.test(f"test_{part.id}_hidden", render.hand_test_cell(part, hidden=True), part.points_hidden),
    ]


def _function(check) -> list:
    name = check.function
    return [
        cells.markdown(f"{name}-text", text.function_text(check)),
        cells.answer(name, ANSWER_CELLS[name]),
        cells.test(f"test_{name}", render.test_cell(check, hidden=False), check.points_public),
        cells.test(f"test_{name}_hidden", render.test_cell(check, hidden=True), check.points_hidden),
    ]


def _check_coverage(checks) -> None:
    """Every checked function has an answer cell and a place in section B, exactly once."""
    placed = [f for _, functions in text.CODE_PARTS for f in functions]
    checked = [c.function for c in checks]
    if sorted(placed) != sorted(checked) or sorted(ANSWER_CELLS) != sorted(checked):
        raise ValueError(f"functions out of step: checks {checked}, section B {placed}, answer cells {list(ANSWER_CELLS)}")


source_text = command.source_text


def write_source(root: Path = ROOT) -> Path:
    """Write the source notebook under ``root``; return its path."""
    return command.write_source(root, ASSIGNMENT, build_notebook, _public)


def main(argv: list[str] | None = None) -> int:
    return command.main(argv, ASSIGNMENT, build_notebook, _public, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
