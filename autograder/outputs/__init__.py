"""What students, TAs and instructors look at, written from results as data.

    details.py          DIR/<student>/details.json: the graded results a page is made of
    feedback_html.py    DIR/<student>/feedback.html, the student's page
    report.py           DIR/report.html, the class report (plots.py: inline SVG figures)
    similarity.py       near-identical submissions (copydetect)
    gradebook_source.py the report's records from an nbgrader gradebook.db
    html.py, mathml.py  the escaping boundary and the page; LaTeX → MathML, offline
    reading.py          what to read again: the notebook's section and its formula
    gradescope.py       the Gradescope autograder bundle (gradescope_run.py runs inside it)

``grade`` calls ``write_student`` for each student it grades and ``write_class`` at the end.
"""
from __future__ import annotations

import threading
from pathlib import Path

_warming = []


def write_student(out, student: str, data: dict, graded, messages: dict, source=None) -> None:
    """details.json and feedback.html beside the student's results.json."""
    if not _warming:               # the report's matplotlib loads while the sandbox works, not after it
        _warming.append(threading.Thread(target=__import__, args=("matplotlib.figure",), daemon=True))
        _warming[0].start()
    from autograder.outputs import details, feedback_html, similarity

    folder = Path(out) / student
    record = details.make(data, graded, messages, source)
    record["code"], record["fingerprint"] = similarity.remember(source, assignment=record.get("assignment"))
    details.write(folder, record)     # atomic: the report reads it back
    (folder / "feedback.html").write_text(feedback_html.render(record), encoding="utf-8")   # derived, rewritten each time


def write_class(out, students=None, course=None, similar: bool = True) -> Path:
    """report.html from every details.json in ``out`` (only ``students`` when given);
    ``course``: the course folder whose release notebook is the boilerplate of the code."""
    from autograder.outputs import report, similarity

    records = report.from_folder(out)
    if students is not None:
        keep = set(students)
        records = [r for r in records if r.get("student") in keep]
    release = None
    if course is not None and records:
        from autograder.outputs.gradebook_source import release_notebook
        release = release_notebook(course, records[0].get("assignment"))
    pairs = similarity.pairs(records, release) if similar else None
    return report.write(out, records, pairs)
