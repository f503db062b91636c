"""Ordinary submissions through the real sandbox: values, errors, stubs, isolation basics."""
import os
import threading
import time

import numpy as np
import pytest

from autograder.sandbox import Call, Limits, Sandbox, run_file
from sandbox_helpers import seen_in, src

NET = src('''
    import numpy as np

    def relu(z):
        return np.maximum(z, 0)

    def forward(theta, x):
        z = theta[0] * x[0] + theta[1] * x[1] + theta[2]
        h = max(z, 0.0)
        return z, h, theta[3] * h + theta[4]

    def example_loss(theta, x, y):
        return (forward(theta, x)[2] - y) ** 2

    def as_float32(v):
        return np.asarray(v, dtype=np.float32)

    def as_list(n):
        print("making", n)
        return [i / 2 for i in range(n)]

    def nan_array():
        return np.array([np.nan, np.inf, 1.0])
''')
THETA = np.array([1.0, 1.0, 0.0, 1.0, 0.0])


def test_normal_calls_scalar_tuple_array_list(box):
    out = box.run(NET, [
        Call("relu", (np.array([-1.0, 0.0, 2.5]),)),
        Call("forward", (THETA, np.array([2.0, 1.0]))),
        Call("example_loss", (THETA, np.array([2.0, 1.0]), 1.3)),
        Call("as_float32", ([0.1, 2.0],)),
        Call("as_list", (3,)),
        Call("nan_array"),
    ], label="alice")
    assert out.load_status == "ok" and out.load_error is None and out.label == "alice"
    relu, fwd, loss, f32, lst, nans = out.calls
    assert [c.status for c in out.calls] == ["ok"] * 6
    np.testing.assert_array_equal(relu.value, [0.0, 0.0, 2.5])
    assert relu.value.dtype == np.float64
    assert fwd.value == (3.0, 3.0, 3.0) and type(fwd.value) is tuple
    assert loss.value == pytest.approx(2.89)
    assert f32.value.dtype == np.float64
    assert f32.value[0] == np.float32(0.1)            # float32 value, carried as float64
    assert lst.value == [0.0, 0.5, 1.0] and lst.stdout == "making 3\n"
    assert np.isnan(nans.value[0]) and nans.value[1] == np.inf
    assert all(c.seconds > 0 for c in out.calls)


def test_errors_are_reported_in_plain_english(box):
    source = src('''
        import sys, os
        def div(): return 1 / 0
        def leave(): sys.exit(3)
        def hard(): os._exit(4)
        NOT_A_FUNCTION = 5
    ''')
    out = box.run(source, [Call("div"), Call("leave"), Call("hard"), Call("missing"),
                           Call("NOT_A_FUNCTION"), Call("div", (1,))])
    div, leave, hard, missing, notfunc, badargs = out.calls
    assert div.status == "raised"
    assert div.reason == "raised ZeroDivisionError: division by zero (line 2)"
    assert leave.status == "exited" and "sys.exit(3)" in leave.reason
    assert hard.status == "exited" and "code 4" in hard.reason
    assert missing.status == "missing" and missing.reason == "function `missing` is not defined"
    assert notfunc.status == "missing" and "not a function" in notfunc.reason
    assert badargs.status == "raised" and "TypeError" in badargs.reason


@pytest.mark.parametrize("source, status, words", [
    ("def f(:\n    pass\n", "syntax", "syntax error on line 1"),
    ("import numpy\nraise ValueError('bad top level')\n", "raised", "ValueError: bad top level"),
    ("import sys\nsys.exit(2)\n", "exited", "sys.exit(2)"),
    ("while True:\n    pass\n", "timeout", "timed out"),
    ("import os\nos._exit(0)\n", "crashed", "ended its own process"),
    ("x = bytearray(2 ** 40)\n", "memory", "memory"),
])
def test_load_errors(box, source, status, words):
    out = box.run(source, [Call("f"), Call("g")])
    assert out.load_status == status and words in out.load_error
    assert [c.status for c in out.calls] == ["not_run", "not_run"]


def test_top_level_output_is_captured(box):
    out = box.run("print('hello from the top')\ndef f():\n    return 1\n", [Call("f")])
    assert out.load_stdout == "hello from the top\n" and out.calls[0].value == 1


def test_stubs_hit_miss_and_restore(box):
    x1, x2 = np.array([2.0, 1.0]), np.array([-3.0, 2.0])
    stub = {"forward": [((THETA, x1), (10.0, 10.0, 10.0))]}
    source = NET + src('''
        def forward_is_original():
            return forward.__name__, hasattr(forward, "__wrapped__")
    ''')
    out = box.run(source, [
        Call("example_loss", (THETA, x1, 1.0), stubs=stub),     # hit: (10 - 1)^2
        Call("example_loss", (THETA, x2, 1.9), stubs=stub),     # miss: the student's forward
        Call("forward_is_original"),                             # nothing persists
    ])
    hit, miss, after = out.calls
    assert hit.value == 81.0
    assert miss.value == pytest.approx(1.9 ** 2)
    assert after.value == ("forward", False)


def test_state_does_not_persist_between_calls(box):
    source = src('''
        import numpy as np
        counter = [0]
        def bump():
            counter[0] += 1
            np.pi = 3.0
            return counter[0]
        def pi():
            return np.pi
    ''')
    out = box.run(source, [Call("bump"), Call("bump"), Call("pi")])
    assert [c.value for c in out.calls] == [1, 1, np.pi]


def test_run_file(box, tmp_path):
    path = tmp_path / "student.py"
    path.write_text("def double(x):\n    return 2 * x\n")
    out = run_file(box, path, [Call("double", (21,))])
    assert out.label == "student.py" and out.calls[0].value == 42


