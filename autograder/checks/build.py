"""Building checks from a reference module and a slip-flagged twin of it (shared by assignments).

For one call of a contract function this computes, once, everything a check needs: the
expected value (the reference's), the stub table of the other contract functions (traced
from the reference), and what every known mistake returns on the same arguments (the slip
network's), keeping only mistakes that show there.
"""
from __future__ import annotations

from autograder.student import codec
from autograder.checks import tracing
from autograder.student.model import Case
from autograder.student.judge import close


def case(reference, functions, name, args, label, hidden, mistakes, make_net, unchanged=()) -> Case:
    """A Case for ``reference.name(*args)``.

    ``mistakes`` maps a mistake id to (message, [slips, …]): each set of slips is one way to
    make that mistake, and ``make_net(slips)`` is the network that makes exactly those slips.
    """
    expected, stubs = tracing.record(reference, functions, name, args)
    expected = codec.plain(expected)
    outputs = {}
    for mistake_id, (_, forms) in mistakes.items():
        seen = {}
        for slips in forms:
            try:
                out = codec.plain(getattr(make_net(slips), name)(*args))
            except Exception:  # a slip that makes the call itself fail shows as a raise, not a value
                continue
            if not close(out, expected, 1e-6, 1e-9) if _same_shape(out, expected) else True:
                seen.setdefault(codec.dumps(out), out)
        for k, out in enumerate(seen.values()):
            outputs[mistake_id if k == 0 else f"{mistake_id}#{k}"] = out
    return Case(tuple(args), expected, label, hidden, stubs, outputs, tuple(unchanged))


def _same_shape(a, b) -> bool:
    from autograder.student.judge import Reject, convert
    try:
        convert(a, b)
        return True
    except Reject:
        return False
