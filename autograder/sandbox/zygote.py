"""Zygote: the sandbox's fork server. Run as `python -I -S -B zygote.py <control-fd>`.

Never imports the repository: its sibling modules are loaded by file path (as `_sandbox_*`)
before the pivot, and -I -S keeps site-packages, .pth files (the editable finder of this repo)
and PYTHON* variables out. It never runs student code and never holds expected values.

Start-up (the grader sends one JSON config message on the control socket first):
1. bootstrap B: `unshare` the mount, network, IPC, UTS and PID namespaces (root), or the same
   plus a user namespace mapping 0 to the caller (ordinary user), then fork. B only waits
   for its child and exits with its status.
2. the child Z is PID 1 of the new PID namespace: when Z exits the kernel kills every job
   process, and Z dies with B (parent-death signal) and when the grader closes the socket.
3. Z imports numpy and the preload list (single-threaded BLAS, set by the grader's env),
   records its address-space size (the baseline the memory limit is added to), builds the
   minimal root and pivots into it (`rootfs`), points sys.path at the stdlib and the exposed
   packages, freezes the GC (cheaper copy-on-write forks) and answers {"ok": true, mode,
   protections}. Any failure is answered {"ok": false, "error": ...}.
4. serving: each control message is a JSON job header plus one file descriptor (SCM_RIGHTS),
   the job's own socket to the grader; Z forks a supervisor (`supervisor.serve`) per message
   and closes its copy. SIGCHLD is ignored, so finished supervisors are reaped automatically.
   EOF on the control socket = shut down: kill every job, wait, remove the cgroups.
Isolation "none" (no namespaces permitted) skips 1's unshare and 3's pivot.
"""
import gc
import importlib
import importlib.util
import json
import os
import signal
import socket
import sys
import sysconfig

HERE = os.path.dirname(os.path.abspath(__file__))
MODULES = ("confine", "wire", "stubs", "rootfs", "seccomp", "cgroup", "loader", "verdicts",
           "steps", "supervisor")


# Modules that live outside this folder (the stubs are the student runtime's, shared with kernels)
ELSEWHERE = {"stubs": os.path.join(os.path.dirname(HERE), "student")}


