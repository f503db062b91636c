"""The student's own check of a whole notebook (or .py) before handing it in: public cases only.

    python -m backprop_check tutorial_net.ipynb      # from the release folder; exit 1 if a case fails
    check_all()                                      # in a notebook cell: the same, on the kernel's globals

The assignment comes from the notebook's own metadata (``metadata.backprop.assignment``, written
by the builder and kept by nbgrader and Jupyter), or from the only public-case file beside this
package; never from a default. The code runs in this process: it is the student's own machine,
and the public values are public. The graders never do that.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
from pathlib import Path

from . import cases, feedback, grading, incell

NOTE = "Hidden cases and hand answers are graded after you submit."


CELL_SECONDS = 60   # a cell of the notebook (imports, plots) may take a while; a test call has CALL_SECONDS


def notebook_code(path: Path) -> tuple:
    """(assignment or None, [(name, code) of each cell a student's kernel would run, test cells left out])."""
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix != ".ipynb":
        return None, [(Path(path).name, text)]
    nb = json.loads(text)
    meta = nb.get("metadata", {}) if isinstance(nb, dict) else {}
    assignment = (meta.get("backprop") or {}).get("assignment") if isinstance(meta.get("backprop"), dict) else None
    code = []
    for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        grader = (cell.get("metadata") or {}).get("nbgrader") or {}
        if isinstance(grader, dict) and grader.get("grade") and not grader.get("solution"):
            continue   # a test cell: the check below runs every one of them
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        code.append((_cell_name(grader, source), source))
    return assignment, code


def _cell_name(grader, source: str) -> str:
    """How the student knows the cell: the function it defines, else its first line."""
    gid = grader.get("grade_id") if isinstance(grader, dict) else None
    defined = [line.split("(")[0][4:].strip() for line in source.splitlines() if line.startswith("def ")]
    if defined:
        return f"the cell defining `{defined[0]}`"
    first = next((line.strip() for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    return f"the cell `{first[:40]}`" if first else f"the cell {gid or ''}".strip()


def run_code(code: list, namespace: dict) -> list:
    """Run each cell's code in ``namespace``; one line per cell that raised (later cells still run)."""
    os.environ.setdefault("MPLBACKEND", "Agg")    # plots cost nothing here
    notes = []
    for name, source in code:
        source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        sink = io.StringIO()
        try:
            with incell._limits(CELL_SECONDS), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                exec(compile(source, "<your notebook>", "exec"), namespace)
        except incell._TimeUp:
            notes.append(f"! {name} ran longer than {CELL_SECONDS} s and was stopped (the other cells still ran)")
        except BaseException as exc:  # noqa: BLE001 -- a student's cell may raise anything
            first = feedback.printable((str(exc).strip().splitlines() or [""])[0][:200])
            notes.append(f"! {name} raised {type(exc).__name__}{': ' + first if first else ''} (the other cells still ran)")
    return notes


def report(data: dict, namespace: dict) -> tuple:
    """(points, max points, number of failed public cases, text) on the public data ``data``."""
    score = total = failed = 0
    lines = []
    for name in cases.names(data):
        check = cases.check(data, name)
        note = incell._not_gradable(name, namespace.get(name))
        result = (grading.missing(check, False, note) if note
                  else grading.grade(check, incell._run(namespace[name], namespace, check.cases), False))
        score, total = score + result.score, total + result.max_score
        failed += len(result.cases) - result.passed if not note else max(len(result.cases), 1)
        lines.append(feedback.function_text(result, {m.id: m.message for m in check.mistakes}))
    for part in data.get("hand", []):
        text = incell.format_text(part, namespace)
        failed += "•" in text
        lines.append(text)
    lines.append(f"Public cases: {score:g} of {total:g} points. {NOTE}")
    return score, total, failed, "\n".join(lines)


def check_all(assignment: str | None = None, namespace: dict | None = None) -> None:
    """In a notebook cell: check every function and hand part of the kernel's globals now."""
    try:
        namespace = incell._caller_globals() if namespace is None else namespace
        print(report(cases.load(assignment), namespace)[3])
    except BaseException as exc:  # noqa: BLE001
        print(f"✘ the check could not finish ({type(exc).__name__}: {str(exc)[:300]})")


def main(argv=None) -> int:
    """``python -m backprop_check NOTEBOOK``: 0 when every public case passes, 1 when one fails, 2 on an error."""
    parser = argparse.ArgumentParser(prog="python -m backprop_check", description=main.__doc__.split(":", 1)[1].strip(),
                                     epilog="example: python -m backprop_check tutorial_net.ipynb")
    parser.add_argument("notebook", type=Path, help="your notebook (.ipynb) or a .py file with your functions")
    parser.add_argument("--assignment", help="which assignment (default: from the notebook's metadata)")
    args = parser.parse_args(argv)
    try:
        found, code = notebook_code(args.notebook)
        data = cases.load(args.assignment or found)
    except (OSError, UnicodeDecodeError, ValueError, cases.NoCases) as exc:
        print(f"error: {args.notebook.name}: {exc}", file=sys.stderr)
        return 2
    namespace = {"__name__": "__main__"}
    notes = run_code(code, namespace)
    score, total, failed, text = report(data, namespace)
    print(f"Checking {args.notebook.name} against the public cases of {data['assignment']}.")
    print("\n".join(notes + [text]))
    return 1 if failed else 0
