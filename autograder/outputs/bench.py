"""Benchmark: what the outputs add to grading a class, and the report on its own.

    python -m autograder.outputs.bench [-n 200]

Fabricates N tutorial_net notebooks as the grader's benchmark does (grader/bench.py: half
correct, half one known mistake, one in forty hostile) in a copy of the course, grades them
with ``run.grade`` (sandbox on, 2 jobs), and reports: the whole grading time; the time spent
in the outputs (every ``write_student``: details.json, feedback.html, the code's fingerprint;
and ``write_class``: report.html with copydetect); then ``python -m autograder report DIR``
on its own. Then the same with every submission made
distinct (one extra line of its own in an answer cell), so copydetect has N different
codes to fingerprint and every pair to compare.
"""
from __future__ import annotations

import argparse
import io
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import outputs
from autograder.notebooks import classroom
from autograder.notebooks.build_tutorial import ASSIGNMENT


def timed_grade(root: Path, out: Path, off: bool = False) -> dict:
    """Grade, timing the outputs' calls; with ``off`` the outputs are not written at all."""
    from autograder.grader import run

    spent = {"write_student": 0.0, "write_class": 0.0}
    originals = {name: getattr(outputs, name) for name in spent}

    def wrap(name):
        def inner(*args, **kwargs):
            started = time.perf_counter()
            try:
                return None if off else originals[name](*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - started
        return inner
    for name in spent:
        setattr(outputs, name, wrap(name))
    try:
        started = time.perf_counter()
        run.grade(ASSIGNMENT, [root / "submitted"], out, jobs=2, stream=io.StringIO())
        spent["grade"] = time.perf_counter() - started
    finally:
        for name, f in originals.items():
            setattr(outputs, name, f)
    return spent


def report_seconds(out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "autograder", "report", str(out)], check=True, capture_output=True)
    return time.perf_counter() - started


def make_distinct(root: Path) -> None:
    """One line of each student's own in their first answer cell: N different codes."""
    for i, path in enumerate(sorted((root / "submitted").glob(f"*/{ASSIGNMENT}/{ASSIGNMENT}.ipynb"))):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "code" and meta.get("solution"):
                source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                cell["source"] = f"my_seed_{i} = {i * 7919 % 1000}  # student {i}\n" + source
                break
        path.write_text(json.dumps(nb), encoding="utf-8")


def main(argv=None) -> int:
    from autograder.grader.bench import fabricate_class

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as tmp:
        root = classroom.copy_course(Path(tmp) / "course", ASSIGNMENT)
        fabricate_class(root, args.n)
        baseline = timed_grade(root, Path(tmp) / "out-off", off=True)["grade"]
        print(f"grade without the outputs: {baseline:.1f} s")
        for label in ("fabricated", "distinct"):
            if label == "distinct":
                make_distinct(root)
            out = Path(tmp) / f"out-{label}"
            spent = timed_grade(root, out)
            students = sum(1 for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
            codes = len({json.loads(p.read_text())["code"] for p in out.glob("*/details.json")})
            again = report_seconds(out)
            print(f"{label}: {students} students, {codes} distinct codes; grade {spent['grade']:.1f} s "
                  f"({spent['grade'] - baseline:+.1f} s), of which outputs "
                  f"{spent['write_student'] + spent['write_class']:.2f} s (per student {spent['write_student']:.2f} s "
                  f"in the worker threads, report {spent['write_class']:.2f} s); "
                  f"`python -m autograder report DIR` {again:.2f} s (interpreter start included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
