"""A memory cgroup and a CPU cgroup per job (root mode; best effort, reported by
`protections()`).

Standalone (standard library only). RLIMIT_AS bounds each process; a job may have several
(`Limits.processes`), so without this a fork bomb of big allocations could use
processes × memory_bytes. With it the whole job — its processes and its tmpfs scratch — is
charged to one cgroup limited to memory_bytes + scratch_bytes + 64 MiB (no swap); when the
kernel's OOM killer acts there, the supervisor reports the call as "memory".

The zygote calls `open_parent` before it pivots (afterwards /sys is gone) and keeps only
directory fds of `<its own memory cgroup>/sbx-<random>` and of its parent; supervisors create a
child per job through the first, move themselves in before forking the submission process, and
remove it at the end; the zygote removes the rest when it shuts down (`remove_tree`).
cgroup v1 (memory controller) is used when mounted; cgroup v2 only when the grader runs in the
v2 root cgroup (elsewhere the "no internal processes" rule stops us enabling the controller).

CPU (`open_cpu`, `create_cpu_job`, `cpu_seconds`, `remove_cpu_job`): each job gets its own
cgroup of the cpu controller (v1 `cpu.shares` equal for every job and a quota
`cpu.cfs_quota_us` of `JOB_CPUS` CPUs; v2 `cpu.weight` and `cpu.max`), so a job that forks
many spinners, in as many sessions as it likes, competes as one job with the same weight as
its neighbour and never gets more than its quota; and its CPU time (v1 `cpuacct.usage`, v2
`cpu.stat`), which the supervisor uses to enforce per-step CPU limits from outside the job.
"""
import os
import time

V1 = "/sys/fs/cgroup/memory"
V1_ROOT = "/sys/fs/cgroup"
V2 = "/sys/fs/cgroup"
HEADROOM = 64 << 20
JOB_CPUS = 1.0            # CPU quota of one job (its processes together)
PERIOD_US = 100_000


def _own_path(controller):
    with open("/proc/self/cgroup") as f:
        for line in f:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controller in controllers.split(","):
                return path
    return None


def _write(name, text, dir_fd=None):
    fd = os.open(name, os.O_WRONLY, dir_fd=dir_fd)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def open_parent(tag):
    """Create the zygote's cgroup `tag`; returns (its dir fd, version, host path, fd of the
    directory holding it — for `remove_tree` at shut-down). Raises OSError."""
    own = _own_path("memory")
    if own is not None and os.path.isfile(os.path.join(V1, "memory.limit_in_bytes")):
        version, base = 1, V1 + own
    elif _own_path("") == "/" and os.path.isfile(os.path.join(V2, "cgroup.controllers")):
        with open(os.path.join(V2, "cgroup.controllers")) as f:
            if "memory" not in f.read().split():
                raise OSError("the cgroup v2 memory controller is not available")
        version, base = 2, V2
        _write(os.path.join(V2, "cgroup.subtree_control"), "+memory")
    else:
        raise OSError("no usable memory cgroup (v1 controller or v2 root)")
    path = os.path.join(base, tag)
    os.mkdir(path, 0o700)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    if version == 2:
        _write("cgroup.subtree_control", "+memory", fd)
    return fd, version, path, os.open(base, os.O_RDONLY | os.O_DIRECTORY)


