"""How long do N per-student variants with their worked solutions take?

    python -m autograder.generate.bench [-n 200] [--seed 1] [--release]

Times, for a class list of N students (s0000 …), the whole ``generate`` as an instructor runs
it, in a fresh process (imports included), writing into a temporary folder: every variant
drawn, derived exactly by sympy, checked against the rules and the NumPy reference; the
variant files, the worked solutions (Markdown and HTML), the source notebook. With
``--release`` the run includes ``nbgrader generate_assignment`` (one run, whatever N).
Prints the machine, the steps' times and the total; the target is ≤ 20 s for N = 200 on 2 CPUs.
"""
from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(n: int, seed: int, release: bool) -> dict:
    with tempfile.TemporaryDirectory(prefix="generate-bench-") as tmp:
        roster = Path(tmp) / "roster.csv"
        roster.write_text("id\n" + "".join(f"s{i:04d}\n" for i in range(n)), encoding="utf-8")
        out = Path(tmp) / "course"
        args = [sys.executable, "-m", "autograder.generate.cli", "tutorial_net", "--seed", str(seed),
                "--students", str(roster), "--out", str(out)] + ([] if release else ["--no-release"])
        env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, env=env)
        total = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        files = sum(1 for p in out.rglob("*") if p.is_file())
        timing = done.stdout.split("time: ")[-1].strip()
        steps = {m.group(1): float(m.group(2)) for m in (re.match(r"(.+) ([0-9.]+) s$", part) for part in timing.split("; ")) if m}
    return {"total": total, "steps": steps, "files": files}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.generate.bench", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="students (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--release", action="store_true", help="include nbgrader generate_assignment")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, load average {load:.2f}")
    result = run(args.n, args.seed, args.release)
    print(f"N = {args.n} students, seed {args.seed}: {result['files']} files written")
    for step, seconds in result["steps"].items():
        print(f"  {step.strip():<40} {seconds:6.2f} s")
    imports = result["total"] - sum(result["steps"].values())
    print(f"  {'start-up and imports':<40} {imports:6.2f} s")
    print(f"total: {result['total']:.2f} s (target ≤ 20 s for N = 200{' without the release' if not args.release else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
