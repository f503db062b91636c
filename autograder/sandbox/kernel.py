"""nbgrader's kernel, confined: a Jupyter kernel launcher that runs ipykernel inside the sandbox.

Kernel spec argv (``python -m autograder kernel install`` writes it):
    python -s -B <this file> -f {connection_file}  [ipykernel's own options, e.g. nbgrader's
                                                    --HistoryManager.hist_file=:memory:]
Started by nbgrader (nbclient → jupyter_client) as root, with cwd autograded/<student>/<a>/.
Standalone (standard library; its sibling modules confine, rootfs and seccomp are loaded by
file path, as the zygote does, so nothing of the repository is imported). Everything happens in
this one process, which stays the kernel jupyter_client started: its interrupts (SIGINT on a
cell's timeout) and its kill reach ipykernel itself. In order:

1. the connection file is read (as root) and one listening socket per channel is bound on its
   address (tcp ip:port, or the ipc path), in the host's network namespace;
2. ``unshare`` mount, network, IPC and UTS namespaces. The new network namespace has only a
   loopback that is down: no connection can be opened to anything (the host's 127.0.0.1
   included) and no abstract unix socket is shared with the host. The sockets of step 1 stay
   in the host's namespace, so nbgrader still reaches the kernel through them;
3. ``rootfs.build_root``: a read-only minimal root holding the system libraries, the stdlib,
   this interpreter's other sys.path folders (its site-packages: ipykernel, numpy, ...),
   /dev/{null,zero,full,random,urandom}, and the student's own folder (the cwd) at ``/.jobs``,
   read-only; /tmp (= /scratch) a private size-capped tmpfs, also $HOME. Nothing else of the
   host exists: not the course folder (source/, release/, submitted/, other students'
   autograded/, feedback/, gradebook.db, .course_secret), not the repository, /root, /home,
   /etc, /proc or /sys;
4. a watchdog process is forked (root, its own session so nbgrader's kill of the kernel's
   process group does not reach it): when the kernel process ends it kills every process of
   the kernel's uid, so nothing a student started outlives the kernel;
5. rlimits (``LIMITS``); a fresh unprivileged uid/gid (random, one per kernel; no groups, hence
   no capabilities); no_new_privs; not dumpable; the sandbox's seccomp deny-list;
6. stdin, stdout and stderr become /dev/null (what a cell writes to the raw descriptors goes to
   its output, as ipykernel captures them, never to the terminal of the TA running nbgrader);
   ipykernel's IPKernelApp starts in this process with a copy of the connection file in /tmp;
   each channel's zmq socket adopts its descriptor from step 1 (ZMQ_USE_FD) instead of binding.

Any failure before step 6 ends the launcher with one line on stderr and exit status 2 (the
kernel then never starts and nbgrader reports it died): never an unconfined kernel.
"""
import argparse
import importlib.util
import json
import os
import secrets
import select
import signal
import socket
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CHANNELS = ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")
COURSE_FILES = ("nbgrader_config.py", "gradebook.db", ".course_secret")
MIB = 1 << 20
# {rlimit: (soft, hard)}: the whole notebook's CPU (nbgrader interrupts a cell after its own
# timeout), memory (address space: ipykernel with numpy and matplotlib loaded, 14 threads, takes
# about 1 GiB), processes and threads of the kernel's uid, file size, open files, no core dumps
LIMITS = {"cpu": (1800, 1800), "as": (4096 * MIB, 4096 * MIB), "nproc": (256, 256),
          "fsize": (64 * MIB, 64 * MIB), "nofile": (1024, 1024), "core": (0, 0),
          "msgqueue": (0, 0)}
TMP_SIZE = "256m"
# where each kernel mounts its new root, in its own mount namespace (the folder stays empty on the host)
STAGE = "/run/backprop-kernel-root"
ENV_KEEP = ("LANG", "LC_ALL", "LC_CTYPE", "JPY_PARENT_PID", "JPY_SESSION_NAME",
            "PYDEVD_DISABLE_FILE_VALIDATION", "MPLBACKEND")


class LaunchError(RuntimeError):
    """The kernel cannot be confined here; the message says why (one line)."""


