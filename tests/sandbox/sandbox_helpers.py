"""Shared helpers for the sandbox tests (imported by name: tests/ is not a package)."""
import os
import sysconfig
import textwrap

import pytest

from autograder.sandbox import Limits

#: short limits keep the hostile suite fast; tests that need other limits make their own box
FAST = Limits(cpu_seconds=1, wall_seconds=1.5, memory_bytes=256 << 20, processes=24,
              output_bytes=16 << 10, file_bytes=256 << 10, submission_wall_seconds=20,
              result_bytes=1 << 20, scratch_bytes=2 << 20)

IS_ROOT = os.geteuid() == 0
root_only = pytest.mark.skipif(not IS_ROOT, reason="needs root (per-job uids)")


REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def src(text):
    """Dedented source; "/work/main" in it stands for this checkout's root, wherever it is."""
    return textwrap.dedent(text).strip().replace("/work/main", REPO) + "\n"


def seen_in(path, box):
    """The names a job sees directly in host folder ``path``: the first step of every tree the
    sandbox exposes below it (the stdlib, numpy: the checkout holds them only when its .venv
    is inside it), sorted; None when nothing is exposed there (then ``path`` is not in the job)."""
    path = os.path.realpath(path).rstrip("/") + "/"
    trees = [os.path.realpath(t) for t in (*box.python_paths, sysconfig.get_paths()["stdlib"])]
    names = {t[len(path):].split("/")[0] for t in trees if t.startswith(path)}
    return sorted(names) if names else None


def processes_of_uids(low, high):
    """PIDs (host view) of processes whose real uid is in [low, high)."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/status" % name) as f:
                for line in f:
                    if line.startswith("Uid:"):
                        uid = int(line.split()[1])
                        if low <= uid < high:
                            found.append(int(name))
                        break
        except OSError:
            continue
    return found


def job_uid_range(box):
    base = box._uids.base
    return base, base + 1024
