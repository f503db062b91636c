"""``python -m autograder report DIR`` and ``python -m autograder gradescope ASSIGNMENT --out ZIP``."""
from __future__ import annotations

import sys
import time
from pathlib import Path


def add_report(parser) -> None:
    parser.add_argument("dir", metavar="DIR", help="a results folder of `grade` (its <student>/details.json), "
                                                   "or with --gradebook an nbgrader course folder")
    parser.add_argument("--gradebook", action="store_true", help="read DIR/gradebook.db (nbgrader) instead of results")
    parser.add_argument("--assignment", help="with --gradebook: the assignment (tutorial_net or mlp)")
    parser.add_argument("--out", help="where report.html goes (default: DIR)")
    parser.add_argument("--no-similarity", action="store_true", help="skip the near-identical code check")


def report(args) -> int:
    from autograder.outputs import report as rep
    from autograder.outputs import similarity

    started = time.perf_counter()
    folder = Path(args.dir)
    out = Path(args.out or folder)
    if not folder.is_dir():
        print(f"error: {folder}: no such folder", file=sys.stderr)
        return 2
    release = None
    if args.gradebook:
        from autograder.grader.gradebook import CourseError
        from autograder.outputs import gradebook_source
        if not args.assignment:
            print("error: --gradebook needs --assignment", file=sys.stderr)
            return 2
        try:
            records = gradebook_source.records(folder, args.assignment, out)
        except (CourseError, KeyError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        _words(records, args.assignment)
        release = gradebook_source.release_notebook(folder, args.assignment)
    else:
        records = rep.from_folder(folder)
        if not records:
            print(f"error: {folder}: no <student>/details.json here (grade a class into it first)", file=sys.stderr)
            return 2
    out.mkdir(parents=True, exist_ok=True)
    pairs = None if args.no_similarity else similarity.pairs(records, release if release and release.is_file() else None)
    path = rep.write(out, records, pairs)
    print(f"Report: {path} ({len(records)} students, {time.perf_counter() - started:.2f} s)")
    return 0


def _words(records, assignment: str) -> None:
    """A gradebook holds mistake ids only: the words come from the checks' catalogue."""
    if assignment == "mlp":
        from autograder.checks.mlp_slips import MISTAKES
    else:
        from autograder.checks.tutorial_slips import MISTAKES
    for record in records:
        record["messages"] = {m: MISTAKES[m][0] for m in record.get("mistakes", ()) if m in MISTAKES}


def add_gradescope(parser) -> None:
    parser.add_argument("assignment", help="tutorial_net or mlp")
    parser.add_argument("--out", required=True, metavar="BUNDLE.zip", help="where the autograder zip goes")
    parser.add_argument("--course", metavar="DIR", help="a course folder: its checks (variant, release); default this repository")


def gradescope(args) -> int:
    from autograder import assignments
    from autograder.outputs import gradescope as gs

    if args.assignment not in assignments.NAMES:
        print(f"error: unknown assignment {args.assignment!r}; expected one of {', '.join(assignments.NAMES)}", file=sys.stderr)
        return 2
    course = Path(args.course).resolve() if args.course else None
    if course is not None and not course.is_dir():
        print(f"error: {course}: no such course folder", file=sys.stderr)
        return 2
    if course is not None and (course / "solutions" / args.assignment / "variants").is_dir():
        print("note: this course has per-student variants; the bundle grades hand parts on the class's numbers",
              file=sys.stderr)
    path = gs.build(args.assignment, args.out, course)
    print(f"Gradescope bundle: {path} ({path.stat().st_size / 1024:.0f} KiB). Upload it as the assignment's "
          "autograder (Configure Autograder → Zip file upload).")
    return 0
