"""Grading inside a notebook's test cell (the nbgrader path).

A public test cell is one line, ``check("relu")``: the public cases come from the release's
data file (``cases``), the functions from the notebook's globals. A hidden test cell (in the
source notebook only: nbgrader removes it from the release) passes its cases inline,
``check("relu", globals(), data)``. The call prints the feedback and evaluates to the points
earned, which nbgrader takes as the cell's partial credit. Nothing here raises into the cell (an error or any stderr output
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

import sys

from . import cases, codec, feedback, grading, judge, later
from .stubs import install_stubs
from . import model

CALL_SECONDS = 5


class _TimeUp(BaseException):
    pass


def check(name: str, namespace: dict | None = None, data: str | None = None, assignment: str | None = None) -> float:
    """Grade the function ``name`` on the cases in ``data`` (default: the release's public cases);
    print the feedback; return the points. ``namespace`` defaults to the calling cell's globals."""
    try:
        namespace = _caller_globals() if namespace is None else namespace
        spec = cases.check(cases.load(assignment), name) if data is None else model.from_json(data)
        hidden = bool(spec.cases) and all(c.hidden for c in spec.cases)
        func = namespace.get(name)
        note = _not_gradable(name, func)
        if note:
            result = grading.missing(spec, hidden, note)
            note = ""
        else:
            missing = set()
            outcomes = _run(func, namespace, spec.cases, missing)
            outcomes, note = _with_later_definitions(name, func, namespace, spec.cases, outcomes, missing)
            result = grading.grade(spec, outcomes, hidden)
        print(feedback.function_text(result, {m.id: m.message for m in spec.mistakes}) + note)
        return result.score
    except BaseException as exc:  # the cell must end with a number, never an error
        print(f"✘ {name}: the check could not finish ({type(exc).__name__}); 0 points here.")
        return 0.0


def check_hand(namespace: dict, data: str):
    """Grade a hand-worked part (hidden data) or, without expected values, check its format."""
    try:
        part = json.loads(data)
        if part["graded"]:
            hand = model.HandPart(
                "part", part["title"], tuple((v, label, codec.decode(want, arrays=False)) for v, label, want in part["quantities"]),
                {v: {m: codec.decode(x, arrays=False) for m, x in per.items()} for v, per in part["mistakes"].items()},
                part["messages"], part["atol"], part["rtol"], 0.0, part["points"],
                {k: codec.decode(v, arrays=False) for k, v in part.get("data", {}).items()}, dict(part.get("formulas", {})))
            result = grading.grade_hand(hand, namespace)
            noted = any(c.note for c in result.cases)
            print(f"{part['title']}:\n" + feedback.function_text(result, part["messages"]).split("\n", 1)[-1]
                  if result.passed < len(result.cases) or noted else f"{part['title']}: all {len(result.cases)} correct")
            return result.score
        lines, filled = [], 0
        for var, label, shape in part["quantities"]:
            problem = _format_problem(namespace.get(var), tuple(shape))
            filled += not problem
            if problem:
                lines.append(f"  • {var} ({label}): {problem}.")
        print(f"{part['title']}: {filled}/{len(part['quantities'])} filled in" + "".join("\n" + x for x in lines))
        return None
    except BaseException as exc:
        print(f"✘ the check could not finish ({type(exc).__name__}); 0 points here.")
        return 0.0


def check_format(part_id: str, namespace: dict | None = None, assignment: str | None = None) -> None:
    """Are all the numbers of hand-worked part ``part_id`` filled in, with the right shapes? (No values.)"""
    try:
        namespace = _caller_globals() if namespace is None else namespace
        part = cases.hand(cases.load(assignment), part_id)
        print(format_text(part, namespace))
    except BaseException as exc:
        print(f"✘ the check could not finish ({type(exc).__name__}: {str(exc)[:300]})")


def format_text(part: dict, namespace: dict) -> str:
    """``part``: {"title", "quantities": [[variable, label, shape], …]}; one line per gap."""
    lines, filled = [], 0
    for var, label, shape in part["quantities"]:
        problem = _format_problem(namespace.get(var), tuple(shape))
        filled += not problem
        if problem:
            lines.append(f"  • {var} ({label}): {problem}.")
    return f"{part['title']}: {filled}/{len(part['quantities'])} filled in" + "".join("\n" + x for x in lines)


def _caller_globals() -> dict:
    """The globals of the notebook cell that called into this module."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__", "").endswith(("incell", "backprop_check")):
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}


def _format_problem(value, shape) -> str:
    if value is None or value is Ellipsis:
        return "not filled in yet"
    like = 0.0 if not shape else codec.Flat(shape, (0.0,) * shape[0])
    try:
        judge.convert(value, like)
    except judge.Reject as reject:
        return str(reject).replace("returned", "is")
    return ""


def _not_gradable(name, func) -> str:
    if func is None:
        return f"`{name}` is not defined: run the cell that defines it (and keep its name)."
    if not callable(func):
        return f"`{name}` is a {type(func).__name__}, not a function."
    module = getattr(func, "__module__", "__main__")
    if module not in ("__main__", None):
        return f"`{name}` comes from the module `{module}`; it must be written in this notebook."
    return ""


def _run(func, namespace, cases, missing=None) -> list:
    """One Outcome per case; after a time-out the remaining cases are not run. Names whose
    lookup raised NameError go into ``missing``."""
    outcomes = []
    for case in cases:
        if outcomes and outcomes[-1].status in ("timeout", "not_run"):
            outcomes.append(grading.Outcome("not_run", reason="not run: an earlier case timed out"))
        else:
            outcomes.append(_call(func, namespace, case, missing))
    return outcomes


def _with_later_definitions(name, func, namespace, cases, outcomes, missing):
    """(outcomes, a note for the feedback): when calls raised NameError for names no earlier
    cell defined, grade again with the definitions of the answer cells below this test cell
    (see ``later``): nbgrader runs the test cell before them, the notebook as a whole has them."""
    missing = {m for m in missing if isinstance(m, str) and m not in namespace}
    if not missing:
        return outcomes, ""
    nb, why = later.find_notebook(name)
    found = {}
    if nb is not None:
        with _limits(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            found = later.definitions(nb, name, missing, namespace)
    supplied = sorted(missing & set(found))
    if not supplied:
        if why:
            return outcomes, f"\n  (Your code uses {_names(missing)}, not defined above this cell; {why}, so cells below were not looked at.)"
        return outcomes, ""
    home = getattr(func, "__globals__", None)   # where the function looks its names up (the cell's globals)
    home = home if isinstance(home, dict) else namespace
    added = [k for k in found if k not in home]
    try:
        for k in added:
            home[k] = found[k]
        outcomes = _run(func, namespace, cases)
    finally:
        for k in added:
            home.pop(k, None)
    return outcomes, (f"\n  Note: `{name}` uses {_names(supplied)}, defined in a later cell of your notebook; this check "
                      "ran your definition from there (a graded notebook runs top to bottom, so this cell comes first).")


def _names(names) -> str:
    return ", ".join(f"`{n}`" for n in sorted(names))


def _call(func, namespace, case, missing=None) -> grading.Outcome:
    args = copy.deepcopy(case.args)
    before = [codec.dumps(a) if _encodable(a) else None for a in args]
    sink = io.StringIO()
    try:
        with _limits(), contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
                install_stubs(namespace, case.stubs):
            value = func(*args)
    except _TimeUp:
        return grading.Outcome("timeout", reason=f"timed out after {CALL_SECONDS} s")
    except BaseException as exc:
        if missing is not None and isinstance(exc, NameError) and isinstance(getattr(exc, "name", None), str):
            missing.add(exc.name)
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
def _limits(seconds: float = CALL_SECONDS):
    """Ignore warnings and NumPy floating-point errors; stop the call after ``seconds``."""
    alarm = threading.current_thread() is threading.main_thread()
    if alarm:
        previous = signal.signal(signal.SIGALRM, _time_up)
        signal.setitimer(signal.ITIMER_REAL, seconds)
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
