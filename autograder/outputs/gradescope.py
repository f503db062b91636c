"""``python -m autograder gradescope ASSIGNMENT --out BUNDLE.zip [--course DIR]``: a Gradescope autograder.

The zip, as Gradescope wants it (unpacked at /autograder/source; ``setup.sh`` runs once
when the image is built, ``run_autograder`` for each submission):

    setup.sh            installs Python 3 and the pinned requirements into /autograder/venv
    run_autograder      grades /autograder/submission/ → /autograder/results/results.json
    requirements.txt    NumPy, pinned as in requirements.lock (the grader needs nothing else)
    checks/<a>.json     the assignment's checks, built here: public and hidden cases with
                        their expected values, hand parts, the release's read-only cells
    autograder/...      the grader's runtime only: student/, sandbox/, grader/{plan,probes,
                        results,run,discover}.py, submission.py, outputs/gradescope_run.py

Not in it: reference/, the checks' builders, the slips, generate/, sympy, nbgrader. The
hidden cases are data in checks/<a>.json, read by the grader process (root), made
root-only before any student code runs; the student's code runs in our sandbox, whose root
holds the standard library and NumPy only (see gradescope_run.py).

``--course DIR``: the checks of that course folder (its variant.json, its release's
read-only cells), through ``assignments.checks(name, course)``; default this repository.
"""
from __future__ import annotations

import io
import json
import re
import stat
import zipfile
from pathlib import Path

from autograder.student import codec
from autograder.student.model import to_json

REPO = Path(__file__).resolve().parents[2]
RUNTIME = ("autograder/__init__.py", "autograder/submission.py", "autograder/student/*.py", "autograder/sandbox/*.py",
           "autograder/grader/__init__.py", "autograder/grader/discover.py", "autograder/grader/plan.py",
           "autograder/grader/probes.py", "autograder/grader/progress.py", "autograder/grader/results.py",
           "autograder/grader/run.py", "autograder/outputs/__init__.py", "autograder/outputs/gradescope_run.py",
           "autograder/assignments.py")
EPOCH = (2020, 1, 1, 0, 0, 0)     # fixed timestamps: the same checks give the same zip

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source, when it builds the image.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -m venv --help >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip
fi
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --no-cache-dir --upgrade pip
/autograder/venv/bin/pip install --no-cache-dir -r requirements.txt
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for each submission (as /autograder/run_autograder, as root).
set -uo pipefail
SOURCE="${{AUTOGRADER_SOURCE:-/autograder/source}}"
PY="${{AUTOGRADER_PYTHON:-/autograder/venv/bin/python}}"
[ -x "$PY" ] || PY=python3
mkdir -p /autograder/results
cd "$SOURCE"
PYTHONPATH="$SOURCE" OPENBLAS_NUM_THREADS=1 "$PY" -m autograder.outputs.gradescope_run \\
    --checks "$SOURCE/checks/{assignment}.json" --submission /autograder/submission \\
    --results /autograder/results/results.json
"""


def checks_document(assignment: str, course=None) -> dict:
    """Everything the grader needs to grade ``assignment``, as JSON-able data."""
    from autograder import assignments
    from autograder.grader.run import locked_cells

    checks, parts = assignments.checks(assignment, course), assignments.hand_parts(assignment, course)
    return {"assignment": assignment, "checks": [to_json(c) for c in checks],
            "parts": [{"id": p.id, "title": p.title, "quantities": [[v, label, codec.encode(e)] for v, label, e in p.quantities],
                       "mistakes": {v: {m: codec.encode(x) for m, x in ms.items()} for v, ms in p.mistakes.items()},
                       "messages": dict(p.messages), "atol": p.atol, "rtol": p.rtol,
                       "points_public": p.points_public, "points_hidden": p.points_hidden} for p in parts],
            "locked": locked_cells(assignment, course)}


def requirements() -> str:
    """NumPy's lines of requirements.lock (with their Python-version markers)."""
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    lines = [line for line in lock.splitlines() if re.match(r"numpy==", line)]
    return "# pinned from requirements.lock: the grader's only dependency\n" + "\n".join(lines) + "\n"


def build(assignment: str, out, course=None) -> Path:
    """Write the bundle zip ``out``; returns its path."""
    out = Path(out)
    doc = checks_document(assignment, course)
    files = {"setup.sh": SETUP, "run_autograder": RUN.format(assignment=assignment), "requirements.txt": requirements(),
             f"checks/{assignment}.json": json.dumps(doc, sort_keys=True, ensure_ascii=False) + "\n",
             "README.txt": __doc__}
    for pattern in RUNTIME:
        for path in sorted(REPO.glob(pattern)):
            files[str(path.relative_to(REPO))] = path.read_text(encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, EPOCH)
            executable = name in ("setup.sh", "run_autograder")
            info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])
    out.write_bytes(buffer.getvalue())
    return out
