"""Time real ``nbgrader autograde`` on our tutorial_net notebook against the same notebook with plain asserts.

    python -m autograder.notebooks.bench_autograde [-n 30] [--keep DIR]

Both variants share everything but their test cells: "checks" is the committed source (test
cells that call ``autograder.student.incell``: stubs, partial credit, named mistakes, per-call time
limit); "plain" has, in each test cell, one ``assert np.allclose(...)`` per case on the same
cases (all or nothing, no feedback), as a hand-written nbgrader notebook would. Both go into
one throwaway course as two assignments; the same N fabricated submissions (a third correct,
a third without the ReLU mask, a third summing instead of averaging, as in the shared
baseline) are handed in to both, and one ``nbgrader autograde`` per variant grades them all.
Printed: total seconds, seconds per submission (total / N, and the median gap between
consecutive autograded notebooks being written, which leaves out nbgrader's start-up), and
the ratio checks / plain.
"""
from __future__ import annotations

import argparse
import copy
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.student import codec
from autograder.checks import tutorial_net as tn
from autograder.notebooks import classroom, fabricate
from autograder.notebooks.build_tutorial import ASSIGNMENT, build_notebook
from autograder.notebooks.course import RELEASE, SOURCE, nbgrader, notebook_path

PLAIN = f"{ASSIGNMENT}_plain"
MIX = (None, "relu_mask", "sum_not_mean")  # submission i gets MIX[i % 3] (None: correct)


def _literal(value) -> str:
    value = codec.decode(codec.encode(value))
    if hasattr(value, "shape"):
        return f"np.array({value.tolist()!r})"
    if isinstance(value, tuple):
        return "(" + "".join(_literal(v) + ", " for v in value) + ")"
    return repr(value)


def _asserts(function: str, cases) -> str:
    lines = []
    for case in cases:
        call = f"{function}({', '.join(_literal(a) for a in case.args)})"
        want = case.expected
        if isinstance(want, tuple):
            lines.append(f"_got = {call}")
            lines += [f"assert np.allclose(_got[{k}], {_literal(w)})" for k, w in enumerate(want)]
        else:
            lines.append(f"assert np.allclose({call}, {_literal(want)})")
    return "\n".join(lines)


def _hand_asserts(part) -> str:
    return "\n".join(f"assert np.allclose({var}, {_literal(want)}, atol={part.atol})" for var, _, want in part.quantities)


def plain_variant(nb):
    """The notebook with each test cell's checks replaced by plain asserts on the same cases."""
    nb = copy.deepcopy(nb)
    checks = {c.function: c for c in tn.CHECKS}
    parts = {p.id: p for p in tn.HAND_PARTS}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if not gid.startswith("test_"):
            continue
        name, hidden = gid[len("test_"):].removesuffix("_hidden"), gid.endswith("_hidden")
        if name in checks:
            body = _asserts(name, list(checks[name].scored(hidden)))
        else:
            body = _hand_asserts(parts[name]) if hidden else "pass"
        cell.source = f"### BEGIN HIDDEN TESTS\n{body}\n### END HIDDEN TESTS" if hidden else body
    return nb


def _course(root: Path) -> None:
    (root / SOURCE).mkdir(parents=True)
    shutil.copy2(classroom.ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    source = build_notebook()
    for assignment, nb in ((ASSIGNMENT, source), (PLAIN, plain_variant(source))):
        path = notebook_path(root, SOURCE, assignment)
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path.with_name(f"{ASSIGNMENT}.ipynb"))
        classroom.register(root, assignment)


def _submissions(root: Path, assignment: str, n: int) -> None:
    release = nbformat.read(notebook_path(root, RELEASE, assignment).with_name(f"{ASSIGNMENT}.ipynb"), as_version=4)
    source = nbformat.read(notebook_path(root, SOURCE, assignment).with_name(f"{ASSIGNMENT}.ipynb"), as_version=4)
    good = fabricate.correct(release, source)
    for i in range(n):
        mistake = MIX[i % len(MIX)]
        nb = fabricate.MISTAKES[mistake][2](copy.deepcopy(good)) if mistake else good
        path = root / "submitted" / f"s{i:04d}" / assignment / f"{ASSIGNMENT}.ipynb"
        path.parent.mkdir(parents=True)
        nbformat.write(nb, path)


def _time(root: Path, assignment: str, n: int) -> dict:
    start = time.time()
    nbgrader(root, "autograde", assignment, "--create", "--force")
    total = time.time() - start
    written = sorted(p.stat().st_mtime for p in (root / "autograded").glob(f"*/{assignment}/*.ipynb"))
    if len(written) != n:
        raise RuntimeError(f"{assignment}: {len(written)} autograded notebooks, expected {n}")
    gaps = [b - a for a, b in zip(written, written[1:])]
    return {"total": total, "per": total / n, "median_gap": statistics.median(gaps) if gaps else total}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.notebooks.bench_autograde", description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="submissions per variant (default 30)")
    parser.add_argument("--keep", type=Path, help="build the course here and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    if args.n < 2:
        parser.error("-n must be at least 2")
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-autograde-"))
    if args.keep and args.keep.exists():
        parser.error(f"{args.keep} exists; give a new folder")
    try:
        _course(root)
        for assignment in (ASSIGNMENT, PLAIN):
            _submissions(root, assignment, args.n)
        results = {name: _time(root, a, args.n) for name, a in (("checks", ASSIGNMENT), ("plain", PLAIN))}
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    print(f"machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}")
    print(f"N = {args.n} submissions per variant ({' / '.join(m or 'correct' for m in MIX)} in turn)")
    print(f"{'variant':<8} {'total s':>8} {'s/submission':>13} {'median gap s':>13}")
    for name, r in results.items():
        print(f"{name:<8} {r['total']:8.1f} {r['per']:13.2f} {r['median_gap']:13.2f}")
    c, p = results["checks"], results["plain"]
    print(f"ratio checks/plain: {c['per'] / p['per']:.2f} per submission, {c['median_gap'] / p['median_gap']:.2f} by median gap")
    return 0


if __name__ == "__main__":
    sys.exit(main())
