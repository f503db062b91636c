"""The command line: ``python -m autograder {demo, check} …`` (see README)."""
from __future__ import annotations

import argparse
import os
import sys

# one BLAS thread: the grader's numpy must not compete with the sandboxed jobs for the CPUs
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="the main job on built-in data")
    check = sub.add_parser("check", help="check a notebook or .py against the public cases")
    check.add_argument("path")
    check.add_argument("--assignment", default="tutorial_net", help="tutorial_net (default) or mlp")
    grade = sub.add_parser("grade", help="grade a class in the sandbox (see README, 'Grading a class')")
    grade.add_argument("assignment", help="tutorial_net or mlp")
    grade.add_argument("paths", nargs="*", metavar="PATH", help="class folder (nbgrader layout) or .ipynb/.py files")
    grade.add_argument("--out", help="where results go: <student>/results.json, grades.csv (default with --course: COURSE/results/<assignment>)")
    grade.add_argument("--course", help="an nbgrader course folder: grade its submitted/ and write the scores into its gradebook")
    grade.add_argument("--jobs", type=int, default=2, help="submissions graded at once (default 2)")
    quick = sub.add_parser("quickstart", help="make a course of one's own (nbgrader layout, a course secret)",
                           description="Make a new nbgrader course folder with both assignments, their numbers and "
                                       "hidden cases drawn from a new course secret.",
                           epilog="example: python -m autograder quickstart ~/courses/backprop-2027")
    quick.add_argument("dir", help="a new (or empty) folder for the course")
    quick.add_argument("--course-id", help="nbgrader's course id (default: the folder's name)")
    from autograder.notebooks import kernelspec
    kernelspec.add_arguments(sub.add_parser("kernel", help="nbgrader's kernel, confined (see README, \"nbgrader's kernel\")",
                                            description=kernelspec.__doc__.split("\n\n")[0]))
    from autograder.generate import cli as generate_cli   # cheap; the heavy imports happen in main
    generate_cli.add_arguments(sub.add_parser("generate", help="regenerate an exercise with new numbers (per student, if asked)"))
    args = parser.parse_args(argv)
    if args.command == "quickstart":
        from autograder.notebooks import quickstart
        return quickstart.main(args)
    if args.command == "kernel":
        return kernelspec.main(args)
    if args.command == "generate":
        return generate_cli.main(args)
    if args.command == "grade":
        from autograder.grader import cli
        return cli.main(args)
    if args.command == "demo":
        from autograder import demo
        return demo.main()
    from autograder import selfcheck, submission
    try:
        _, _, text = selfcheck.run(args.path, args.assignment)
    except submission.SubmissionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
