"""The student runtime as it goes into an assignment's folder: ``backprop_check/`` beside the notebook.

    <source>/<a>/backprop_check/*.py                 a copy of autograder/student/ (numpy + stdlib only)
    <source>/<a>/backprop_check/cases/<a>.json       the public cases (student.cases), no hidden ones
    <source>/<a>/requirements.txt                    what the release needs besides Python

nbgrader copies the folder into the release (what students get) and, at autograde time, from
the source into every autograded/<student>/<a>/ (so a student's edited copy is replaced). The
notebook's metadata records the assignment and a fingerprint of the public data
(``metadata.backprop``), so the self-check knows which assignment a notebook is and whether
it sits beside the checks of its own release.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from autograder.checks.render import PACKAGE
from autograder.sandbox.environment import COURSE_PACKAGES
from autograder.student import cases

STUDENT = Path(__file__).resolve().parents[1] / "student"
# the course environment (what a submission may import, as the sandbox provides it), declared once
REQUIREMENTS = ("# What this folder needs besides Python 3.10+ and a Jupyter kernel (pip install -r requirements.txt);\n"
                "# the course environment: what your code may import, with the standard library\n"
                + "".join(f"{p}\n" for p in COURSE_PACKAGES))


def public_data(assignment: str, checks: list, parts: list) -> dict:
    """The release's public data, with its fingerprint: of the public data and of the hand parts'
    answers (a digest only, no value), so two variants whose public cases agree (tutorial_net's
    are always the tutorial's) still have releases of their own."""
    data = cases.make(assignment, checks, parts)
    answers = repr([(p.id, [(v, want) for v, _, want in p.quantities]) for p in parts])
    # the fingerprint of the data as written before lists were kept (a release made then keeps its fingerprint)
    before = cases.make(assignment, checks, parts, lists=False)
    data["release"] = hashlib.sha256(json.dumps(before, sort_keys=True).encode() + (answers.encode() if parts else b"")).hexdigest()[:16]
    return data


def files(assignment: str, checks: list, parts: list) -> dict:
    """{path relative to the assignment's folder: text} of the runtime and its public data."""
    out = {f"{PACKAGE}/{p.name}": p.read_text(encoding="utf-8") for p in sorted(STUDENT.glob("*.py"))}
    data = public_data(assignment, checks, parts)
    out[f"{PACKAGE}/cases/{assignment}.json"] = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    out["requirements.txt"] = REQUIREMENTS
    return out


def stamp(nb, assignment: str, checks: list, parts: list):
    """Record the assignment and its public data's fingerprint in the notebook's metadata."""
    nb.metadata["backprop"] = {"assignment": assignment, "release": public_data(assignment, checks, parts)["release"]}
    return nb


def write(folder: Path, assignment: str, checks: list, parts: list) -> list:
    """Write ``files`` into ``folder`` (the old runtime first removed); the paths written."""
    import shutil

    target = Path(folder) / PACKAGE
    if target.is_dir():
        shutil.rmtree(target)
    written = []
    for rel, text in files(assignment, checks, parts).items():
        path = Path(folder) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
