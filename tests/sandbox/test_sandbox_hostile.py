"""Hostile submissions: every attack must fail without hurting the grader or other calls."""
import os
import socket
import threading
import time

import numpy as np
import pytest

from autograder.sandbox import Call
from sandbox_helpers import REPO, job_uid_range, processes_of_uids, root_only, seen_in, src

GOOD = "def good():\n    return 42\n"


def run_then_good(box, source, *calls):
    """Run the hostile calls, then a normal one in the same submission; returns outcomes."""
    out = box.run(src(source) + GOOD, list(calls) + [Call("good")])
    assert out.load_status == "ok", out
    assert out.calls[-1].status == "ok" and out.calls[-1].value == 42, out.calls[-1]
    return out.calls[:-1]


# ----------------------------------------------------------------------------- time
def test_infinite_loop_times_out_and_other_functions_still_graded(box):
    loop, sleep = run_then_good(box, src('''
        import time
        def f():
            while True:
                pass
        def g():
            time.sleep(100)
    '''), Call("f"), Call("g"))
    assert loop.status == "timeout" and loop.seconds < 3        # CPU limit (1 s) or wall
    assert sleep.status == "timeout" and sleep.reason == "timed out after 1.5 s"
    assert 1.5 <= sleep.seconds < 3


def test_busy_thread_and_sleeping_thread(box):
    returned, joined = run_then_good(box, '''
        import threading, time
        def spin():
            while True:
                pass
        def f():
            threading.Thread(target=spin).start()      # non-daemon: must not keep us alive
            return "returned"
        def g():
            t = threading.Thread(target=spin)
            t.start()
            t.join()
    ''', Call("f"), Call("g"))
    assert returned.status == "ok" and returned.value == "returned" and returned.seconds < 1
    assert joined.status == "timeout"


def test_cpu_limit_is_separate_from_wall_limit(box):
    # 2 threads spinning burn CPU twice as fast as wall time: RLIMIT_CPU (1 s) fires first
    cpu, = run_then_good(box, '''
        import threading
        def spin():
            while True:
                pass
        def f():
            threading.Thread(target=spin, daemon=True).start()
            spin()
    ''', Call("f"))
    assert cpu.status == "timeout"


def test_sigterm_ignoring_handler_does_not_help(box):
    stubborn, = run_then_good(box, '''
        import signal
        def f():
            for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1):
                signal.signal(s, signal.SIG_IGN)
            while True:
                pass
    ''', Call("f"))
    assert stubborn.status == "timeout"


# ----------------------------------------------------------------------------- processes
@root_only
def test_fork_bomb_is_contained_and_cleaned_up(box):
    bomb, = run_then_good(box, '''
        import os
        def f():
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
    ''', Call("f"))
    assert bomb.status in ("timeout", "crashed")
    assert processes_of_uids(*job_uid_range(box)) == []


@root_only
def test_double_fork_setsid_daemon_dies(box, scratch_root):
    marker_dir = os.path.join(scratch_root, "daemon")
    out = box.run(src('''
        import os, time
        def spawn():
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    open("/scratch/started", "w").close()     # proves it ran and could write
                    time.sleep(1.0)
                    with open("/scratch/daemon-was-here", "w") as f:
                        f.write("x")
                    os._exit(0)
                os._exit(0)
            while not os.path.exists("/scratch/started"):
                time.sleep(0.01)
            return "spawned"
        def look():
            import time
            time.sleep(1.2)
            return sorted(os.listdir("/scratch"))
    '''), [Call("spawn"), Call("look")], scratch_dir=marker_dir)
    assert out.calls[0].value == "spawned"
    assert out.calls[1].value == ["started"]          # killed after the first call
    time.sleep(0.3)
    assert os.listdir(marker_dir) == ["started"]
    assert processes_of_uids(*job_uid_range(box)) == []


@root_only
def test_daemon_started_by_top_level_code_dies_too(box, scratch_root):
    marker_dir = os.path.join(scratch_root, "daemon-top")
    out = box.run(src('''
        import os, time
        if os.fork() == 0:
            os.setsid()
            open("/scratch/top-started", "w").close()
            time.sleep(0.7)
            open("/scratch/top-daemon", "w").close()
            os._exit(0)
        while not os.path.exists("/scratch/top-started"):
            time.sleep(0.01)
        def f():
            return 1
    '''), [Call("f")], scratch_dir=marker_dir)
    assert out.calls[0].value == 1
    time.sleep(1.0)
    assert os.listdir(marker_dir) == ["top-started"]
    assert processes_of_uids(*job_uid_range(box)) == []


