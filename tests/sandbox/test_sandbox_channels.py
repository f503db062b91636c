"""Issue 11, item 4: no channel between two jobs run side by side (as `grade --jobs 2` does).

Each test runs a *sender* and a *receiver* submission at the same time in the real sandbox
(two threads, one zygote) and checks that the receiver learns nothing: it returns what it
observed, and the secret must not be in it. The sender holds its signal for a while; the
receiver looks for it meanwhile. On the old code the lock, inotify, mincore, shared-futex and
sysinfo channels carried the secret (see the report in the commit).
"""
import os
import sysconfig
import threading

import pytest

from autograder.sandbox import Call, Limits, Sandbox
from sandbox_helpers import processes_of_uids, job_uid_range, root_only, src

SLOW = Limits(cpu_seconds=2, wall_seconds=4.0, memory_bytes=256 << 20, processes=24,
              output_bytes=16 << 10, file_bytes=256 << 10, submission_wall_seconds=20,
              result_bytes=1 << 20, scratch_bytes=2 << 20)
SECRET = 37


@pytest.fixture(scope="module")
def pair_box():
    with Sandbox(SLOW) as box:
        yield box


def side_by_side(box, sender, receiver):
    """Run both at once; returns the receiver's value (or its failure)."""
    results = {}

    def run(name, source):
        results[name] = box.run(src(source), [Call("main")], label=name)

    threads = [threading.Thread(target=run, args=("sender", sender)),
               threading.Thread(target=run, args=("receiver", receiver))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for name in ("sender", "receiver"):
        assert results[name].load_status == "ok", results[name]
    call = results["receiver"].calls[0]
    assert call.status == "ok", call
    return call.value


# ----------------------------------------------------------------------------- file locks
LOCKS_SENDER = '''
    import fcntl, os, struct, time
    def main():
        held = []
        for path in ("/etc/ld.so.cache", "/dev/null"):
            f = open(path, "rb")
            for how in ("posix", "ofd", "flock"):
                try:
                    if how == "posix":
                        fcntl.lockf(f, fcntl.LOCK_SH, 1, 1000 + %d)
                    elif how == "ofd":
                        g = open(path, "rb")
                        held.append(g)
                        fcntl.fcntl(g, fcntl.F_OFD_SETLK, struct.pack("hhqqi", fcntl.F_RDLCK, 0, 2000 + %d, 1, 0))
                    else:
                        fcntl.flock(f, fcntl.LOCK_EX)
                except OSError:
                    pass
            held.append(f)
        time.sleep(2.5)
        return len(held)
''' % (SECRET, SECRET)

LOCKS_RECEIVER = '''
    import fcntl, os, struct, time
    def main():
        seen = []
        time.sleep(0.4)
        for path in ("/etc/ld.so.cache", "/dev/null"):
            f = open(path, "rb")
            for base, cmd in ((1000, fcntl.F_GETLK), (2000, fcntl.F_OFD_GETLK)):
                for offset in range(base, base + 64):
                    try:
                        lk = struct.pack("hhqqi", fcntl.F_WRLCK, 0, offset, 1, 0)
                        kind = struct.unpack("hhqqi", fcntl.fcntl(f, cmd, lk))[0]
                        if kind != fcntl.F_UNLCK:
                            seen.append(offset - base)
                    except OSError:
                        break
            try:
                g = open(path, "rb")
                fcntl.flock(g, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                seen.append("flock held")
            except OSError:
                pass
        return seen
'''


def test_file_locks_carry_nothing(pair_box):
    assert side_by_side(pair_box, LOCKS_SENDER, LOCKS_RECEIVER) == []


# ----------------------------------------------------------------------------- inotify
INOTIFY_SENDER = '''
    import time
    def main():
        end = time.monotonic() + 2.5
        while time.monotonic() < end:
            for _ in range(%d):
                open("/dev/full", "rb").close()
            time.sleep(0.05)
        return 0
''' % SECRET

INOTIFY_RECEIVER = '''
    import ctypes, os, select, time
    def main():
        libc = ctypes.CDLL(None, use_errno=True)
        fd = libc.inotify_init1(os.O_NONBLOCK)
        if fd < 0:
            return "no inotify"
        for path in (b"/dev/full", b"/etc/ld.so.cache", b"/dev"):
            libc.inotify_add_watch(fd, path, 0xFFF)
        events, end = 0, time.monotonic() + 1.5
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                events += len(os.read(fd, 65536)) // 16
        return events
'''


def test_inotify_carries_nothing(pair_box):
    assert side_by_side(pair_box, INOTIFY_SENDER, INOTIFY_RECEIVER) in ("no inotify", 0)


# ----------------------------------------------------------------------------- page cache
def _cold_file():
    """A stdlib file no job imports, evicted from the page cache (host side, as root)."""
    path = os.path.join(sysconfig.get_paths()["stdlib"], "pydoc_data", "topics.py")
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
    return path


def test_page_cache_residency_carries_nothing(pair_box):
    path = _cold_file()
    sender = '''
        import os, time
        def main():
            fd = os.open(%r, os.O_RDONLY)
            os.pread(fd, 1, %d * 4096)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
            except OSError:
                pass
            time.sleep(2.5)
            return 0
    ''' % (path, SECRET)
    receiver = '''
        import ctypes, mmap, os, time
        def main():
            time.sleep(0.6)
            fd = os.open(%r, os.O_RDONLY)
            size = os.fstat(fd).st_size
            pages = (size + 4095) // 4096
            seen = {}
            m = mmap.mmap(fd, size, access=mmap.ACCESS_COPY)
            libc = ctypes.CDLL(None, use_errno=True)
            vec = (ctypes.c_ubyte * pages)()
            buf = ctypes.c_char.from_buffer(m)
            if libc.mincore(ctypes.c_void_p(ctypes.addressof(buf)), ctypes.c_size_t(size), vec) == 0:
                seen["mincore"] = [i for i in range(pages) if vec[i] & 1]
            del buf
            try:
                nowait = [i for i in range(pages)
                          if os.preadv(fd, [bytearray(1)], i * 4096, os.RWF_NOWAIT) == 1]
                seen["nowait"] = nowait
            except OSError:
                pass
            return seen
    ''' % path
    seen = side_by_side(pair_box, sender, receiver)
    assert seen == {}, seen


# ----------------------------------------------------------------------------- futex keyed by inode
FUTEX = '''
    import ctypes, time
    libc = ctypes.CDLL(None, use_errno=True)
    SYS_futex = 202
    # a word in libc's text: both jobs map the same file, so a shared futex key is the same
    ADDR = ctypes.cast(libc.strtod, ctypes.c_void_p).value & ~3
'''
FUTEX_SENDER = FUTEX + '''
    def main():
        end, woken = time.monotonic() + 2.5, 0
        while time.monotonic() < end:
            r = libc.syscall(SYS_futex, ctypes.c_void_p(ADDR), 1, 0x7fffffff, None, None, 0)
            woken += max(r, 0)
            time.sleep(0.001)
        return woken
'''
FUTEX_RECEIVER = FUTEX + '''
    class Timespec(ctypes.Structure):
        _fields_ = [("s", ctypes.c_long), ("ns", ctypes.c_long)]
    def main():
        value = ctypes.c_int.from_address(ADDR).value
        wakes = 0
        for _ in range(10):
            t = Timespec(0, 100_000_000)
            r = libc.syscall(SYS_futex, ctypes.c_void_p(ADDR), 0, value, ctypes.byref(t), None, 0)
            wakes += r == 0
        return wakes
'''


def test_shared_futex_wake_carries_nothing(pair_box):
    assert side_by_side(pair_box, FUTEX_SENDER, FUTEX_RECEIVER) == 0


# ----------------------------------------------------------------------------- global counters, IPC
SYSINFO_SENDER = '''
    import os, time
    def main():
        kids = []
        for _ in range(16):
            pid = os.fork()
            if pid == 0:
                time.sleep(3)
                os._exit(0)
            kids.append(pid)
        time.sleep(2.5)
        return len(kids)
'''
SYSINFO_RECEIVER = '''
    import ctypes, time
    class Sysinfo(ctypes.Structure):
        _fields_ = [("uptime", ctypes.c_long), ("loads", ctypes.c_ulong * 3),
                    ("totalram", ctypes.c_ulong), ("freeram", ctypes.c_ulong),
                    ("sharedram", ctypes.c_ulong), ("bufferram", ctypes.c_ulong),
                    ("totalswap", ctypes.c_ulong), ("freeswap", ctypes.c_ulong),
                    ("procs", ctypes.c_ushort), ("pad", ctypes.c_char * 22)]
    def main():
        libc = ctypes.CDLL(None, use_errno=True)
        info = Sysinfo()
        if libc.sysinfo(ctypes.byref(info)) != 0:
            return None
        return info.procs
'''


def test_machine_wide_counters_not_readable(pair_box):
    assert side_by_side(pair_box, SYSINFO_SENDER, SYSINFO_RECEIVER) is None


IPC_SENDER = '''
    import ctypes, socket, time
    def main():
        done = []
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.bind(b"\\0sbx-channel-%d")
        s.listen(5)
        s.settimeout(2.5)
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.shmget(0x5b0c, 4096, 0o1666) >= 0:
            done.append("shm")
        if libc.syscall(248, b"user", b"sbx-channel", b"%d", 2, -4) >= 0:   # add_key @u
            done.append("key")
        try:
            from multiprocessing import shared_memory
            shared_memory.SharedMemory("sbx-channel", create=True, size=64).buf[0] = %d
            done.append("posix shm")
        except Exception:
            pass
        try:
            with open("/dev/shm/sbx-channel", "w") as f:
                f.write("%d")
        except OSError:
            pass
        try:
            s.accept()
            done.append("accepted")
        except OSError:
            pass
        return done
''' % (SECRET, SECRET, SECRET, SECRET)
IPC_RECEIVER = '''
    import ctypes, socket, time
    def main():
        seen = []
        time.sleep(0.5)
        try:
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.connect(b"\\0sbx-channel-%d")
            seen.append("abstract socket")
        except OSError:
            pass
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.shmget(0x5b0c, 4096, 0o666) >= 0:
            seen.append("sysv shm")
        if libc.syscall(250, 0, -4, 0) >= 0:   # keyctl(GET_KEYRING_ID, @u)
            if libc.syscall(249, b"user", b"sbx-channel", None, 0) >= 0:   # request_key
                seen.append("key")
        try:
            from multiprocessing import shared_memory
            seen.append(bytes(shared_memory.SharedMemory("sbx-channel").buf[:1]))
        except Exception:
            pass
        try:
            seen.append(open("/dev/shm/sbx-channel").read())
        except OSError:
            pass
        return seen
''' % SECRET


def test_sockets_ipc_keyrings_shm_carry_nothing(pair_box):
    assert side_by_side(pair_box, IPC_SENDER, IPC_RECEIVER) == []


# ----------------------------------------------------------------------------- inherited state
@root_only
def test_no_shared_mapping_or_extra_fd_inherited_from_the_zygote(pair_box):
    """While a job runs, none of its processes holds a writable MAP_SHARED mapping or an fd beyond
    stdio, the channel and the call's pipes (nothing survives the zygote's fork)."""
    low, high = job_uid_range(pair_box)
    found = {}

    def inspect():
        import time
        time.sleep(0.8)
        for pid in processes_of_uids(low, high):
            try:
                with open("/proc/%d/maps" % pid) as f:
                    shared = [line for line in f if line.split()[1][1] == "w" and line.split()[1][3] == "s"]
                fds = sorted(int(n) for n in os.listdir("/proc/%d/fd" % pid))
            except OSError:
                continue
            found[pid] = (shared, fds)

    watcher = threading.Thread(target=inspect)
    watcher.start()
    out = pair_box.run(src('''
        import time
        def main():
            time.sleep(1.6)
            return 1
    '''), [Call("main")])
    watcher.join()
    assert out.calls[0].status == "ok"
    assert found, "no job process seen"
    for pid, (shared, fds) in found.items():
        assert shared == [], (pid, shared)
        assert fds and max(fds) <= 3, (pid, fds)


# ----------------------------------------------------------------------------- end to end
SENDER_SOLUTION = '''
import fcntl, os, time
SOLUTION = %r
def _publish():
    exec(SOLUTION, globals())
    f = open("/etc/ld.so.cache", "rb")
    globals()["_held"] = f
    sent = 0
    for i, b in enumerate(SOLUTION.encode()):
        try:
            fcntl.lockf(f, fcntl.LOCK_SH, 1, 1 << 20 | i << 8 | b)
            sent += 1
        except OSError:
            break
    if sent:
        time.sleep(12)
    return sent
_sent = _publish()
'''

RECEIVER = '''
import fcntl, struct, time
def _receive():
    time.sleep(4)
    f = open("/etc/ld.so.cache", "rb")
    got = bytearray()
    try:
        for i in range(20000):
            for b in range(256):
                lk = struct.pack("hhqqi", fcntl.F_WRLCK, 0, 1 << 20 | i << 8 | b, 1, 0)
                if struct.unpack("hhqqi", fcntl.fcntl(f, fcntl.F_GETLK, lk))[0] != fcntl.F_UNLCK:
                    got.append(b)
                    break
            else:
                break
    except OSError:
        pass
    exec(got.decode("utf-8", "replace"), globals())
    return len(got)
_got = _receive()
'''


def test_graded_side_by_side_a_receiver_gets_no_solution(tmp_path):
    """`grade --jobs 2` on a sender (a correct solution that also publishes its source as
    byte-range locks on a shared library file) and a receiver (no solution code: it rebuilds
    one from the locks). The old code gave the receiver full marks; it must score 0."""
    import json
    import sys
    from autograder.grader.run import grade
    from tests.students import tutorial_net as students
    sender = tmp_path / "a_sender.py"
    sender.write_text(SENDER_SOLUTION % students.CORRECT)
    receiver = tmp_path / "b_receiver.py"
    receiver.write_text(RECEIVER)
    grade("tutorial_net", [sender, receiver], tmp_path / "out", jobs=2, stream=sys.stderr)
    score = {s: json.loads((tmp_path / "out" / s / "results.json").read_text())["score"]
             for s in ("a_sender", "b_receiver")}
    assert score["a_sender"] >= 31, score        # every function point (hand parts not filled)
    assert score["b_receiver"] == 0, score
