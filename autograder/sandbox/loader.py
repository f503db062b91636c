"""The submission process ("template", L) and the per-call processes (G). Runs student code.

Standalone (standard library + numpy + the sibling standalone modules).

L is forked by the job supervisor S right after S created a fresh PID + mount namespace, so L is
PID 1 of its own PID namespace: other processes in it cannot signal it (the kernel drops
signals to a namespace's init unless it installed a handler), and when L dies the kernel kills
everything left in the namespace. `setup` makes L: stdio = /dev/null + S's output pipe, the
channel to S on fd 3 and nothing else open; rlimits; privileges dropped (root mode: a per-job
uid/gid, no groups, hence no capabilities; user mode: every capability set emptied);
no_new_privs; the seccomp deny-list (`seccomp`); not dumpable (no ptrace or /proc/<pid>/mem
by the job's other processes);
a fixed small environment; cwd /scratch; isolated sys.path.

L executes the source once in a fresh module namespace (`submission`) and then is only a
template: for each "call" from S (which arrives with the call's result and output pipes,
created by S, attached as SCM_RIGHTS) it decodes the arguments, forks G, waits for it, kills
*every* other process of the namespace (`kill(-1, SIGKILL)` from the namespace's init: all of
the call's processes, daemons included, and nothing else) and reaps them, and reports G's exit
status and CPU time. G puts the output pipe on fds 1/2 and the result pipe on fd 3 (so it no
longer holds L's channel), closes everything else, installs the stubs, calls the function and
writes one result frame (`wire.pack_result`, carrying S's per-call nonce) before `os._exit`.
S watches those pipes, the deadline and the caps itself; to stop a call early it sends L
SIGUSR1, whose handler is that same `kill(-1, SIGKILL)`. Without a PID namespace (fallback
mode) L is a child subreaper and kills its descendants found through /proc instead.

The per-call work in L is deliberately tiny: every fork write-protects L's memory, so
whatever L touches between forks costs a page fault (this dominated the per-call cost when L
also did the monitoring). L's reports are untrusted by S: the submission's top-level code runs
in L and may subvert it, which can only affect that submission's own results.
"""
import builtins
import io
import os as _real_os
import resource
import signal as _real_signal
import socket as _real_socket
import sys
import types

# Snapshots: the submission's top-level code may monkeypatch os/signal/socket (deliberately or
# not); this module keeps using the functions as they were when the zygote loaded it.
os = types.SimpleNamespace(**vars(_real_os))
signal = types.SimpleNamespace(**vars(_real_signal))
socket = types.SimpleNamespace(**vars(_real_socket))

try:
    from . import confine, seccomp, wire
    from ..student import stubs
except ImportError:  # loaded by path inside the zygote
    import _sandbox_confine as confine
    import _sandbox_seccomp as seccomp
    import _sandbox_stubs as stubs
    import _sandbox_wire as wire

_setrlimit, _RLIMIT_CPU = resource.setrlimit, resource.RLIMIT_CPU
CHANNEL_FD = 3
RESULT_FD = 3
_MAXFD = 1 << 20
_module = None
_job = None


def _text_stream(fd):
    return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding="utf-8",
                            errors="backslashreplace", line_buffering=True)


def _flush_stdio():
    for stream in (_job["stdout"], _job["stderr"]):
        try:
            stream.flush()
        except Exception:
            pass


def _exit_builtin(code=None):
    raise SystemExit(code)


def setup(job, channel_fd, output_fd):
    """Confine this process (L); see module docstring. `job` comes from the supervisor."""
    global _job
    _job = job
    os.setsid()   # own session and process group: kill(0)/killpg reach only this job
    confine.set_name("sbx-submission")
    hi_chan, hi_out = os.dup(channel_fd), os.dup(output_fd)
    os.dup2(hi_out, 1)
    os.dup2(hi_out, 2)
    os.dup2(hi_chan, CHANNEL_FD)
    try:
        null = os.open("/dev/null", os.O_RDONLY)
    except OSError:
        null = os.pipe()[0]
    os.dup2(null, 0)
    os.closerange(CHANNEL_FD + 1, _MAXFD)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    confine.set_rlimits(job["rlimits"])
    if job["mode"] == "none":
        confine.child_subreaper()
    if job["uid"] is not None:
        confine.drop_privileges(job["uid"], job["gid"])
    elif job["mode"] != "none" or os.geteuid() != 0:
        confine.drop_capabilities()
    confine.no_new_privs()
    if seccomp.SUPPORTED:
        seccomp.install()
    confine.not_dumpable()
    confine.parent_death_signal(signal.SIGKILL)
    os.environ.clear()
    os.environ.update(job["env"])
    os.chdir(job["cwd"])
    job["stdout"], job["stderr"] = _text_stream(1), _text_stream(2)
    sys.stdout, sys.stderr = job["stdout"], job["stderr"]
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
    sys.path[:] = job["sys_path"]
    sys.argv[:] = ["submission"]
    builtins.exit = builtins.quit = _exit_builtin


