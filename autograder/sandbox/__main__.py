"""`python -m autograder.sandbox [--isolation auto|root|user|none] [--bench N]`

Starts the sandbox, prints which protections are active (and why not, where not), and with
--bench measures the per-submission overhead (see `bench`).
"""
import argparse
import json
import time

from .bench import measure
from .sandbox import Sandbox


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autograder.sandbox")
    parser.add_argument("--isolation", default="auto", choices=("auto", "root", "user", "none"))
    parser.add_argument("--bench", type=int, default=0, metavar="N",
                        help="also time N submissions sequentially and N with 2 threads")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with Sandbox(isolation=args.isolation) as box:
        print("zygote start-up: %.0f ms" % (1000 * (time.perf_counter() - started)))
        width = max(len(k) for k in box.protections())
        for name, text in box.protections().items():
            print("%-*s  %s" % (width, name, text))
        if args.bench:
            for threads in (1, 2):
                print(json.dumps(measure(box, args.bench, threads)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
