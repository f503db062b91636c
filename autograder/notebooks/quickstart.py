"""``python -m autograder quickstart DIR``: a course of one's own, in nbgrader's default layout.

    DIR/nbgrader_config.py           the course's nbgrader configuration (source/, release/)
    DIR/.course_secret               the course secret (``secret``): its numbers and hidden cases
    DIR/source/<a>/                  per assignment: the source notebook (solutions, hidden tests),
                                     variant.json, the worked solution, backprop_check/ (public cases)
    DIR/release/<a>/                 what students get, by the real ``nbgrader generate_assignment``
                                     (the notebook, backprop_check/, requirements.txt)
    DIR/gradebook.db                 nbgrader's gradebook, with both assignments
    DIR/README.md                    what to do next

Both assignments are generated with seeds keyed by the new secret: two quickstarts have
different numbers and hidden cases, and neither is the repository's demo course.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from autograder.generate import writer
from autograder.notebooks import course, secret

ASSIGNMENTS = ("tutorial_net", "mlp")
MAX_TRIES = 20
NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])")

CONFIG = '''"""nbgrader's configuration for the course {course_id!r} (made by `python -m autograder quickstart`)."""
from pathlib import Path

c = get_config()  # noqa: F821 -- traitlets defines get_config() when it loads this file

c.CourseDirectory.course_id = {course_id!r}
c.CourseDirectory.root = str(Path(__file__).resolve().parent)
# nbgrader's default folders: source/<assignment>/ (instructors), release/<assignment>/ (students)
c.CourseDirectory.source_directory = "source"
c.CourseDirectory.release_directory = "release"

# The answer files beside each source notebook never go to students (or into autograded/).
c.CourseDirectory.ignore = {ignore!r}

c.ClearSolutions.code_stub = {{"python": "# YOUR CODE HERE\\nraise NotImplementedError()"}}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A cell that runs past 30 s (an endless loop) is interrupted, scores 0, and later cells still run.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
# After a cell's reply, nbgrader waits for the rest of its output 4 s by default and fails the
# notebook when that runs out; on a busy grading machine (a class graded in parallel) it can.
c.Execute.iopub_timeout = 30
c.OverwriteCells.add_missing_cells = True

# Feedback drops the hidden test code, as the release does.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
]
'''

README = """# Course {course_id}

Made by `python -m autograder quickstart`. Keep `.course_secret` with the course and never publish
it: the numbers of the hand-worked parts and every hidden case are drawn from it.

- `release/<assignment>/` is what students get: hand out the whole folder (the notebook, its
  `backprop_check/` folder and `requirements.txt`). It holds no solution, no hidden case and no
  hand-worked answer.
- `source/<assignment>/` holds the solutions, the hidden tests, `variant.json` (every number and
  hand answer) and the worked solution (`worked_solution.html`): for instructors only.

Grading (from this folder):

    nbgrader autograde tutorial_net                               # nbgrader's own grader
    python -m autograder grade tutorial_net --course .            # ours: sandboxed, into the same gradebook

New numbers: `python -m autograder generate tutorial_net --seed 1 --out .` (the seed is keyed by
this course's secret), with `--students roster.csv` for every student's own numbers.
"""


class QuickstartError(ValueError):
    """The course folder cannot be made where asked."""


def quickstart(root: Path, course_id: str | None = None) -> list:
    """Make the course at ``root`` (a new or empty folder); the generated results, per assignment."""
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise QuickstartError(f"{root} exists and is not a folder")
    if root.is_dir() and any(root.iterdir()):
        raise QuickstartError(f"{root} is not empty; quickstart makes a new course in a new (or empty) folder")
    course_id = course_id or _course_id(root)
    root.mkdir(parents=True, exist_ok=True)
    ignore = writer.NBGRADER_DEFAULT_IGNORE + list(writer.ANSWER_FILES)
    (root / "nbgrader_config.py").write_text(CONFIG.format(course_id=course_id, ignore=ignore), encoding="utf-8")
    (root / "README.md").write_text(README.format(course_id=course_id), encoding="utf-8")
    secret.create(root)
    from autograder.generate import variants

    made = {"mlp": writer.generate("mlp", 0, None, root, release=True, gradebook=True)}
    for seed in range(MAX_TRIES):   # the hand answers must not show anywhere under release/ (mlp's numbers too)
        with variants.also_shown(released_numbers(root)):
            made["tutorial_net"] = writer.generate("tutorial_net", seed, None, root, release=True, gradebook=True)
        if not shown_answers(root):
            break
    else:
        raise QuickstartError(f"no tutorial_net variant in {MAX_TRIES} seeds keeps its hand answers out of release/")
    return [made[a] for a in ASSIGNMENTS]


def shown_answers(root: Path) -> list:
    """tutorial_net's telling hand answers (not whole numbers below 10, not inputs; exact or rounded
    to 3 decimals as the tutorial rounds) that some file under ``release/`` shows as a number."""
    from fractions import Fraction

    lay = course.layout(root)
    doc = json.loads((lay.source_dir("tutorial_net") / "variant.json").read_text(encoding="utf-8"))
    inputs = {Fraction(x) for x in [*doc["theta"], *doc["Y"], doc["eta"], *(x for row in doc["X"] for x in row)]}
    hand = [Fraction(x) for x in _leaves(doc["answers"])]
    telling = {round(float(r), 9) for n in hand if not (n.denominator == 1 and abs(n) < 10) and n not in inputs
               for r in (n, round(n, 3))}
    return sorted(telling & released_numbers(root))


def released_numbers(root: Path) -> set:
    """Every number written in a text file under the course's release/ (to 9 decimals)."""
    shown = set()
    for path in (root / course.layout(root).release).rglob("*"):
        if path.is_file() and path.suffix in (".ipynb", ".json", ".py", ".txt", ".md"):
            shown.update(round(float(t), 9) for t in NUMBER.findall(path.read_text(encoding="utf-8", errors="replace")))
    return shown


def _leaves(tree):
    if isinstance(tree, dict):
        tree = list(tree.values())
    if isinstance(tree, list):
        return [x for item in tree for x in _leaves(item)]
    return [tree]


def _course_id(root: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", root.resolve().name).strip("-")
    return name or "backprop"


def main(args) -> int:
    """Run ``quickstart``; 0 on success, 2 when the folder is not usable, 1 if nbgrader fails."""
    import sys

    try:
        results = quickstart(Path(args.dir), args.course_id)
    except (QuickstartError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (course.NbgraderError, RuntimeError) as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    root = Path(args.dir)
    print(f"made the course {root} (nbgrader's layout, a new course secret in {secret.NAME}):")
    for result in results:
        released = [f for f in result.files if f.startswith("release/")]
        print(f"  {released[-1]}  (students get release/{Path(released[-1]).parent.name}/)")
    print(f"next: read {root / 'README.md'}")
    return 0
