"""A grading run: every submission through the sandbox, judged here, written resumably.

The student's code runs only in the sandbox (autograder.sandbox): this process holds the
checks (expected values, hidden cases) and the reference, and receives plain values.
A submission whose results.json already exists with the same fingerprint (the submission's
bytes and the checks') is not graded again, so a run that was killed, even with kill -9,
picks up where it stopped; submissions are only read.
"""
from __future__ import annotations

import hashlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from autograder import assignments, outputs, submission
from autograder.student import feedback, grading
from autograder.student.model import to_json
from autograder.grader import discover as disc
from autograder.grader import plan as planning
from autograder.grader import results
from autograder.grader.progress import Progress
from autograder.sandbox import Limits, Sandbox, SandboxError
from autograder.student.feedback import plain_text, quote_student_text

REPO = Path(__file__).resolve().parents[2]
# one sandbox call runs all cases of a function, each case with its own CPU-time limit
# (plan.CASE_SECONDS, enforced by the sandbox's supervisor), so a call may take several of
# them; a whole submission is bounded at 60 s (a hostile one that hangs every function
# costs about one case limit per function)
LIMITS = Limits(cpu_seconds=20, wall_seconds=20.0, submission_wall_seconds=60)


@dataclass
class Summary:
    graded: list = field(default_factory=list)      # students graded in this run
    skipped: list = field(default_factory=list)     # already graded (same fingerprint)
    problems: list = field(default_factory=list)    # one line each
    protections: dict = field(default_factory=dict)
    late: list = field(default_factory=list)        # graded in this run and submitted after the due date


def layout(root):
    """The course's layout (imported here, not at the top: a Gradescope bundle holds no notebooks/)."""
    from autograder.notebooks.course import layout as of

    return of(root)


