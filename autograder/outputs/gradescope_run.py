"""Inside a Gradescope bundle: grade ``/autograder/submission/`` into ``/autograder/results/results.json``.

``run_autograder`` calls ``python -m autograder.outputs.gradescope_run``. This process is the
grader: it reads the pre-built checks (``checks.json``: public and hidden cases with their
expected values, hand parts, the release's read-only cells), makes that file unreadable to
anyone but root, and runs the submission's code in our sandbox (autograder.sandbox), whose
root holds only the standard library and NumPy: not /autograder, not the checks, not this
package. There is no reference implementation and no sympy in the bundle. The score is what
``grade`` gives the same notebook (the same ``run._grade_one``); hidden tests are shown
``after_published``.

Standard library and NumPy only (what setup.sh installs).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from autograder.student import codec
from autograder.student.model import HandPart, from_json


def load_checks(path: Path) -> dict:
    """The bundle's checks file → {"assignment", "checks": [Check], "parts": [HandPart], "locked", "digest"}."""
    raw = path.read_bytes()
    doc = json.loads(raw)
    parts = [HandPart(p["id"], p["title"], tuple((v, label, codec.decode(e, arrays=False)) for v, label, e in p["quantities"]),
                      {v: {m: codec.decode(x, arrays=False) for m, x in ms.items()} for v, ms in p["mistakes"].items()},
                      dict(p["messages"]), p["atol"], p["rtol"], p["points_public"], p["points_hidden"])
             for p in doc["parts"]]
    return {"assignment": doc["assignment"], "checks": [from_json(c) for c in doc["checks"]], "parts": parts,
            "locked": doc["locked"], "digest": hashlib.sha256(raw).hexdigest()[:16]}


def find_submission(folder: Path, assignment: str):
    """The notebook (``<assignment>.ipynb`` first) or .py file in Gradescope's submission folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".ipynb", ".py")
                   and ".ipynb_checkpoints" not in p.parts and not p.name.startswith("."))
    files.sort(key=lambda p: (p.name != f"{assignment}.ipynb", p.suffix != ".ipynb", len(p.parts), str(p)))
    return files[0] if files else None


def grade(checks_path: Path, submission_dir: Path, results_path: Path) -> dict:
    from autograder.grader import plan as planning
    from autograder.grader import results
    from autograder.grader.discover import Found as Item
    from autograder.grader.run import LIMITS, _grade_one, _read
    from autograder.sandbox import Sandbox

    bundle = load_checks(checks_path)
    try:
        os.chmod(checks_path, 0o600)     # root only: a sandboxed job runs under a uid of its own
    except OSError:
        pass
    assignment, checks, parts = bundle["assignment"], bundle["checks"], bundle["parts"]
    messages = {m.id: m.message for c in checks for m in c.mistakes} | {k: v for p in parts for k, v in p.messages.items()}
    path = find_submission(submission_dir, assignment)
    student = path.stem if path else "submission"
    item = Item(student, path, "" if path else f"no .ipynb or .py file in the submission (expected {assignment}.ipynb)",
                root=path.parent if path else None)
    item, _ = _read(item)    # the bytes, read without following links (as grade does)
    fingerprint = hashlib.sha256(bundle["digest"].encode() + (path.read_bytes() if path else b"")).hexdigest()[:32]
    protected = (str(checks_path.resolve().parent.parent), "/autograder")
    with Sandbox(LIMITS, protected_paths=protected) as box:
        data, _ = _grade_one(box, item, checks, parts, planning.make(checks, parts), messages, assignment,
                             fingerprint, bundle["locked"])
    results_path.parent.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.outputs.gradescope_run", description=__doc__)
    parser.add_argument("--checks", required=True, type=Path)
    parser.add_argument("--submission", default="/autograder/submission", type=Path)
    parser.add_argument("--results", default="/autograder/results/results.json", type=Path)
    args = parser.parse_args(argv)
    data = grade(args.checks, args.submission, args.results)
    print(data["output"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
