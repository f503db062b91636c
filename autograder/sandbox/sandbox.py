"""Grader side: start the zygote once, then run submissions through it (thread-safe).

Each `run` makes a socket pair, hands one end to the zygote together with a small JSON job
header (limits, the job's uid, scratch) over the control socket (SCM_RIGHTS), sends the
source and the encoded calls on its own end, and reads the supervisor's events until
"finished". Nothing from the sandbox is unpickled or evaluated: event headers are bounded JSON,
values go through the strict `wire.decode`, and every field is type-checked; anything odd
becomes status "protocol". The grader process itself never holds a student's code object.
"""
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy

from . import cgroup, environment, wire
from .model import Call, CallOutcome, Limits, STATUSES, SubmissionOutcome

ZYGOTE = Path(__file__).with_name("zygote.py")
REPO = Path(__file__).resolve().parents[2]
# Imported once in the zygote (a submission importing them then pays nothing). Not `random`
# or `threading`: they register at-fork hooks that would then run in every call process.
DEFAULT_PRELOAD = ("numpy", "math", "cmath", "itertools", "functools",
                   "collections", "copy", "typing", "dataclasses", "json", "re", "time",
                   "operator", "string", "warnings", "inspect")
ZYGOTE_ENV = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
              "HOME": "/scratch", "TMPDIR": "/scratch", "OPENBLAS_NUM_THREADS": "1",
              "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "MPLBACKEND": "Agg",
              "MPLCONFIGDIR": "/scratch/.matplotlib"}
#: imported (after the pivot) by a second zygote that serves the submissions naming matplotlib:
#: its import costs about 0.5 s of CPU, which they would otherwise pay each; the others keep
#: the lean zygote, whose forks are cheaper
PLOTTING_PRELOAD = ("matplotlib", "matplotlib.pyplot")
LOAD_STATUSES = ("ok", "syntax", "raised", "exited", "memory", "timeout", "crashed",
                 "protocol")


class SandboxError(RuntimeError):
    """The sandbox could not be started or has broken down (not a student's fault)."""


def default_python_paths():
    """The course environment's packages and what they import (see environment.py)."""
    return environment.python_paths()


def default_protected_paths():
    return tuple(str(REPO / name) for name in ("reference", "autograder", "tests", "solutions",
                                               "assignments")) + (str(REPO),)


class _UidPool:
    """Distinct uids for concurrent jobs; a random base makes clashes between graders unlikely."""

    def __init__(self):
        self.base = 1_800_000_000 + secrets.randbelow(200_000) * 1024
        self.free, self.next, self.lock = [], 0, threading.Lock()

    def acquire(self):
        with self.lock:
            if self.free:
                return self.free.pop()
            self.next += 1
            return self.base + self.next

    def release(self, uid):
        with self.lock:
            self.free.append(uid)


