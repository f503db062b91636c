"""Issue 11, items 5 and 7: time limits a submission cannot switch off, counted in CPU time
where wall time would punish an honest neighbour.

Real grading runs (`autograder.grader.run.grade`, the sandbox on, as `grade --jobs 2`):
- a submission that blocks and ignores SIGALRM/SIGPROF and disables setitimer at top level,
  hangs one function in a C-level loop (catastrophic regex backtracking) and another on its
  second case, loses only those cases, keeps the earlier ones, and the whole submission
  finishes in seconds (the old code let each such case run to the 20 s call limit);
- a correct student whose dataset_loss takes 0.8 s of CPU time per case (under the 2 s per
  case) keeps full marks when graded next to a submission that forks 30 spinners, each in
  its own session (the old code: per-case wall-clock alarm, no CPU share, 37 -> 34).
"""
import json
import sys
import time

from autograder.grader.run import grade
from tests.students import tutorial_net as students

SWITCH_OFF = '''
import signal, re
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM, signal.SIGPROF, signal.SIGVTALRM])
for _s in (signal.SIGALRM, signal.SIGPROF, signal.SIGVTALRM):
    signal.signal(_s, signal.SIG_IGN)
signal.setitimer = lambda *a, **k: (0.0, 0.0)
signal.signal = lambda *a, **k: None
'''


def scores(out, student):
    data = json.loads((out / student / "results.json").read_text())
    return data["score"], {t["name"]: (t["score"], t["output"]) for t in data["tests"]}


def test_per_case_limit_cannot_be_switched_off(tmp_path):
    source = SWITCH_OFF + students.CORRECT
    source = source.replace("def gd_step(theta, grad, eta):\n",
                            "def gd_step(theta, grad, eta):\n"
                            "    re.match(r'(a+)+$', 'a' * 64 + 'b')\n")
    source = source.replace("def relu_derivative(z):\n",
                            "_seen = [0]\n"
                            "def relu_derivative(z):\n"
                            "    _seen[0] += 1\n"
                            "    while _seen[0] == 2:\n"
                            "        pass\n")
    path = tmp_path / "switch_off.py"
    path.write_text(source)
    started = time.monotonic()
    grade("tutorial_net", [path], tmp_path / "out", jobs=1, stream=sys.stderr)
    seconds = time.monotonic() - started
    total, tests = scores(tmp_path / "out", "switch_off")
    gd_public, gd_text = tests["gd_step: public cases"]
    assert gd_public == 0 and "timed out" in gd_text, gd_text
    relu_d, relu_d_text = tests["relu_derivative: public cases"]
    assert "timed out" in relu_d_text, relu_d_text
    # its first case was answered before the hang and keeps its result
    assert relu_d_text.count("✔") + relu_d_text.count("passed") >= 1 or relu_d > 0, relu_d_text
    # every other function is graded normally
    for name in ("relu", "forward", "example_loss", "dataset_loss", "delta_yhat",
                 "example_gradient", "dataset_gradient", "gradient_descent"):
        for kind in ("public", "hidden"):
            got, text = tests["%s: %s cases" % (name, kind)]
            assert "timed out" not in text, (name, text)
    # a hung case costs about 2 s of the job's CPU time (the all-functions call, then once
    # more in the per-function rerun): a few seconds, where the old code gave each hung case
    # its call's 20 s of wall time (two hangs: over 40 s, however idle the machine)
    assert seconds < 35, seconds


HOG = '''
import os, time
for _ in range(30):
    if os.fork() == 0:
        os.setsid()
        end = time.monotonic() + 12
        while time.monotonic() < end:
            pass
        os._exit(0)
time.sleep(10)
'''

SLOW_HONEST = students.CORRECT.replace(
    "def dataset_loss(theta, X, Y):\n",
    "import time as _time\n"
    "def dataset_loss(theta, X, Y):\n"
    "    _t = _time.process_time()\n"
    "    while _time.process_time() - _t < 0.8:\n"
    "        pass\n")


def test_honest_student_next_to_a_cpu_hog_loses_nothing(tmp_path):
    honest = tmp_path / "a_honest.py"
    honest.write_text(SLOW_HONEST)
    hog = tmp_path / "b_hog.py"
    hog.write_text(HOG)
    grade("tutorial_net", [honest, hog], tmp_path / "out", jobs=2, stream=sys.stderr)
    total, tests = scores(tmp_path / "out", "a_honest")
    lost = {name: text for name, (score, text) in tests.items() if "hand" not in name and "✘" in text}
    assert lost == {}, lost
    assert tests["dataset_loss: hidden cases"][0] > 0


def test_stepped_call_overrun_is_stopped_from_outside_and_keeps_earlier_steps():
    """The sandbox primitive: a step that spins with every signal blocked (in the submission
    process too, so it cannot even be asked to stop the call), or sleeps, is stopped by the
    supervisor; the steps reported before it are kept; the next call runs."""
    from autograder.sandbox import Call, Limits, Sandbox
    from sandbox_helpers import src
    with Sandbox(Limits(cpu_seconds=5, wall_seconds=8)) as box:
        out = box.run(src('''
        import signal, time
        signal.pthread_sigmask(signal.SIG_BLOCK, set(signal.Signals) - {signal.SIGKILL, signal.SIGSTOP})
        def spin():
            __sandbox_step__("first")
            __sandbox_step__(["second", 2.0])
            while True:
                pass
        def nap():
            __sandbox_step__(1)
            time.sleep(60)
        def fine(n):
            for i in range(n):
                __sandbox_step__(i)
            return n
    '''), [Call("spin", step_seconds=0.3), Call("nap", step_seconds=0.1), Call("fine", (50,), step_seconds=0.3)])
    spin, nap, fine = out.calls
    assert spin.status == "timeout" and "CPU time" in spin.reason, spin
    assert spin.steps == ("first", ["second", 2.0]) and spin.seconds < 5, spin
    assert nap.status == "timeout" and nap.steps == (1,) and 2.3 <= nap.seconds < 5, nap
    assert fine.status == "ok" and fine.value == 50 and fine.steps == tuple(range(50)), fine
