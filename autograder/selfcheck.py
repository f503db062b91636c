"""``python -m autograder check PATH``: a student checks a notebook or .py before submitting.

Public cases only, with the same feedback text as the notebook's test cells. The code runs
in this process (it is the student's own machine and the public values are public); the
graders never do that.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

from autograder import assignments, submission
from autograder.student import cases, feedback, grading, incell, model
from autograder.student.feedback import plain_text, printable, quote_student_text


def assignment_of(path) -> str:
    """Which assignment ``path`` is for: the notebook's own metadata (``autograder.assignment``
    or nbgrader's ``assignment``), else its file name (``mlp.ipynb``, ``mlp-Copy1.ipynb``), else
    the one whose functions it defines (``def``s, answer cells' grade ids); SubmissionError if
    that is not one assignment."""
    path = Path(path)
    if path.suffix not in (".ipynb", ".py"):
        raise submission.SubmissionError(f"{path.name}: expected a .ipynb notebook or a .py file")
    data = submission.read_bytes(path)
    submission.parse(data, path, "you")   # an unreadable file says why, before anything else
    text = data.decode("utf-8")
    names = set()
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(text)
            meta = nb.get("metadata", {}) if isinstance(nb, dict) else {}
            for key in ("backprop", "autograder", "nbgrader"):
                claimed = meta.get(key, {}).get("assignment") if isinstance(meta.get(key), dict) else None
                if claimed in assignments.NAMES:
                    return claimed
            for cell in nb.get("cells", []) if isinstance(nb, dict) else []:
                gid = ((cell.get("metadata") or {}).get("nbgrader") or {}).get("grade_id") if isinstance(cell, dict) else None
                names.add(gid)
                source = cell.get("source", "") if isinstance(cell, dict) else ""
                names |= set(re.findall(r"^def\s+(\w+)", "".join(source) if isinstance(source, list) else str(source), flags=re.M))
        except (ValueError, RecursionError, AttributeError, TypeError):
            pass
    for name in assignments.NAMES:
        if path.stem == name or path.stem.startswith(name + "-") or path.stem.startswith(name + "_"):
            return name
    names |= set(re.findall(r"^def\s+(\w+)", text, flags=re.M))
    scores = {a: len(names & set(assignments.functions(a))) for a in assignments.NAMES}
    best = max(scores.values())
    winners = [a for a, n in scores.items() if n == best]
    if best == 0 or len(winners) > 1:
        raise submission.SubmissionError(f"{path.name}: cannot tell which assignment this is; "
                                         f"give --assignment ({' or '.join(assignments.NAMES)})")
    return winners[0]


DEMO = "this repository's demo course"
LOAD_SECONDS = 60   # the whole notebook's code (imports, part 7's runs) on a busy machine; each case then has incell's limit


def numbers_of(path, assignment: str, course=None) -> tuple:
    """(public Checks, hand parts' fill-in formats, where they come from) for the notebook at
    ``path``: the numbers of the release it was made from. A notebook records its release's
    fingerprint (``metadata.backprop.release``); it is looked for in ``course`` (or the nbgrader
    course folder the file sits in), in the release folder beside it (``backprop_check/cases/``)
    and in this repository's demo course, in that order. A .py file, or a notebook without a
    fingerprint, is checked on the first of these. SubmissionError when the notebook's release
    is none of them: its numbers are elsewhere, and the wrong ones would fail correct answers."""
    from autograder.notebooks import runtime

    path = Path(path)
    claimed = _release_of(path)
    candidates = []
    for root in ([Path(course)] if course else []) or _course_around(path, assignment):
        try:
            checks, parts = assignments.checks(assignment, root, near=False), assignments.hand_parts(assignment, root)
        except (OSError, ValueError, KeyError) as exc:
            raise submission.SubmissionError(f"{root}: cannot read the numbers of {assignment} ({plain_text(exc, 200)})") from None
        demo = root.resolve() == Path(assignments.REPO).resolve()
        candidates.append((runtime.public_data(assignment, checks, parts), DEMO if demo else f"the course {root}"))
    beside = path.parent / "backprop_check" / "cases" / f"{assignment}.json"
    if beside.is_file():
        try:
            candidates.append((cases.load(assignment, beside.parent), f"the release folder {path.parent}"))
        except (cases.NoCases, OSError, ValueError):
            pass
    checks, parts = _assignment(assignment)
    candidates.append((runtime.public_data(assignment, checks, parts), DEMO))
    chosen = next((c for c in candidates if claimed is None or c[0].get("release") == claimed), None)
    if chosen is None:
        looked = "; ".join(where for _, where in candidates)
        raise submission.SubmissionError(
            f"{path.name} was made from a release of {assignment} with other numbers (release {printable(claimed)[:40]}) "
            f"than any looked at ({looked}); give --course COURSE (the course it comes from), or run "
            "`python -m backprop_check` in its release folder")
    data, where = chosen
    return [model.from_json(text) for _, text in data["checks"]], data.get("hand", []), where


def _release_of(path: Path):
    if path.suffix != ".ipynb":
        return None
    try:
        meta = json.loads(submission.read_bytes(path).decode("utf-8")).get("metadata", {})
        release = meta.get("backprop", {}).get("release")
    except (ValueError, AttributeError, TypeError, RecursionError, submission.SubmissionError):
        return None
    return release if isinstance(release, str) and release else None


def _course_around(path: Path, assignment: str) -> list:
    """The nbgrader course folder holding ``path`` (up to four folders up), as a list of 0 or 1."""
    from autograder.notebooks.course import layout

    for root in list(path.resolve().parents)[:4]:
        if (root / "nbgrader_config.py").is_file() and layout(root).source_dir(assignment).is_dir():
            return [root]
    return []


def run(path, assignment: str = "tutorial_net", course=None) -> tuple:
    """(points, max points, report text) for the public cases of ``assignment``, on the numbers
    of the release the notebook was made from (``numbers_of``)."""
    checks, hand, where = numbers_of(path, assignment, course)
    sub = submission.load(path)
    namespace = {"__name__": "__main__"}
    lines = [f"Checking {printable(sub.path.name)} against the public cases of {assignment}.",
             *(f"! {printable(p)}" for p in sub.problems)]
    problem = _execute(sub.code, namespace)
    if problem:
        lines.append(f"! {problem}")
    for note in list(namespace.get(submission.PROBLEMS, []))[:20]:
        lines.append(f"! while loading your code: {quote_student_text(note)} (the rest of your code was loaded)")
    score = total = 0.0
    if where != DEMO:
        lines.insert(1, f"(on the numbers of {printable(where)})")
    for check in checks:
        public = check.only(False)
        note = incell._not_gradable(check.function, namespace.get(check.function))
        result = (grading.missing(public, False, note) if note
                  else grading.grade(public, incell._run(namespace[check.function], namespace, public.cases), False))
        score, total = score + result.score, total + result.max_score
        lines.append(feedback.function_text(result, {m.id: m.message for m in check.mistakes}))
    for part in hand:
        lines.append(incell.format_text(part, namespace))
    lines.append(f"Public cases: {score:g} of {total:g} points. Hidden cases and hand answers are graded after you submit.")
    return score, total, "\n".join(lines)


def _assignment(name):
    try:
        return assignments.checks(name, near=False), assignments.hand_parts(name)
    except KeyError as exc:
        raise submission.SubmissionError(exc.args[0]) from None


def _execute(code: str, namespace: dict) -> str:
    """Run the submission's definitions; a one-line problem, or ''."""
    sink = io.StringIO()
    try:
        with incell._limits(LOAD_SECONDS), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            exec(compile(code, "<submission>", "exec"), namespace)
    except BaseException as exc:
        return f"running your code raised {type(exc).__name__}: {quote_student_text(exc)}"
    return ""
