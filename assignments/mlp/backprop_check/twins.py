"""The right value of the other task: a case's twin is the same call with the other `task`.

mlp's hidden cases come in pairs (regression, classification) with the same params, X and
activation. When every failed case that has a twin returned its twin's right value, the task
check is inverted (or one task is fixed): said in the course's words, no number shown.
NumPy and the standard library only.
"""
from __future__ import annotations

from .codec import encode
from .relations import read as read_as
from .relations import same, values


def other_task(cases, claimed, names) -> str:
    """Every failed case returned the right value of its twin case, the same call for the other
    task (regression ↔ classification): the task check inverted, or one task fixed."""
    if "task" not in names:
        return ""
    t = names.index("task")
    tasks, alone = set(), 0
    for case, raw in claimed:
        if t >= len(case.args) or not isinstance(case.args[t], str):
            return ""
        twins = [c for c in cases if c is not case and len(c.args) == len(case.args) and isinstance(c.args[t], str)
                 and c.args[t] != case.args[t] and all(_equal(a, b) for k, (a, b) in enumerate(zip(c.args, case.args)) if k != t)]
        if not twins:
            alone += 1
            continue
        if not any(_right(raw, c.expected) for c in twins):
            return ""
        tasks.add((case.args[t], twins[0].args[t]))
    if alone == len(claimed) or len(claimed) - alone < 2:
        return ""
    every = "on every failed case" if not alone else "on every failed case that has a twin (the same call for the other task)"
    if len(tasks) == 2 and {a for a, _ in tasks} == {b for _, b in tasks}:
        return (f"{every} it returns the right value for the other task (regression ↔ classification: "
                "the softmax output and the linear one exchanged): the task check is inverted")
    if len(tasks) == 1:
        mine, other = tasks.pop()
        which = f"on the failed task = '{mine}' cases" + (" that have a twin" if alone else "")
        return (f"{which} it returns the right value for task = '{other}': the `task` it was given "
                f"is not what decides the output")
    return ""



def _equal(a, b) -> bool:
    try:
        return encode(a) == encode(b)
    except Exception:
        return False


def _right(raw, expected) -> bool:
    g = read_as(raw, expected)
    return g is not None and same(values(g), values(expected), 1e-6, 1e-9)
