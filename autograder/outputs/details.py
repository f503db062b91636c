"""What a student's feedback page and the class report are made of, as data: ``details.json``.

``DIR/<student>/details.json`` beside results.json holds the graded results (FunctionResults
with their CaseResults: public cases with the call, the value returned and the one expected;
hidden cases with only their kind and what went wrong, never an expected value), the words
of each mistake named, and the submission's path (so the report can compare code):

    {"student": "bob", "assignment": "tutorial_net", "score": 35.7, "max_score": 37.0,
     "problems": ["…"], "source": "/…/bob.ipynb", "code": "<sha256 of its own code>",
     "fingerprint": [its copydetect fingerprint, see similarity.py], "messages": {"relu-mask-missing": "…"},
     "functions": [{"function": "delta_h", "hidden": false, "score": 0.5, "max_score": 1.0,
                    "note": "", "cases": [{"label": "…", "hidden": false, "passed": false,
                    "reason": "wrong value", "mistake": "relu-mask-missing",
                    "call": "delta_h(theta=[…], x=[…], y=1.9)", "got": "-3.8", "expected": "0"}]}]}
"""
from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path

FILE = "details.json"


def make(data: dict, graded, messages: dict, source=None) -> dict:
    """details from results.json's ``data`` and the FunctionResults ``graded``."""
    functions = []
    for result in graded:
        row = {f.name: getattr(result, f.name) for f in fields(result)}
        row["cases"] = [_safe_case({f.name: getattr(c, f.name) for f in fields(c)}) for c in result.cases]
        functions.append(row)
    used = sorted({c["mistake"] for f in functions for c in f["cases"] if c["mistake"]})
    extra = data.get("extra_data", {})
    return {"student": extra.get("student"), "assignment": extra.get("assignment"),
            "score": data["score"], "max_score": extra.get("max_score"),
            "problems": data["output"].splitlines()[1:], "source": str(source) if source else None,
            "messages": {m: messages.get(m, "") for m in used}, "functions": functions}


def _safe_case(case: dict) -> dict:
    """A hidden case never carries a call, a returned or an expected value (belt and braces)."""
    if case["hidden"]:
        case.update(call="", got="", expected="")
    return case


def write(folder: Path, details: dict) -> Path:
    path = Path(folder) / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{FILE}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(details, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n",
                         encoding="utf-8")
    os.replace(temporary, path)
    return path


def read(folder: Path) -> dict | None:
    try:
        return json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
