"""From checks to the calls a submission must answer in the sandbox, and back.

The calls, in order (all in one sandbox job; each call runs in its own process forked from
the loaded submission, see autograder.sandbox):

1. ``__grader_values__(names)``: the hand-worked answers (module-level variables) and the
   load notes, read and converted to plain values in a call whose arguments are only the
   variable names, BEFORE any stub table or other reference value has been sent into the
   job: nothing the student's code can search (frames, ``gc.get_objects()``, /scratch) holds
   one while its ``__float__``/``__iter__``/... run. Later calls cannot change these values.
2. ``__grader_all__(functions, seconds)``: every function's cases in one *stepped* sandbox
   call (``levels``): the probe reports each case's record as one step, and the supervisor,
   outside the job, stops a case that uses more than ``seconds`` of the job's CPU time
   (cgroup) or 3 x that + 2 s of wall time, whatever the student's code did to signals,
   timers or the interpreter. That is safe because every function's hidden cases are drawn
   for it alone: no function's hidden inputs or answers appear in another function's cases
   or stub tables (tests/test_checks_independence.py).
When that call does not come back whole (a case overran from outside, the process exited,
crashed, ran out of memory or flooded its output) the submission is run again with one
stepped call per function (``calls``): there the records reported before the failure are
kept, the case that failed gets the call's status, the function's later cases "not_run",
and only the function that did it loses points. A case that must leave an argument
unchanged asks the probe for the arguments as they were after the call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from autograder.student import codec
from autograder.grader.probes import SOURCE as PROBES  # noqa: F401  (appended to every submission)
from autograder.student.grading import Outcome
from autograder.sandbox import Call, environment

CASE_SECONDS = 2.0


@dataclass(frozen=True)
class Plan:
    levels: tuple         # the sandbox Call(s) of the usual path (today one: everything)
    sizes: tuple          # how many checks each of those calls answers, in the checks' order
    calls: tuple          # the fallback: hand values, then one Call per check
    variables: tuple      # the hand-worked answers' variable names, in order


def make(checks, parts, case_seconds: float = CASE_SECONDS) -> Plan:
    variables = list(var for part in parts for var, _, _ in part.quantities)
    values = Call("__grader_values__", (variables,))
    functions = []
    for check in checks:
        cases = [(list(case.args), {name: [[list(a), r] for a, r in table] for name, table in case.stubs.items()},
                  bool(case.unchanged)) for case in check.cases]
        functions.append((check.function, cases))
    calls = [values] + [Call("__grader_batch__", (name, cases, case_seconds), step_seconds=case_seconds)
                        for name, cases in functions]
    levels = (values, Call("__grader_all__", (functions, case_seconds), step_seconds=case_seconds))
    return Plan(levels, (len(checks),), tuple(calls), tuple(variables))


def answers(plan: Plan, outcome, checks):
    """(values answer, [one batch answer per check, in the checks' order]), or None when the
    all-functions call did not come back whole (then run ``plan.calls``)."""
    calls = outcome.calls
    if len(calls) == len(plan.calls) and len(calls) != len(plan.levels):
        return calls[0], list(calls[1:])
    if len(calls) != len(plan.levels):
        return None
    values, everything = calls
    sizes = [len(check.cases) for check in checks]
    steps = tuple(getattr(everything, "steps", ()) or ())
    if everything.status != "ok" or len(steps) != sum(sizes):
        return None
    out, at = [], 0
    for n in sizes:
        out.append(_Answer("ok", None, steps=steps[at:at + n]))
        at += n
    return values, out


@dataclass(frozen=True)
class _Answer:
    status: str
    value: object
    reason: str = ""
    steps: tuple = ()


def hand_values(answer) -> tuple:
    """({variable: value}, [load notes]) from the values answer; a note of an import the
    sandbox does not provide becomes one line naming the module and what is provided."""
    if answer.status == "ok" and _pair(answer.value) and isinstance(answer.value[0], dict):
        values, notes = answer.value
        return dict(values), [_note(str(n)) for n in notes if isinstance(n, str)][:5]
    return {}, []


_MISSING = re.compile(r"^(?P<what>.*?) raised ModuleNotFoundError: No module named '(?P<name>[\w.]{1,80})'")


def _note(note: str) -> str:
    found = _MISSING.match(note)
    if not found:
        return note
    return (f"`{found['what']}` failed: the module `{found['name']}` is not available when grading "
            f"(available: {environment.describe()})")


def case_outcomes(check, call) -> list:
    """One grading Outcome per case of ``check`` from its batch call: the records the call
    reported as steps (or returned, for an unstepped call), then, when the call stopped
    early, its status for the case it was on and "not_run" for the rest."""
    n = len(check.cases)
    records = list(getattr(call, "steps", ()) or ())
    if not records and call.status == "ok" and isinstance(call.value, (list, tuple)):
        records = list(call.value)
    if len(records) > n:
        return [Outcome("protocol", reason="the submission's answers could not be read")] * n
    out = [_outcome(case, record) for case, record in zip(check.cases, records)]
    if len(out) < n:
        if call.status == "ok":
            out.append(Outcome("protocol", reason="the submission's answers could not be read"))
        else:
            out.append(Outcome(call.status, reason=call.reason or call.status))
        why = "not run: an earlier case " + ("timed out" if call.status == "timeout" else
                                             "stopped the function's process: %s" % (call.reason or call.status))
        out += [Outcome("not_run", reason=why)] * (n - len(out))
    return out


def _outcome(case, record) -> Outcome:
    if not isinstance(record, (list, tuple)) or len(record) != 4 or not isinstance(record[0], str):
        return Outcome("protocol", reason="the submission's answer could not be read")
    status, reason, value, after = record
    if status != "ok":
        return Outcome(status, reason=str(reason)[:300])
    if isinstance(value, dict) and set(value) == {"__unsupported__"}:
        return Outcome("ok", _stand_in(str(value["__unsupported__"])))
    changed = ()
    if case.unchanged and isinstance(after, (list, tuple)):
        changed = tuple(i for i in case.unchanged if i < len(after) and _dump(after[i]) != _dump(case.args[i]))
    return Outcome("ok", value, changed=changed)


def _stand_in(type_name: str):
    """An empty object of a class named like what was returned: the judge rejects it by that name."""
    name = type_name if type_name.isidentifier() else "object"
    return type(name, (), {})()


def _pair(value) -> bool:
    return isinstance(value, (tuple, list)) and len(value) == 2


def _dump(value):
    try:
        return codec.dumps(value)
    except TypeError:
        return repr(type(value))
