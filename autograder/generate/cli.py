"""``python -m autograder generate ASSIGNMENT --seed S [--students ROSTER.csv] [--out DIR]``.

Regenerates an assignment's exercise with new numbers: the source notebook, its hidden tests,
the variant file(s) with every answer, the worked solutions (Markdown and HTML), and the
release through the real ``nbgrader generate_assignment``. See ``autograder.generate``.

Wiring (in ``autograder/__main__.py``)::

    gen = sub.add_parser("generate", help="regenerate an exercise with new numbers (see README)")
    from autograder.generate import cli as generate_cli   # cheap: heavy imports happen in main
    generate_cli.add_arguments(gen)
    ...
    if args.command == "generate":
        return generate_cli.main(args)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``generate`` subcommand's arguments."""
    parser.add_argument("assignment", help="the assignment to regenerate: tutorial_net or mlp")
    parser.add_argument("--seed", type=_seed, required=True, help="a whole number ≥ 0: the same seed gives the same files")
    parser.add_argument("--students", type=Path, metavar="ROSTER.csv",
                        help="class list (CSV, header with a column 'id'): every student gets their own numbers")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="write under DIR (DIR/solutions/…, DIR/assignments/…) instead of this repository")
    parser.add_argument("--no-release", action="store_true", help="do not run nbgrader generate_assignment")


def main(args: argparse.Namespace) -> int:
    """Run ``generate``; 0 on success, 2 on a bad roster or assignment, 1 if nbgrader fails."""
    from autograder.generate import writer
    from autograder.generate.roster import RosterError
    from autograder.notebooks.course import NbgraderError

    if args.out is not None and args.out.exists() and not args.out.is_dir():
        print(f"error: --out {args.out}: exists and is not a folder", file=sys.stderr)
        return 2
    try:
        result = writer.generate(args.assignment, args.seed, args.students, args.out, release=not args.no_release)
    except (RosterError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (NbgraderError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    who = f"{result.students} students" if result.students else "one class variant"
    print(f"generated {args.assignment} (seed {args.seed}, {who}) under {result.root}:")
    for rel in _summary(result.files):
        print(f"  {rel}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print("time: " + "; ".join(f"{k} {v:.2f} s" for k, v in result.seconds.items()))
    return 0


def _summary(files: list) -> list:
    runtime = [f for f in files if "/backprop_check/" in f]
    per_student = [f for f in files if "/variants/" in f]
    out = [f for f in files if "/variants/" not in f and "/backprop_check/" not in f]
    if runtime:
        out.append(f"{runtime[0].split('/backprop_check/')[0]}/backprop_check/  (the student runtime and public cases, {len(runtime)} files)")
    if per_student:
        folder = per_student[0].rsplit("/", 1)[0]
        out.append(f"{folder}/<student>.json, .md, .html  ({len(per_student)} files)")
    return out


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0, got {value}")
    return value


if __name__ == "__main__":  # python -m autograder.generate.cli … (before it is wired)
    _parser = argparse.ArgumentParser(prog="python -m autograder generate", description=__doc__.splitlines()[0])
    add_arguments(_parser)
    sys.exit(main(_parser.parse_args()))