def _describe(exc):
    """'ZeroDivisionError: division by zero (line 12)' without trusting the exception."""
    try:
        name = type.__dict__["__name__"].__get__(type(exc))
    except Exception:
        name = "exception"
    try:
        message = str(exc)
    except BaseException:
        message = "<message could not be shown>"
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<submission>":
            line = tb.tb_lineno
        tb = tb.tb_next
    text = name + (": " + message if message else "")
    text = " ".join(text.split())[:300]
    return text + (" (line %d)" % line if line else "")


def load(source):
    """Execute the submission in a fresh module; returns (status, reason)."""
    global _module
    _module = types.ModuleType("submission")
    # The submission gets its own copy of the builtins module (also as `import builtins`), so
    # patching builtins cannot break this module's own code.
    own_builtins = types.ModuleType("builtins")
    own_builtins.__dict__.update(builtins.__dict__)
    sys.modules["builtins"] = own_builtins
    _module.__dict__["__builtins__"] = own_builtins
    sys.modules["submission"] = _module
    try:
        code = compile(source, "<submission>", "exec", dont_inherit=True)
    except SyntaxError as exc:
        return "syntax", "syntax error on line %s: %s" % (exc.lineno, exc.msg)
    except (ValueError, MemoryError, RecursionError) as exc:
        return "syntax", "the source could not be compiled: %s" % _describe(exc)
    try:
        exec(code, _module.__dict__)
    except SystemExit as exc:
        return "exited", "the top-level code called sys.exit(%s)" % _short(exc.code)
    except MemoryError:
        return "memory", "the top-level code ran out of memory"
    except BaseException as exc:
        return "raised", "the top-level code raised " + _describe(exc)
    finally:
        _flush_stdio()
    return "ok", ""


def _short(value):
    try:
        return repr(value)[:60] if type(value) in (int, str, type(None)) else "..."
    except Exception:
        return "..."


# ----------------------------------------------------------------------------- the call (G)
def _call_child(msg, decoded, result_w, output_w):
    status, reason, value = "protocol", "internal error in the call process", b""
    me = os.getpid()
    try:
        os.dup2(output_w, 1)
        os.dup2(output_w, 2)
        os.dup2(result_w, RESULT_FD)
        os.closerange(RESULT_FD + 1, _MAXFD)
        _setrlimit(_RLIMIT_CPU, _job["call_cpu"])
        args, kwargs, recorded = decoded
        name = msg["function"]
        namespace = _module.__dict__
        function = namespace.get(name)
        if function is None:
            status, reason = "missing", "function `%s` is not defined" % name
        elif not callable(function):
            status, reason = "missing", "`%s` is defined but is not a function (it is %s)" % (
                name, wire._type_name(type(function)))
        else:
            if msg.get("step"):
                namespace["__sandbox_step__"] = _step_writer(bytes.fromhex(msg["nonce"]))
            status, reason, value = _invoke(namespace, recorded, function, args, kwargs)
    except BaseException as exc:
        status, reason, value = "protocol", "grader error: " + _describe(exc), b""
    if os.getpid() != me:   # a fork made inside the call returned here: not the call
        os._exit(0)
    _flush_stdio()
    try:
        wire.send_all(RESULT_FD, wire.pack_result(bytes.fromhex(msg["nonce"]), status, reason,
                                                  value))
    except BaseException:
        pass
    os._exit(0)


def _step_writer(nonce):
    """`__sandbox_step__(value)` of a stepped call: one step frame on the result pipe (the
    supervisor restarts the step's clock when it has read it). Raises wire.TooLarge or
    TypeError for values that cannot be sent."""
    limit = _job["result_bytes"]

    def step(value):
        wire.send_all(RESULT_FD, wire.pack_step(nonce, wire.encode(value, max_bytes=limit)))
    return step


def _invoke(namespace, recorded, function, args, kwargs):
    try:
        if recorded:
            with stubs.install_stubs(namespace, recorded):
                result = function(*args, **kwargs)
        else:
            result = function(*args, **kwargs)
    except SystemExit as exc:
        return "exited", "the function called sys.exit(%s)" % _short(exc.code), b""
    except MemoryError:
        return "memory", "ran out of memory (%s limit)" % _job["memory_text"], b""
    except BaseException as exc:
        return "raised", "raised " + _describe(exc), b""
    try:
        return "ok", "", wire.encode(result, max_bytes=_job["result_bytes"])
    except wire.TooLarge:
        return "too_large", "the returned value is too large (over %s encoded)" % (
            _job["result_text"]), b""
    except BaseException as exc:
        return "unserialisable", "the returned value could not be converted: " + _describe(
            exc), b""


