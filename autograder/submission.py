"""A submission's code: from a notebook or a .py file, as one Python source.

From a notebook we take every code cell except nbgrader's test cells, and from those only
the top-level statements that define things (imports, functions, classes, assignments):
plots, training runs and prints in the student's cells are not needed to grade functions
and would only cost time or fail without a display. IPython magics are dropped.
"""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


class SubmissionError(Exception):
    """A submission that cannot be read; the message is one line for the report."""


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    code: str
    problems: tuple = ()    # one line each: cells that could not be used, and why


def load(path, student: str | None = None) -> Submission:
    """Read a ``.ipynb`` or ``.py`` file; the student id defaults to the file's stem."""
    path = Path(path)
    if not path.is_file():
        raise SubmissionError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    if path.suffix == ".ipynb":
        sources = [(f"cell {i}", src) for i, src in notebook_cells(text, path)]
    elif path.suffix == ".py":
        sources = [(path.name, text)]
    else:
        raise SubmissionError(f"{path}: expected a .ipynb notebook or a .py file")
    kept, problems = [], []
    for where, source in sources:
        try:
            kept.append(definitions_only(source))
        except SyntaxError as exc:
            problems.append(f"{where} has a syntax error (line {exc.lineno}: {exc.msg}); its code was not used")
    return Submission(student or path.stem, path, "\n\n".join(k for k in kept if k), tuple(problems))


def notebook_cells(text: str, path: Path = Path("notebook")) -> list:
    """(index, source) of every code cell that is not an nbgrader test cell, magics removed."""
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError):
        raise SubmissionError(f"{path}: not a readable notebook (broken JSON or no cells)") from None
    found = []
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if meta.get("grade") and not meta.get("solution"):
            continue  # a test cell
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        found.append((index, "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))))
    return found


def definitions_only(source: str) -> str:
    """Keep the top-level imports, defs, classes and assignments (a SyntaxError propagates)."""
    tree = ast.parse(source)
    return ast.unparse(ast.Module(body=[n for n in tree.body if isinstance(n, KEEP)], type_ignores=[]))
