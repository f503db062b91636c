"""Code appended to a submission in the sandbox: each function's cases in one call.

``__grader_all__(names, functions, seconds)`` does everything in one call: the hand-worked
answers, then every function's cases (the usual path: one process per submission).
``__grader_batch__(name, cases, seconds)`` calls the student's function on every case in
turn, each with its stub table installed and a time limit; after a case times out the
function's remaining cases are not run. It returns one plain record per case:
(status, reason, value, arguments after the call or None). ``__grader_values__(names)``
reads module-level answers (hand-worked parts) and the notes of statements that failed
while loading. The stubbing module's source is embedded and executed in a private
namespace, so nothing here collides with the student's names; the probes are appended
after the student's code, so it cannot replace them before they are defined. Everything
runs in the sandbox: a submission that tampers with them only spoils its own results.
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
    function = namespace.get(__name)
    if not callable(function):
        why = "function `%%s` is not defined" %% __name
        return [("missing", why, None, None) for _ in __cases]

    class TimeUp(BaseException):
        pass

    def ring(signum, frame):
        raise TimeUp()

    signal.signal(signal.SIGALRM, ring)
    out = []
    for args, table, report in __cases:
        if out and out[-1][0] in ("timeout", "not_run"):
            out.append(("not_run", "not run: an earlier case timed out", None, None))
            continue
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                signal.setitimer(signal.ITIMER_REAL, __seconds)
                try:
                    with install(namespace, {k: [(tuple(a), r) for a, r in v] for k, v in table.items()}):
                        value = function(*args)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            out.append(("ok", "", __grader_plain__(value), __grader_plain__(args) if report else None))
        except TimeUp:
            out.append(("timeout", "timed out after %%g s" %% __seconds, None, None))
        except SystemExit as exc:
            out.append(("exited", "the function called sys.exit(%%s)" %% str(exc.code)[:40], None, None))
        except BaseException as exc:
            text = str(exc).strip().splitlines()
            out.append(("raised", "raised " + type(exc).__name__ + (": " + text[0][:200] if text else ""), None, None))
    return out


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


def __grader_all__(__names, __functions, __seconds):
    values = __grader_values__(__names)
    return values, [__grader_batch__(name, cases, __seconds) for name, cases in __functions]


def __grader_values__(__names):
    found = {n: __grader_plain__(globals().get(n)) for n in __names}
    notes = globals().get("__load_problems__", [])
    return found, [str(n)[:200] for n in list(notes)[:5]]
''' % (_STUBBING,)