# ----------------------------------------------------------------------------- L's side of a call
def _kill_the_rest():
    """Kill every process of this namespace except L (fallback: L's descendants)."""
    if not _is_init():
        kill_descendants()
        return
    for _ in range(100):
        try:
            os.kill(-1, signal.SIGKILL)   # as init of the namespace: everyone else in it
            found = True
        except OSError:
            found = False
        _reap_all()
        if not found:
            return


def _reap_all():
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return
        except InterruptedError:
            continue


def kill_descendants(reap=True):
    """Fallback without a PID namespace: we are a child subreaper, so every descendant
    (double-forked daemons included) is below us in /proc's children lists."""
    for _ in range(100):
        victims = _descendants(os.getpid())
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if not reap:
            return
        _reap_all()
        if not victims:
            return


def _descendants(root):
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        try:
            tasks = os.listdir("/proc/%d/task" % pid)
        except OSError:
            continue
        for task in tasks:
            try:
                with open("/proc/%d/task/%s/children" % (pid, task)) as f:
                    kids = [int(k) for k in f.read().split()]
            except (OSError, ValueError):
                continue
            out.extend(kids)
            stack.extend(kids)
    return out


def warm_up(rounds=30):
    """Run the call process's code paths in the zygote: CPython 3.11 specialises bytecode in
    place while warming up, so code first run in a fresh call process would dirty (copy-on-
    write) its code objects' pages in every call."""
    namespace = {"f": lambda *a, **k: (1.0, [2.0], {"a": a})}
    recorded = {"g": [((1.0,), 2.0)]}
    for _ in range(rounds):
        args = [wire.decode(wire.encode(v)) for v in ((1.0, [2.0]), {}, recorded)]
        _, _, value = _invoke(namespace, args[2], namespace["f"], args[0], args[1])
        wire.unpack_result(wire.pack_result(b"0" * 16, "ok", "", value), b"0" * 16, 1 << 20)
        _describe(ValueError("x"))


def _is_init():
    """kill(-1) is only ever used as init of the job's own PID namespace."""
    return _job["mode"] != "none" and os.getpid() == 1


def _abort(signum, frame):
    """SIGUSR1 from S: stop the current call (everything but L dies)."""
    if not _is_init():
        kill_descendants(reap=False)
    else:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass


def call(msg, parts, fds):
    """Fork G for one call, wait for it, clean up; returns the report header for S."""
    try:
        result_w, output_w = fds
        decoded = [wire.decode(p, max_bytes=1 << 30, max_elements=1 << 28) for p in parts]
        pid = os.fork()
    except BaseException as exc:
        for fd in fds:
            os.close(fd)
        return {"error": _describe(exc)}
    if pid == 0:
        signal.signal(signal.SIGUSR1, signal.SIG_DFL)
        _call_child(msg, decoded, result_w, output_w)
    os.close(result_w)
    os.close(output_w)
    _, status, usage = os.wait4(pid, 0)
    _kill_the_rest()
    return {"cpu": usage.ru_utime + usage.ru_stime,
            "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
            "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}


def _receive(channel):
    """One frame from S, with the file descriptors attached to its first bytes."""
    head, fds, _, _ = socket.recv_fds(channel, 4, 2)
    if not head:
        raise wire.ChannelClosed()
    head += wire.recv_exact(CHANNEL_FD, 4 - len(head))
    return wire.read_frame(CHANNEL_FD, None, max_total=1 << 30, prefix=head), fds


def serve():
    """Obey the supervisor on fd 3 until it says quit or goes away; never returns."""
    channel = socket.socket(fileno=CHANNEL_FD)
    signal.signal(signal.SIGUSR1, _abort)
    try:
        while True:
            (header, parts), fds = _receive(channel)
            op = header.get("op")
            if op == "load":
                status, reason = load(parts[0].decode("utf-8", "surrogateescape"))
                reply = {"op": "loaded", "status": status, "reason": reason[:400]}
            elif op == "call" and len(fds) == 2 and len(parts) == 3:
                reply = dict(call(header, parts, fds), op="called")
            else:
                break
            wire.send_all(CHANNEL_FD, wire.pack(reply))
    except BaseException:
        pass
    os._exit(0)