def test_killing_parent_pid1_group_and_everyone(box):
    parent, init, group, everyone = run_then_good(box, '''
        import os, signal
        def kill_parent():
            os.kill(os.getppid(), signal.SIGKILL)
            return os.getppid()
        def kill_init():
            os.kill(1, signal.SIGKILL)
            return "survived"
        def kill_group():
            os.killpg(0, signal.SIGKILL)
        def kill_everyone():
            os.kill(-1, signal.SIGKILL)
    ''', Call("kill_parent"), Call("kill_init"), Call("kill_group"), Call("kill_everyone"))
    assert parent.status == "ok" and parent.value == 1       # the submission process is init
    assert init.value == "survived"
    assert group.status == "crashed" and "SIGKILL" in group.reason
    assert everyone.status == "raised"          # nobody else to kill: the loader is init
    assert box.run(GOOD, [Call("good")]).calls[0].value == 42    # the zygote is fine


def test_cannot_see_or_signal_processes_outside_the_job(box):
    seen, = run_then_good(box, '''
        import os, signal
        def scan():
            alive = []
            for pid in range(1, 400):
                try:
                    os.kill(pid, 0)
                    alive.append(pid)
                except OSError:
                    pass
            return alive
    ''', Call("scan"))
    assert seen.value == [1, 2]            # the submission process (init) and the call itself


def test_exit_variants(box):
    outcomes = run_then_good(box, '''
        import os, sys
        class Boom(BaseException):
            pass
        def a(): sys.exit(3)
        def b(): os._exit(3)
        def c(): raise SystemExit("bye")
        def d(): raise KeyboardInterrupt
        def e(): raise Boom("custom")
        def g():
            import atexit
            atexit.register(lambda: print("ATEXIT RAN"))
            return "done"
    ''', *[Call(n) for n in "abcdeg"])
    a, b, c, d, e, g = outcomes
    assert a.status == "exited" and "sys.exit(3)" in a.reason
    assert b.status == "exited" and b.reason.startswith("the process exited with code 3")
    assert c.status == "exited"
    assert d.status == "raised" and "KeyboardInterrupt" in d.reason
    assert e.status == "raised" and "Boom: custom" in e.reason
    assert g.status == "ok" and "ATEXIT" not in g.stdout


def test_recursion_bombs(box):
    plain, deep = run_then_good(box, '''
        import sys
        def f(n=0):
            return f(n + 1)
        def g():
            sys.setrecursionlimit(10 ** 7)
            return f()
    ''', Call("f"), Call("g"))
    assert plain.status == "raised" and "RecursionError" in plain.reason
    assert deep.status in ("crashed", "raised", "memory", "timeout")


# ----------------------------------------------------------------------------- memory / output
def test_memory_bombs(box):
    outcomes = run_then_good(box, '''
        import numpy as np
        def a(): return bytearray(2 ** 34)
        def b(): return np.ones((40000, 40000))
        def c():
            keep = []
            while True:
                keep.append(bytearray(1 << 24))
    ''', Call("a"), Call("b"), Call("c"))
    for o in outcomes:
        assert o.status == "memory" and "256 MiB" in o.reason, o


def test_output_floods(box):
    outcomes = run_then_good(box, '''
        import os, sys
        def out():
            while True:
                print("x" * 100)
        def err():
            while True:
                sys.stderr.write("e" * 1000)
        def raw():
            while True:
                os.write(1, b"r" * 4096)
        def child():
            if os.fork() == 0:
                while True:
                    os.write(2, b"c" * 4096)
            import time
            time.sleep(10)
    ''', Call("out"), Call("err"), Call("raw"), Call("child"))
    for o in outcomes:
        assert o.status == "output_limit" and o.seconds < 1.5, o
        assert len(o.stdout) <= 16 << 10


def test_file_floods(box):
    big, many, tmp_big = run_then_good(box, '''
        import os
        def big():
            with open("/scratch/big", "wb") as f:
                for _ in range(100):
                    f.write(b"x" * 65536)
        def many():
            for i in range(100000):
                open("/scratch/f%d" % i, "w").close()
        def tmp_big():
            with open("/tmp/big", "wb") as f:
                f.write(b"x" * (10 << 20))
    ''', Call("big"), Call("many"), Call("tmp_big"))
    assert big.status == "raised" and "File too large" in big.reason
    assert many.status == "raised" and "No space left" in many.reason
    assert tmp_big.status == "raised"


