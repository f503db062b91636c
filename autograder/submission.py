"""A submission's code: from a notebook or a .py file, as one Python source for the sandbox.

From a notebook we take every code cell except nbgrader's test cells. Which top-level
statements of those cells are kept (imports, functions, classes, assignments; not plots,
training runs or prints, which are not needed to grade functions and would only cost time
or fail without a display) is decided by a small loader that runs *with the student's code*,
in the sandbox: this process never parses a student's Python. IPython magics are dropped.

A submission is hostile input, so reading one is bounded and never follows a link:

* ``read_bytes`` opens the file under a folder the TA named, component by component with
  ``O_NOFOLLOW`` (a symbolic link anywhere below that folder is refused, so a link to the
  solutions is never read), refuses what is not a regular file (a FIFO, a device, a folder
  named ``*.ipynb``; opened with ``O_NONBLOCK`` and checked with ``fstat``) or has more than
  one name (a hard link), and reads at most ``MAX_FILE_BYTES``;
* ``parse`` accepts only what nbformat's schema would (a notebook is an object whose
  ``cells`` are objects with string sources and object metadata, nbgrader's fields of the
  right types), catches what hostile JSON raises (``RecursionError`` from deep nesting,
  ``MemoryError``), and refuses more than ``MAX_CODE_CHARS`` of code.

Every refusal is a ``SubmissionError`` whose message is one line naming the file by its
name only (never a path of the grading machine): the student scores 0 with that reason.
"""
from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

PROBLEMS = "__load_problems__"   # the notes of statements that failed while the code was loaded
MAX_FILE_BYTES = 16 * 2**20      # a notebook with its saved outputs (plots) is rarely above 5 MB
MAX_CODE_CHARS = 2**20           # the code graded: a tutorial's answers are about 10 kB
_LOAD = "__grader_load__"


class SubmissionError(Exception):
    """A submission that cannot be read; the message is one line for the report."""


@dataclass(frozen=True)
class Submission:
    student: str
    path: Path
    code: str
    problems: tuple = ()    # one line each: cells that could not be used, and why


def load(path, student: str | None = None, locked: dict | None = None, root=None) -> Submission:
    """Read a ``.ipynb`` or ``.py`` file (under ``root``, default its own folder); the student
    id defaults to the file's stem.

    ``locked`` ({grade id: source}) restores read-only cells from the release, as nbgrader's
    autograde does, so an edited or deleted import cell is graded as released.
    """
    path = Path(path)
    if path.suffix not in (".ipynb", ".py"):
        raise SubmissionError(f"{path.name}: expected a .ipynb notebook or a .py file")
    data = read_bytes(path, root)
    return parse(data, path, student or path.stem, locked)


