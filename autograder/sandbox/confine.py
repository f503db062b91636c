"""Linux confinement primitives via ctypes (Python 3.11 has no os.unshare).

Standalone (standard library only); runs inside the zygote and its children. Every function
raises OSError with the kernel's errno on failure so that callers can degrade and *report*.

- `unshare(flags)`, `mount(...)`, `umount(...)`, `pivot_root_here(new_root)`
- `write_id_maps(uid, gid)`: map uid/gid 0 of a fresh user namespace to the caller's ids
- `drop_privileges(uid, gid)`: root only; no groups, real/effective/saved ids set, and since
  no id stays 0 the kernel clears every capability
- `drop_capabilities()`: ordinary-user mode: empty bounding/ambient/permitted/effective sets
- `set_rlimits(...)`, `no_new_privs()`, `not_dumpable()`, `parent_death_signal(sig)`
"""
import ctypes
import errno
import os
import platform
import resource

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MNT_DETACH = 2

PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15
PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_SECUREBITS = 28
PR_SET_CHILD_SUBREAPER = 36
PR_SET_NO_NEW_PRIVS = 38
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_CLEAR_ALL = 4

_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "arm64": 41}.get(platform.machine(), None)
_libc = ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        code = ctypes.get_errno()
        raise OSError(code, "%s: %s" % (what, os.strerror(code)))


def unshare(flags):
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source, target, fstype=None, flags=0, data=None):
    enc = lambda s: None if s is None else os.fsencode(s)
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags),
                       enc(data)), "mount %s" % target)


def umount(target, flags=0):
    _check(_libc.umount2(os.fsencode(target), ctypes.c_int(flags)), "umount %s" % target)


def bind(source, target, readonly=True, dev=False):
    """Bind-mount source on target; remount read-only/nosuid[/nodev], keeping locked flags."""
    mount(source, target, None, MS_BIND | MS_REC)
    flags = MS_REMOUNT | MS_BIND | MS_NOSUID | (0 if dev else MS_NODEV)
    flags |= MS_RDONLY if readonly else 0
    try:
        mount(None, target, None, flags)
    except OSError as exc:
        if exc.errno != errno.EPERM:
            raise
        # In a user namespace, flags inherited from the source mount are locked: keep them.
        st = os.statvfs(target)
        for bit, ms in ((os.ST_NOEXEC, MS_NOEXEC), (os.ST_NOATIME, MS_NOATIME),
                        (os.ST_NODIRATIME, MS_NODIRATIME), (os.ST_RELATIME, MS_RELATIME),
                        (os.ST_NODEV, MS_NODEV)):
            if st.f_flag & bit:
                flags |= ms
        mount(None, target, None, flags)


def pivot_root_here(new_root):
    """Make `new_root` (a mount point) the root and detach the old root entirely."""
    if _SYS_PIVOT_ROOT is None:
        raise OSError(errno.ENOSYS, "pivot_root: unknown architecture")
    os.chdir(new_root)
    _check(_libc.syscall(ctypes.c_long(_SYS_PIVOT_ROOT), b".", b"."), "pivot_root")
    umount(".", MNT_DETACH)
    os.chdir("/")


def prctl(option, arg2=0):
    _check(_libc.prctl(ctypes.c_int(option), ctypes.c_ulong(arg2), ctypes.c_ulong(0),
                       ctypes.c_ulong(0), ctypes.c_ulong(0)), "prctl %d" % option)


def set_name(name):
    """The process name shown by ps/top (sbx-zygote, sbx-job, sbx-submission; the call
    processes keep their parent's name: renaming them would cost every call time)."""
    _libc.prctl(ctypes.c_int(PR_SET_NAME), ctypes.c_char_p(name.encode()[:15]),
                ctypes.c_ulong(0), ctypes.c_ulong(0), ctypes.c_ulong(0))


def no_new_privs():
    prctl(PR_SET_NO_NEW_PRIVS, 1)


def not_dumpable():
    prctl(PR_SET_DUMPABLE, 0)


def parent_death_signal(sig):
    prctl(PR_SET_PDEATHSIG, sig)


def child_subreaper():
    prctl(PR_SET_CHILD_SUBREAPER, 1)


def write_id_maps(uid, gid, proc_fd=None):
    """In a fresh user namespace: map 0 inside to (uid, gid) outside, deny setgroups.
    `proc_fd`: an open /proc directory, for callers whose root has no /proc."""
    for name, text in (("setgroups", "deny"), ("uid_map", "0 %d 1" % uid),
                       ("gid_map", "0 %d 1" % gid)):
        fd = os.open("self/" + name if proc_fd is not None else "/proc/self/" + name,
                     os.O_WRONLY, dir_fd=proc_fd)
        try:
            os.write(fd, text.encode())
        finally:
            os.close(fd)


def drop_privileges(uid, gid):
    """Root mode: become uid/gid with no supplementary groups; verify it cannot come back."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    if os.getresuid() != (uid, uid, uid) or os.getresgid() != (gid, gid, gid):
        raise OSError(errno.EPERM, "privilege drop did not take effect")
    try:
        os.setuid(0)
    except PermissionError:
        return
    raise OSError(errno.EPERM, "privilege drop is reversible")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def drop_capabilities():
    """Empty every capability set of this process (bounding set first, while we may)."""
    for cap in range(64):
        try:
            prctl(PR_CAPBSET_DROP, cap)
        except OSError as exc:
            if exc.errno in (errno.EINVAL, errno.EPERM):   # past the last cap / no CAP_SETPCAP
                break
            raise
    try:
        prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL)
    except OSError:
        pass
    header = _CapHeader(0x20080522, 0)
    data = (_CapData * 2)()
    _check(_libc.capset(ctypes.byref(header), ctypes.byref(data)), "capset")


RLIMIT_NAMES = {"cpu": resource.RLIMIT_CPU, "as": resource.RLIMIT_AS,
                "nproc": resource.RLIMIT_NPROC, "fsize": resource.RLIMIT_FSIZE,
                "nofile": resource.RLIMIT_NOFILE, "core": resource.RLIMIT_CORE,
                "memlock": resource.RLIMIT_MEMLOCK, "msgqueue": resource.RLIMIT_MSGQUEUE,
                "stack": resource.RLIMIT_STACK}


def set_rlimits(limits):
    """limits: {name: (soft, hard)}; never raises a hard limit above what we already have."""
    for name, (soft, hard) in limits.items():
        which = RLIMIT_NAMES[name]
        _, old_hard = resource.getrlimit(which)
        if old_hard != resource.RLIM_INFINITY:
            hard = min(hard, old_hard)
        resource.setrlimit(which, (min(soft, hard), hard))