def test_huge_return_value(box):
    huge, = run_then_good(box, '''
        import numpy as np
        def f():
            return np.zeros(10 ** 6)
    ''', Call("f"))
    assert huge.status == "too_large" and huge.value is None


# ----------------------------------------------------------------------------- filesystem
def test_cannot_write_outside_scratch(box):
    outcomes = run_then_good(box, '''
        import os
        def attempt(path):
            try:
                with open(path, "w") as f:
                    f.write("pwned")
                return "wrote"
            except OSError as exc:
                return type(exc).__name__
        def all_targets():
            return [attempt(p) for p in ("/work/main/pwned", "/pwned", "/tmp/../pwned",
                                         "/dev/pwned", "/usr/lib/pwned", "/etc/pwned",
                                         "/root/.pyenv/pwned")]
    ''', Call("all_targets"))
    assert "wrote" not in outcomes[0].value, outcomes[0].value
    assert not os.path.exists(os.path.join(REPO, "pwned")) and not os.path.exists("/pwned")


def test_cannot_read_course_reference_tests_or_secrets(box, scratch_root):
    other = os.path.join(scratch_root, "other-student")
    os.makedirs(other, exist_ok=True)
    with open(os.path.join(other, "answer.py"), "w") as f:
        f.write("SECRET = 1\n")
    probe, = run_then_good(box, '''
        import os
        def probe():
            found = {}
            for path in ("/work/main/reference/__init__.py", "/work/main/autograder",
                         "/work/main/tests", "/work/main/pyproject.toml", "/etc/shadow",
                         "/etc/passwd", "/proc/1/environ", "/proc/self/mem", "/sys",
                         "/root/.bashrc", "/home", "/.jobs/other-student/answer.py",
                         "%s/other-student/answer.py", "/work/shared"):
                found[path] = os.path.exists(path)
            try:
                found["listing"] = sorted(os.listdir("/work/main"))
            except FileNotFoundError:
                found["listing"] = None
            return found
    '''.replace("%s", scratch_root), Call("probe"))
    found = probe.value
    # the checkout shows only the way to numpy when its .venv is inside it; else it is not there
    assert found.pop("listing") == seen_in(REPO, box)
    assert not any(found.values()), found


def test_cannot_import_reference_or_autograder(box):
    outcomes = run_then_good(box, '''
        import importlib, sys
        def imp(name):
            importlib.import_module(name)
        def via_site():
            import site
            site.main()
            import reference
        def path_hack():
            sys.path.append("/work/main")
            import autograder
    ''', Call("imp", ("reference",)), Call("imp", ("autograder",)),
        Call("imp", ("autograder.sandbox",)), Call("via_site"), Call("path_hack"),
        Call("imp", ("IPython",)), Call("imp", ("_pytest",)), Call("imp", ("nbgrader",)),
        Call("imp", ("__editable___backprop_autograder_0_1_0_finder",)))
    for o in outcomes:
        assert o.status == "raised" and "ModuleNotFoundError" in o.reason, o


def test_environment_has_no_grader_secrets(box):
    env, = run_then_good(box, "import os\ndef f():\n    return dict(os.environ)\n", Call("f"))
    assert "SANDBOX_TEST_SECRET" not in env.value and "PATH" in env.value
    assert not any("token" in k.lower() or "secret" in k.lower() for k in env.value)


# ----------------------------------------------------------------------------- network
def test_no_network_even_to_a_local_listener(box):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    accepted = []
    threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
    try:
        tcp, names = run_then_good(box, '''
            import socket
            def connect(port):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1)
                    return "connected"
                except OSError as exc:
                    return type(exc).__name__
            def interfaces():
                return [name for _, name in socket.if_nameindex()]
        ''', Call("connect", (port,)), Call("interfaces"))
        assert tcp.value != "connected" and accepted == []
        assert names.value == ["lo"]
    finally:
        listener.close()