def grade(assignment: str, paths, out, jobs: int = 2, limits: Limits = LIMITS, stream=None,
          protected=(), course=None, students=None) -> Summary:
    """Grade every submission found in ``paths`` into ``out``; returns what happened.

    With ``course`` (an nbgrader course folder) the scores also go into its gradebook and
    its autograded/ folder (see gradebook.py). ``students``: grade only these ids.
    One submission never ends the run: whatever goes wrong with it (a file that cannot be
    read or parsed, an error of ours) is a zero with a one-line reason for that student.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    # the course whose numbers (variant files, release) the submissions are graded on: the one
    # given, else a course folder given as a PATH, else this repository
    numbers = course or disc.course_of(paths, assignment)
    checks, parts = assignments.checks(assignment, numbers), assignments.hand_parts(assignment, numbers)
    messages = {m.id: m.message for c in checks for m in c.mistakes} | {k: v for p in parts for k, v in p.messages.items()}
    checks_digest = hashlib.sha256("".join(to_json(c) for c in checks).encode() + repr(parts).encode()
                                   + _variants_digest(numbers, assignment)).hexdigest()[:16]
    found, problems = disc.discover(paths, assignment, only=students)
    summary = Summary(problems=list(problems))
    due = None
    if course is not None:
        from autograder.grader import gradebook   # nbformat: only with --course (not in a Gradescope bundle)
        due = gradebook.due_date(Path(course), assignment)
    checks_digest += f"|{due}"   # a new due date: every late flag is worked out again
    release = _release_of_numbers(assignment, checks, parts)
    where = f"the course {numbers}" if numbers is not None else "this repository's demo course"
    todo = []
    for item in found:
        fingerprint = _fingerprint(_read(item)[1] + item.timestamp.encode(), checks_digest)   # read again to grade
        previous = results.read_student(out, item.student)
        if previous and previous.get("extra_data", {}).get("fingerprint") == fingerprint:
            summary.skipped.append(item.student)
        else:
            todo.append((item, fingerprint))
    progress = Progress(len(todo), stream)
    lock, book_lock = threading.Lock(), threading.Lock()
    plan = planning.make(checks, parts)
    locked = locked_cells(assignment, numbers)
    variants = layout(numbers or REPO).source_dir(assignment) / "variants"
    variants = variants if variants.is_dir() else None
    protected = tuple(str(p) for p in (REPO, *protected, *(Path(p).resolve() for p in paths)))
    with Sandbox(limits, protected_paths=protected) as box:
        summary.protections = box.protections()

        def one(job):
            item, fingerprint = job
            stamp = item.timestamp.encode()
            item, raw = _read(item)
            fingerprint = _fingerprint(raw + stamp, checks_digest)   # of the bytes graded
            other = release is not None and _release_claimed(item.data) not in (None, release)
            try:
                data, graded = _grade_one(box, item, checks, parts, plan, messages, assignment, fingerprint, locked,
                                          variants, late_note(item.when, due), OTHER_RELEASE if other else "")
            except SandboxError:
                raise
            except Exception as exc:  # a bug of ours on odd input: this student, not the class
                with lock:
                    summary.problems.append(f"{item.student}: the grader failed on this submission "
                                            f"({type(exc).__name__}); graded 0, please report it")
                note = "the grader could not grade this submission; your TA has been told"
                graded = _zeros(checks, parts, note)
                data = results.student_json(item.student, assignment, graded, messages, fingerprint, [note])
            if course is not None:
                from autograder.grader import gradebook   # nbformat: only with --course (not in a Gradescope bundle)
                with book_lock:  # one writer at a time for SQLite
                    try:
                        gradebook.record(Path(course), assignment, item.student, graded,
                                         lambda r: feedback.function_text(r, messages), item.data, item.when)
                    except Exception as exc:
                        with lock:
                            summary.problems.append(f"{item.student}: not written to the gradebook "
                                                    f"({type(exc).__name__}: {plain_text(exc, 120)})")
            try:
                outputs.write_student(out, item.student, data, graded, messages, item.path)  # before results.json, the resume mark
                results.write_student(out, item.student, data)
            except (OSError, ValueError) as exc:   # e.g. out/<student> taken by a file of the TA's
                with lock:
                    summary.problems.append(f"{item.student}: results not written ({type(exc).__name__}: {plain_text(exc, 120)})")
                return
            with lock:
                if other:
                    summary.problems.append(f"{item.student}: made from a release of {assignment} with other numbers than "
                                            f"{where}'s; graded on those, not its own: give --course COURSE (its course)")
                summary.graded.append(item.student)
                if any(r.note == UNLISTED for r in graded):
                    summary.problems.append(f"{item.student}: not on the class list of {assignment} (no variants/"
                                            f"{item.student}.json): hand parts scored 0, as nbgrader scores them")
                if data["extra_data"].get("late"):
                    summary.late.append(item.student)
                progress.step(f"{item.student}: {data['score']:g}/{data['extra_data']['max_score']:g}")

        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            list(pool.map(one, todo))
    results.write_grades(out, [item.student for item in found])
    outputs.write_class(out, [item.student for item in found], course=numbers)
    return summary


def locked_cells(assignment: str, course=None) -> dict:
    """{grade id: source} of the release's read-only code cells (nbgrader restores them)."""
    import json
    release = layout(course or REPO).release_dir(assignment) / f"{assignment}.ipynb"
    try:
        cells = json.loads(release.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return {}
    out = {}
    for cell in cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.get("cell_type") == "code" and meta.get("locked") and not meta.get("grade") and not meta.get("solution"):
            source = cell.get("source", "")
            out[meta.get("grade_id")] = "".join(source) if isinstance(source, list) else source
    return out


OTHER_RELEASE = ("this notebook was made from a release with other numbers than the ones it was graded on here "
                 "(your hand-worked answers may be marked wrong for that reason); your TA has been told")


def _grade_one(box, item, checks, parts, plan, messages, assignment, fingerprint, locked, variants=None, late="",
               other="") -> dict:
    problems = ([item.problem] if item.problem else []) + ([other] if other else [])
    code = None
    if item.path is not None:
        try:
            sub = submission.parse(item.data, item.path, item.student, locked)
            code, problems = sub.code, problems + list(sub.problems)
        except submission.SubmissionError as exc:
            problems.append(plain_text(exc, 400))
    if code is None:
        graded = _zeros(checks, parts, problems[0])
    else:
        outcome = box.run(code + planning.PROBES, plan.levels, label=item.student)
        found = planning.answers(plan, outcome, checks) if outcome.load_status == "ok" else None
        if found is None and outcome.load_status == "ok":  # a level's call died: one call per function
            outcome = box.run(code + planning.PROBES, plan.calls, label=item.student)
            found = planning.answers(plan, outcome, checks) if outcome.load_status == "ok" else None
        if outcome.load_status != "ok":
            problems.append(f"your code could not be run: {quote_student_text(outcome.load_error, 300)}")
            graded = _zeros(checks, parts, problems[-1])
        else:
            graded, notes = _judge(checks, parts, *found, hand=_own_numbers(assignment, item.student, variants, problems, parts))
            problems += [f"while loading your code: {quote_student_text(note)} (the rest of your code was loaded)"
                         for note in notes]
    data = results.student_json(item.student, assignment, graded, messages, fingerprint, problems + ([late] if late else []))
    if item.when is not None:
        data["extra_data"]["timestamp"] = item.when.isoformat(sep=" ")
        data["extra_data"]["late"] = bool(late)
    return data, graded


def when_submitted(text: str):
    """nbgrader's timestamp.txt as a naive UTC datetime (as its gradebook keeps them), or None."""
    if not text:
        return None
    try:
        from nbgrader.utils import parse_utc
        return parse_utc(text)
    except (ImportError, ValueError, OverflowError, TypeError):
        return None


def late_note(when, due) -> str:
    """'' when on time (or no dates), else the one-line note nbgrader's export would imply."""
    if when is None or due is None or when <= due:
        return ""
    return f"submitted late: {when:%Y-%m-%d %H:%M} UTC, {when - due} after the due date ({due:%Y-%m-%d %H:%M} UTC)"


def _judge(checks, parts, values_answer, batch_answers, hand=None) -> tuple:
    """(FunctionResults, load notes) from the sandbox's answers; ``hand(values)`` grades the
    hand-worked parts when the student has numbers of their own."""
    values, notes = planning.hand_values(values_answer)
    out = []
    for check, call in zip(checks, batch_answers):
        outcomes = planning.case_outcomes(check, call)
        for hidden in (False, True):
            mine = [o for o, c in zip(outcomes, check.cases) if c.hidden == hidden]
            if mine:
                out.append(grading.grade(check, mine, hidden))
    out += hand(values) if hand else [grading.grade_hand(part, values) for part in parts]
    return out, notes


UNLISTED = "cannot be graded: you are not on this assignment's class list (no numbers of yours); 0 points here"


def _own_numbers(assignment, student, variants, problems, parts=()):
    """With per-student variants: grade the hand parts against the student's own numbers. A
    student without a variant (not on the class list) gets 0 on each part, its points still in
    max_score, as nbgrader's per-student hidden cells give."""
    if variants is None:
        return None
    from autograder import generate

    def hand(values):
        try:
            return generate.grade_hand_parts(assignment, student, values, variants)
        except FileNotFoundError:
            problems.append("your hand-worked answers " + UNLISTED)
            return [unlisted(p) for p in parts]
    return hand


def unlisted(part) -> grading.FunctionResult:
    """A hand part of a student not on the class list: 0 of its points, one reason."""
    cases = tuple(grading.CaseResult(f"{var}: {label}", True, False, UNLISTED) for var, label, _ in part.quantities)
    return grading.FunctionResult(part.id, True, 0.0, part.points_hidden, cases, UNLISTED)


def _zeros(checks, parts, note) -> list:
    out = [grading.missing(c, hidden, note) for c in checks for hidden in (False, True)
           if any(case.hidden == hidden for case in c.cases)]
    return out + [grading.grade_hand(p, {}) for p in parts]


def _variants_digest(course, assignment) -> bytes:
    folder = layout(course or REPO).source_dir(assignment) / "variants"
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.digest()


@dataclass(frozen=True)
class _Read:
    """A found submission with its bytes, read once (no link followed, size capped)."""
    student: str
    path: object
    problem: str
    data: bytes
    when: object = None      # when it was submitted (timestamp.txt), a naive UTC datetime


def _read(item) -> tuple:
    """(the item with its bytes, or with no path and the reason it cannot be read; the bytes)."""
    when = when_submitted(getattr(item, "timestamp", ""))
    if item.path is None:
        return _Read(item.student, None, item.problem, b"", when), b""
    try:
        data = submission.read_bytes(item.path, item.root)
    except submission.SubmissionError as exc:
        return _Read(item.student, None, plain_text(exc, 400), b"", when), str(exc).encode()
    return _Read(item.student, item.path, item.problem, data, when), data


def _release_of_numbers(assignment, checks, parts):
    """The release fingerprint of the numbers graded on (as a notebook's metadata records it),
    or None where it cannot be worked out (a Gradescope bundle holds no notebooks/)."""
    try:
        from autograder.notebooks import runtime
    except ImportError:
        return None
    return runtime.public_data(assignment, checks, parts)["release"]


def _release_claimed(data: bytes):
    """``metadata.backprop.release`` of a notebook's bytes, or None (a .py, no such field)."""
    try:
        meta = json.loads(data.decode("utf-8")).get("metadata", {})
        release = meta.get("backprop", {}).get("release")
    except (ValueError, AttributeError, TypeError, RecursionError, UnicodeDecodeError):
        return None
    return release if isinstance(release, str) and release else None


def _fingerprint(data: bytes, checks_digest: str) -> str:
    return hashlib.sha256(checks_digest.encode() + data).hexdigest()[:32]
