"""The class list: a CSV file with a header row and one student per row.

The student id is the column ``id`` (the header of ``nbgrader db student import``) or
``student_id``; other columns (names, e-mail) are ignored. The file is UTF-8 (a byte-order
mark is allowed); empty lines are skipped (a line of spaces is an empty id). An id becomes a folder name (nbgrader grades in
``autograded/<id>/<assignment>/``, the variants are ``variants/<id>.json``), so it must be
1–64 characters from letters, digits, ``.``, ``_``, ``-``, ``@`` and ``+``, start with a
letter or digit, not end with ``.``, and not be a reserved device name (CON, NUL, COM1 …).
Ids that differ only in upper/lower case are duplicates (they collide on case-insensitive
file systems). Every problem is a ``RosterError`` naming the file and line.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

ID_COLUMNS = ("id", "student_id")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


class RosterError(ValueError):
    """A malformed class list; the message names the file and the line."""


def read(path) -> list:
    """The student ids of the roster at ``path``, in file order."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RosterError(f"{path}: cannot read the roster ({exc.strerror or exc})") from None
    return parse(raw, str(path))


def parse(raw: bytes, name: str = "roster") -> list:
    """The student ids of roster bytes ``raw`` (``name`` is used in messages)."""
    text = _decode(raw, name)
    rows = [(line, row) for line, row in _rows(text, name) if row]   # [] is a blank line
    if not rows:
        raise RosterError(f"{name}: the roster is empty (expected a header row with a column 'id')")
    (head_line, header), body = rows[0], rows[1:]
    names = [h.strip().lower() for h in header]
    column = next((names.index(c) for c in ID_COLUMNS if c in names), None)
    if column is None:
        raise RosterError(f"{name}, line {head_line}: no column 'id' or 'student_id' in the header {header!r}")
    if not body:
        raise RosterError(f"{name}: no students after the header on line {head_line}")
    seen, ids = {}, []
    for line, row in body:
        sid = row[column].strip() if column < len(row) else ""
        problem = id_problem(sid)
        if problem:
            raise RosterError(f"{name}, line {line}: {problem}")
        if sid.lower() in seen:
            first = seen[sid.lower()]
            raise RosterError(f"{name}, line {line}: the student id {sid!r} is already on line {first[0]}"
                              + (f" (as {first[1]!r}; ids differing only in case are the same folder on some systems)" if first[1] != sid else ""))
        seen[sid.lower()] = (line, sid)
        ids.append(sid)
    return ids


def id_problem(sid: str) -> str:
    """Why ``sid`` cannot be a student id, or "" if it can."""
    if not sid:
        return "empty student id"
    if not _ID.match(sid):
        bad = next((c for c in sid if not re.match(r"[A-Za-z0-9._@+-]", c)), None)
        what = f"the character {bad!r}" if bad else ("a first character that is not a letter or digit" if len(sid) <= 64 else "more than 64 characters")
        return f"the student id {sid!r} cannot be a folder name: it has {what} (allowed: letters, digits, . _ - @ +, starting with a letter or digit, at most 64)"
    if sid.endswith("."):
        return f"the student id {sid!r} cannot be a folder name: it ends with '.'"
    if sid.split(".")[0].lower() in _RESERVED:
        return f"the student id {sid!r} cannot be a folder name: {sid.split('.')[0]!r} is a reserved device name on Windows"
    return ""


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RosterError(f"{name}, line 1: the roster is UTF-16, not UTF-8; save it as UTF-8 CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RosterError(f"{name}, line {line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the roster as UTF-8 CSV") from None


def _rows(text: str, name: str):
    """(line number, cells) per CSV record, the line being where the record starts."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise RosterError(f"{name}, line {reader.line_num}: not valid CSV ({exc})") from None
