"""Code appended to a submission in the sandbox: the hand-worked answers, then each
function's cases in one call.

``__grader_values__(names)`` reads module-level answers (hand-worked parts) and the notes of
statements that failed while loading; the grader calls it first, before anything holding a
reference value is sent into the job (see plan.py). ``__grader_all__(functions, seconds)``
runs ``__grader_batch__`` for every function in one call (the usual path).
``__grader_batch__(name, cases, seconds)`` calls the student's function on every case in turn, each with its stub table
installed and a CPU-time alarm of ``seconds`` (ITIMER_PROF: a busy neighbour's load does not
count); after a case times out the function's remaining cases are not run. Each case's
plain record, (status, reason, value, arguments after the call or None), is reported as one
step of the stepped sandbox call (``__sandbox_step__``), so the supervisor enforces the same
per-case limit from outside even if the student's code blocks or ignores the alarm, and
keeps the records already reported. The stubbing module's source is embedded and executed
in a private namespace, so nothing here collides with the student's names; the probes are
appended after the student's code, so it cannot replace them before they are defined.
Everything runs in the sandbox: a submission that tampers with them only spoils its own
results.
"""
from __future__ import annotations

from pathlib import Path

_STUBBING = (Path(__file__).resolve().parents[1] / "student" / "stubs.py").read_text(encoding="utf-8")

SOURCE = '''

__grader_private__ = {"__name__": "__grader_stubbing__"}
exec(%r, __grader_private__)   # once, at load: every call's process inherits it


def __grader_batch__(__name, __cases, __seconds):
    import contextlib, io, signal
    install = __grader_private__["install_stubs"]
    namespace = globals()
    step = namespace.get("__sandbox_step__")   # the sandbox's, put there for this call
    out = []

    def report(record):
        if step is None:
            out.append(record)
            return
        try:
            step(record)
        except BaseException as exc:
            step(("unserialisable", "the returned value could not be sent (%%s)" %% type(exc).__name__, None, None))
        out.append(record[:1])

    function = namespace.get(__name)
    if not callable(function):
        why = "function `%%s` is not defined" %% __name
        for _ in __cases:
            report(("missing", why, None, None))
        return out if step is None else len(out)

    class TimeUp(BaseException):
        pass

    def ring(signum, frame):
        raise TimeUp()

    signal.signal(signal.SIGPROF, ring)
    for args, table, unchanged in __cases:
        if out and out[-1][0] in ("timeout", "not_run"):
            report(("not_run", "not run: an earlier case timed out", None, None))
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                signal.setitimer(signal.ITIMER_PROF, __seconds)
                try:
                    with install(namespace, {k: [(tuple(a), r) for a, r in v] for k, v in table.items()}):
                        value = function(*args)
                finally:
                    signal.setitimer(signal.ITIMER_PROF, 0)
            record = ("ok", "", __grader_plain__(value), __grader_plain__(args) if unchanged else None)
        except TimeUp:
            record = ("timeout", "timed out (limit per case: %%g s of CPU time, %%g s in all)" %% (__seconds, 3 * __seconds + 2), None, None)
        except SystemExit as exc:
            record = ("exited", "the function called sys.exit(%%s)" %% str(exc.code)[:40], None, None)
        except BaseException as exc:
            text = str(exc).strip().splitlines()
            record = ("raised", "raised " + type(exc).__name__ + (": " + text[0][:200] if text else ""), None, None)
        report(record)
    return out if step is None else len(out)


def __grader_plain__(value, depth=0):
    import numpy
    if depth > 20:
        return {"__unsupported__": "nesting deeper than 20"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, numpy.ndarray):
        if value.dtype.kind in "biuf":
            return numpy.ndarray.astype(value, numpy.float64).view(numpy.ndarray)
        return {"__unsupported__": "array of " + str(value.dtype)}
    if isinstance(value, (numpy.number, numpy.bool_)):
        return float(value)
    if isinstance(value, (list, tuple)):
        items = [__grader_plain__(v, depth + 1) for v in list(value)[:100000]]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        return {str(k): __grader_plain__(v, depth + 1) for k, v in list(value.items())[:1000]}
    if hasattr(type(value), "__float__"):
        try:
            return float(value)
        except BaseException:
            pass
    return {"__unsupported__": type(value).__name__}


def __grader_all__(__functions, __seconds):
    return [__grader_batch__(name, cases, __seconds) for name, cases in __functions]


def __grader_values__(__names):
    found = {n: __grader_plain__(globals().get(n)) for n in __names}
    notes = [str(n)[:200] for n in list(globals().get("__load_problems__", []))[:50]]
    notes.sort(key=lambda n: "ModuleNotFoundError" not in n)   # a missing module first
    return found, notes[:5]
''' % (_STUBBING,)
