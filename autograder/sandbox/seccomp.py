"""The seccomp filter of student processes: a deny-list with argument checks (x86-64 only).

Standalone (standard library only). Installed by the submission process after it dropped its
privileges and set no_new_privs, so it applies to the top-level code and to every call.
Returns EPERM for system calls a grading job never needs and that either widen the kernel
attack surface or let one job observe or signal another through objects both can reach
(the shared read-only library files, /dev/null, the global state of the machine):

- sharp tools: creating or entering namespaces (unshare, setns, clone with namespace flags;
  clone3 gets ENOSYS so libc falls back to clone), the mount API, chroot, pivot_root, ptrace
  and cross-process memory access, bpf, perf_event_open, userfaultfd, io_uring, kexec,
  modules, reboot, swap, acct, quotactl, modify_ldt, uselib, file handles, page migration;
- cross-job channels (see README.md, "Threat model"): file locks of every kind (flock; fcntl
  F_GETLK/F_SETLK/F_SETLKW, the OFD variants, leases F_SETLEASE/F_GETLEASE, dnotify
  F_NOTIFY), inotify and fanotify, page-cache residency (mincore, cachestat, preadv2 with
  RWF_NOWAIT) and eviction (fadvise, readahead), MAP_SHARED mappings of files (shared futex
  keys and writable views of shared pages), futex wake/requeue operations without
  FUTEX_PRIVATE_FLAG (a futex word in a file's page cache is keyed by inode, so two jobs
  mapping the same library could wake each other), futex_requeue, keyrings
  (add_key/request_key/keyctl), SysV IPC and POSIX message queues, sysinfo (machine-wide
  process count and free memory);
- any non-native ABI (x32, i386 via int 0x80) and any other architecture's calling
  convention (checked first).

Everything else is allowed: it is not the primary barrier (the namespaces, the per-job uid and
the read-only minimal root are), it removes sharp tools and closes the channels those leave.
"""
import ctypes
import platform
import struct

SUPPORTED = platform.machine() == "x86_64"
AUDIT_ARCH_X86_64 = 0xC000003E
X32_BIT = 0x40000000
EPERM, ENOSYS = 1, 38

# x86-64 system call numbers, denied whatever their arguments
DENIED = {
    "ptrace": 101, "syslog": 103, "uselib": 134, "modify_ldt": 154, "pivot_root": 155,
    "chroot": 161, "acct": 163, "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168,
    "reboot": 169, "init_module": 175, "delete_module": 176, "quotactl": 179,
    "kexec_load": 246, "add_key": 248, "request_key": 249, "keyctl": 250, "unshare": 272,
    "perf_event_open": 298, "setns": 308, "process_vm_readv": 310, "process_vm_writev": 311,
    "kcmp": 312, "finit_module": 313, "kexec_file_load": 320, "bpf": 321,
    "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "open_tree": 428, "move_mount": 429, "fsopen": 430,
    "fsconfig": 431, "fsmount": 432, "fspick": 433, "pidfd_getfd": 438,
    "mount_setattr": 442, "name_to_handle_at": 303, "open_by_handle_at": 304,
    "migrate_pages": 256, "move_pages": 279, "process_madvise": 440,
    "process_mrelease": 448, "remap_file_pages": 216,
    # SysV IPC and POSIX message queues: objects outlive the call and escape RLIMIT_AS
    "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65, "semctl": 66,
    "shmdt": 67, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "semtimedop": 220,
    "mq_open": 240, "mq_unlink": 241, "mq_timedsend": 242, "mq_timedreceive": 243,
    "mq_notify": 244, "mq_getsetattr": 245,
    # channels between jobs through shared files and global state
    "flock": 73, "inotify_init": 253, "inotify_add_watch": 254, "inotify_rm_watch": 255,
    "inotify_init1": 294, "fanotify_init": 300, "fanotify_mark": 301, "mincore": 27,
    "cachestat": 451, "fadvise64": 221, "readahead": 187, "sysinfo": 99,
    "futex_requeue": 456,
}
CLONE, CLONE3 = 56, 435
NAMESPACE_FLAGS = (0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
                   | 0x20000000 | 0x40000000 | 0x00000080)   # NEWNS..NEWNET, NEWCGROUP, NEWTIME
FCNTL, MMAP, FUTEX, FUTEX_WAKE2, PREADV2, PWRITEV2 = 72, 9, 202, 454, 327, 328
#: fcntl commands denied: F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK/SETLK/SETLKW, F_SETLEASE,
#: F_GETLEASE, F_NOTIFY
FCNTL_DENIED = (5, 6, 7, 36, 37, 38, 1024, 1025, 1026)
MAP_SHARED, MAP_ANONYMOUS = 0x01, 0x20
FUTEX_PRIVATE_FLAG, FUTEX_CMD_MASK = 128, 0x7F
FUTEX_WAITS = (0, 9)          # FUTEX_WAIT, FUTEX_WAIT_BITSET: waiting signals nobody
FUTEX2_PRIVATE = 128
RWF_NOWAIT = 0x08

