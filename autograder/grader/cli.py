"""``python -m autograder grade``: run, then say what happened and where the results are."""
from __future__ import annotations

import sys
from pathlib import Path

from autograder import assignments
from autograder.grader import discover, gradebook, run
from autograder.sandbox import SandboxError
from autograder.student.feedback import printable


def error(message: str, code: int = 2) -> int:
    """Every error of the command line: one line on stderr, a non-zero exit status."""
    print("error: " + printable(message), file=sys.stderr)
    return code


def main(args) -> int:
    if args.assignment not in assignments.NAMES:
        return error(f"unknown assignment {args.assignment!r}; expected one of {', '.join(assignments.NAMES)}")
    if args.jobs < 1:
        return error("--jobs must be at least 1")
    paths, out, course = list(args.paths), args.out, None
    if args.course:
        course = Path(args.course).resolve()
        paths = paths or [str(course / "submitted")]
        out = out or str(course / "results" / args.assignment)
        try:
            gradebook.open_gradebook(course, args.assignment).close()
        except gradebook.CourseError as exc:
            return error(str(exc))
    if not paths or not out:
        return error("give PATHs and --out, or --course")
    if Path(out).exists() and not Path(out).is_dir():
        return error(f"--out {out}: exists and is not a folder")
    found, problems = discover.discover(paths, args.assignment, only=args.student)
    if not found:
        return error("nothing found to grade: " + ("; ".join(problems) or f"no submissions in {', '.join(paths)}"))
    try:
        summary = run.grade(args.assignment, paths, out, jobs=args.jobs, course=course, students=args.student)
    except SandboxError as exc:
        return error(f"the sandbox could not start: {exc}", 1)
    except OSError as exc:
        return error(f"cannot write the results under {out}: {exc.strerror or exc}", 1)
    for line in summary.problems:
        print(f"! {printable(line)}", file=sys.stderr)
    print(f"Graded {len(summary.graded)} submission(s); {len(summary.skipped)} already graded and unchanged.")
    if summary.late:
        print(f"Late (timestamp.txt after the gradebook's due date): {', '.join(sorted(summary.late))}")
    print("Protections: " + "; ".join(f"{k}: {v.split(':')[0].split('(')[0].strip()}" for k, v in summary.protections.items()))
    print(f"Results: {out}/<student>/results.json and feedback.txt; grades: {out}/grades.csv")
    if course is not None:
        print(f"Gradebook: {course}/gradebook.db and {course}/autograded/ (nbgrader export, generate_feedback, formgrader)")
    return 0
