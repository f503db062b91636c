"""Turning a call's observations into a status and a one-line, plain-English reason.

Standalone (standard library + the sibling `wire`). Used by the supervisor; the inputs are the
supervisor's own verdict (deadline or cap hit), the submission process's untrusted report (exit
status, signal, CPU time) and the call's result bytes, which must be exactly one frame with the
call's nonce (`wire.unpack_result`) or the call is a "protocol" error.
"""
import signal

try:
    from . import wire
except ImportError:  # loaded by path inside the zygote
    import _sandbox_wire as wire

SIGNAL_NAMES = {getattr(signal, n): n for n in dir(signal)
                if n.startswith("SIG") and not n.startswith("SIG_") and n not in
                ("SIGIOT", "SIGCLD", "SIGPOLL")}
FROM_CALL = {"ok", "raised", "missing", "unserialisable", "exited", "memory", "too_large",
             "protocol"}


def size_text(n):
    return "%d MiB" % (n >> 20) if n >= 1 << 20 and not n % (1 << 20) else (
        "%d KiB" % (n >> 10) if n >= 1 << 10 and not n % (1 << 10) else "%d bytes" % n)


def seconds_text(x):
    return ("%g" % x) + " s"


def judge_call(report, result, nonce, job, limits):
    """Status, reason and value bytes of a call from L's report and G's result frame."""
    verdict = report.get("verdict")
    if verdict == "timeout":
        return "timeout", "timed out after %s" % seconds_text(limits["wall_seconds"]), b""
    if verdict == "step_timeout":
        return "timeout", report.get("step_why") or "timed out", b""
    if verdict == "output_limit":
        return ("output_limit",
                "printed more than %s of output" % size_text(limits["output_bytes"]), b"")
    if verdict == "too_large":
        return "too_large", "the returned value is too large (over %s encoded)" % size_text(
            limits["result_bytes"]), b""
    if result:
        try:
            status, reason, value = wire.unpack_result(result, nonce, limits["result_bytes"])
        except wire.WireError:
            return ("protocol", "the result could not be read: something other than the grader "
                    "wrote to the result channel", b"")
        if status not in FROM_CALL:
            return "protocol", "the result had an unknown status", b""
        return status, " ".join(reason.split())[:500], value if status == "ok" else b""
    sig, code, cpu = report.get("signal"), report.get("exit"), report.get("cpu")
    if type(sig) is int:
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and type(cpu) is float
                                     and cpu >= job["call_cpu"][0]):
            return "timeout", "used more than %s of CPU time" % seconds_text(
                limits["cpu_seconds"]), b""
        return "crashed", "the process crashed (%s)" % SIGNAL_NAMES.get(sig, "signal %d" % sig), b""
    if type(code) is int:
        return ("exited", "the process exited with code %d before returning (sys.exit/os._exit)"
                % code, b"")
    return "crashed", "the call ended without a result", b""
