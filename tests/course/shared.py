"""Quickstart courses made once per test run and shared by the test files that need one, on
whichever pytest-xdist worker they run (a file lock; the run's common temporary folder).

A shared course is pristine: a test that changes a course (submits, grades, generates in it)
copies it first (``copy``).
"""
from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path


def quickstart(tmp_path_factory, name: str) -> Path:
    """The course ``python -m autograder quickstart`` made for ``name`` in this run (made now if no
    worker has made it yet)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent          # .../pytest-N/popen-gwK: the run's folder, common to its workers
    shared = base / "shared-quickstarts"
    shared.mkdir(exist_ok=True)
    course, made = shared / name, shared / f"{name}.made"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(course, ignore_errors=True)
            env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
            done = subprocess.run([sys.executable, "-m", "autograder", "quickstart", str(course)],
                                  capture_output=True, text=True, env=env)
            assert done.returncode == 0, done.stderr
            made.write_text("")
    return course


def copy(course: Path, dest: Path) -> Path:
    """A private copy of a shared course, to change."""
    shutil.copytree(course, dest, symlinks=True)
    return dest
