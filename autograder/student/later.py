"""Definitions from later answer cells, for a test cell that runs before them (nbgrader's order).

``nbgrader autograde`` runs a notebook top to bottom, and each graded test cell sits right
below its function's answer cell. A correct ``example_gradient`` that calls
``dataset_gradient`` (whose answer cell comes later) raises NameError in its own test cell,
though the notebook as a whole is right and our grader (which runs all of a notebook's code
first, as Otter does) gives it full marks. So, on a NameError for a name that no earlier
cell defined, the check reads the student's own notebook (the one in the kernel's working
folder, as nbgrader runs it; a Jupyter session's own notebook), takes from its *answer cells
below this test cell* the top-level definitions that supply the missing names (``def``,
``class``, imports, and assignments of names those definitions use), runs them in a copy of
the notebook's globals, and grades again with them in place; the feedback says so.

Nothing of the instructor side is read: only answer cells (nbgrader ``solution`` cells), the
student's own code, which nbgrader runs in this kernel anyway; test cells (and what hidden
ones hold) are never executed, printed or kept. Standard library only.
"""
from __future__ import annotations

import ast
import builtins
import json
import os
from pathlib import Path

MAX_BYTES = 16 * 1024 * 1024   # a notebook larger than this is not read (as our grader refuses it)
_DEFINES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def find_notebook(function: str, folder: Path | None = None) -> tuple[dict | None, str]:
    """(the notebook being graded, "") or (None, why not): the one ``.ipynb`` in ``folder``
    (default: the working folder) that carries this course's metadata and a test cell of
    ``function``; with several, the Jupyter session's own (``JPY_SESSION_NAME``)."""
    folder = Path.cwd() if folder is None else Path(folder)
    found = {}
    for path in sorted(folder.glob("*.ipynb")):
        nb = _read(path)
        if nb is not None and test_cell_index(nb, function) is not None:
            found[path.resolve()] = nb
    if len(found) > 1:
        session = os.environ.get("JPY_SESSION_NAME", "")
        mine = Path(session).resolve() if session else None
        if mine in found:
            return found[mine], ""
        return None, f"{len(found)} notebooks of this assignment are in this folder and it is not clear which one is running"
    if not found:
        return None, ""   # not a graded run of a notebook file (nothing to look at below)
    return next(iter(found.values())), ""


def _read(path: Path) -> dict | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return None
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(nb, dict) and isinstance(nb.get("cells"), list) and isinstance(nb.get("metadata"), dict)
    return nb if ok and isinstance(nb["metadata"].get("backprop"), dict) else None


def _grading(cell) -> dict:
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    meta = meta.get("nbgrader") if isinstance(meta, dict) else None
    return meta if isinstance(meta, dict) else {}


def test_cell_index(nb: dict, function: str) -> int | None:
    """The index of ``function``'s first test cell (public or hidden), or None."""
    ids = (f"test_{function}", f"test_{function}_hidden")
    return next((i for i, c in enumerate(nb["cells"]) if _grading(c).get("grade_id") in ids), None)


def answer_code_after(nb: dict, index: int) -> list:
    """The sources of the code answer cells after cell ``index`` (IPython magics and shell
    lines blanked), in the notebook's order."""
    out = []
    for cell in nb["cells"][index + 1:]:
        if not (isinstance(cell, dict) and cell.get("cell_type") == "code" and _grading(cell).get("solution") is True):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if not isinstance(source, str) or source.lstrip().startswith("%%"):
            continue
        out.append("\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n")))
    return out


def _bound(node) -> set:
    """The names a top-level statement binds."""
    if isinstance(node, _DEFINES):
        return {node.name}
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return {(a.asname or a.name).split(".")[0] for a in node.names}
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}


def _used(node) -> set:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def select(sources: list, missing: set, known) -> list:
    """The top-level statements of ``sources`` that supply ``missing`` and, transitively, the
    names those statements use that ``known`` (the notebook's globals) lacks: definitions,
    imports and plain assignments only (no bare calls, loops or prints). In source order."""
    nodes = []
    for text in sources:
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue
        nodes += [n for n in tree.body if isinstance(n, _DEFINES + (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign))]
    needed, chosen = set(missing), set()
    while True:
        more = {i for i, n in enumerate(nodes) if i not in chosen and _bound(n) & needed}
        if not more:
            break
        chosen |= more
        for i in more:
            needed |= {x for x in _used(nodes[i]) if x not in known and not hasattr(builtins, x)}
    return [nodes[i] for i in sorted(chosen)]


def definitions(nb: dict, function: str, missing: set, namespace: dict) -> dict:
    """{name: value}: the missing names as the later answer cells define them, run in a copy
    of ``namespace`` (a statement that raises is skipped); names the notebook already has are
    left alone. The caller runs this under its time limit and output sink."""
    index = test_cell_index(nb, function)
    if index is None:
        return {}
    statements = select(answer_code_after(nb, index), missing, namespace)
    scratch = dict(namespace)
    for node in statements:
        try:
            exec(compile(ast.Module([node], type_ignores=[]), "<a later cell of your notebook>", "exec"), scratch)
        except Exception:
            continue
    return {k: v for k, v in scratch.items() if k not in namespace and not k.startswith("__")}
