"""Build the nbgrader source notebook of ``mlp`` and regenerate its release.

    python -m autograder.notebooks.build_mlp            # source + release
    python -m autograder.notebooks.build_mlp --source   # the source notebook only

writes ``solutions/mlp/mlp.ipynb`` (GENERATED: edit this module and the ones it uses, never
the notebook) and then runs ``nbgrader generate_assignment mlp`` to rewrite
``assignments/mlp/``. The test cells come from ``autograder.checks.mlp`` (the same checks the
grader uses) and the worked example's numbers from ``reference.mlp``; this module only
arranges the cells:

    intro · imports · the network · the worked example (text, read-only data cell)
    parts 1-6:  text · per function: text · answer cell (grade id = the function) · test_f · test_f_hidden
    part 7:     deeper networks: text · a gradient check (ungraded)
    part 8:     text · data and helpers (read-only) · two moons · noisy sine · question ·
                lambda_sigma_discussion (graded by hand)
"""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from autograder.student import incell
from autograder.checks import mlp as checks_mlp
from autograder.checks import render
from autograder.notebooks import cells, command, course, opening, runtime
from autograder.notebooks import mlp_text as text
from autograder.notebooks.course import ROOT
from autograder.notebooks.mlp_solutions import ANSWER_CELLS

ASSIGNMENT = "mlp"
DISCUSSION_ID = "lambda_sigma_discussion"
DISCUSSION_POINTS = 4.0


def build_notebook(checks=None, worked=None) -> nbformat.NotebookNode:
    """The source notebook (solutions and hidden tests included) for these checks."""
    checks = list(checks_mlp.CHECKS if checks is None else checks)
    worked = checks_mlp.WORKED if worked is None else worked
    _check_coverage(checks)
    _check_worked_settings(checks, worked)
    numbers = text.worked_numbers(worked)
    auto = sum(c.points_public + c.points_hidden for c in checks)
    nb_cells = [
        cells.markdown("open", opening.how_to_open(ASSIGNMENT)),
        cells.markdown("intro", text.intro(auto, DISCUSSION_POINTS, incell.CALL_SECONDS,
                                           course.config().Execute.timeout, len(checks))),
        cells.read_only("imports", text.IMPORTS),
        cells.markdown("network", text.NETWORK),
        cells.markdown("worked", text.worked(numbers)),
        cells.read_only("worked_data", text.worked_data_cell(worked)),
    ]
    by_name = {c.function: c for c in checks}
    for part_id, heading, functions in text.PARTS:
        nb_cells.append(cells.markdown(part_id, text.part_text(part_id, heading, numbers)))
        for name in functions:
            nb_cells += _function(by_name[name])
    nb_cells += [
        cells.markdown("part7", text.DEEP),
        cells.code("gradient-check", text.GRADIENT_CHECK_CODE),
        cells.markdown("part8", text.AT_WORK),
        cells.read_only("part8_tools", text.TOOLS_CODE),
        cells.markdown("moons-text", text.CLASSIFY_MD),
        cells.code("moons", text.CLASSIFY_CODE),
        cells.markdown("sine-text", text.REGRESS_MD),
        cells.code("sine", text.REGRESS_CODE),
        cells.markdown("question", text.QUESTION),
        cells.manual_answer(DISCUSSION_ID, text.MODEL_ANSWER, DISCUSSION_POINTS),
    ]
    return runtime.stamp(cells.notebook(nb_cells), ASSIGNMENT, checks, [])


def _public():
    return checks_mlp.CHECKS, []


def _function(check) -> list:
    name = check.function
    return [
        cells.markdown(f"{name}-text", text.function_text(check)),
        cells.answer(name, ANSWER_CELLS[name]),
        cells.test(f"test_{name}", render.test_cell(check, hidden=False), check.points_public),
        cells.test(f"test_{name}_hidden", render.test_cell(check, hidden=True), check.points_hidden),
    ]


def _check_coverage(checks) -> None:
    """Every checked function has an answer cell and a place in parts 1-6, exactly once."""
    placed = [f for _, _, functions in text.PARTS for f in functions]
    checked = [c.function for c in checks]
    if sorted(placed) != sorted(checked) or sorted(ANSWER_CELLS) != sorted(checked):
        raise ValueError(f"functions out of step: checks {checked}, parts {placed}, answer cells {list(ANSWER_CELLS)}")


def _check_worked_settings(checks, worked) -> None:
    """The text's σ, λ and η for the worked example (the worked dict's) are the ones the public cases use."""
    public = {c.function: [case.args for case in c.cases if not case.hidden] for c in checks}
    used = ({("activation", a[3]) for a in public["gradients"]} | {("lam", a[5]) for a in public["gradients"] if len(a) > 5}
            | {("eta", a[2]) for a in public["gd_update"]} | {("eta", a[5]) for a in public["train"]})
    said = {("activation", worked["activation"]), ("lam", worked["lam"]), ("eta", worked["eta"])}
    if used != said:
        raise ValueError(f"the public cases use {sorted(used)}; the worked example says {sorted(said)}")


source_text = command.source_text


def write_source(root: Path = ROOT) -> Path:
    """Write the source notebook under ``root``; return its path."""
    return command.write_source(root, ASSIGNMENT, build_notebook, _public)


def main(argv: list[str] | None = None) -> int:
    return command.main(argv, ASSIGNMENT, build_notebook, _public, __doc__.splitlines()[0])


if __name__ == "__main__":
    sys.exit(main())
