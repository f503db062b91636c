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

PROBLEMS = "__load_problems__"   # the notes of statements that failed while the code was loaded
KEEP = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Assign, ast.AnnAssign)


class SubmissionError(Exception):
    """A submission that cannot be read; the message is one line for the report."""


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    code: str
    problems: tuple = ()    # one line each: cells that could not be used, and why


def load(path, student: str | None = None, locked: dict | None = None) -> Submission:
    """Read a ``.ipynb`` or ``.py`` file; the student id defaults to the file's stem.

    ``locked`` ({grade id: source}) restores read-only cells from the release, as nbgrader's
    autograde does, so an edited or deleted import cell is graded as released.
    """
    path = Path(path)
    if not path.is_file():
        raise SubmissionError(f"{path}: no such file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    if path.suffix == ".ipynb":
        sources = [(f"cell {i}", src) for i, src in notebook_cells(text, path, locked or {})]
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


def notebook_cells(text: str, path: Path = Path("notebook"), locked: dict | None = None) -> list:
    """(index, source) of every code cell that is not an nbgrader test cell, magics removed.

    Like nbgrader: an answer cell (solution, not graded by hand) counts as code even if its
    type was changed, and a read-only cell named in ``locked`` takes the released source
    (one that was deleted is put back at the start).
    """
    locked = dict(locked or {})
    try:
        cells = json.loads(text)["cells"]
    except (ValueError, KeyError, TypeError):
        raise SubmissionError(f"{path}: not a readable notebook (broken JSON or no cells)") from None
    found = []
    seen = set()
    for index, cell in enumerate(cells if isinstance(cells, list) else []):
        if not isinstance(cell, dict):
            continue
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        if not isinstance(meta, dict):
            meta = {}
        answer = meta.get("solution") and not meta.get("grade")
        if cell.get("cell_type") != "code" and not answer:
            continue
        if meta.get("grade") and not meta.get("solution"):
            continue  # a test cell
        gid = meta.get("grade_id")
        seen.add(gid)
        source = locked[gid] if gid in locked and not meta.get("solution") else cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        found.append((index, _no_magics(source)))
    missing = [(-1, _no_magics(src)) for gid, src in locked.items() if gid not in seen]
    return missing + found


def _no_magics(source: str) -> str:
    return "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))


def definitions_only(source: str) -> str:
    """Keep the top-level imports, defs, classes and assignments (a SyntaxError propagates).

    Imports and assignments are each wrapped so that one that fails (a plotting library
    the grader does not provide, a call into an unfinished function) skips that statement
    and not the rest of the code; functions that need what it would have defined fail when
    called, with their own reason.
    """
    tree = ast.parse(source)
    body = [ast.parse(f"{PROBLEMS} = globals().get({PROBLEMS!r}, [])").body[0]]
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body.append(node)
        elif isinstance(node, KEEP):
            body.append(_guarded(node))
    return ast.unparse(ast.Module(body=body, type_ignores=[]))


def _guarded(node: ast.stmt) -> ast.stmt:
    """``try: node`` ``except Exception as e:`` record a one-line note in PROBLEMS."""
    what = ast.unparse(node).splitlines()[0][:60]
    note = ast.parse(f"{PROBLEMS}.append({what!r} + ' raised ' + type(__error).__name__ + ': ' + str(__error)[:120])").body
    handler = ast.ExceptHandler(type=ast.Name("Exception", ast.Load()), name="__error", body=note)
    return ast.fix_missing_locations(ast.Try(body=[node], handlers=[handler], orelse=[], finalbody=[]))
