"""A small seccomp deny-list for student processes (defence in depth; x86-64 only).

Standalone (standard library only). Installed by the submission process after it dropped its
privileges and set no_new_privs, so it applies to the top-level code and to every call.
Returns EPERM for system calls a grading job never needs and that widen the kernel attack
surface or the view of the system: creating or entering namespaces (unshare, setns, clone with
namespace flags; clone3 gets ENOSYS so libc falls back to clone), the mount API, chroot,
pivot_root, ptrace and cross-process memory access, bpf, perf_event_open, userfaultfd,
keyrings, io_uring, SysV IPC and POSIX message queues (their objects outlive the process and
are not counted in RLIMIT_AS), kexec/modules/reboot/swap/acct/quotactl, and any non-native
ABI (x32, i386 via int 0x80). Everything else is allowed: this is not the primary barrier (the
namespaces, the uid and the read-only minimal root are), it only removes sharp tools.
"""
import ctypes
import platform
import struct

SUPPORTED = platform.machine() == "x86_64"
AUDIT_ARCH_X86_64 = 0xC000003E
X32_BIT = 0x40000000
EPERM, ENOSYS = 1, 38

# x86-64 system call numbers
DENIED = {
    "ptrace": 101, "syslog": 103, "pivot_root": 155, "chroot": 161, "acct": 163,
    "mount": 165, "umount2": 166, "swapon": 167, "swapoff": 168, "reboot": 169,
    "init_module": 175, "delete_module": 176, "quotactl": 179, "kexec_load": 246,
    "add_key": 248, "request_key": 249, "keyctl": 250, "unshare": 272,
    "perf_event_open": 298, "setns": 308, "process_vm_readv": 310, "process_vm_writev": 311,
    "kcmp": 312, "finit_module": 313, "kexec_file_load": 320, "bpf": 321,
    "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426,
    "io_uring_register": 427, "open_tree": 428, "move_mount": 429, "fsopen": 430,
    "fsconfig": 431, "fsmount": 432, "fspick": 433, "pidfd_getfd": 438,
    "mount_setattr": 442,
    # SysV IPC and POSIX message queues: objects outlive the call and escape RLIMIT_AS
    "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65, "semctl": 66,
    "shmdt": 67, "msgget": 68, "msgsnd": 69, "msgrcv": 70, "msgctl": 71, "semtimedop": 220,
    "mq_open": 240, "mq_unlink": 241, "mq_timedsend": 242, "mq_timedreceive": 243,
    "mq_notify": 244, "mq_getsetattr": 245,
}
CLONE, CLONE3 = 56, 435
NAMESPACE_FLAGS = (0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000
                   | 0x20000000 | 0x40000000 | 0x00000080)   # NEWNS..NEWNET, NEWCGROUP, NEWTIME

_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000


def _program():
    """The BPF program as (code, jt, jf, k) tuples; jumps are relative to the next one."""
    denied = sorted(DENIED.values())
    prog = [(_LD_W_ABS, 0, 0, 4), (_JEQ, 1, 0, AUDIT_ARCH_X86_64), None,   # 2: -> EPERM
            (_LD_W_ABS, 0, 0, 0), None, None, None]                         # 4..6: x32/clone
    for nr in denied:
        prog.append(None)
    prog.append((_RET, 0, 0, _ALLOW))
    clone_check = len(prog)
    prog += [(_LD_W_ABS, 0, 0, 16), None, (_RET, 0, 0, _ALLOW)]
    eperm = len(prog)
    prog.append((_RET, 0, 0, _ERRNO | EPERM))
    enosys = len(prog)
    prog.append((_RET, 0, 0, _ERRNO | ENOSYS))

    def jump(at, target):
        return target - at - 1

    prog[2] = (_RET, 0, 0, _ERRNO | EPERM)
    prog[4] = (_JGE, jump(4, eperm), 0, X32_BIT)
    prog[5] = (_JEQ, jump(5, clone_check), 0, CLONE)
    prog[6] = (_JEQ, jump(6, enosys), 0, CLONE3)
    for i, nr in enumerate(denied):
        at = 7 + i
        prog[at] = (_JEQ, jump(at, eperm), 0, nr)
    prog[clone_check + 1] = (_JSET, jump(clone_check + 1, eperm), 0, NAMESPACE_FLAGS)
    return prog


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
        return "NOT active (deny-list written for x86-64 only)"
    return ("deny-list filter (EPERM): creating/entering namespaces, mount API, chroot, "
            "ptrace and cross-process memory, bpf, perf, userfaultfd, keyrings, io_uring, "
            "SysV IPC and message queues, kexec/modules/reboot; non-native ABIs")
