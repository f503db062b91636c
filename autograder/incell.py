"""Grading inside a notebook's test cell (the nbgrader path).

A test cell calls ``check(name, globals(), data)`` with its cases written into the cell as
JSON (hidden cases only in the hidden-tests block, so the release never holds them); the
call prints the feedback and evaluates to the points earned, which nbgrader takes as the
cell's partial credit. Nothing here raises into the cell (an error or any stderr output
would make nbgrader give the cell 0 without a word), and nothing imports the reference:
expected values are the literals in the cell. Each call has a time limit; the student's
prints and warnings are kept out of the cell's output.
"""
from __future__ import annotations

import contextlib
import copy
import io
import json
import signal
import threading
import warnings

import numpy as np

from autograder import codec, feedback, grading, judge, stubbing
from autograder.checks import model

CALL_SECONDS = 5


class _TimeUp(BaseException):
    pass


def check(name: str, namespace: dict, data: str) -> float:
    """Grade the function ``name`` of ``namespace`` on the cases in ``data``; print; return points."""
    try:
        spec = model.from_json(data)
        hidden = bool(spec.cases) and all(c.hidden for c in spec.cases)
        func = namespace.get(name)
        note = _not_gradable(name, func)
        if note:
            result = grading.missing(spec, hidden, note)
        else:
            result = grading.grade(spec, _run(func, namespace, spec.cases), hidden)
        print(feedback.function_text(result, {m.id: m.message for m in spec.mistakes}))
        return result.score
    except BaseException as exc:  # the cell must end with a number, never an error
        print(f"✘ {name}: the check could not finish ({type(exc).__name__}); 0 points here.")
        return 0.0


def check_hand(namespace: dict, data: str):
    """Grade a hand-worked part (hidden data) or, without expected values, check its format."""
    try:
        part = json.loads(data)
        lines, right = [f"{part['title']}:"], 0
        for var, label, want in part["quantities"]:
            verdict = _hand_verdict(namespace.get(var), want, part, var)
            right += verdict.passed
            if not verdict.passed:
                lines.append(f"  • {var} ({label}): {verdict.reason}.")
                for m in verdict.mistakes[:1]:
                    lines.append(f"    Recognised mistake [{m}]: {part['messages'][m]}")
        total = len(part["quantities"])
        lines[0] += f" {right}/{total} {'correct' if part['graded'] else 'filled in'}"
        print("\n".join(lines))
        return round(part["points"] * right / total, 4) if part["graded"] else None
    except BaseException as exc:
        print(f"✘ the check could not finish ({type(exc).__name__}); 0 points here.")
        return 0.0 if "part" in dir() and part.get("graded") else None


def _hand_verdict(value, want, part, var):
    if value is None or value is Ellipsis:
        return judge.Verdict(False, "not filled in yet")
    if not part["graded"]:  # want is only the shape: () or (5,)
        shape = tuple(want)
        like = 0.0 if not shape else codec.Flat(shape, (0.0,) * shape[0])
        try:
            judge.convert(value, like)
        except judge.Reject as reject:
            return judge.Verdict(False, str(reject).replace("returned", "is"))
        return judge.Verdict(True)
    expected = codec.decode(want, arrays=False)
    mistakes = {m: codec.decode(v, arrays=False) for m, v in part["mistakes"].get(var, {}).items()}
    verdict = judge.judge(value, expected, part["rtol"], part["atol"], mistakes)
    return judge.Verdict(verdict.passed, verdict.reason.replace("returned", "is"), verdict.mistakes)


def _not_gradable(name, func) -> str:
    if func is None:
        return f"`{name}` is not defined: run the cell that defines it (and keep its name)."
    if not callable(func):
        return f"`{name}` is a {type(func).__name__}, not a function."
    module = getattr(func, "__module__", "__main__")
    if module not in ("__main__", None):
        return f"`{name}` comes from the module `{module}`; it must be written in this notebook."
    return ""


def _run(func, namespace, cases) -> list:
    """One Outcome per case; after a time-out the remaining cases are not run."""
    outcomes = []
    for case in cases:
        if outcomes and outcomes[-1].status in ("timeout", "not_run"):
            outcomes.append(grading.Outcome("not_run", reason="not run: an earlier case timed out"))
        else:
            outcomes.append(_call(func, namespace, case))
    return outcomes


def _call(func, namespace, case) -> grading.Outcome:
    args = copy.deepcopy(case.args)
    before = [codec.dumps(a) if _encodable(a) else None for a in args]
    sink = io.StringIO()
    try:
        with _limits(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
                stubbing.install(namespace, case.stubs):
            value = func(*args)
    except _TimeUp:
        return grading.Outcome("timeout", reason=f"timed out after {CALL_SECONDS} s")
    except BaseException as exc:
        text = str(exc).strip().splitlines()
        return grading.Outcome("raised", reason=f"raised {type(exc).__name__}" + (f": {text[0][:200]}" if text else ""))
    changed = tuple(i for i, (a, b) in enumerate(zip(args, before)) if b is not None and codec.dumps(a) != b)
    return grading.Outcome("ok", value, changed=changed)


def _encodable(value) -> bool:
    try:
        codec.encode(value)
        return True
    except TypeError:
        return False


@contextlib.contextmanager
def _limits():
    """Ignore warnings and NumPy floating-point errors; stop the call after CALL_SECONDS."""
    alarm = threading.current_thread() is threading.main_thread()
    if alarm:
        previous = signal.signal(signal.SIGALRM, _time_up)
        signal.setitimer(signal.ITIMER_REAL, CALL_SECONDS)
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            yield
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _time_up(signum, frame):
    raise _TimeUp()
