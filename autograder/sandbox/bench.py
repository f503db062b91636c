"""Overhead benchmark: a 50-line submission with 11 trivially cheap graded calls.

    python -m autograder.sandbox --bench 50
measures zygote start-up, then per-submission wall time sequentially and with 2 threads.
"""
import statistics
import threading
import time

from .model import Call

FUNCTIONS = ["relu", "relu_derivative", "forward", "example_loss", "dataset_loss",
             "delta_yhat", "delta_h", "example_gradient", "dataset_gradient", "gd_step",
             "gradient_descent"]


def bench_source():
    lines = ["import numpy as np", ""]
    for name in FUNCTIONS:
        lines += ["def %s(*args, **kwargs):" % name, '    """Trivial body."""',
                  "    return 1.0", ""]
    while len(lines) < 50:
        lines.append("CONSTANT_%d = %d" % (len(lines), len(lines)))
    return "\n".join(lines[:50]) + "\n"


def bench_calls():
    return [Call(name, (1.0,)) for name in FUNCTIONS]


def measure(box, n=30, threads=1):
    """Mean/median seconds per submission (wall time / submissions) with `threads` threads."""
    source, calls = bench_source(), bench_calls()
    for _ in range(3):
        box.run(source, calls)
    per_thread = max(1, n // threads)
    times = []

    def worker():
        for _ in range(per_thread):
            t = time.perf_counter()
            out = box.run(source, calls)
            times.append(time.perf_counter() - t)
            assert all(c.status == "ok" for c in out.calls), out

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    elapsed = time.perf_counter() - started
    return {"threads": threads, "submissions": len(times),
            "throughput_ms_per_submission": 1000 * elapsed / len(times),
            "latency_median_ms": 1000 * statistics.median(times)}
