"""No function's hidden inputs or hidden answers appear in another function's cases or stubs.

Our grader runs a submission's functions in one process, one after another; this property is
what makes that safe: while one function runs, nothing in the process (other functions'
arguments, their stub tables of reference values) holds its hidden answers to replay.
"""
import numpy as np
import pytest

from autograder import assignments
from autograder.student.codec import Flat
from autograder.student.judge import leaves


def arrays(tree):
    """Every array leaf (as rounded bytes) and number leaf of a value tree, args or results."""
    if isinstance(tree, dict):
        for v in tree.values():
            yield from arrays(v)
    elif isinstance(tree, (list, tuple)):
        for v in tree:
            yield from arrays(v)
    elif isinstance(tree, Flat):
        yield np.round(np.array(tree.values, dtype=float), 9).tobytes()
    elif isinstance(tree, np.ndarray):
        yield np.round(tree.astype(float).ravel(), 9).tobytes()


def key(args):
    return repr(list(arrays(args)))


@pytest.mark.parametrize("assignment", ["tutorial_net", "mlp"])
def test_hidden_inputs_are_not_stubbed_elsewhere(assignment):
    checks = assignments.checks(assignment)
    hidden_inputs = {c.function: {key(case.args) for case in c.cases if case.hidden} for c in checks}
    for other in checks:
        for case in other.cases:
            for name, table in case.stubs.items():
                for args, _ in table:
                    assert key(args) not in hidden_inputs.get(name, set()), (other.function, name)


@pytest.mark.parametrize("assignment", ["tutorial_net", "mlp"])
def test_hidden_answers_do_not_appear_in_other_functions_data(assignment):
    checks = assignments.checks(assignment)
    for check in checks:
        secret = set()
        for case in check.cases:
            if case.hidden:  # arrays it computes with 2+ distinct values besides 0 and ±1 (not its inputs echoed)
                own = set(arrays(case.args))
                secret |= {a for a in arrays(case.expected) if a not in own
                           and len(set(np.frombuffer(a)) - {0.0, 1.0, -1.0}) >= 2}
        for other in checks:
            if other is check:
                continue
            for case in other.cases:
                seen = set(arrays(case.args)) | {a for table in case.stubs.values() for entry in table for a in arrays(entry)}
                assert not (secret & seen), (check.function, other.function, case.label)
