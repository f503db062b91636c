"""The per-job supervisor (S): forked by the zygote per submission; never runs student code.

Standalone (standard library + numpy + sibling standalone modules).

S holds only this job's source, inputs and stubs (no expected values: the grader never sends
them). It
1. creates the job's PID, mount, network and IPC namespaces (+ a user namespace in ordinary-
   user mode, so that RLIMIT_NPROC counts this job only); its child L becomes PID 1 of the new
   PID namespace. It mounts the job's private scratch (a size-capped tmpfs, or the job's own
   sub-directory of the host scratch root) on /scratch and covers /.jobs, so concurrent jobs
   cannot see each other's files;
2. forks L *before* reading the job from the grader, so L's memory never holds later calls'
   inputs or stubs (they are sent one call at a time);
3. drives L: "load" (deadline: the per-call wall time; L's output is captured and capped),
   then each call within the submission budget. For a call S creates the result and output
   pipes itself and hands their write ends to L, which forks the call process G onto them.
   S alone reads them: it enforces the wall deadline and the output/result caps (stopping the
   call with SIGUSR1 to L, whose handler kills the call's processes) and waits for L's
   report that G and everything it started are dead. The result is accepted only as one exact
   frame carrying this call's fresh random nonce (`wire.unpack_result`); anything else on
   the channel makes status "protocol";
4. turns that into a status and a plain-English reason and streams events to the grader:
   ("loaded", status, reason, seconds | stdout), ("call", index, status, reason, seconds |
   stdout, value bytes), and at the very end, after the clean-up below, ("finished");
5. ends the job: SIGKILL to L, which makes the kernel kill everything left in the namespace
   (the init's exit completes only once all of them are reaped, so when waitpid(L) returns the
   job has no process left and its uid can be reused); without a PID namespace (fallback) it
   kills everything running under the job's uid (a helper takes the uid and calls kill(-1))
   and its remaining descendants (S is a child subreaper) before reporting "finished".
If L does not report within the grace period after the deadline, dies or sends garbage, the
current call gets "timeout"/"crashed"/"protocol", L is killed and the remaining calls
"not_run".
"""
import os
import select
import signal
import socket
import time

try:
    from . import cgroup, confine, loader, verdicts, wire
    from . import steps as steps_
except ImportError:  # loaded by path inside the zygote
    import _sandbox_cgroup as cgroup
    import _sandbox_confine as confine
    import _sandbox_loader as loader
    import _sandbox_steps as steps_
    import _sandbox_verdicts as verdicts
    import _sandbox_wire as wire

GRACE = 2.0


def _drain(fd, sink, cap):
    """Non-blocking: read what fd has (at most 1 MiB per call, so a flood cannot keep us here)
    into sink, dropping bytes once sink is past `cap`; returns False at end of file."""
    for _ in range(16):
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return True
        if not data:
            return False
        if len(sink) <= cap:
            sink += data
    return True


def prepare_namespaces(cfg, header):
    """New namespaces for the job and its private /scratch (nothing in fallback mode)."""
    if cfg["mode"] == "none":
        return
    # Own network and IPC namespaces too: no abstract unix socket, netlink port or SysV object
    # is shared between concurrent jobs.
    flags = (confine.CLONE_NEWPID | confine.CLONE_NEWNS | confine.CLONE_NEWNET
             | confine.CLONE_NEWIPC)
    if cfg["mode"] == "user":
        # A nested user namespace per job: RLIMIT_NPROC then counts this job's processes only.
        confine.unshare(confine.CLONE_NEWUSER | flags)
        confine.write_id_maps(0, 0, cfg["proc_fd"])
    else:
        confine.unshare(flags)
    limits = header["limits"]
    if header.get("scratch"):
        if header["scratch"].startswith("/") or ".." in header["scratch"].split("/"):
            raise ValueError("bad scratch directory")
        confine.bind("/.jobs/" + header["scratch"], "/scratch", readonly=False)
    else:
        owner = ",uid=%d,gid=%d" % (header["uid"], header["gid"]) if cfg["mode"] == "root" else ""
        confine.mount("tmpfs", "/scratch", "tmpfs",
                      confine.MS_NOSUID | confine.MS_NODEV,
                      "size=%d,nr_inodes=%d,mode=700%s" % (
                          max(limits["scratch_bytes"], 4096), limits["scratch_inodes"], owner))
    if os.path.isdir("/.jobs"):
        confine.mount("tmpfs", "/.jobs", "tmpfs",
                      confine.MS_RDONLY | confine.MS_NOSUID | confine.MS_NODEV, "size=4k")


