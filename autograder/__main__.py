"""The command line: ``python -m autograder {demo, check} …`` (see README)."""
from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", help="the main job on built-in data")
    check = sub.add_parser("check", help="check a notebook or .py against the public cases")
    check.add_argument("path")
    check.add_argument("--assignment", default="tutorial_net", help="tutorial_net (default) or mlp")
    args = parser.parse_args(argv)
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