class Sandbox:
    """See the package docstring. isolation: "auto" (root → "root", else "user"; falls back to
    "none" with the reason reported), "root", "user" or "none"."""

    def __init__(self, limits=Limits(), protected_paths=(), python_paths=None, *,
                 preload=DEFAULT_PRELOAD, scratch_root=None, isolation="auto",
                 plotting_preload=PLOTTING_PRELOAD, late_preload=()):
        self.limits = limits
        self.python_paths = tuple(os.path.realpath(p) for p in (
            default_python_paths() if python_paths is None else python_paths))
        self.protected_paths = tuple(os.path.realpath(p) for p in (
            tuple(protected_paths) + default_protected_paths()))
        self.preload = tuple(preload)
        self.late_preload = tuple(late_preload)
        self._plotting_preload = tuple(plotting_preload)
        self._plotting, self._given_protected = None, tuple(protected_paths)
        self.scratch_root = os.path.realpath(scratch_root) if scratch_root else None
        self._lock = threading.Lock()
        self._proc = self._ctrl = self._stage = None
        self._uids = _UidPool()
        self.startup_seconds = 0.0
        self._fallback_reason = ""
        self._isolation, self._closed, self.restarts = isolation, False, 0
        self._start(isolation)

    # ------------------------------------------------------------------------- zygote life
    def _start(self, isolation):
        started = time.perf_counter()
        try:
            self._spawn(isolation)
        except SandboxError as exc:
            if isolation != "auto":
                raise
            self._fallback_reason = str(exc)
            self._spawn("none")
        self.startup_seconds = time.perf_counter() - started

    def _spawn(self, isolation):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._stage = tempfile.mkdtemp(prefix="sandbox-root-")
        extra = []
        for path in self.python_paths:
            parent = os.path.dirname(path)
            if parent not in extra:
                extra.append(parent)
        config = {"isolation": isolation, "stage": self._stage,
                  "python_paths": list(self.python_paths), "sys_path_extra": extra,
                  "protected": list(self.protected_paths), "preload": list(self.preload),
                  "late_preload": list(self.late_preload),
                  "scratch_root": self.scratch_root, "real_uid": os.geteuid()}
        log = tempfile.TemporaryFile()
        self._proc = subprocess.Popen(
            [sys.executable, "-I", "-S", "-B", str(ZYGOTE), str(theirs.fileno())],
            pass_fds=(theirs.fileno(),), env=ZYGOTE_ENV, cwd="/", stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=log)
        theirs.close()
        self._ctrl = ours
        try:
            ours.send(json.dumps(config).encode())
            ours.settimeout(60)
            reply = json.loads(ours.recv(1 << 20) or b"{}")
            ours.settimeout(None)
        except (OSError, ValueError) as exc:
            reply = {"ok": False, "error": "no answer from the zygote (%s)" % exc}
        if not reply.get("ok"):
            log.seek(0)
            detail = log.read()[-2000:].decode("utf-8", "replace")
            self._stop()
            raise SandboxError("sandbox start-up failed: %s %s" % (reply.get("error", "?"), detail))
        self.mode = reply["mode"]
        self.baseline_vm = reply["baseline_vm"]
        self._cgroup_paths = list(reply.get("cgroup_paths") or ())
        self._protections = reply["protections"]

    def _stop(self):
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None
        if self._stage:
            shutil.rmtree(self._stage, ignore_errors=True)
            self._stage = None
        for path in getattr(self, "_cgroup_paths", ()):
            cgroup.remove_parent(path)
        self._cgroup_paths = []

    def close(self):
        with self._lock:
            self._closed = True
            self._stop()
            plotting, self._plotting = self._plotting, None
        if plotting is not None:
            plotting.close()

    def _plotting_box(self):
        """The second zygote (matplotlib preloaded), started on first use."""
        with self._lock:
            if self._closed:
                raise SandboxError("the sandbox is closed")
            if self._plotting is None:
                self._plotting = Sandbox(
                    self.limits, self._given_protected, self.python_paths, preload=self.preload,
                    scratch_root=self.scratch_root, isolation=self._isolation,
                    plotting_preload=(), late_preload=self._plotting_preload)
                self._plotting._uids = self._uids
            return self._plotting

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def protections(self):
        """{protection: what is active, or "NOT active (why)"} for the CLI to print."""
        report = {"isolation": self.mode + (" (fallback: %s)" % self._fallback_reason
                                            if self._fallback_reason else "")}
        report.update(self._protections)
        lim = self.limits
        report["rlimits"] = (
            "per process: cpu %gs, address space +%d MiB, %d processes/threads%s, file size "
            "%d KiB, %d open files, no core dumps; per call: wall %gs, output %d KiB, result "
            "%d MiB; per job: %gs" % (
                lim.cpu_seconds, lim.memory_bytes >> 20, lim.processes,
                "" if self.mode != "none" or os.geteuid() == 0
                else " (NOT set: no per-job uid or namespace)",
                lim.file_bytes >> 10, lim.open_files, lim.wall_seconds, lim.output_bytes >> 10,
                lim.result_bytes >> 20, lim.submission_wall_seconds))
        return report

    # ------------------------------------------------------------------------- running jobs
    def _job_scratch(self, scratch_dir, uid):
        if scratch_dir is None:
            return None
        if not self.scratch_root:
            raise ValueError("scratch_dir needs Sandbox(scratch_root=...)")
        path = os.path.realpath(scratch_dir)
        rel = os.path.relpath(path, self.scratch_root)
        if rel == "." or rel.startswith(".."):
            raise ValueError("scratch_dir must be a sub-directory of %s" % self.scratch_root)
        os.makedirs(path, exist_ok=True)
        if uid is not None:
            os.chown(path, uid, uid)
        os.chmod(path, 0o700)
        return rel

    def _hand_over(self, header, fd):
        message = [json.dumps(header).encode()]
        with self._lock:
            if self._closed:
                raise SandboxError("the sandbox is closed")
            try:
                socket.send_fds(self._ctrl, message, [fd])
                return
            except OSError:
                pass
            # The zygote never runs student code, but something (the OOM killer, an operator)
            # may still kill it: start a new one, once per job.
            self._stop()
            self._start(self._isolation)
            self.restarts += 1
            try:
                socket.send_fds(self._ctrl, message, [fd])
            except OSError as exc:
                raise SandboxError("the zygote is gone (%s)" % exc) from exc

    def run(self, source, calls, *, scratch_dir=None, label=""):
        """Run `source` once and every Call in order; returns a SubmissionOutcome."""
        if self._plotting_preload and "matplotlib" in source:
            return self._plotting_box().run(source, calls, scratch_dir=scratch_dir, label=label)
        calls = list(calls)
        for c in calls:
            if not isinstance(c, Call):
                raise TypeError("calls must be Call instances")
        parts = [source.encode("utf-8", "surrogatepass")]
        for c in calls:
            stubs = {str(k): [tuple(r) for r in v] for k, v in dict(c.stubs).items()}
            parts += [wire.encode(tuple(c.args), max_bytes=1 << 30),
                      wire.encode(dict(c.kwargs), max_bytes=1 << 30),
                      wire.encode(stubs, max_bytes=1 << 30)]
        started = time.monotonic()
        uid = self._uids.acquire() if self.mode != "user" and os.geteuid() == 0 else None
        header = {"limits": self.limits.as_dict(), "uid": uid, "gid": uid,
                  "scratch": self._job_scratch(scratch_dir, uid), "host_scratch": None}
        temporary = None
        if self.mode == "none":   # no mount namespace: the job works in a host directory
            if header["scratch"]:
                header["host_scratch"] = os.path.join(self.scratch_root, header["scratch"])
            else:
                header["host_scratch"] = temporary = tempfile.mkdtemp(prefix="sandbox-job-")
                if uid is not None:
                    os.chown(temporary, uid, uid)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        finished, error = False, ""
        load, outcomes = None, [None] * len(calls)
        try:
            self._hand_over(header, theirs.fileno())
            theirs.close()
            wire.send_all(ours.fileno(), wire.pack(
                {"calls": [{"function": c.function, "step_seconds": float(c.step_seconds)}
                           for c in calls]}, *parts))
            deadline = started + self.limits.submission_wall_seconds + \
                self.limits.wall_seconds + 15
            while not finished:
                event, parts_in = wire.read_frame(
                    ours.fileno(), deadline, max_header=1 << 16,
                    max_total=2 * self.limits.result_bytes + self.limits.output_bytes + (1 << 20))
                kind = event.get("event")
                if kind == "loaded":
                    load = self._load_event(event, parts_in)
                elif kind == "call":
                    index = event.get("index")
                    if type(index) is int and 0 <= index < len(calls) and outcomes[index] is None:
                        outcomes[index] = self._call_event(event, parts_in, calls[index])
                elif kind == "error":
                    error = str(event.get("reason", ""))[:300]
                elif kind == "finished":
                    finished = True
        except (wire.Deadline, wire.ChannelClosed, wire.WireError, OSError) as exc:
            error = error or "%s %s" % (type(exc).__name__, exc)
        finally:
            ours.close()
            theirs.close()
            if uid is not None and finished:
                self._uids.release(uid)   # otherwise quarantined: never reused
            if temporary:
                shutil.rmtree(temporary, ignore_errors=True)
        why = "not run: the sandbox job ended early" + (" (%s)" % error if error else "")
        calls_out = [o or CallOutcome("not_run", None, why, "", 0.0, c.function)
                     for o, c in zip(outcomes, calls)]
        if load is None:
            load = ("error", "the sandbox job failed" + (" (%s)" % error if error else ""), "")
        return SubmissionOutcome(label, load[0], None if load[0] == "ok" else load[1], load[2],
                                 calls_out, time.monotonic() - started)

    @staticmethod
    def _text(event, key, cap=500):
        value = event.get(key)
        return " ".join(value.split())[:cap] if type(value) is str else ""

    def _load_event(self, event, parts):
        status = event.get("status")
        status = status if status in LOAD_STATUSES else "protocol"
        output = parts[0].decode("utf-8", "replace") if len(parts) == 1 else ""
        return status, self._text(event, "reason") or status, output

    def _call_event(self, event, parts, call):
        status = event.get("status")
        seconds = event.get("seconds")
        seconds = float(seconds) if type(seconds) in (int, float) else 0.0
        if status not in STATUSES or len(parts) < 2 or (len(parts) > 2 and not call.step_seconds):
            return CallOutcome("protocol", None, "the sandbox sent a malformed event", "",
                               seconds, call.function)
        stdout = parts[0][:self.limits.output_bytes].decode("utf-8", "replace")
        reason, value = self._text(event, "reason"), None
        steps = []
        for part in parts[2:]:
            try:
                steps.append(wire.decode(part, max_bytes=self.limits.result_bytes))
            except wire.WireError:
                break   # the steps before it stand; this one and later ones are lost
        if status == "ok":
            try:
                value = wire.decode(parts[1], max_bytes=self.limits.result_bytes)
            except wire.WireError as exc:
                status, reason = "protocol", "the returned value could not be decoded (%s)" % exc
        return CallOutcome(status, value, reason, stdout, seconds, call.function, tuple(steps))


def run_file(sandbox, path, calls, **kwargs):
    """Convenience: run the Python source file at `path` (label defaults to its name)."""
    path = Path(path)
    kwargs.setdefault("label", path.name)
    return sandbox.run(path.read_text(encoding="utf-8"), calls, **kwargs)
