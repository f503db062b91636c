"""From checks to the calls a submission must answer in the sandbox, and back.

One sandbox call reads the hand-worked answers first (before any stub table has shown the
submission a reference value), then one call per function, in the checks' order (each
function before those whose stubs reveal its outputs), runs all of that function's cases
through the probes (see probes.py). A case that must leave an argument unchanged asks the
probe for the arguments as they were after the call.
"""
from __future__ import annotations

from dataclasses import dataclass

from autograder import codec
from autograder.grader.probes import SOURCE as PROBES  # noqa: F401  (appended to every submission)
from autograder.grading import Outcome
from autograder.sandbox import Call

CASE_SECONDS = 2.0


@dataclass(frozen=True)
class Plan:
    calls: tuple          # sandbox Calls: hand values, then one per check
    variables: tuple      # the hand-worked answers' variable names, in order


def make(checks, parts, case_seconds: float = CASE_SECONDS) -> Plan:
    variables = tuple(var for part in parts for var, _, _ in part.quantities)
    calls = [Call("__grader_values__", (list(variables),))]
    for check in checks:
        cases = [(list(case.args), {name: [[list(a), r] for a, r in table] for name, table in case.stubs.items()},
                  bool(case.unchanged)) for case in check.cases]
        calls.append(Call("__grader_batch__", (check.function, cases, case_seconds)))
    return Plan(tuple(calls), variables)


def hand_values(plan: Plan, outcome) -> tuple:
    """({variable: value}, [load notes]) from the first call's answer."""
    first = outcome.calls[0]
    if first.status == "ok" and _pair(first.value) and isinstance(first.value[0], dict):
        values, notes = first.value
        return dict(values), [str(n) for n in notes if isinstance(n, str)][:5]
    return {}, []


def case_outcomes(check, call) -> list:
    """One grading Outcome per case of ``check`` from its batch call's result."""
    n = len(check.cases)
    if call.status != "ok":
        return [Outcome(call.status, reason=call.reason or call.status)] * n
    records = call.value
    if not isinstance(records, (list, tuple)) or len(records) != n:
        return [Outcome("protocol", reason="the submission's answers could not be read")] * n
    return [_outcome(case, record) for case, record in zip(check.cases, records)]


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
