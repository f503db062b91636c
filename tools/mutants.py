"""Mutation testing of the grading core with mutmut 3 (``python3 dev.py mutants [MODULE …]``).

Not in CI: it is slow. For each module of the core (in the order below, or the ones named on
the command line) this starts from a fresh ``mutants/`` tree, mutates that module alone, runs
mutmut with ONE worker (under ``nice -n 15``: the development machine has 2 cores shared with
others) over the module's own fast test files, and writes

    out/mutants/<module>.json   every mutant's status, and the diff of each one that survived
    out/mutants/summary.txt     the table: mutants, killed, survived, equivalent, score

The score is killed / (mutants − equivalent). The equivalent mutants (the mutation changes
nothing a user could see) are listed, with the reason, in tools/mutants_equivalent.json, by
module and mutant name; a listed name that no longer survives is reported as stale.
Timeouts count as killed (the mutant made the code loop), "no tests" as survived.

    --survivors MODULE …   run again only the mutants that survived the module's last run, and merge
    --rescore [MODULE …]   apply tools/mutants_equivalent.json again to the recorded results
    --collect MODULE       print the results mutmut left in mutants/ (the last module run)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out" / "mutants"
EQUIVALENT = Path(__file__).with_name("mutants_equivalent.json")

# module: (files mutated, the fast test files that exercise them)
MODULES = {
    "judge": (["autograder/student/judge.py"],
              ["tests/test_judge.py", "tests/test_judge_float32_tuples.py", "tests/test_judge_tolerance.py",
               "tests/test_judge_messages.py", "tests/test_judge_float32_seen.py", "tests/test_judge_shows_values.py",
               "tests/test_judge_verdicts.py"]),
    "grading": (["autograder/student/grading.py"],
                ["tests/test_grading_scores.py", "tests/test_hand_grading.py", "tests/test_hand_carried.py",
                 "tests/test_diagnose.py"]),
    "codec": (["autograder/student/codec.py"],
              ["tests/test_codec_wire_format.py", "tests/test_judge.py", "tests/test_judge_float32_tuples.py",
               "tests/test_list_arguments.py"]),
    "stubs": (["autograder/student/stubs.py"], ["tests/test_stubs_matching.py", "tests/sandbox/test_sandbox_stubs.py"]),
    "plan": (["autograder/grader/plan.py"], ["tests/test_plan_answers.py"]),
    "submission": (["autograder/submission.py"], ["tests/test_submission_reading.py", "tests/test_selfcheck.py"]),
    "checks": (["autograder/student/model.py", "autograder/checks/build.py", "autograder/checks/tracing.py"],
               ["tests/test_check_model.py", "tests/test_check_building.py", "tests/test_checks_tutorial_net.py",
                "tests/test_checks_independence.py", "tests/test_list_arguments.py"]),
    "reference": (["reference/tutorial_net.py", "reference/mlp.py", "reference/_validate.py"],
                  ["tests/test_reference_objective.py", "tests/test_reference_by_hand.py", "tests/test_reference_tutorial_net.py",
                   "tests/test_reference_mlp.py", "tests/test_reference_mlp_differences.py",
                   "tests/test_reference_mlp_messages.py"]),
}
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def _dotted(path: str) -> str:
    return path[:-3].replace("/", ".")


def run_one(module: str, names: list) -> int:
    """In a child process: mutate ``module``'s files and run its tests (mutmut's own CLI) on
    every mutant of the module, or on the mutants ``names``."""
    from mutmut import configuration
    from mutmut.__main__ import cli

    files, tests = MODULES[module]
    config = configuration._load_config()
    config.only_mutate = list(files)
    config.pytest_add_cli_args_test_selection = [t for t in tests if (ROOT / t).exists()]
    configuration._config = config
    patterns = names or [_dotted(f) + ".*" for f in files]
    try:
        cli(["run", "--max-children", "1", *patterns], standalone_mode=False)
    except SystemExit as stop:
        return int(stop.code or 0)
    return 0


def _diff(name: str, files: list) -> str:
    """The mutant's changed lines ("-" the original, "+" the mutant), from mutmut's own diff."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    dotted = name.rsplit(".", 1)[0]
    path = next(f for f in files if _dotted(f) == dotted)
    try:
        diff = get_diff_for_mutant(name, path=Path(path))
    except Exception as exc:  # the diff is for reading; a failure to make it is said, not fatal
        return f"(no diff: {type(exc).__name__})"
    return "\n".join(line for line in diff.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++", "---")))


def collect(module: str, seconds: float, statuses: dict | None = None, again: float | None = None) -> dict:
    """The statuses of ``module``'s mutants as mutmut left them in mutants/*.meta (or ``statuses``)."""
    from mutmut.stats import status_by_exit_code

    files, tests = MODULES[module]
    os.chdir(ROOT)
    if statuses is None:
        statuses = {}
        for f in files:
            meta = ROOT / "mutants" / (f + ".meta")
            if meta.exists():
                for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
                    statuses[name] = status_by_exit_code[code]
    survivors = sorted(n for n, s in statuses.items() if s not in KILLED)
    diffs = {name: _diff(name, files) for name in survivors}
    equivalent = json.loads(EQUIVALENT.read_text()).get(module, {}) if EQUIVALENT.exists() else {}
    counted = [n for n in survivors if n not in equivalent]
    real = len(statuses) - len([n for n in equivalent if n in statuses and n in survivors])
    killed = len(statuses) - len(survivors)
    return {
        "module": module, "files": files, "tests": [t for t in tests if (ROOT / t).exists()],
        "seconds": round(seconds, 1), "survivors_rerun_seconds": again, "mutants": len(statuses), "killed": killed,
        "survived": len(counted), "equivalent": len(survivors) - len(counted),
        "score": round(killed / real, 4) if real else None,
        "stale_equivalent": sorted(n for n in equivalent if n not in survivors),
        "statuses": statuses, "survivors": {n: diffs[n] for n in counted},
    }


def summary_line(r: dict) -> str:
    score = f"{100 * r['score']:.1f}%" if r["score"] is not None else "-"
    return (f"{r['module']:<11} {r['mutants']:>7} {r['killed']:>6} {r['survived']:>8} {r['equivalent']:>10} "
            f"{score:>7} {r['seconds']:>8.0f}s")


def main(argv: list[str]) -> int:
    again = argv[:1] == ["--survivors"]
    argv = argv[again:]
    if argv[:1] == ["--one"]:
        return run_one(argv[1], argv[2:])
    if argv[:1] == ["--rescore"]:   # apply tools/mutants_equivalent.json again to the recorded results
        for module in argv[1:] or list(MODULES):
            path = OUT / f"{module}.json"
            if path.exists():
                old = json.loads(path.read_text())
                new = collect(module, old["seconds"], old["statuses"], old.get("survivors_rerun_seconds"))
                # the diffs were made when the module's mutants/ tree was there: keep them
                new["survivors"] = {n: old["survivors"].get(n, d) for n, d in new["survivors"].items()}
                new["exit_code"] = old.get("exit_code")
                path.write_text(json.dumps(new, indent=1, ensure_ascii=False) + "\n")
                print(summary_line(new))
        return 0
    if argv[:1] == ["--collect"]:   # re-read the results of the last run (mutants/ as it is)
        result = collect(argv[1], 0.0)
        print(summary_line(result))
        for name, diff in result["survivors"].items():
            print(f"# {name}\n{diff}")
        return 0
    wanted = argv or list(MODULES)
    unknown = [m for m in wanted if m not in MODULES]
    if unknown:
        print(f"mutants: no module {unknown[0]!r}; the modules are {', '.join(MODULES)}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for module in wanted:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        before = OUT / f"{module}.json"
        names = []
        if again and before.exists():
            # only the mutants that survived the last full run: tests were added, the code is the
            # same, so a mutant killed then is killed now
            previous = json.loads(before.read_text())
            names = sorted(n for n, s in previous["statuses"].items() if s not in KILLED)
        print(f"mutants: {module}: mutating {', '.join(MODULES[module][0])}"
              + (f" ({len(names)} survivors of the last run)" if names else ""), flush=True)
        start = time.monotonic()
        code = subprocess.run(["nice", "-n", "15", sys.executable, __file__, "--one", module, *names], cwd=ROOT,
                              env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1")).returncode
        result = collect(module, time.monotonic() - start)
        if names:
            kept = {n: s for n, s in previous["statuses"].items() if n not in names}
            result = collect(module, previous["seconds"], {**result["statuses"], **kept},
                             again=round(time.monotonic() - start, 1))
        result["exit_code"] = code
        before.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
        print(summary_line(result), flush=True)
        for name in result["survivors"]:
            print(f"  survived: {name}")
    rows = [json.loads((OUT / f"{m}.json").read_text()) for m in MODULES if (OUT / f"{m}.json").exists()]
    table = "\n".join([f"{'module':<11} {'mutants':>7} {'killed':>6} {'survived':>8} {'equivalent':>10} "
                       f"{'score':>7} {'time':>9}"] + [summary_line(r) for r in rows])
    (OUT / "summary.txt").write_text(table + "\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
