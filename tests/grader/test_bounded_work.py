"""Work outside the sandbox is bounded (issue 11, item 6): huge sources cost the grader's own
process little memory and time, the same past the cap whatever their size, and score 0 with a
reason. Measured as the README's Benchmarks row is: the peak RSS of the `grade` process
(RUSAGE_CHILDREN of a fresh parent that runs only it), its CPU and its wall time."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINE = "v = [1.0, 2.0, 3.0, 4.0] + [5.0, 6.0]\n"   # cheap to write, costly to parse: many AST nodes

MEASURE = """
import resource, subprocess, sys, time
t = time.monotonic()
try:   # the grader is this process's child: killed here if it runs too long
    status = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=240).returncode
except subprocess.TimeoutExpired:
    status = "timeout"
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(time.monotonic() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, status)
"""


def code(mb: float) -> str:
    return LINE * int(mb * 2**20 / len(LINE))


def measure(path: Path, out: Path) -> tuple:
    """(wall seconds, CPU seconds, peak MiB of the grader) for grading ``path``."""
    run = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "autograder", "grade", "tutorial_net",
                          str(path), "--out", str(out)], capture_output=True, text=True, timeout=300, cwd=REPO)
    seconds, cpu, mib, status = run.stdout.split()
    assert status == "0", run.stderr
    return float(seconds), float(cpu), float(mib)


def test_five_megabytes_of_code_cost_little_and_score_zero_with_a_reason(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "big.py").write_text(code(5))
    (folder / "bignb.ipynb").write_text(json.dumps({"cells": [{"cell_type": "code", "source": code(5), "metadata": {},
                                                              "outputs": [], "execution_count": None}],
                                                   "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    seconds, cpu, mib = measure(folder, tmp_path / "out")
    # Memory is the bound that matters here (the old code took 2.8–4.6 GB, and over 600 s); time is
    # a benchmark's business (README: the figure on a quiet machine), so CPU time gets a loose bound
    # only, which a parallel test run on a shared machine keeps under
    assert mib < 600 and cpu < 180 and seconds < 400, (mib, cpu, seconds)
    for student, words in (("big", "larger than the 1 MB"), ("bignb", "more than the 1 MB")):
        data = json.loads((tmp_path / "out" / student / "results.json").read_text())
        assert data["score"] == 0 and words in data["output"], data["output"]
        # not tokenised for the class report's near-identical pairs either (copydetect's pygments
        # lexer in the grader's own process: ~13 s of CPU a megabyte)
        assert json.loads((tmp_path / "out" / student / "details.json").read_text())["fingerprint"] is None
