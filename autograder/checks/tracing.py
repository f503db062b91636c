"""Record the calls a reference function makes to the other contract functions.

When a student's ``example_gradient`` is graded, the ``forward``, ``delta_yhat`` … it calls
must behave like the reference, so that one mistake costs once. The grader never hands the
reference to the student's process; it hands over a table instead: every (arguments →
result) pair the reference made while computing the case, recorded here.
"""
from __future__ import annotations

import copy

from autograder.student import codec


def record(module, names, function: str, args: tuple):
    """Call ``module.function(*args)`` and return (result, {name: ((args, result), …)}).

    Every call made meanwhile to one of ``names`` (other than ``function``) through the
    module's globals is recorded once per distinct argument values.
    """
    originals = {name: getattr(module, name) for name in names}
    table: dict = {}

    def wrap(name, original):
        def recorded(*call_args):
            result = original(*call_args)
            key = codec.dumps(call_args)
            table.setdefault(name, {}).setdefault(key, (copy.deepcopy(call_args), copy.deepcopy(result)))
            return result
        return recorded

    for name, original in originals.items():
        if name != function:
            setattr(module, name, wrap(name, original))
    try:
        result = originals[function](*copy.deepcopy(args))
    finally:
        for name, original in originals.items():
            setattr(module, name, original)
    return result, {name: tuple(calls.values()) for name, calls in sorted(table.items())}
