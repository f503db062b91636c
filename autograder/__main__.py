"""The command line: ``python -m autograder {demo, check, grade, generate} …`` (see README).

Every error is one line on stderr (``error: …``) and a non-zero exit status: 2 for bad
arguments or input, 1 when something could not run (the sandbox, nbgrader).
"""
from __future__ import annotations

import argparse
import os
import sys

# one BLAS thread: the grader's numpy must not compete with the sandboxed jobs for the CPUs
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

EXAMPLES = {
    "demo": """examples:
  python -m autograder demo""",
    "check": """examples:
  python -m autograder check tutorial_net.ipynb          # the assignment is read from the notebook
  python -m autograder check my_answers.py --assignment mlp
  python -m autograder check alice.ipynb --course ~/courses/backprop-2027   # a regenerated course's own numbers

exit status: 0 when every public case passes, 1 when one fails, 2 when the file cannot be read
or its release's numbers are not found (it names where it looked).""",
    "grade": """examples:
  python -m autograder grade tutorial_net submitted/ --out results/      # nbgrader layout
  python -m autograder grade tutorial_net submitted/alice --out results/ # one student's folder
  python -m autograder grade mlp work/*.ipynb work/*.py --out results/   # loose files
  python -m autograder grade tutorial_net --course ~/course               # into nbgrader's gradebook
  python -m autograder grade tutorial_net --course ~/course --student alice --student bob

exit status: 0 when the run finished (problems with single submissions are listed on stderr
and graded 0 with a reason), 2 for bad arguments or nothing to grade, 1 if the sandbox cannot start.
See the README, section "For TAs".""",
    "generate": """examples:
  python -m autograder generate tutorial_net --seed 7 --out /tmp/course
  python -m autograder generate mlp --seed 2026 --students roster.csv --out ~/course""",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message):   # argparse's own errors: one line, status 2
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _sub(sub, name: str, summary: str, description: str):
    return sub.add_parser(name, help=summary, description=description, epilog=EXAMPLES[name],
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def main(argv=None) -> int:
    parser = _Parser(prog="python -m autograder", description=__doc__.splitlines()[0],
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="\n\n".join(EXAMPLES.values()))
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _sub(sub, "demo", "the main job on built-in data", "Run the course's main job on built-in data and print it.")
    check = _sub(sub, "check", "check a notebook or .py against the public cases",
                 "Check your notebook or .py against the public cases, on your own machine, before you submit.")
    check.add_argument("path", help="your notebook (.ipynb) or .py file")
    check.add_argument("--assignment", help="tutorial_net or mlp (default: read from the notebook, else its file name)")
    check.add_argument("--course", help="the nbgrader course folder the notebook comes from (default: the one it sits in, "
                                        "else its release folder, else the demo course; see README)")
    grade = _sub(sub, "grade", "grade a class in the sandbox",
                 "Grade every submission in the sandbox: results.json and feedback.txt per student, and grades.csv.")
    grade.add_argument("assignment", help="tutorial_net or mlp")
    grade.add_argument("paths", nargs="*", metavar="PATH",
                       help="class folder (nbgrader layout: submitted/<student>/<assignment>/), one student's folder, or .ipynb/.py files")
    grade.add_argument("--out", help="where results go: <student>/results.json, grades.csv (default with --course: COURSE/results/<assignment>)")
    grade.add_argument("--course", help="an nbgrader course folder: grade its submitted/ and write the scores into its gradebook")
    grade.add_argument("--student", action="append", metavar="ID", help="grade only this student (repeat for more)")
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
    generate_cli.add_arguments(_sub(sub, "generate", "regenerate an exercise with new numbers (per student, if asked)",
                                    "Regenerate an assignment with new numbers: source notebook, hidden tests, "
                                    "variant files, worked solutions and the nbgrader release."))
    from autograder.outputs import cli as outputs_cli
    outputs_cli.add_report(sub.add_parser("report", help="rebuild the class report (report.html) from results or a gradebook"))
    outputs_cli.add_gradescope(sub.add_parser("gradescope", help="build a Gradescope autograder bundle (zip)"))
    args = parser.parse_args(argv)
    if args.command == "quickstart":
        from autograder.notebooks import quickstart
        return quickstart.main(args)
    if args.command in ("report", "gradescope"):
        return getattr(outputs_cli, args.command)(args)
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
    return _check(args)


def _check(args) -> int:
    from autograder import selfcheck, submission
    from autograder.student.feedback import printable

    try:
        assignment = args.assignment or selfcheck.assignment_of(args.path)
        score, total, text = selfcheck.run(args.path, assignment, args.course)
    except submission.SubmissionError as exc:
        print(f"error: {printable(exc)}", file=sys.stderr)
        return 2
    print(text)
    return 0 if score == total else 1


if __name__ == "__main__":
    sys.exit(main())