def test_protections_report(box):
    report = box.protections()
    for key in ("isolation", "uid", "pid", "network", "filesystem", "scratch", "rlimits"):
        assert key in report and report[key]
    if box.mode != "none":
        assert "NOT" not in report["network"] and "NOT" not in report["filesystem"]


def test_two_threads_run_in_parallel_and_a_hang_does_not_block_others(box):
    hanging = src('''
        def spin():
            while True:
                pass
    ''')
    quick = "def f():\n    return 7\n"
    results, done = {}, {}

    def slow_job():
        results["slow"] = box.run(hanging, [Call("spin")] * 3)

    t0 = time.monotonic()
    thread = threading.Thread(target=slow_job)
    thread.start()
    time.sleep(0.1)
    for i in range(10):
        assert box.run(quick, [Call("f")]).calls[0].value == 7
    done["quick"] = time.monotonic() - t0
    thread.join()
    assert done["quick"] < 3.0, done          # the hanging job takes ~4.5 s on its own
    assert [c.status for c in results["slow"].calls] == ["timeout"] * 3


def test_scratch_is_private_and_writable(box, scratch_root):
    source = src('''
        import os, tempfile
        def work():
            with open("/scratch/a.txt", "w") as f:
                f.write("hi")
            with tempfile.NamedTemporaryFile(dir=None) as t:
                where = os.path.dirname(t.name)
            return os.getcwd(), sorted(os.listdir(".")), where
    ''')
    out = box.run(source, [Call("work"), Call("work")])
    assert out.calls[0].value == ("/scratch", ["a.txt"], "/scratch")
    job_dir = os.path.join(scratch_root, "job-x")
    out = box.run(source, [Call("work")], scratch_dir=job_dir)
    assert out.calls[0].status == "ok"
    with open(os.path.join(job_dir, "a.txt")) as f:
        assert f.read() == "hi"
    with pytest.raises(ValueError):
        box.run(source, [Call("work")], scratch_dir="/tmp/not-under-the-root")


def test_concurrent_jobs_cannot_see_each_others_scratch(box, scratch_root):
    writer = src('''
        import os, time
        def write_and_wait():
            with open("/scratch/secret-of-a", "w") as f:
                f.write("A")
            time.sleep(0.8)
            return sorted(os.listdir("/scratch"))
    ''')
    reader = src('''
        import os
        def look():
            seen = {}
            for path in ("/scratch", "/.jobs", "/tmp", "/"):
                try:
                    seen[path] = sorted(os.listdir(path))
                except OSError as exc:
                    seen[path] = type(exc).__name__
            return seen
    ''')
    for scratch in (None, "host"):
        results = {}
        kw_a = {"scratch_dir": os.path.join(scratch_root, "a")} if scratch else {}
        kw_b = {"scratch_dir": os.path.join(scratch_root, "b")} if scratch else {}
        thread = threading.Thread(target=lambda: results.setdefault(
            "a", box.run(writer, [Call("write_and_wait")], **kw_a)))
        thread.start()
        time.sleep(0.3)
        results["b"] = box.run(reader, [Call("look")], **kw_b)
        thread.join()
        assert results["a"].calls[0].value == ["secret-of-a"]
        seen = results["b"].calls[0].value
        # /tmp is the job's scratch, or, for a .venv under /tmp, the read-only way to numpy
        assert seen["/scratch"] == [] and seen["/tmp"] == (seen_in("/tmp", box) or [])
        assert seen["/.jobs"] in ([], "FileNotFoundError")
        assert "secret-of-a" not in repr(seen)


def test_user_namespace_mode_works_too(scratch_root):
    """isolation='user' is what an ordinary user gets; as root it exercises the same path."""
    with Sandbox(Limits(wall_seconds=1.5, cpu_seconds=1), isolation="user") as ubox:
        assert ubox.mode == "user"
        out = ubox.run(NET + src('''
            import os, socket
            def probe():
                found = []
                for path in ("/work/main/reference", "/etc/shadow", "/root"):
                    found.append(os.path.exists(path))
                try:
                    socket.create_connection(("127.0.0.1", 22), timeout=1)
                    found.append("connected")
                except OSError:
                    found.append("no network")
                return found
            def group_kill():
                os.killpg(0, 9)
        '''), [Call("forward", (THETA, np.array([2.0, 1.0]))), Call("probe"),
               Call("group_kill"), Call("forward", (THETA, np.array([2.0, 1.0])))])
        fwd, probe, kill, again = out.calls
        assert fwd.value == (3.0, 3.0, 3.0) and again.value == (3.0, 3.0, 3.0)
        assert probe.value == [False, False, True, "no network"] or \
            probe.value == [False, False, False, "no network"]
        assert kill.status == "crashed"
        assert "capabilit" in ubox.protections()["uid"]


def test_a_killed_zygote_is_restarted():
    with Sandbox(Limits(wall_seconds=1.5)) as fresh:
        assert fresh.run("def f():\n    return 1\n", [Call("f")]).calls[0].value == 1
        fresh._proc.kill()            # the bootstrap; the zygote dies with it (parent-death)
        fresh._proc.wait()
        time.sleep(0.1)
        assert fresh.run("def f():\n    return 2\n", [Call("f")]).calls[0].value == 2
        assert fresh.restarts == 1


def test_output_before_a_top_level_hang_is_kept(box):
    out = box.run("print('about to hang', flush=True)\nwhile True:\n    pass\n", [Call("f")])
    assert out.load_status == "timeout" and out.load_stdout == "about to hang\n"