# ----------------------------------------------------------------------------- privileges
def test_privilege_escalation_attempts_fail(box):
    result, = run_then_good(box, '''
        import ctypes, os, resource
        def attempts():
            out = {}
            for name, fn in {
                "setuid0": lambda: os.setuid(0),
                "raise_as": lambda: resource.setrlimit(resource.RLIMIT_AS, (-1, -1)),
                "raise_nproc": lambda: resource.setrlimit(resource.RLIMIT_NPROC, (10**6,) * 2),
                "chroot": lambda: os.chroot("/"),
            }.items():
                try:
                    fn()
                    out[name] = "allowed"
                except (OSError, ValueError) as exc:
                    out[name] = type(exc).__name__
            libc = ctypes.CDLL(None, use_errno=True)
            out["ptrace_init"] = libc.ptrace(16, 1, None, None)          # PTRACE_ATTACH
            out["mount"] = libc.mount(b"none", b"/scratch", b"tmpfs", 0, None)
            return out
    ''', Call("attempts"))
    value = result.value
    assert all(v != "allowed" for k, v in value.items() if isinstance(v, str)), value
    assert value["ptrace_init"] == -1 and value["mount"] == -1


# ----------------------------------------------------------------------------- result channel
def test_printed_forgeries_are_just_output(box):
    forged, = run_then_good(box, '''
        import sys
        def f():
            print("\\x00SBXRES1" + "0" * 40 + '{"status": "ok"}')
            sys.stdout.buffer.write(b"\\x00SBXRES1" * 100)
            return 1.0
    ''', Call("f"))
    assert forged.status == "ok" and forged.value == 1.0 and "SBXRES1" in forged.stdout


def test_writes_to_the_result_channel_become_protocol_errors(box):
    garbage, wrong_nonce, closed, others = run_then_good(box, '''
        import os, struct
        MAGIC = b"\\x00SBXRES1"
        def garbage():
            os.write(3, b"garbage")
            return 1
        def wrong_nonce():
            head = b'{"status": "ok", "reason": ""}'
            value = b"1e3"
            os.write(3, MAGIC + b"n" * 16 + struct.pack("!I", len(head)) + head
                     + struct.pack("!Q", len(value)) + value)
            os._exit(0)
        def closed():
            os.close(3)
            return 1
        def others():
            bad = 0
            for fd in range(4, 256):
                try:
                    os.write(fd, b"x")
                except OSError:
                    bad += 1
            return bad
    ''', Call("garbage"), Call("wrong_nonce"), Call("closed"), Call("others"))
    assert garbage.status == "protocol" and wrong_nonce.status == "protocol"
    assert closed.status != "ok"
    assert others.value == 252                  # no other descriptor is open


def test_a_forged_frame_with_the_real_nonce_is_only_that_calls_own_answer(box):
    forged, honest = run_then_good(box, '''
        import gc, os, struct, sys
        def forge():
            frame = sys._getframe()
            while frame and "msg" not in frame.f_locals:
                frame = frame.f_back
            nonce = bytes.fromhex(frame.f_locals["msg"]["nonce"])
            head = b'{"status": "ok", "reason": ""}'
            value = b'{"$": "array", "shape": [2], "data": "AAAAAAAAAAAAAAAAAAAAAA"}'
            os.write(3, b"\\x00SBXRES1" + nonce + struct.pack("!I", len(head)) + head
                     + struct.pack("!Q", len(value)) + value)
            os._exit(0)
        def honest():
            return 2.0
    ''', Call("forge"), Call("honest"))
    assert forged.status in ("ok", "protocol")   # as if it had returned the value itself
    assert honest.value == 2.0


# ----------------------------------------------------------------------------- returned objects
def test_weird_returned_objects(box):
    outcomes = run_then_good(box, '''
        import numpy as np, types
        class BadEq:
            def __eq__(self, other): raise RuntimeError("eq")
            def __float__(self): return 1.0
            def __len__(self): raise RuntimeError("len")
            def __array__(self, *a, **k): raise RuntimeError("array")
        class LyingFloat(float):
            def __float__(self): return 99.0
            def __repr__(self): raise RuntimeError
        class LyingList(list):
            def __len__(self): return 10 ** 9
            def __iter__(self): raise RuntimeError
        class SubArray(np.ndarray):
            def astype(self, *a, **k): raise RuntimeError("astype")
            def tobytes(self, *a, **k): raise RuntimeError("tobytes")
            def __array__(self, *a, **k): raise RuntimeError("array")
        def gen(): return (i for i in range(10 ** 12))
        def module(): return types
        def function(): return gen
        def weird(): return BadEq()
        def lying_float(): return LyingFloat(0.25)
        def lying_list(): return LyingList([1, 2])
        def cyclic():
            a = []
            a.append(a)
            return a
        def complex_(): return 1 + 2j
        def sub_array(): return np.arange(3.0).view(SubArray)
    ''', *[Call(n) for n in ("gen", "module", "function", "weird", "lying_float",
                             "lying_list", "cyclic", "complex_", "sub_array")])
    values = {o.function: o for o in outcomes}
    assert values["gen"].value == {"__unsupported__": "generator"}
    assert values["module"].value == {"__unsupported__": "module"}
    assert values["function"].value == {"__unsupported__": "function"}
    assert values["weird"].value == {"__unsupported__": "BadEq"}
    assert values["lying_float"].value == 0.25
    assert values["lying_list"].value == [1, 2]
    assert values["cyclic"].status == "unserialisable"
    assert values["complex_"].value == {"__unsupported__": "complex"}
    np.testing.assert_array_equal(values["sub_array"].value, [0.0, 1.0, 2.0])


