"""Benchmark: our grader against ``nbgrader autograde`` on the same fabricated class, one run.

    python -m autograder.grader.bench [-n 200] [--small 50]

Fabricates N submissions of tutorial_net (about half correct, half with one of the spec's
mistakes, and one in forty hostile: raises, loops forever, a deleted test cell, an answer
cell turned into markdown, untouched), grades them with real ``nbgrader autograde`` in a
copy of the course and with ``python -m autograder grade --jobs 2`` (sandbox on), checks that
both give every student the same total, and prints throughput, per-submission cost, the
ratio, and our grader's peak memory for a small and the full class (flat = no growth).
"""
from __future__ import annotations

import argparse
import copy
import csv
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_tutorial import ASSIGNMENT

HOSTILE = ("raises", "endless", "no_test_cell", "markdown_relu", "untouched")


def fabricate_class(root: Path, n: int) -> dict:
    release, source = classroom.release_notebook(root, ASSIGNMENT), classroom.source_notebook(root, ASSIGNMENT)
    kinds = fabricate.fabricate(release, source)
    mistakes = sorted(fabricate.MISTAKES)
    chosen = {}
    for i in range(n):
        if i % 40 == 39:
            kind = HOSTILE[(i // 40) % len(HOSTILE)]
        elif i % 2:
            kind = mistakes[(i // 2) % len(mistakes)]
        else:
            kind = "correct"
        student = f"s{i:03d}-{kind}"
        classroom.submit(root, student, ASSIGNMENT, copy.deepcopy(kinds[kind][1]))
        chosen[student] = kind
    return chosen


def time_nbgrader(root: Path) -> float:
    started = time.perf_counter()
    classroom.autograde(root, ASSIGNMENT)
    return time.perf_counter() - started


def time_ours(root: Path, out: Path, jobs: int = 2) -> tuple:
    """(seconds, peak RSS of the grader's process tree in MiB) for one run of our grader."""
    script = ("import resource, runpy, sys; sys.argv = ['autograder'] + sys.argv[1:]\n"
              "try:\n    runpy.run_module('autograder', run_name='__main__')\n"
              "finally:\n    print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
              " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n")
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", script, "grade", ASSIGNMENT, str(root / "submitted"),
                          "--out", str(out), "--jobs", str(jobs)], capture_output=True, text=True,
                         env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    seconds = time.perf_counter() - started
    if run.returncode:
        raise SystemExit(run.stderr[-2000:])
    line = [x for x in run.stderr.splitlines() if x.startswith("MAXRSS")][-1].split()
    return seconds, max(int(line[1]), int(line[2])) / 1024


def totals_agree(root: Path, out: Path) -> tuple:
    theirs = {s: sum(v[0] or 0 for v in cells.values()) for s, cells in classroom.scores(root, ASSIGNMENT).items()}
    with open(out / "grades.csv", newline="") as f:
        ours = {row["student"]: float(row["score"]) for row in csv.DictReader(f)}
    differ = sorted(s for s in theirs if abs(theirs[s] - ours.get(s, -1)) > 1e-6)
    return len(theirs), differ


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--small", type=int, default=50, help="a smaller class, for the memory comparison")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grader-") as tmp:
        tmp = Path(tmp)
        root = classroom.copy_course(tmp / "course", ASSIGNMENT)
        classroom.register(root, ASSIGNMENT)
        kinds = fabricate_class(root, args.n)
        small = classroom.copy_course(tmp / "small", ASSIGNMENT)
        for student in sorted(kinds)[:args.small]:
            target = small / "submitted" / student / ASSIGNMENT
            target.mkdir(parents=True)
            (target / f"{ASSIGNMENT}.ipynb").write_bytes((root / "submitted" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_bytes())
        ours_small, rss_small = time_ours(small, tmp / "out-small")
        ours, rss = time_ours(root, tmp / "out")
        theirs = time_nbgrader(root)
        graded, differ = totals_agree(root, tmp / "out")
    hostile = sum(k in HOSTILE for k in kinds.values())
    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()}, Python {platform.python_version()}")
    print(f"class: {args.n} tutorial_net notebooks ({sum(k == 'correct' for k in kinds.values())} correct, "
          f"{args.n - hostile - sum(k == 'correct' for k in kinds.values())} with one known mistake, {hostile} hostile)")
    print(f"nbgrader autograde     total {theirs:8.1f} s   {theirs / args.n * 1000:8.1f} ms/submission   {args.n / theirs:7.2f} submissions/s")
    print(f"our grader (--jobs 2)  total {ours:8.1f} s   {ours / args.n * 1000:8.1f} ms/submission   {args.n / ours:7.2f} submissions/s")
    print(f"ratio (throughput, ours / nbgrader): {theirs / ours:.1f}x")
    print(f"our grader's peak memory: {rss_small:.0f} MiB for {args.small} submissions, {rss:.0f} MiB for {args.n}")
    print(f"totals agree for {graded - len(differ)}/{graded} students" + (f"; differ: {', '.join(differ[:5])}" if differ else ""))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