_LD_W_ABS, _JEQ, _JGE, _JSET, _RET, _AND = 0x20, 0x15, 0x35, 0x45, 0x06, 0x54
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000


def _arg(i):
    """Offset of the low 32 bits of argument i in struct seccomp_data (little-endian)."""
    return 16 + 8 * i


def _checks():
    """{syscall number: block}; a block is a list of instructions where the jump targets are
    the labels "eperm" and "allow" (or relative ints); it must end in a return or jump."""
    fcntl = [("ld", _arg(1))] + [("jeq", cmd, "eperm") for cmd in FCNTL_DENIED] + [("allow",)]
    mmap = [("ld", _arg(3)), ("jset", MAP_ANONYMOUS, "allow"), ("jset", MAP_SHARED, "eperm"),
            ("allow",)]
    futex = [("ld", _arg(1)), ("jset", FUTEX_PRIVATE_FLAG, "allow"), ("and", FUTEX_CMD_MASK)] + [
        ("jeq", cmd, "allow") for cmd in FUTEX_WAITS] + [("eperm",)]
    futex_wake = [("ld", _arg(3)), ("jset", FUTEX2_PRIVATE, "allow"), ("eperm",)]
    nowait = [("ld", _arg(5)), ("jset", RWF_NOWAIT, "eperm"), ("allow",)]
    clone = [("ld", _arg(0)), ("jset", NAMESPACE_FLAGS, "eperm"), ("allow",)]
    return {FCNTL: fcntl, MMAP: mmap, FUTEX: futex, FUTEX_WAKE2: futex_wake, PREADV2: nowait,
            PWRITEV2: nowait, CLONE: clone}


def _program():
    """The BPF program as (code, jt, jf, k) tuples; jumps are relative to the next one."""
    symbolic = [("ld", 4), ("jne", AUDIT_ARCH_X86_64, "eperm"), ("ld", 0),
                ("jge", X32_BIT, "eperm"), ("jeq", CLONE3, "enosys")]
    symbolic += [("jeq", nr, "eperm") for nr in sorted(DENIED.values())]
    blocks = _checks()
    symbolic += [("jeq", nr, "block%d" % nr) for nr in sorted(blocks)]
    symbolic.append(("allow",))
    for nr in sorted(blocks):
        symbolic.append(("label", "block%d" % nr))
        symbolic += blocks[nr]
    symbolic += [("label", "eperm"), ("eperm",), ("label", "enosys"), ("enosys",),
                 ("label", "allow"), ("allow",)]
    labels, prog = {}, []
    for ins in symbolic:
        if ins[0] == "label":
            labels[ins[1]] = len(prog)
        else:
            prog.append(ins)

    def to(at, label):
        offset = labels[label] - at - 1
        if not 0 <= offset < 256:
            raise ValueError("seccomp program: jump too far")
        return offset

    out = []
    for at, ins in enumerate(prog):
        op = ins[0]
        if op == "ld":
            out.append((_LD_W_ABS, 0, 0, ins[1]))
        elif op == "and":
            out.append((_AND, 0, 0, ins[1]))
        elif op in ("jeq", "jge", "jset"):
            code = {"jeq": _JEQ, "jge": _JGE, "jset": _JSET}[op]
            out.append((code, to(at, ins[2]), 0, ins[1]))
        elif op == "jne":
            out.append((_JEQ, 0, to(at, ins[2]), ins[1]))
        else:
            out.append((_RET, 0, 0, {"allow": _ALLOW, "eperm": _ERRNO | EPERM,
                                     "enosys": _ERRNO | ENOSYS}[op]))
    return out


class _Prog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install():
    """Install the filter on this process (inherited by its children). Needs no_new_privs."""
    if not SUPPORTED:
        raise OSError("seccomp filter: only written for x86-64")
    code = b"".join(struct.pack("=HBBI", *ins) for ins in _program())
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _Prog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
    if libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "seccomp filter not installed")


def describe():
    if not SUPPORTED:
        return ("NOT active (filter written for x86-64 only): file locks, inotify, page-cache "
                "probes and shared futexes between concurrent jobs are NOT blocked")
    return ("deny-list filter with argument checks (EPERM): namespaces, mount API, chroot, "
            "ptrace and cross-process memory, bpf, perf, userfaultfd, keyrings, io_uring, "
            "SysV IPC and message queues, kexec/modules/reboot; cross-job channels: file "
            "locks/leases/dnotify, inotify/fanotify, mincore/cachestat/RWF_NOWAIT/fadvise, "
            "MAP_SHARED file mappings, shared futex wakes, sysinfo; other ABIs/architectures")