def test_monkeypatching_numpy_and_builtins_stays_inside_the_submission(box):
    out = box.run(src('''
        import builtins, numpy as np
        np.sum = lambda *a, **k: 42
        np.ndarray = None
        builtins.len = lambda x: -1
        builtins.float = str
        def f():
            return np.sum([1, 2]), len([1])
    '''), [Call("f")])
    assert out.calls[0].value == (42, -1)
    clean = box.run(src('''
        import numpy as np
        def f():
            return float(np.sum(np.array([1.0, 2.0]))), len([1]), type(np.zeros(1)).__name__
    '''), [Call("f")])
    assert clean.calls[0].value == (3.0, 1, "ndarray")


def test_exceptions_with_hostile_messages(box):
    slow, raising = run_then_good(box, '''
        class SlowMessage(Exception):
            def __str__(self):
                while True:
                    pass
        class BadMessage(Exception):
            def __str__(self):
                raise RuntimeError("no")
        def slow(): raise SlowMessage()
        def bad(): raise BadMessage()
    ''', Call("slow"), Call("bad"))
    assert slow.status == "timeout"
    assert raising.status == "raised" and "BadMessage" in raising.reason


def test_no_namespaces_sysv_ipc_or_cross_job_sockets(box):
    ns, = run_then_good(box, '''
        import ctypes, threading
        def attempts():
            libc = ctypes.CDLL(None, use_errno=True)
            out = [libc.unshare(0x10000000), libc.unshare(0x00020000),
                   libc.shmget(0, 1 << 20, 0o1600), libc.msgget(0, 0o1600)]
            t = threading.Thread(target=lambda: out.append("thread ok"))
            t.start()
            t.join()
            return out
    ''', Call("attempts"))
    assert ns.value == [-1, -1, -1, -1, "thread ok"]

    listener = src('''
        import socket, time
        def listen():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind("\\0sandbox-test-rendezvous")
            s.listen(1)
            s.settimeout(1.0)
            try:
                s.accept()
                return "someone connected"
            except OSError:
                return "nobody came"
    ''')
    talker = src('''
        import socket
        def talk():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.connect("\\0sandbox-test-rendezvous")
                return "connected"
            except OSError as exc:
                return type(exc).__name__
    ''')
    results = {}
    thread = threading.Thread(target=lambda: results.setdefault(
        "a", box.run(listener, [Call("listen")])))
    thread.start()
    time.sleep(0.4)
    results["b"] = box.run(talker, [Call("talk")])
    thread.join()
    assert results["a"].calls[0].value == "nobody came"
    assert results["b"].calls[0].value == "ConnectionRefusedError"


def test_many_processes_cannot_multiply_the_memory_limit(box):
    if "NOT active" in box.protections().get("memory", "NOT active"):
        pytest.skip("no per-job memory cgroup here: " + box.protections().get("memory", ""))
    bomb, = run_then_good(box, '''
        import os, time
        def f():
            kids = []
            for _ in range(8):                     # 8 x 200 MiB, each within RLIMIT_AS
                pid = os.fork()
                if pid == 0:
                    block = bytearray(200 << 20)   # zero-filled: every page is touched
                    time.sleep(5)
                    os._exit(0)
                kids.append(pid)
            for pid in kids:
                os.waitpid(pid, 0)
            return "all allocated"
    ''', Call("f"))
    assert bomb.status in ("memory", "timeout"), bomb
    assert bomb.value is None