def remove_tree(base_fd, tag):
    """Remove `tag` (below the directory `base_fd`) and its job cgroups, once they are empty."""
    fd = os.open(tag, os.O_RDONLY | os.O_DIRECTORY, dir_fd=base_fd)
    try:
        for name in os.listdir(fd):
            if name.startswith("job-"):
                os.rmdir(name, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(tag, dir_fd=base_fd)


def create_job(parent_fd, version, name, limit):
    """Make the job's cgroup with `limit` bytes (no swap) and move the caller into it."""
    os.mkdir(name, 0o700, dir_fd=parent_fd)
    if version == 1:
        _write(name + "/memory.limit_in_bytes", str(limit), parent_fd)
        try:
            _write(name + "/memory.memsw.limit_in_bytes", str(limit), parent_fd)
        except OSError:
            pass   # no swap accounting: nothing to limit
    else:
        _write(name + "/memory.max", str(limit), parent_fd)
        try:
            _write(name + "/memory.swap.max", "0", parent_fd)
        except OSError:
            pass
    _write(name + "/cgroup.procs", "0", parent_fd)


def oom_kills(parent_fd, version, name):
    """How many processes the OOM killer has killed in the job's cgroup so far."""
    fd = os.open(name + ("/memory.oom_control" if version == 1 else "/memory.events"),
                 os.O_RDONLY, dir_fd=parent_fd)
    try:
        text = os.read(fd, 4096).decode()
    finally:
        os.close(fd)
    for line in text.splitlines():
        if line.startswith("oom_kill "):
            return int(line.split()[1])
    return 0


def remove_job(parent_fd, name):
    """Move the caller back to the parent cgroup and remove the (now empty) job cgroup."""
    _write("cgroup.procs", "0", parent_fd)
    os.rmdir(name, dir_fd=parent_fd)


def remove_parent(path, attempts=20):
    """Grader side, after the zygote is gone (it normally removed it already): remove leftover
    job cgroups and the parent, retrying while dying processes still occupy them."""
    for _ in range(attempts):
        try:
            if os.path.isdir(path):
                for entry in os.listdir(path):
                    if entry.startswith("job-"):
                        os.rmdir(os.path.join(path, entry))
                os.rmdir(path)
            return
        except OSError:
            time.sleep(0.05)


# ----------------------------------------------------------------------------- CPU
def open_cpu(tag, memory_version=None):
    """Create the zygote's CPU cgroup(s) `tag`; returns ({"version": 1|2, "dirs": {controller:
    dir fd}}, [host paths], [(fd of the directory holding one, tag)] for `remove_tree`).
    On v2 the memory cgroup's directory is reused (call `open_parent` first). Raises OSError."""
    if memory_version == 2 or (_own_path("") == "/" and not os.path.isdir(V1_ROOT + "/cpu")
                               and os.path.isfile(os.path.join(V2, "cgroup.controllers"))):
        with open(os.path.join(V2, "cgroup.controllers")) as f:
            if "cpu" not in f.read().split():
                raise OSError("the cgroup v2 cpu controller is not available")
        _write(os.path.join(V2, "cgroup.subtree_control"), "+cpu")
        path = os.path.join(V2, tag)
        if not os.path.isdir(path):
            os.mkdir(path, 0o700)
        _write(os.path.join(path, "cgroup.subtree_control"), "+cpu")
        _write(os.path.join(path, "cpu.weight"), str(min(10000, 100 * (os.cpu_count() or 1))))
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        return {"version": 2, "dirs": {"cpu": fd}}, [path], []
    dirs, paths, cleanup, seen = {}, [], [], {}
    for controller in ("cpu", "cpuacct"):
        own = _own_path(controller)
        mount = os.path.realpath(os.path.join(V1_ROOT, controller))
        if own is None or not os.path.isdir(mount):
            raise OSError("no cgroup v1 %s controller mounted" % controller)
        base = os.path.join(mount, own.lstrip("/"))
        if base in seen:                       # co-mounted (cpu,cpuacct): one directory
            dirs[controller] = seen[base]
            continue
        path = os.path.join(base, tag)
        os.mkdir(path, 0o700)
        dirs[controller] = seen[base] = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        if controller == "cpu":
            # all jobs sit below this one group: weigh it like one process per CPU, so that
            # grouping them does not shrink the grader's share on a machine shared with others
            _write("cpu.shares", str(1024 * (os.cpu_count() or 1)), dirs[controller])
        paths.append(path)
        cleanup.append((os.open(base, os.O_RDONLY | os.O_DIRECTORY), tag))
    return {"version": 1, "dirs": dirs}, paths, cleanup


def create_cpu_job(handle, name, cpus=JOB_CPUS):
    """The job's CPU cgroup(s): equal weight, a quota of `cpus` CPUs; moves the caller in."""
    quota = str(max(1000, int(cpus * PERIOD_US)))
    if handle["version"] == 2:
        fd = handle["dirs"]["cpu"]
        if not _exists(fd, name):
            os.mkdir(name, 0o700, dir_fd=fd)
        _write(name + "/cpu.max", "%s %d" % (quota, PERIOD_US), fd)
        _write(name + "/cgroup.procs", "0", fd)
        return
    done = set()
    for controller, fd in handle["dirs"].items():
        if fd in done:
            continue
        done.add(fd)
        os.mkdir(name, 0o700, dir_fd=fd)
        if controller == "cpu":
            _write(name + "/cpu.cfs_period_us", str(PERIOD_US), fd)
            _write(name + "/cpu.cfs_quota_us", quota, fd)
        _write(name + "/cgroup.procs", "0", fd)


def _exists(fd, name):
    try:
        os.stat(name, dir_fd=fd)
        return True
    except OSError:
        return False


def cpu_seconds(handle, name):
    """CPU time used so far by every process that has been in the job's cgroup."""
    if handle["version"] == 2:
        fd = os.open(name + "/cpu.stat", os.O_RDONLY, dir_fd=handle["dirs"]["cpu"])
        try:
            for line in os.read(fd, 4096).decode().splitlines():
                if line.startswith("usage_usec "):
                    return int(line.split()[1]) / 1e6
        finally:
            os.close(fd)
        raise OSError("cpu.stat has no usage_usec")
    fd = os.open(name + "/cpuacct.usage", os.O_RDONLY, dir_fd=handle["dirs"]["cpuacct"])
    try:
        return int(os.read(fd, 64)) / 1e9
    finally:
        os.close(fd)


def remove_cpu_job(handle, name):
    """Move the caller back to the parent cgroup(s) and remove the job's."""
    done = set()
    for fd in handle["dirs"].values():
        if fd in done:
            continue
        done.add(fd)
        try:
            _write("cgroup.procs", "0", fd)
            os.rmdir(name, dir_fd=fd)
        except OSError:
            pass


def job_pids(handle, name):
    """PIDs (in the caller's PID namespace) of every process in the job's CPU cgroup."""
    controller = "cpu" if handle["version"] == 2 else "cpuacct"
    fd = os.open(name + "/cgroup.procs", os.O_RDONLY, dir_fd=handle["dirs"][controller])
    try:
        data = b""
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return [int(p) for p in data.split()]


def kill_others(handle, name, spare):
    """SIGKILL every process of the job's CPU cgroup whose PID is not in `spare`, each
    through a pidfd taken while it was still listed there (so a PID reused meanwhile by a
    process of another job is never signalled); repeated until none is left (forks)."""
    import signal
    for _ in range(20):
        targets = [p for p in job_pids(handle, name) if p not in spare]
        if not targets:
            return
        fds = []
        for pid in targets:
            try:
                fds.append((pid, os.pidfd_open(pid)))
            except OSError:
                pass
        still = set(job_pids(handle, name))
        for pid, fd in fds:
            try:
                if pid in still:
                    signal.pidfd_send_signal(fd, signal.SIGKILL)
            except OSError:
                pass
            finally:
                os.close(fd)