def _load(name):
    folder = ELSEWHERE.get(name, HERE)
    spec = importlib.util.spec_from_file_location("_sandbox_" + name,
                                                  os.path.join(folder, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def enter_namespaces(cfg, confine):
    """Returns (mode, why-not-more); unshares in this (still single-threaded) process."""
    wanted = cfg["isolation"]
    if wanted == "none":
        return "none", "isolation='none' was requested"
    base = (confine.CLONE_NEWNS | confine.CLONE_NEWNET | confine.CLONE_NEWIPC
            | confine.CLONE_NEWUTS | confine.CLONE_NEWPID)
    if wanted == "root" or (wanted == "auto" and os.geteuid() == 0):
        confine.unshare(base)
        return "root", ""
    uid, gid = os.geteuid(), os.getegid()
    confine.unshare(base | confine.CLONE_NEWUSER)
    confine.write_id_maps(uid, gid)
    return "user", ""


def describe(mode, cfg, info):
    paths = ", ".join(cfg["python_paths"]) or "nothing else"
    text = {
        "network": "network namespace per job: no interfaces (loopback down), no abstract "
                   "unix sockets shared with anything",
        "ipc": "IPC namespace per job (and SysV IPC refused by seccomp); private UTS namespace",
        "pid": "PID namespace per job with the job's process as its init: each call's "
               "processes (daemons included) are killed after the call, everything at the end; "
               "jobs cannot see or signal each other, the zygote or the grader",
        "filesystem": "private mount namespace, pivot_root into a read-only minimal root "
                      "(system libraries, the Python stdlib, %s); the course folder, protected "
                      "paths and everything else are not mounted" % paths,
        "scratch": "per-job private tmpfs at /scratch (also /tmp), size-capped; or the job's "
                   "own sub-directory of the grader's scratch root",
        "privileges": "no_new_privs; non-dumpable (no ptrace or /proc/<pid>/mem between "
                      "processes); no /proc or /sys mounted",
    }
    if mode == "root":
        text["uid"] = ("each concurrent job runs as its own unprivileged uid/gid (no groups, "
                       "no capabilities); every process of that uid is killed after the job")
    elif mode == "user":
        text["uid"] = ("not changed (ordinary user, uid %d): every capability dropped inside a "
                       "user namespace; jobs are kept apart by PID namespaces" % cfg["real_uid"])
    else:
        why = info.get("why", "")
        text = {k: "NOT active (%s)" % why for k in
                ("network", "ipc", "filesystem", "scratch")}
        text["pid"] = ("NOT active (%s): calls' descendants are found through /proc (child "
                       "subreaper) and killed; student code can signal other processes of the "
                       "same uid" % why)
        text["privileges"] = "no_new_privs; non-dumpable"
        text["uid"] = ("each job runs as its own unprivileged uid/gid; its processes are killed "
                       "after the job" if cfg["real_uid"] == 0 else
                       "NOT changed (ordinary user, uid %d)" % cfg["real_uid"])
    text["seccomp"] = sys.modules["_sandbox_seccomp"].describe()
    if info.get("cgroup_why") is None and mode == "root":
        text["memory"] = ("one memory cgroup per job (processes + scratch), limit = memory "
                          "limit + scratch + 64 MiB, no swap; RLIMIT_AS on every process")
    else:
        text["memory"] = ("RLIMIT_AS on every process only; per-job memory cgroup NOT active "
                          "(%s)" % info.get("cgroup_why", "?"))
    if info.get("cpu_why") is None and mode == "root":
        text["cpu"] = ("one CPU cgroup per job: equal weight for every job and a quota of %g "
                       "CPU, whatever it forks; per-step CPU limits measured from the job's "
                       "cgroup by the supervisor" % sys.modules["_sandbox_cgroup"].JOB_CPUS)
    else:
        text["cpu"] = ("per-job CPU share NOT active (%s): jobs share the CPUs through the "
                       "scheduler, and per-step limits are measured in wall time"
                       % info.get("cpu_why", "?"))
    for note in info.get("notes", ()):
        text["filesystem"] += "; " + note
    return text


def vm_size():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def zygote(cfg, ctrl, mode, why):
    modules = {}
    try:
        modules["confine"] = sys.modules["_sandbox_confine"]
        modules["confine"].parent_death_signal(signal.SIGKILL)
        modules["confine"].set_name("sbx-zygote")
        os.setsid()
        stdlib = sysconfig.get_paths()["stdlib"]
        stdlib_path = [p for p in sys.path if os.path.isdir(p)]
        sys.path[:] = stdlib_path + cfg["sys_path_extra"]
        for name in cfg["preload"]:
            importlib.import_module(name)
        for name in MODULES[1:]:
            modules[name] = _load(name)
        baseline = vm_size()
        info = {"why": why}
        # user mode: supervisors map their own per-job user namespace through this fd
        proc_fd = os.open("/proc", os.O_RDONLY | os.O_DIRECTORY) if mode == "user" else None
        cgroup, cg_cleanup, cpu, info["cgroup_paths"] = None, [], None, []
        if mode == "root":
            tag = "sbx-" + os.urandom(6).hex()
            try:
                cg_fd, cg_version, path, base_fd = modules["cgroup"].open_parent(tag)
                cgroup = [cg_fd, cg_version]
                cg_cleanup.append((base_fd, tag))
                info["cgroup_paths"].append(path)
            except OSError as exc:
                info["cgroup_why"] = str(exc)
            try:
                cpu, paths, cleanup = modules["cgroup"].open_cpu(
                    tag, cgroup[1] if cgroup else None)
                cg_cleanup += cleanup
                info["cgroup_paths"] += paths
            except OSError as exc:
                info["cpu_why"] = str(exc)
        else:
            info["cgroup_why"] = info["cpu_why"] = "needs root"
        if mode != "none":
            info.update(modules["rootfs"].build_root(
                cfg["stage"], stdlib, cfg["python_paths"], cfg["protected"],
                cfg.get("scratch_root")))
        importlib.invalidate_caches()
        sys.path[:] = stdlib_path + cfg["sys_path_extra"]
        late_preload(cfg.get("late_preload", ()), mode, modules["confine"])
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)
        modules["loader"].warm_up()
        gc.collect()
        gc.freeze()
        s_cfg = {"mode": mode, "baseline_vm": baseline, "env": dict(os.environ),
                 "sys_path": list(sys.path), "control_fd": ctrl.fileno(), "proc_fd": proc_fd,
                 "cgroup": cgroup, "cpu": cpu}
        ctrl.send(json.dumps({"ok": True, "mode": mode, "baseline_vm": baseline,
                              "cgroup_paths": info["cgroup_paths"],
                              "protections": describe(mode, cfg, info)}).encode())
    except BaseException as exc:
        ctrl.send(json.dumps({"ok": False, "error": "%s: %s" % (type(exc).__name__, exc)})
                  .encode())
        os._exit(1)
    serve(ctrl, s_cfg, modules["supervisor"])
    shut_down(mode, modules["cgroup"], cg_cleanup)


def late_preload(names, mode, confine):
    """Modules imported after the pivot (inside the minimal root, so whatever they cache —
    matplotlib's configuration directory /scratch/.matplotlib and its font list — is what a
    job sees), with a throw-away tmpfs on /scratch while they import."""
    if not names:
        return
    mounted = False
    if mode != "none":
        confine.mount("tmpfs", "/scratch", "tmpfs", confine.MS_NOSUID | confine.MS_NODEV,
                      "size=8m,mode=700")
        mounted = True
    try:
        for name in names:
            importlib.import_module(name)
    finally:
        if mounted:
            confine.umount("/scratch", confine.MNT_DETACH)


def shut_down(mode, cgroup, cg_cleanup):
    """End every job, wait for them, remove the cgroups. kill(-1) only as init of our own PID
    namespace (in fallback mode it would reach every process of the user); there the jobs'
    supervisors die with us through their parent-death signal."""
    if mode == "none" or os.getpid() != 1:
        os._exit(0)
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    while True:   # SIGCHLD is ignored: wait() returns ECHILD once every child is gone
        try:
            os.wait()
        except ChildProcessError:
            break
        except InterruptedError:
            continue
    for base_fd, tag in cg_cleanup:
        try:
            cgroup.remove_tree(base_fd, tag)
        except OSError:
            pass
    os._exit(0)


def serve(ctrl, s_cfg, supervisor):
    while True:
        try:
            msg, fds, _, _ = socket.recv_fds(ctrl, 1 << 16, 1)
        except InterruptedError:
            continue
        except OSError:
            break
        if not msg:
            break
        if not fds:
            continue
        try:
            header = json.loads(msg)
            pid = os.fork()
        except Exception:
            pid = -1
        if pid == 0:
            supervisor.serve(s_cfg, header, fds[0])
        os.close(fds[0])


def main():
    ctrl = socket.socket(fileno=int(sys.argv[1]))
    cfg = json.loads(ctrl.recv(1 << 20))
    confine = _load("confine")
    try:
        mode, why = enter_namespaces(cfg, confine)
    except OSError as exc:
        if cfg["isolation"] != "auto":
            ctrl.send(json.dumps({"ok": False, "error": "namespaces: %s" % exc}).encode())
            os._exit(1)
        mode, why = "none", "namespaces not permitted here: %s" % exc.strerror
    pid = os.fork()
    if pid:
        ctrl.close()
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _, status = os.waitpid(pid, 0)
        os._exit(os.waitstatus_to_exitcode(status) & 0xFF)
    zygote(cfg, ctrl, mode, why)


if __name__ == "__main__":
    main()