def _load(name):
    spec = importlib.util.spec_from_file_location("_sandbox_" + name, os.path.join(HERE, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def prebind(info):
    """{zmq address: listening socket fd} for each channel of the connection file ``info``."""
    transport, ip, bound = info.get("transport", "tcp"), info["ip"], {}
    for channel in CHANNELS:
        port = int(info[channel])
        if port <= 0:
            raise LaunchError("connection file without a %s" % channel)
        if transport == "tcp":
            family = socket.AF_INET6 if ":" in ip else socket.AF_INET
            s = socket.socket(family, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((ip, port))
            address = "tcp://%s:%i" % (ip, port)
        elif transport == "ipc":
            path = "%s-%i" % (ip, port)
            if os.path.lexists(path):
                os.unlink(path)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            address = "ipc://%s" % path
        else:
            raise LaunchError("unknown transport %r in the connection file" % transport)
        s.listen(128)
        bound[address] = s.detach()
    return bound


def student_folder():
    """The cwd, which is exposed: refuse it if it looks like (or holds) the course itself."""
    cwd = os.path.realpath(os.getcwd())
    found = [name for name in COURSE_FILES if os.path.lexists(os.path.join(cwd, name))]
    if found:
        raise LaunchError("the working directory %r holds %s: it looks like a course folder, "
                          "not a student's autograded/<student>/<assignment>/" % (cwd, found[0]))
    for other in (REPO, sys.prefix, "/"):
        if other == cwd or other.startswith(cwd.rstrip("/") + "/"):
            raise LaunchError("the working directory %r would expose %r" % (cwd, other))
    return cwd


def python_paths(stdlib):
    """This interpreter's sys.path folders outside the stdlib and the repository checkout."""
    out = []
    for path in sys.path:
        path = os.path.realpath(path) if path else ""
        inside = lambda root: path == root or path.startswith(root.rstrip("/") + "/")
        if (not path or not os.path.isdir(path) or inside(stdlib) or path == HERE
                or (inside(REPO) and not inside(os.path.realpath(sys.prefix))) or path in out):
            continue
        out.append(path)
    return out


def watchdog(uid, gid, confine):
    """Fork a root process that, once this process is gone, kills every process of ``uid``.

    It waits on a pidfd of this process (not a parent-death signal: the kernel would check that
    signal against this process's credentials after the uid drop, and refuse it)."""
    parent = os.getpid()
    if os.fork():
        return
    try:
        os.setsid()
        confine.set_name("kernel-watch")
        null = os.open("/dev/null", os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 1 << 16)
        try:
            select.select([os.pidfd_open(parent)], [], [])
        except ProcessLookupError:
            pass                                 # already gone
        confine.drop_privileges(uid, gid)       # kill(-1) below only ever as that uid
        for _ in range(1000):
            os.kill(-1, signal.SIGKILL)
    except BaseException:
        pass
    os._exit(0)


def confine_here(connection_file):
    """Steps 1–5; returns (the connection file's path inside, {address: fd})."""
    if os.geteuid() != 0:
        raise LaunchError("the confined kernel must be started as root (it is uid %d): it "
                          "needs namespaces and a uid of its own" % os.geteuid())
    confine, rootfs, seccomp = _load("confine"), _load("rootfs"), _load("seccomp")
    with open(connection_file) as f:
        text = f.read()
    info = json.loads(text)
    folder = student_folder()
    bound = prebind(info)
    stdlib = sysconfig.get_paths()["stdlib"]
    paths = python_paths(stdlib)
    # above the sandbox's own pool (1.8e9 + up to 2e8): never the uid of a grading job
    uid = gid = 2_100_000_000 + secrets.randbelow(1 << 24)
    stage = STAGE if os.path.isdir(os.path.dirname(STAGE)) else os.path.join(tempfile.gettempdir(), "backprop-kernel-root")
    os.makedirs(stage, mode=0o700, exist_ok=True)   # one empty folder, reused by every kernel
    confine.unshare(confine.CLONE_NEWNS | confine.CLONE_NEWNET | confine.CLONE_NEWIPC
                    | confine.CLONE_NEWUTS)
    rootfs.build_root(stage, stdlib, paths, [REPO], scratch_root=folder)
    confine.mount(None, "/.jobs", None, confine.MS_REMOUNT | confine.MS_BIND | confine.MS_RDONLY
                  | confine.MS_NOSUID | confine.MS_NODEV)
    confine.mount("tmpfs", "/scratch", "tmpfs", confine.MS_NOSUID | confine.MS_NODEV,
                  "size=%s,mode=700,uid=%d,gid=%d" % (TMP_SIZE, uid, gid))
    inside = "/scratch/connection.json"   # /tmp links here, except in a checkout under /tmp (rootfs)
    with open(inside, "w") as f:
        f.write(text)
    os.chown(inside, uid, gid)
    os.chdir("/.jobs")
    watchdog(uid, gid, confine)
    confine.set_rlimits(LIMITS)
    confine.drop_privileges(uid, gid)
    confine.no_new_privs()
    confine.not_dumpable()
    if seccomp.SUPPORTED:
        seccomp.install()
    env = {k: os.environ[k] for k in ENV_KEEP if k in os.environ}
    os.environ.clear()
    os.environ.update(env, HOME="/scratch", TMPDIR="/scratch", PATH="/nonexistent", OPENBLAS_NUM_THREADS="1",
                      MPLCONFIGDIR="/scratch/matplotlib", PYTHONNOUSERSITE="1")
    sys.path[:] = [stdlib, os.path.join(stdlib, "lib-dynload")] + paths
    importlib.invalidate_caches()
    return inside, bound


def adopt(bound):
    """Make every zmq bind to a pre-bound address use that descriptor (ZMQ_USE_FD)."""
    import zmq

    original = zmq.Socket.bind

    def bind(self, addr):
        fd = bound.pop(addr, None)
        if fd is not None:
            self.setsockopt(zmq.USE_FD, fd)
        return original(self, addr)

    zmq.Socket.bind = bind


def main(argv=None):
    parser = argparse.ArgumentParser(description="a confined ipykernel (see the module's docstring)")
    parser.add_argument("-f", dest="connection_file", required=True)
    args, rest = parser.parse_known_args(argv)
    try:
        inside, bound = confine_here(args.connection_file)
    except (LaunchError, OSError, ValueError, KeyError) as exc:
        print("backprop-confined kernel not started: %s" % exc, file=sys.stderr)
        return 2
    adopt(bound)
    null = os.open("/dev/null", os.O_RDWR)
    for fd in (0, 1, 2):            # nothing the kernel writes reaches nbgrader's terminal (the TA's)
        os.dup2(null, fd)
    os.close(null)
    for name in [m for m in sys.modules if m.startswith("_sandbox_")]:
        del sys.modules[name]
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=["-f", inside] + rest)
    return 0


if __name__ == "__main__":
    if sys.path and os.path.realpath(sys.path[0] or ".") == HERE:
        del sys.path[0]
    sys.exit(main())
