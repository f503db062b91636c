"""From checks to the calls a submission must answer in the sandbox, and back.

One sandbox call answers everything (``make``'s ``levels``, a single call today): the
hand-worked answers first, then every function with all its cases, in the checks' order (see
probes.py), as in a notebook kernel where every test cell runs in one process. That is safe
because every function's hidden cases are drawn for it alone: no function's hidden inputs or
answers appear in another function's cases or stub tables (tests/test_checks_independence.py),
so nothing in the process while one function runs holds that function's hidden answers.
When the call does not come back (the process exited, crashed, ran out of memory or flooded
its output) the submission is run again with one call per function (``calls``), so that
only the function that did it loses its points. A case that must leave an argument
unchanged asks the probe for the arguments as they were after the call.
"""
from __future__ import annotations

from dataclasses import dataclass

from autograder.student import codec
from autograder.grader.probes import SOURCE as PROBES  # noqa: F401  (appended to every submission)
from autograder.student.grading import Outcome
from autograder.sandbox import Call

CASE_SECONDS = 2.0


@dataclass(frozen=True)
class Plan:
    levels: tuple         # the sandbox Call(s) of the usual path (today one: everything)
    sizes: tuple          # how many checks each of those calls answers, in the checks' order
    calls: tuple          # the fallback: hand values, then one Call per check
    variables: tuple      # the hand-worked answers' variable names, in order


def make(checks, parts, case_seconds: float = CASE_SECONDS) -> Plan:
    variables = list(var for part in parts for var, _, _ in part.quantities)
    functions = []
    for check in checks:
        cases = [(list(case.args), {name: [[list(a), r] for a, r in table] for name, table in case.stubs.items()},
                  bool(case.unchanged)) for case in check.cases]
        functions.append((check.function, cases))
    calls = [Call("__grader_values__", (variables,))]
    calls += [Call("__grader_batch__", (name, cases, case_seconds)) for name, cases in functions]
    groups = [list(range(len(checks)))]
    levels = tuple(Call("__grader_all__", (variables if k == 0 else [], [functions[i] for i in group], case_seconds))
                   for k, group in enumerate(groups))
    return Plan(levels, tuple(len(g) for g in groups), tuple(calls), tuple(variables))


def answers(plan: Plan, outcome, checks):
    """(values answer, [one batch answer per check, in the checks' order]), or None when a
    level's call did not come back whole (then run ``plan.calls``)."""
    calls = outcome.calls
    if len(calls) == len(plan.calls):
        return calls[0], list(calls[1:])
    batches, values = {}, None
    groups = [list(range(len(checks)))]
    for call, group in zip(calls, groups):
        if call.status != "ok" or not _pair(call.value) or not isinstance(call.value[1], (list, tuple)) \
                or len(call.value[1]) != len(group):
            return None
        values = call.value[0] if values is None else values
        batches.update({i: _Answer("ok", b) for i, b in zip(group, call.value[1])})
    return _Answer("ok", values), [batches[i] for i in range(len(checks))]


@dataclass(frozen=True)
class _Answer:
    status: str
    value: object
    reason: str = ""


def hand_values(answer) -> tuple:
    """({variable: value}, [load notes]) from the values answer."""
    if answer.status == "ok" and _pair(answer.value) and isinstance(answer.value[0], dict):
        values, notes = answer.value
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
