"""A student's results as files: results.json (Gradescope's schema), feedback.txt, grades.csv.

results.json:
    {"score": 17.5, "output": "...summary...", "visibility": "visible",
     "tests": [{"name": "forward: public cases", "score": 1.0, "max_score": 1.0,
                "output": "...feedback...", "visibility": "visible", "tags": ["mistake:x-swapped"]},
               {"name": "forward: hidden cases", ..., "visibility": "after_published"}, …],
     "extra_data": {"student": "alice", "assignment": "tutorial_net", "fingerprint": "…"}}

Same input, same bytes: keys sorted, no timestamps. Files are written to a temporary name
and renamed, so a run killed at any moment leaves either the old file or the new one.
A student's files go only to ``out/<student>/`` for an id that ``discover.safe_id`` accepts
(checked again here), and every grades.csv cell that a spreadsheet would read as a formula
(starting with ``= + - @``, a tab or a carriage return) is written with a leading ``'``.
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from autograder.student import feedback


def student_json(student, assignment, results, messages, fingerprint, problems=()) -> dict:
    """results.json for one student from FunctionResults (functions and hand parts)."""
    tests = []
    for result in results:
        kind = "hidden" if result.hidden else "public"
        name = f"{result.function}: {'hand-worked answers' if result.function.startswith('part') else kind + ' cases'}"
        tests.append({
            "name": name, "score": result.score, "max_score": result.max_score,
            "output": feedback.function_text(result, messages),
            "visibility": "after_published" if result.hidden else "visible",
            "tags": [f"mistake:{m}" for m in result.mistakes],
        })
    score = round(sum(t["score"] for t in tests), 4)
    total = round(sum(t["max_score"] for t in tests), 4)
    summary = [f"{student}: {score:g} of {total:g} points on {assignment}.", *problems]
    return {"score": score, "output": "\n".join(summary), "visibility": "visible", "tests": tests,
            "extra_data": {"student": student, "assignment": assignment, "max_score": total,
                           "fingerprint": fingerprint}}


def feedback_text(data: dict) -> str:
    """The readable feedback file: the summary, then each test's output."""
    return data["output"] + "\n\n" + "\n".join(t["output"] for t in data["tests"]) + "\n"


def student_folder(out: Path, student: str) -> Path:
    """``out/<student>``; ValueError for an id that is not safe (it would leave ``out``)."""
    from autograder.grader.discover import safe_id

    why = safe_id(student)
    if why:
        raise ValueError(f"not a safe student id: {why}")
    return Path(out) / student


def csv_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text (OWASP's rule against CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def write_student(out: Path, student: str, data: dict) -> None:
    folder = student_folder(out, student)
    folder.mkdir(parents=True, exist_ok=True)
    _atomic(folder / "feedback.txt", feedback_text(data))
    _atomic(folder / "results.json", json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def read_student(out: Path, student: str) -> dict | None:
    """The results.json written for ``student``, or None when missing or unreadable."""
    try:
        return json.loads((student_folder(out, student) / "results.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None


def write_grades(out: Path, students) -> Path:
    """grades.csv: student, score, max_score, one row per student with results, sorted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "score", "max_score"])
    for student in sorted(students):
        data = read_student(out, student)
        if data:
            try:
                row = [student, f"{float(data['score']):g}", f"{float(data['extra_data']['max_score']):g}"]
            except (KeyError, TypeError, ValueError):
                continue   # a results.json that is not ours
            writer.writerow([csv_cell(cell) for cell in row])
    path = out / "grades.csv"
    _atomic(path, buffer.getvalue())
    return path


def _atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
