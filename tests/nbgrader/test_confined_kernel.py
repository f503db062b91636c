"""nbgrader's kernel, confined (``python -m autograder kernel install --course DIR``), under the real
``nbgrader autograde`` on a quickstart course: a correct submission scores as in the ordinary
kernel; a hostile one sees none of the course, no other student and no network (and, in the
ordinary kernel, the same probe sees all of it: the probe itself works)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder.notebooks import classroom, kernelspec
from autograder.notebooks.course import nbgrader
from tests.course import shared
from tests.course.filling import filled

ROOT = Path(__file__).resolve().parents[2]
A = "tutorial_net"
STUDENTS = ("abel", "hostile")   # nbgrader grades abel first: his autograded/ folder exists when hostile runs
pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="the confined kernel is started by root (see README)")

SPY = '''
import json as _j, os as _o, socket as _s
_seen = {"uid": _o.getuid(), "cwd": _o.getcwd(), "root": sorted(_o.listdir("/")), "up": None, "files": {}}
try:
    _seen["up"] = sorted(_o.listdir("../../.."))
except OSError as _e:
    _seen["up"] = type(_e).__name__
for _p in %(paths)r:
    try:
        with open(_p, "rb") as _f:
            _seen["files"][_p] = "read %%d bytes" %% len(_f.read())
    except OSError as _e:
        _seen["files"][_p] = type(_e).__name__
try:
    _s.create_connection(("127.0.0.1", %(port)d), timeout=3).close()
    _seen["tcp"] = "connected"
except OSError as _e:
    _seen["tcp"] = type(_e).__name__ + ": " + str(_e)
print("SPY " + _j.dumps(_seen))
'''


def _probes(course: Path) -> list:
    """What the hostile answer cell tries to read: relative to autograded/hostile/tutorial_net/ and absolute."""
    return ["../../../source/tutorial_net/variant.json", "../../source/tutorial_net/variant.json",
            str(course / "source" / A / "variant.json"),
            "../../../.course_secret", str(course / ".course_secret"),
            "../../../gradebook.db", str(course / "gradebook.db"),
            str(course / "submitted" / "abel" / A / f"{A}.ipynb"),
            "../../abel/tutorial_net/tutorial_net.ipynb", str(course / "autograded" / "abel" / A / f"{A}.ipynb"),
            str(ROOT / "reference" / "tutorial_net.py"), "/etc/passwd"]


def _cli(*args):
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    done = subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Both students autograded in two copies of one quickstart course: the ordinary kernel, the confined one."""
    base = tmp_path_factory.mktemp("confined")
    shared.copy(shared.quickstart(tmp_path_factory, "spring"), base / "course")
    prefix = base / "jupyter-prefix"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
        roots = {kind: base / kind for kind in ("plain", "confined")}
        for root in roots.values():
            shutil.copytree(base / "course", root)
        _cli("kernel", "install", "--prefix", str(prefix), "--course", str(roots["confined"]))
        release, source = (str(base / "course" / f / A / f"{A}.ipynb") for f in ("release", "source"))
        solution = {c.metadata["nbgrader"]["grade_id"]: c.source for c in nbformat.read(source, as_version=4).cells
                    if c.metadata.get("nbgrader", {}).get("solution")}
        listeners = {}
        for kind, root in roots.items():
            listeners[kind] = socket.create_server(("127.0.0.1", 0))
            spy = SPY % {"paths": _probes(root), "port": listeners[kind].getsockname()[1]}
            classroom.submit(root, "abel", A, filled(release, source))
            classroom.submit(root, "hostile", A, filled(release, source, {"relu": solution["relu"] + "\n" + spy}))
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(lambda root: classroom.autograde(root, A), roots.values()))
        seconds = time.monotonic() - started
    out = {"seconds": seconds, "secret": (base / "course" / ".course_secret").read_text().strip()}
    for kind, root in roots.items():
        listeners[kind].setblocking(False)
        try:
            listeners[kind].accept()
            accepted = True
        except BlockingIOError:
            accepted = False
        listeners[kind].close()
        nbs = {s: nbformat.read(root / "autograded" / s / A / f"{A}.ipynb", as_version=4) for s in STUDENTS}
        out[kind] = {"root": root, "accepted": accepted, "nbs": nbs,
                     "scores": classroom.scores(root, A, course_id="course"), "seen": _seen(nbs["hostile"])}
    return out


