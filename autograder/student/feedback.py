"""Results as text for students: what was called, what came back, what was due, and why.

Public cases show the call, the returned value and the expected one; hidden cases show only
their description and what went wrong, never an expected value.

Student text (what their code printed or raised, load notes, a returned value's rendering)
is hostile: it could forge a line of ours ("✔ forward: 4/4 …"), restyle or rewrite a TA's
terminal (ANSI escapes, carriage returns), or show a path of the grading machine. It enters
the feedback only through ``quote_student_text`` (quoted, for text the student wrote) or
``plain_text`` (unquoted, for our own sentences that may carry some of it): both keep it on
one line with every line break, control, escape and invisible formatting character shown as
a visible escape (``\\n``, ``\\x1b``, ``\\u202e``), show our marks (✔ ✘ •) as escapes too, cut
it to a length, and shorten absolute paths to their last part. ``printable`` is the part that
keeps a terminal safe (file names, ids).
"""
from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # feedback is imported by grading; no import back at run time
    from .grading import FunctionResult

MARKS = "✔✘✓✗✅❌❎☑☒•●▪►"     # what our lines start with, or could be mistaken for it
_PATH = re.compile(r"(?<![\w.~])(?:/[^\s/:\"'(),;]+)+/([^\s/:\"'(),;]*)")


def printable(text) -> str:
    """``text`` on one line: line breaks, controls, escapes and invisible formatting shown as escapes."""
    out = []
    for ch in str(text):
        category = unicodedata.category(ch)
        if ch == "\n":
            out.append("\\n")
        elif category[0] == "C" or category in ("Zl", "Zp"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def plain_text(text, limit: int = 300) -> str:
    """Text that may hold some of the student's, safe to show unquoted (see the module's doc)."""
    try:
        text = str(text)
    except Exception:  # a student's exception whose __str__ raises
        text = "<text that could not be shown>"
    text = _PATH.sub(r"\1", text)
    cut = len(text) > limit
    text = printable(text[:limit])
    text = "".join(f"\\u{ord(ch):04x}" if ch in MARKS else ch for ch in text)
    return text + ("…" if cut else "")


def quote_student_text(text, limit: int = 200) -> str:
    """The student's own text, quoted: ``"…"`` with inner quotes escaped (see ``plain_text``)."""
    return '"' + plain_text(text, limit).replace('"', '\\"') + '"'


def function_text(result: "FunctionResult", messages: dict) -> str:
    """A few lines on one function's public or hidden cases; ``messages`` maps mistake ids to words."""
    kind = "hidden" if result.hidden else "public"
    total = len(result.cases)
    mark = "✔" if total and result.passed == total else "✘"
    what = (f"{result.passed}/{total} hand-worked answer{'s' * (total != 1)} correct" if result.function.startswith("part")
            else f"{result.passed}/{total} {kind} case{'s' * (total != 1)} passed")
    lines = [f"{mark} {result.function}: {what} "
             f"({_pts(result.score)} of {_pts(result.max_score)} point{'s' * (result.max_score != 1)})"]
    lines += [f"  Note: {n}." for n in getattr(result, "notes", ())]
    if result.note:
        lines.append(f"  {plain_text(result.note, 400)}")
        return "\n".join(lines)
    explained = set()
    for i, case in enumerate(result.cases, start=1):
        if case.passed:
            continue
        if case.hidden and result.function.startswith("part"):
            lines.append(f"  • {case.label}: {plain_text(case.reason, 600)}.")
        elif case.hidden:
            lines.append(f"  • hidden case {i} ({case.label}): {plain_text(case.reason, 600)}.")
        elif case.reason == "wrong value":
            lines.append(f"  • {case.call} returned {plain_text(case.got, 2000)}; expected {case.expected}.")
        else:
            lines.append(f"  • {case.call}: {plain_text(case.reason, 600)}.")
        if case.mistake in explained:
            lines.append(f"    Recognised mistake [{case.mistake}] (see above).")
        elif case.mistake:
            explained.add(case.mistake)
            lines.append(f"    Recognised mistake [{case.mistake}]: {messages.get(case.mistake, '')}")
    for case in result.cases:
        if case.passed and case.note:
            lines.append(f"  • {case.label}: {case.note}.")
    if getattr(result, "diagnosis", ""):
        lines.append(f"  What the wrong values have in common: {result.diagnosis.rstrip('.')}.")
    if getattr(result, "behaviour", ()):
        lines.append("  Found by changing one input at a time: " + "; ".join(result.behaviour) + ".")
    return "\n".join(lines)


def _pts(x: float) -> str:
    return f"{x:g}"
