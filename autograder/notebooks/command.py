"""What every notebook builder shares: writing its source notebook and its command line.

    python -m autograder.notebooks.build_<assignment> [--source] [--root DIR]

writes ``solutions/<assignment>/<assignment>.ipynb`` and, without ``--source``, regenerates
the release with the real ``nbgrader generate_assignment``.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import nbformat

from autograder.notebooks import release, runtime
from autograder.notebooks.course import ROOT, SOURCE, notebook_path


def source_text(nb) -> str:
    """The notebook as it is written to disk (nbformat's JSON, ending in a newline)."""
    return nbformat.writes(nb) + "\n"


def write_source(root: Path, assignment: str, build_notebook, public) -> Path:
    """Write ``build_notebook()`` as the source notebook of ``assignment`` under ``root``, and
    beside it the student runtime with the public data of ``public()`` = (checks, hand parts)."""
    path = notebook_path(root, SOURCE, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source_text(build_notebook()), encoding="utf-8")
    runtime.write(path.parent, assignment, *public())
    return path


def main(argv, assignment: str, build_notebook, public, description: str) -> int:
    parser = argparse.ArgumentParser(prog=f"python -m autograder.notebooks.build_{assignment}", description=description)
    parser.add_argument("--source", action="store_true", help="write the source notebook only (no nbgrader run)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the course root (default: this repository)")
    args = parser.parse_args(argv)
    source = write_source(args.root, assignment, build_notebook, public)
    print(f"wrote {source.relative_to(args.root)}")
    if not args.source:
        released = release.generate(args.root, assignment)
        print(f"wrote {released.relative_to(args.root)} (nbgrader generate_assignment {assignment})")
    return 0