def _seen(nb) -> dict:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            for line in output.get("text", "").splitlines():
                if line.startswith("SPY "):
                    return json.loads(line[4:])
    raise AssertionError("the hostile cell printed nothing: " + repr([c.get("outputs") for c in nb.cells
                                                                        if c.metadata.get("nbgrader", {}).get("grade_id") == "relu"]))


def _auto(scores: dict) -> dict:
    """The test cells' scores (not the written answer, which a TA grades)."""
    return {gid: (auto, top) for gid, (auto, top, manual) in scores.items() if gid.startswith("test_")}


def test_the_course_selects_the_confined_kernel(graded):
    config = (graded["confined"]["root"] / "nbgrader_config.py").read_text()
    assert kernelspec.SETTING in config and kernelspec.SETTING not in (graded["plain"]["root"] / "nbgrader_config.py").read_text()
    # and it really ran there: not as root, in the student's folder at /.jobs
    assert graded["confined"]["seen"]["uid"] != 0 and graded["confined"]["seen"]["cwd"] == "/.jobs"
    assert graded["plain"]["seen"]["uid"] == 0


def test_a_correct_submission_gets_full_marks_in_the_confined_kernel_as_in_the_ordinary_one(graded):
    plain, confined = _auto(graded["plain"]["scores"]["abel"]), _auto(graded["confined"]["scores"]["abel"])
    assert len(confined) >= 20
    assert confined == plain
    assert all(auto == top for auto, top in confined.values()), confined
    # the hostile cell's own solution still works: only what it tried to see differs
    assert _auto(graded["confined"]["scores"]["hostile"]) == confined


def test_the_probe_sees_the_course_and_the_network_in_the_ordinary_kernel(graded):
    seen = graded["plain"]["seen"]
    course = graded["plain"]["root"]
    for path in (str(course / "source" / A / "variant.json"), "../../../.course_secret", str(course / "gradebook.db"),
                 str(course / "submitted" / "abel" / A / f"{A}.ipynb"), "../../abel/tutorial_net/tutorial_net.ipynb"):
        assert seen["files"][path].startswith("read "), (path, seen["files"][path])
    assert seen["tcp"] == "connected" and graded["plain"]["accepted"]


def test_a_hostile_submission_sees_nothing_of_the_course_in_the_confined_kernel(graded):
    seen = graded["confined"]["seen"]
    assert set(seen["files"]) == set(_probes(graded["confined"]["root"]))
    opened = {path: what for path, what in seen["files"].items() if what.startswith("read ")}
    assert not opened, opened
    # the root is the sandbox's: the student's folder, /tmp, the devices, system libraries and the
    # (empty but for the exposed Python) skeleton folders leading to the interpreter's packages
    assert set(seen["root"]) <= {".jobs", "tmp", "scratch", "dev", "etc", "lib", "lib64", "lib32", "libx32", "usr",
                                 *Path(sys.prefix).parts[1:2], *Path(sys.base_prefix).parts[1:2]}, seen["root"]
    assert seen["up"] == seen["root"]     # ../../.. of the student's folder is that root, not the course
    for nb in graded["confined"]["nbs"].values():
        assert graded["secret"] not in nbformat.writes(nb)


def test_a_hostile_submission_cannot_open_a_connection_in_the_confined_kernel(graded):
    seen = graded["confined"]["seen"]
    assert seen["tcp"].startswith(("OSError", "ConnectionRefusedError", "TimeoutError")) and "unreachable" in seen["tcp"], seen["tcp"]
    assert not graded["confined"]["accepted"]