def loader_job(cfg, header):
    """What L needs to confine itself (computed here, inherited through fork)."""
    limits = header["limits"]
    cpu = int(-(-limits["cpu_seconds"] // 1))
    rl = {"cpu": (cpu + 5, cpu + 6),
          "as": (cfg["baseline_vm"] + limits["memory_bytes"],) * 2,
          "fsize": (limits["file_bytes"],) * 2, "nofile": (limits["open_files"],) * 2,
          "core": (0, 0), "memlock": (0, 0), "msgqueue": (0, 0)}
    if cfg["mode"] != "none" or header.get("uid") is not None:
        # counted per uid (root: the job's own uid) or per user namespace (user mode); in the
        # fallback as an ordinary user it would count all of the user's processes: not set
        rl["nproc"] = (limits["processes"],) * 2
    return {"mode": cfg["mode"], "uid": header.get("uid"), "gid": header.get("gid"),
            "rlimits": rl, "call_cpu": (cpu, cpu + 1), "env": cfg["env"],
            "cwd": "/scratch" if cfg["mode"] != "none" else header["host_scratch"],
            "sys_path": cfg["sys_path"], "wall": limits["wall_seconds"],
            "output_bytes": limits["output_bytes"], "result_bytes": limits["result_bytes"],
            "memory_text": verdicts.size_text(limits["memory_bytes"]),
            "result_text": verdicts.size_text(limits["result_bytes"])}


class Job:
    def __init__(self, cfg, header, grader_fd):
        self.cfg, self.header, self.grader = cfg, header, grader_fd
        self.limits = header["limits"]
        self.job = loader_job(cfg, header)
        self.started = time.monotonic()
        self.budget_end = self.started + self.limits["submission_wall_seconds"]
        self.pid = None
        self.cgroup = None   # (dir fd, version, name) of the job's memory cgroup
        self.cpu = None      # (handle, name) of the job's CPU cgroup(s)
        self.step_why = ""
        self.load_output = bytearray()

    def join_cgroup(self):
        """Root mode: S enters the job's memory cgroup before forking L (see cgroup.py)."""
        if self.cfg.get("cgroup"):
            fd, version = self.cfg["cgroup"]
            name = "job-%d" % os.getpid()
            limit = (self.limits["memory_bytes"] + self.limits["scratch_bytes"]
                     + cgroup.HEADROOM)
            cgroup.create_job(fd, version, name, limit)
            self.cgroup = (fd, version, name)
        if self.cfg.get("cpu"):
            name = "job-%d" % os.getpid()
            try:
                cgroup.create_cpu_job(self.cfg["cpu"], name)
                self.cpu = (self.cfg["cpu"], name)
                self.cpu_now()
            except OSError:
                cgroup.remove_cpu_job(self.cfg["cpu"], name)
                self.cpu = None

    def cpu_now(self):
        """The job's CPU time so far (its cgroup), or None where there is no CPU cgroup."""
        return cgroup.cpu_seconds(*self.cpu) if self.cpu else None

    def oom_kills(self):
        try:
            return cgroup.oom_kills(*self.cgroup) if self.cgroup else 0
        except OSError:
            return 0

    def emit(self, header, *parts):
        wire.send_all(self.grader, wire.pack(header, *parts))

    def start_loader(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        out_r, out_w = os.pipe()
        self.sock, self.chan, theirs = ours, ours.fileno(), theirs.detach()
        self.pid = os.fork()
        if self.pid == 0:
            try:
                for fd in (self.grader, self.chan, out_r):
                    os.close(fd)
                loader.setup(self.job, theirs, out_w)
                loader.serve()
            finally:
                os._exit(70)
        os.close(theirs)
        os.close(out_w)
        self.out = out_r

    def send(self, header, parts, fds=()):
        frame = wire.pack(header, *parts)
        socket.send_fds(self.sock, [frame[:4]], list(fds))
        wire.send_all(self.chan, frame[4:])

    def load(self, source, deadline):
        """Send the source; wait for L's reply while collecting its (capped) output."""
        self.send({"op": "load"}, [source])
        cap, output = self.limits["output_bytes"], self.load_output
        poller = select.poll()
        poller.register(self.out, select.POLLIN)
        poller.register(self.chan, select.POLLIN)
        os.set_blocking(self.out, False)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise wire.Deadline()
            ready = dict(poller.poll(int(left * 1000) + 1))
            if self.out in ready and not _drain(self.out, output, cap):
                poller.unregister(self.out)
            if self.chan in ready:
                reply, _ = wire.read_frame(self.chan, deadline, max_header=4096, max_total=0)
                _drain(self.out, output, cap)
                return reply, bytes(output[:cap])

    def run(self):
        try:
            prepare_namespaces(self.cfg, self.header)
        finally:
            if self.cfg.get("proc_fd") is not None:
                os.close(self.cfg["proc_fd"])
        self.join_cgroup()
        self.start_loader()
        request, parts = wire.read_frame(self.grader, self.started + 30, max_header=1 << 22,
                                         max_total=1 << 30)
        source, calls = parts[0], request["calls"]
        t0 = time.monotonic()
        deadline = min(t0 + self.limits["wall_seconds"], self.budget_end)   # L is killed then
        try:
            reply, output = self.load(source, deadline)
            status = reply.get("status") if reply.get("op") == "loaded" else None
            if status not in ("ok", "syntax", "exited", "memory", "raised"):
                status = "protocol"
            reason = reply.get("reason") if type(reply.get("reason")) is str else ""
        except wire.Deadline:
            status, output = "timeout", bytes(self.load_output[:self.limits["output_bytes"]])
            reason = "the top-level code timed out after %s" % verdicts.seconds_text(
                self.limits["wall_seconds"])
        except (wire.ChannelClosed, OSError):
            status, output = "crashed", bytes(self.load_output[:self.limits["output_bytes"]])
            reason = "the top-level code ended its own process (os._exit, a signal or a crash)"
        except wire.WireError:
            status, reason, output = "protocol", "the submission process sent garbage", b""
        self.emit({"event": "loaded", "status": status, "reason": reason[:500],
                   "seconds": time.monotonic() - t0}, output)
        broken = None if status == "ok" else "not run: the module could not be loaded"
        for index, call in enumerate(calls):
            if broken is None and time.monotonic() >= self.budget_end:
                broken = "not run: the submission used up its %s budget" % verdicts.seconds_text(
                    self.limits["submission_wall_seconds"])
            if broken is not None:
                self.emit({"event": "call", "index": index, "status": "not_run",
                           "reason": broken, "seconds": 0.0}, b"", b"")
                continue
            broken = self.one_call(index, call, parts[1 + 3 * index:4 + 3 * index])

    def one_call(self, index, call, call_parts):
        """Run one call; returns None, or the not_run reason for the remaining calls."""
        nonce, t0 = os.urandom(16), time.monotonic()
        broken, stdout, value, steps = None, b"", b"", []
        ooms = self.oom_kills()
        try:
            report, output, result, verdict = self.watch_call(call, call_parts, nonce, t0,
                                                              steps)
            stdout = output[:self.limits["output_bytes"]]
            if report.get("op") != "called":
                raise wire.WireError("unexpected reply")
            if "error" in report:
                status, reason = "crashed", "the call could not be started (%s)" % str(
                    report["error"])[:200]
            else:
                status, reason, value = verdicts.judge_call(
                    dict(report, verdict=verdict, step_why=self.step_why), result, nonce,
                    self.job, self.limits)
        except (wire.Deadline, wire.ChannelClosed, wire.WireError, OSError, ValueError) as exc:
            if isinstance(exc, wire.Deadline):
                status, reason = "timeout", "timed out after %s" % verdicts.seconds_text(
                    self.limits["wall_seconds"])
                what = "stopped responding" if time.monotonic() < self.budget_end else (
                    "used up its %s budget" % verdicts.seconds_text(
                        self.limits["submission_wall_seconds"]))
            elif isinstance(exc, wire.ChannelClosed):
                status, reason, what = "crashed", "the submission's process died", "died"
            else:
                status, reason, what = "protocol", "the submission's process sent garbage", \
                    "sent garbage"
            broken = "not run: the submission's process %s during an earlier call" % what
            self.kill_loader()
        if status in ("crashed", "timeout") and self.oom_kills() > ooms:
            status, value = "memory", b""
            reason = "ran out of memory (the job's %s limit)" % verdicts.size_text(
                self.limits["memory_bytes"])
        self.emit({"event": "call", "index": index, "status": status, "reason": reason,
                   "seconds": time.monotonic() - t0}, stdout, value, *steps)
        return broken

    def watch_call(self, call, call_parts, nonce, t0, steps):
        """Hand the call to L with fresh pipes; collect output and result under the deadline
        and caps (stopping the call with SIGUSR1 to L when one is hit) until L reports.
        A stepped call's step frames go to `steps`; each step must end within its CPU time
        (the job's cgroup, read here, outside the job) and wall time, or the call is stopped
        ("step_timeout")."""
        step = call.get("step_seconds") or 0.0
        result_r, result_w = os.pipe()
        output_r, output_w = os.pipe()
        try:
            self.send({"op": "call", "function": call["function"], "nonce": nonce.hex(),
                       "step": bool(step)}, call_parts, (result_w, output_w))
        finally:
            os.close(result_w)
            os.close(output_w)
        wall_end = min(t0 + self.limits["wall_seconds"], self.budget_end)
        hard_end = wall_end + GRACE
        clock = steps_.StepClock(step, self.cpu_now, t0) if step else None
        sinks = {result_r: bytearray(), output_r: bytearray()}
        caps = {result_r: self.limits["result_bytes"] + (1 << 16),
                output_r: self.limits["output_bytes"]}
        poller = select.poll()
        for fd in (result_r, output_r):
            os.set_blocking(fd, False)
            poller.register(fd, select.POLLIN)
        poller.register(self.chan, select.POLLIN)
        verdict, report = None, None
        try:
            while report is None:
                now = time.monotonic()
                if verdict is None and now >= wall_end:
                    verdict = "timeout"
                    self.abort_call()
                if verdict is None and clock is not None and clock.overrun(now):
                    verdict = "step_timeout"
                    self.step_why = clock.why()
                    self.abort_call()
                if now >= hard_end:
                    raise wire.Deadline()
                end = wall_end if verdict is None else hard_end
                if verdict is None and clock is not None:
                    end = min(end, clock.next_check(now))
                for fd, _ in poller.poll(max(0, int((end - now) * 1000)) + 1):
                    if fd == self.chan:
                        report, _ = wire.read_frame(self.chan, hard_end, max_header=4096,
                                                    max_total=0)
                    elif not _drain(fd, sinks[fd], caps[fd]):
                        poller.unregister(fd)
                    elif verdict is None and len(sinks[fd]) > caps[fd]:
                        verdict = "output_limit" if fd == output_r else "too_large"
                        self.abort_call()
                    if fd == result_r and clock is not None and verdict is None and \
                            wire.take_steps(sinks[fd], nonce, steps):
                        clock.restart(time.monotonic())
                        if len(steps) > steps_.MAX_STEPS:
                            verdict = "too_large"
                            self.abort_call()
            for fd in (result_r, output_r):   # the writers are gone: read what is left
                _drain(fd, sinks[fd], caps[fd])
            if clock is not None and verdict is None:
                wire.take_steps(sinks[result_r], nonce, steps)
        finally:
            os.close(result_r)
            os.close(output_r)
        return report, bytes(sinks[output_r]), bytes(sinks[result_r]), verdict

    def abort_call(self):
        """Stop the current call: SIGUSR1 asks L to kill the call's processes; with a CPU
        cgroup S also kills them itself (every process of the job but S and L, found in the
        cgroup and signalled through a pidfd taken while it was still there), so a
        submission whose top-level code blocked or replaced L's signal handling cannot keep
        a call running."""
        try:
            os.kill(self.pid, signal.SIGUSR1)
        except OSError:
            pass
        if self.cpu:
            try:
                cgroup.kill_others(*self.cpu, spare={os.getpid(), self.pid})
            except OSError:
                pass

    def kill_loader(self):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:
                pass
            self.pid = None

    def finish(self):
        self.kill_loader()
        if self.cgroup:
            try:
                cgroup.remove_job(self.cgroup[0], self.cgroup[2])
            except OSError:
                pass
        if self.cpu:
            cgroup.remove_cpu_job(*self.cpu)
        if self.cfg["mode"] != "none":
            return  # L was init of the job's PID namespace: waitpid(L) returned only after
            # the kernel had killed and reaped every other process of it
        if self.header.get("uid") is not None:
            sweep_uid(self.header["uid"], self.header["gid"])
        loader.kill_descendants()


def sweep_uid(uid, gid):
    """Kill every process running as uid (visible from here), until none is left."""
    if not uid or uid <= 0:
        return
    pid = os.fork()
    if pid == 0:
        try:
            confine.drop_privileges(uid, gid)   # kill(-1) below only ever as that uid
            for _ in range(1000):
                os.kill(-1, signal.SIGKILL)
        except BaseException:
            pass
        os._exit(0)
    os.waitpid(pid, 0)


def serve(cfg, header, grader_fd):
    """Entry point in S (forked by the zygote); never returns."""
    job = None
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        os.close(cfg["control_fd"])
        confine.parent_death_signal(signal.SIGKILL)
        confine.set_name("sbx-job")
        os.setsid()
        if cfg["mode"] == "none":
            confine.child_subreaper()
        job = Job(cfg, header, grader_fd)
        job.run()
    except BaseException as exc:
        try:
            wire.send_all(grader_fd, wire.pack({"event": "error", "reason": "%s: %s" % (
                type(exc).__name__, exc)}))
        except BaseException:
            pass
    finally:
        if job is not None:
            job.finish()
        try:
            wire.send_all(grader_fd, wire.pack({"event": "finished"}))
        except BaseException:
            pass
        os._exit(0)