def read_bytes(path, root=None, cap: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, a regular file below the folder ``root`` (default: its parent),
    reached without following any symbolic link below ``root``; at most ``cap`` bytes."""
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    try:
        rel = path.relative_to(root)
    except ValueError:
        raise SubmissionError(f"{path.name}: not inside the folder being graded") from None
    if not rel.parts or any(p in ("", ".", "..") for p in rel.parts):
        raise SubmissionError(f"{path.name}: not inside the folder being graded")
    cap = min(cap, MAX_CODE_CHARS) if path.suffix == ".py" else cap   # a .py file is all code
    try:
        folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        raise SubmissionError(f"{path.name}: no such file") from None
    try:
        for part in rel.parts[:-1]:
            # _step closes the folder it is given, also when it refuses: never close it twice
            current, folder = folder, -1
            folder = _step(current, part, path.name)
        return _read_regular(folder, rel.parts[-1], path.name, cap)
    finally:
        if folder >= 0:
            os.close(folder)


def _step(folder: int, part: str, name: str) -> int:
    """Open the sub-folder ``part`` of the open folder without following a link; closes ``folder``."""
    try:
        info = os.stat(part, dir_fd=folder, follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            raise SubmissionError(f"{name}: the folder {part!r} it is in is a symbolic link; links are not followed")
        return os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=folder)
    except OSError as exc:
        raise SubmissionError(f"{name}: cannot be read ({errno.errorcode.get(exc.errno, 'error')})") from None
    finally:
        os.close(folder)


def _read_regular(folder: int, leaf: str, name: str, cap: int) -> bytes:
    try:
        info = os.stat(leaf, dir_fd=folder, follow_symlinks=False)
    except OSError:
        raise SubmissionError(f"{name}: no such file") from None
    _refuse_unless_plain(info, name, cap)   # before opening: opening a device can do things
    try:
        fd = os.open(leaf, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY, dir_fd=folder)
    except OSError as exc:
        reason = "it is a symbolic link; links are not followed" if exc.errno == errno.ELOOP else errno.errorcode.get(exc.errno, "error")
        raise SubmissionError(f"{name}: cannot be read ({reason})") from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            raise SubmissionError(f"{name}: changed while it was being read")
        _refuse_unless_plain(opened, name, cap)
        chunks, left = [], cap + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 2**20))
            except OSError as exc:
                raise SubmissionError(f"{name}: cannot be read ({errno.errorcode.get(exc.errno, 'error')})") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:
        raise SubmissionError(f"{name}: larger than the {cap // 2**20} MB a submission may be; not graded")
    return data


def _refuse_unless_plain(info, name: str, cap: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise SubmissionError(f"{name}: a symbolic link; links are not followed (submit the file itself)")
    if not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode)
                else "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file")
        raise SubmissionError(f"{name}: {kind}, not a file; not graded")
    if info.st_nlink > 1:
        raise SubmissionError(f"{name}: a hard link ({info.st_nlink} names for one file); submit a copy of the file")
    if info.st_size > cap:
        raise SubmissionError(f"{name}: larger than the {cap // 2**20} MB a submission may be; not graded")


def parse(data: bytes, path, student: str, locked: dict | None = None) -> Submission:
    """The Submission in ``data`` (the bytes of ``path``); SubmissionError when it is unusable."""
    path = Path(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise SubmissionError(f"{path.name}: not UTF-8 text (a binary file?); not graded") from None
    if not text.strip():
        raise SubmissionError(f"{path.name}: the file is empty")
    if path.suffix == ".ipynb":
        sources = [(f"cell {i + 1}" if i >= 0 else "a read-only cell of the release", src)
                   for i, src in notebook_cells(text, path, locked or {})]
    else:
        sources = [(path.name, text)]
    size = sum(len(src) for _, src in sources)
    if size > MAX_CODE_CHARS:
        raise SubmissionError(f"{path.name}: {size / 2**20:.1f} MB of code, more than the "
                              f"{MAX_CODE_CHARS // 2**20} MB a submission may hold; not graded")
    if "\x00" in text:
        raise SubmissionError(f"{path.name}: contains NUL characters (a binary file?); not graded")
    return Submission(student, path, loader_code(sources), ())


def notebook_cells(text: str, path: Path = Path("notebook"), locked: dict | None = None) -> list:
    """(index, source) of every code cell that is not an nbgrader test cell, magics removed.

    Like nbgrader: an answer cell (solution, not graded by hand) counts as code even if its
    type was changed, and a read-only cell named in ``locked`` takes the released source
    (one that was deleted is put back at the start).
    """
    locked = dict(locked or {})
    name = Path(path).name
    try:
        nb = json.loads(text)
    except (ValueError, RecursionError, MemoryError):
        raise SubmissionError(f"{name}: not a readable notebook (broken JSON or too deeply nested)") from None
    cells = _valid_cells(nb, name)
    found, seen = [], set()
    for index, cell in enumerate(cells):
        meta = cell.get("metadata", {}).get("nbgrader", {})
        answer = meta.get("solution") and not meta.get("grade")
        if cell["cell_type"] != "code" and not answer:
            continue
        if meta.get("grade") and not meta.get("solution"):
            continue  # a test cell
        gid = meta.get("grade_id")
        seen.add(gid)
        source = locked[gid] if gid in locked and not meta.get("solution") else _text(cell.get("source", ""))
        if not answer and RUNTIME in source:
            continue  # a cell of the release's own checks (a format check of a hand part): not the student's code
        found.append((index, _no_magics(source)))
    missing = [(-1, _no_magics(src)) for gid, src in locked.items() if gid not in seen and RUNTIME not in src]
    return missing + found


RUNTIME = "backprop_check"   # the student runtime a release's own check cells import (notebooks.runtime)
_NBGRADER_TYPES = {"grade": bool, "solution": bool, "locked": bool, "task": bool, "grade_id": str,
                   "points": (int, float), "schema_version": int, "checksum": str, "cell_type": str}


def _valid_cells(nb, name: str) -> list:
    """The notebook's cells, when its structure is what nbformat's schema (and nbgrader) accept."""
    def bad(why):
        return SubmissionError(f"{name}: not a valid notebook ({why}); nbgrader would refuse it too")
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise bad("no list of cells")
    if not isinstance(nb.get("metadata", {}), dict):
        raise bad("its metadata is not an object")
    for i, cell in enumerate(nb["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise bad(f"cell {i} is not a code, markdown or raw cell")
        source = cell.get("source", "")
        if not isinstance(source, str) and not (isinstance(source, list) and all(isinstance(s, str) for s in source)):
            raise bad(f"cell {i}'s source is not text")
        meta = cell.get("metadata", {})
        if not isinstance(meta, dict) or not isinstance(meta.get("nbgrader", {}), dict):
            raise bad(f"cell {i}'s metadata is not an object")
        for key, value in meta.get("nbgrader", {}).items():
            kind = _NBGRADER_TYPES.get(key)
            if kind is not None and (not isinstance(value, kind) or (kind is not bool and isinstance(value, bool))):
                raise bad(f"cell {i}'s nbgrader {key} is not a {getattr(kind, '__name__', 'number')}")
    return nb["cells"]


def _text(source) -> str:
    return "".join(source) if isinstance(source, list) else source


def _no_magics(source: str) -> str:
    return "\n".join(line for line in source.split("\n") if not line.lstrip().startswith(("%", "!")))


def loader_code(sources) -> str:
    """The Python run in the sandbox: the loader, then a call to it with every (where, source)."""
    return f"{LOADER}\n{_LOAD}({[(str(w), str(s)) for w, s in sources]!r})\ndel {_LOAD}\n"


# Runs with the student's code (sandbox, or the student's own kernel for `check`): standard
# library only. Keeps the top-level imports, defs, classes and assignments of each source;
# imports and assignments each run on their own, so one that fails (a plotting library the
# grader does not provide, a call into an unfinished function) skips that statement and not
# the rest, with a one-line note in __load_problems__.
LOADER = r'''
def __grader_load__(sources):
    import ast, __future__
    notes = globals().setdefault("__load_problems__", [])
    keep = (ast.Import, ast.ImportFrom, ast.Assign, ast.AnnAssign)
    defs = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    for where, source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError as exc:
            notes.append("%s has a syntax error (line %s: %s); its code was not used" % (where, exc.lineno, exc.msg))
            continue
        except (ValueError, RecursionError, MemoryError) as exc:
            notes.append("%s is too large or too deeply nested to read (%s); its code was not used" % (where, type(exc).__name__))
            continue
        lines, flags = source.split("\n"), 0
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                for alias in node.names:
                    flags |= getattr(getattr(__future__, alias.name, None), "compiler_flag", 0)
                continue
            if not isinstance(node, keep + defs):
                continue
            try:
                code = compile(ast.Module(body=[node], type_ignores=[]), "<submission>", "exec", flags=flags, dont_inherit=True)
            except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
                notes.append("%s, line %s could not be compiled (%s); it was not used" % (where, node.lineno, type(exc).__name__))
                continue
            if isinstance(node, defs):
                exec(code, globals())
                continue
            try:
                exec(code, globals())
            except Exception as error:
                what = lines[node.lineno - 1].strip()[:60] if node.lineno <= len(lines) else where
                note = what + " raised " + type(error).__name__ + ": " + str(error)[:120]
                if note not in notes:   # the same import in many cells: one note
                    notes.append(note)
'''
