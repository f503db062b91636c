"""``python -m autograder check PATH``: a student checks a notebook or .py before submitting.

Public cases only, with the same feedback text as the notebook's test cells. The code runs
in this process (it is the student's own machine and the public values are public); the
graders never do that.
"""
from __future__ import annotations

import contextlib
import io

from autograder import assignments, submission
from autograder.student import cases, feedback, grading, incell


def run(path, assignment: str = "tutorial_net") -> tuple:
    """(points, max points, report text) for the public cases of ``assignment``."""
    checks, parts = _assignment(assignment)
    sub = submission.load(path)
    namespace = {"__name__": "__main__"}
    lines = [f"Checking {sub.path} against the public cases of {assignment}.", *(f"! {p}" for p in sub.problems)]
    problem = _execute(sub.code, namespace)
    for note in ([problem] if problem else []) + list(namespace.get(submission.PROBLEMS, [])):
        lines.append(f"! {note} (the rest of your code was loaded)")
    score = total = 0.0
    for check in checks:
        public = check.only(False)
        note = incell._not_gradable(check.function, namespace.get(check.function))
        result = (grading.missing(public, False, note) if note
                  else grading.grade(public, incell._run(namespace[check.function], namespace, public.cases), False))
        score, total = score + result.score, total + result.max_score
        lines.append(feedback.function_text(result, {m.id: m.message for m in check.mistakes}))
    for part in cases.make(assignment, [], parts)["hand"]:
        lines.append(incell.format_text(part, namespace))
    lines.append(f"Public cases: {score:g} of {total:g} points. Hidden cases and hand answers are graded after you submit.")
    return score, total, "\n".join(lines)


def _assignment(name):
    try:
        return assignments.checks(name), assignments.hand_parts(name)
    except KeyError as exc:
        raise submission.SubmissionError(exc.args[0]) from None


def _execute(code: str, namespace: dict) -> str:
    """Run the submission's definitions; a one-line problem, or ''."""
    sink = io.StringIO()
    try:
        with incell._limits(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            exec(compile(code, "<submission>", "exec"), namespace)
    except BaseException as exc:
        return f"running your code raised {type(exc).__name__}: {str(exc)[:200]}"
    return ""
