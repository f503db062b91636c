"""``python -m autograder grade``: run, then say what happened and where the results are."""
from __future__ import annotations

import sys
from pathlib import Path

from autograder import assignments
from autograder.grader import gradebook, run
from autograder.sandbox import SandboxError


def main(args) -> int:
    if args.assignment not in assignments.NAMES:
        print(f"error: unknown assignment {args.assignment!r}; expected one of {', '.join(assignments.NAMES)}", file=sys.stderr)
        return 2
    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return 2
    paths, out, course = list(args.paths), args.out, None
    if args.course:
        course = Path(args.course).resolve()
        paths = paths or [str(course / "submitted")]
        out = out or str(course / "results" / args.assignment)
        try:
            gradebook.open_gradebook(course, args.assignment).close()
        except gradebook.CourseError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if not paths or not out:
        print("error: give PATHs and --out, or --course", file=sys.stderr)
        return 2
    try:
        summary = run.grade(args.assignment, paths, out, jobs=args.jobs, course=course)
    except SandboxError as exc:
        print(f"error: the sandbox could not start: {exc}", file=sys.stderr)
        return 1
    for line in summary.problems:
        print(f"! {line}", file=sys.stderr)
    print(f"Graded {len(summary.graded)} submission(s); {len(summary.skipped)} already graded and unchanged.")
    print("Protections: " + "; ".join(f"{k}: {v.split(':')[0].split('(')[0].strip()}" for k, v in summary.protections.items()))
    print(f"Results: {out}/<student>/results.json and feedback.txt; grades: {out}/grades.csv")
    if course is not None:
        print(f"Gradebook: {course}/gradebook.db and {course}/autograded/ (nbgrader export, generate_feedback, formgrader)")
    return 0
