"""The other isolation modes: an ordinary (unprivileged) user, and the no-namespace fallback."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pytest

from autograder.sandbox import Call, Limits, Sandbox
from sandbox_helpers import IS_ROOT, processes_of_uids, src

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

PROBE = src('''
    import json, textwrap
    from autograder.sandbox import Sandbox, Call, Limits
    with Sandbox(Limits(wall_seconds=1.5, cpu_seconds=1, processes=16)) as box:
        out = box.run(textwrap.dedent("""
            import os, socket, time
            def probe():
                seen = {p: os.path.exists(p) for p in (
                    "/work/main/reference", "/work/main/tests", "/etc/passwd", "/proc/1")}
                try:
                    socket.create_connection(("127.0.0.1", 22), timeout=1)
                    seen["net"] = "connected"
                except OSError:
                    seen["net"] = "refused"
                return seen
            def forks():
                n = 0
                while True:
                    try:
                        if os.fork() == 0:
                            time.sleep(3)
                            os._exit(0)
                        n += 1
                    except OSError:
                        return n
            def ok():
                return 1
        """), [Call("probe"), Call("forks"), Call("ok")])
        print(json.dumps({"uid": __import__("os").getuid(), "mode": box.mode,
                          "autograder": __import__("autograder").__file__,
                          "protections": box.protections(),
                          "calls": [[c.status, c.value] for c in out.calls]}))
''')

# Run PROBE as uid 65534. The interpreter lives under /root (mode 0700), so a private mount
# namespace first puts a world-traversable tmpfs over /root with only .pyenv bound back. The
# probe imports this checkout's autograder ($4 on PYTHONPATH): the .venv's editable install
# names the checkout it was made in, which is another one when the .venv was copied or moved.
WRAPPER = src('''
    set -e
    mount --bind /root/.pyenv "$1"
    mount -t tmpfs -o mode=755 tmpfs /root
    mkdir -p /root/.pyenv
    mount --bind "$1" /root/.pyenv
    cd /
    exec setpriv --reuid=65534 --regid=65534 --clear-groups -- env -i PATH=/usr/bin:/bin \\
        PYTHONDONTWRITEBYTECODE=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH="$4" "$2" "$3"
''')


def reachable_by_an_ordinary_user(path):
    """Can uid 65534 reach ``path`` once WRAPPER has hidden /root (all but /root/.pyenv)?"""
    path = os.path.realpath(path)
    if (path + "/").startswith("/root/") and not path.startswith("/root/.pyenv/"):
        return False
    parts = path.split("/")
    folders = ["/".join(parts[:i]) for i in range(2, len(parts) + 1)]
    return all(f in ("/root", "/root/.pyenv") or os.stat(f).st_mode & 0o001 for f in folders)


@pytest.mark.skipif(not IS_ROOT or not shutil.which("setpriv") or not shutil.which("unshare")
                    or not all(map(reachable_by_an_ordinary_user, (sys.executable, sys.prefix, REPO))),
                    reason="needs root, util-linux, and an interpreter and a checkout an ordinary user can reach")
def test_ordinary_user_gets_namespaces_and_reports_them():
    work = tempfile.mkdtemp(prefix="sandbox-unpriv-")
    try:
        os.chmod(work, 0o755)
        os.mkdir(os.path.join(work, "save"))
        for name, text in (("probe.py", PROBE), ("wrap.sh", WRAPPER)):
            with open(os.path.join(work, name), "w") as f:
                f.write(text)
            os.chmod(os.path.join(work, name), 0o755)
        done = subprocess.run(
            ["unshare", "-m", "sh", os.path.join(work, "wrap.sh"), os.path.join(work, "save"),
             sys.executable, os.path.join(work, "probe.py"), REPO],
            capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if done.returncode != 0 and "mount" in done.stderr:
        pytest.skip("cannot prepare the unprivileged environment: " + done.stderr[-200:])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["uid"] == 65534 and report["mode"] == "user"
    assert report["autograder"] == os.path.join(REPO, "autograder", "__init__.py")   # this checkout's code
    assert "NOT" not in report["protections"]["filesystem"]
    probe, forks, ok = report["calls"]
    assert probe == ["ok", {f"{REPO}/reference": False, f"{REPO}/tests": False,
                            "/etc/passwd": False, "/proc/1": False, "net": "refused"}]
    assert forks[0] == "ok" and forks[1] < 16          # RLIMIT_NPROC per job, as a user
    assert ok == ["ok", 1]


def test_fallback_without_namespaces_still_limits_and_cleans_up():
    where = tempfile.mkdtemp(prefix="sandbox-fallback-")
    os.chmod(where, 0o777)                       # the job's uid must be able to write here
    try:
        check_fallback(where)
    finally:
        shutil.rmtree(where, ignore_errors=True)


def check_fallback(where):
    with Sandbox(Limits(wall_seconds=1.5, cpu_seconds=1), isolation="none") as box:
        report = box.protections()
        assert report["isolation"].startswith("none")
        assert report["network"].startswith("NOT active")
        assert report["filesystem"].startswith("NOT active")
        marker = os.path.join(where, "daemon-was-here")
        out = box.run(src('''
            import os, time
            def spawn(path):
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        open(path + ".started", "w").close()    # proves it could write
                        time.sleep(0.8)
                        open(path, "w").close()
                        os._exit(0)
                    os._exit(0)
                while not os.path.exists(path + ".started"):
                    time.sleep(0.01)
                return "spawned"
            def spin():
                while True:
                    pass
            def ok():
                return [1.0, 2.0]
        '''), [Call("spawn", (marker,)), Call("spin"), Call("ok")])
        assert [c.status for c in out.calls] == ["ok", "timeout", "ok"]
        time.sleep(1.2)
        assert os.path.exists(marker + ".started") and not os.path.exists(marker)
        if IS_ROOT:
            assert processes_of_uids(box._uids.base, box._uids.base + 1024) == []
