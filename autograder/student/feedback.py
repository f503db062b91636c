"""Results as text for students: what was called, what came back, what was due, and why.

Public cases show the call, the returned value and the expected one; hidden cases show only
their description and what went wrong, never an expected value.
"""
from __future__ import annotations

from .grading import FunctionResult


def function_text(result: FunctionResult, messages: dict) -> str:
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
        lines.append(f"  {result.note}")
        return "\n".join(lines)
    explained = set()
    for i, case in enumerate(result.cases, start=1):
        if case.passed:
            continue
        if case.hidden and result.function.startswith("part"):
            lines.append(f"  • {case.label}: {case.reason}.")
        elif case.hidden:
            lines.append(f"  • hidden case {i} ({case.label}): {case.reason}.")
        elif case.reason == "wrong value":
            lines.append(f"  • {case.call} returned {case.got}; expected {case.expected}.")
        else:
            lines.append(f"  • {case.call}: {case.reason}.")
        if case.mistake in explained:
            lines.append(f"    Recognised mistake [{case.mistake}] (see above).")
        elif case.mistake:
            explained.add(case.mistake)
            lines.append(f"    Recognised mistake [{case.mistake}]: {messages.get(case.mistake, '')}")
    for case in result.cases:
        if case.passed and case.note:
            lines.append(f"  • {case.label}: {case.note}.")
    if getattr(result, "diagnosis", ""):
        lines.append(f"  What the wrong values have in common: {result.diagnosis}.")
    if getattr(result, "behaviour", ()):
        lines.append("  Found by changing one input at a time: " + "; ".join(result.behaviour) + ".")
    return "\n".join(lines)


def _pts(x: float) -> str:
    return f"{x:g}"
