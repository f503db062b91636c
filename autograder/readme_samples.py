"""The README's sample outputs, generated: ``python -m autograder.readme_samples [--check]``.

Each sample sits in README.md between ``<!-- sample:NAME -->`` and ``<!-- /sample -->`` as an
indented block, and is what the command prints now, run here, abridged by a rule written
below (never typed by hand):

    demo    ``python -m autograder demo``: a few rows of the numbers table, the grading line,
            part of the grade table, one student's feedback up to its second mistake (the checkout's path made relative)
    check   ``python -m backprop_check tutorial_net.ipynb`` in a copy of the demo release, on the
            correct notebook with x[0] and x[1] swapped in example_gradient and part 4 left as
            released; the lines of functions that pass are left out

Without arguments the README is rewritten; ``--check`` exits 1 when a sample is stale (the
test suite does that for the check sample, which is quick; the demo takes a minute or two).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BLOCK = re.compile(r"(<!-- sample:(\w+) -->\n)(.*?)(\n<!-- /sample -->)", re.S)
DEMO_ROWS = ("z(x1), z(x2) ", "L(D) ", "∇θ L(D) ", "θ after one step ", "after: L(D) ")
DEMO_STUDENTS = ("correct", "later_defs", "kink_one", "mallory-fork-bomb", "relu_mask", "stuck_gd", "sum_not_mean")


def _run(args, cwd) -> str:
    run = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=1200)
    return run.stdout


def check_sample() -> str:
    """The self-check's output on the swapped-x notebook (passing functions left out)."""
    import nbformat

    from autograder.notebooks import fabricate

    release = REPO / "assignments" / "tutorial_net"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(shutil.copytree(release, Path(tmp) / "tutorial_net", ignore=shutil.ignore_patterns("__pycache__")))
        released = nbformat.read(release / "tutorial_net.ipynb", as_version=4)
        nb = fabricate.correct(released, nbformat.read(REPO / "solutions" / "tutorial_net" / "tutorial_net.ipynb", as_version=4))
        nb = fabricate.MISTAKES["swap"][2](nb)
        fabricate.cell_of(nb, "part4").source = fabricate.cell_of(released, "part4").source
        nbformat.write(nb, folder / "tutorial_net.ipynb")
        out = _run(["-m", "backprop_check", "tutorial_net.ipynb"], folder)
    kept, passing = [], False
    for line in out.splitlines():
        if not line.startswith(" "):
            passing = line.startswith("✔")
        if not passing:
            kept.append(line)
    return "\n".join(kept)


def demo_sample() -> str:
    """``python -m autograder demo``, abridged (see the module's docstring)."""
    lines = _run(["-m", "autograder", "demo"], REPO).splitlines()
    out = []
    for k, line in enumerate(lines):
        if line.startswith("quantity ") or line.startswith(DEMO_ROWS):
            out.append(line)
        elif line.startswith(("All quantities", "Graded ")):
            out += ["", line, ""]
        elif line.startswith("student ") or line.split(" ")[0] in DEMO_STUDENTS and line[24:32].strip():
            out.append(line)
        elif line.startswith("One student's feedback"):
            out.append("…")
            feedback = lines[k:]
            bullets = [i for i, x in enumerate(feedback) if x.startswith("  • ")]
            end = bullets[1] + 2 if len(bullets) > 1 else len(feedback)
            out += feedback[:end] + ["…"]
        elif line.startswith("Everything is in"):
            out.append(line.replace(str(REPO) + "/", ""))   # the checkout's own path: relative, as in the README
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


SAMPLES = {"demo": demo_sample, "check": check_sample}


def render(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.splitlines())


def refreshed(readme: str, names=None) -> str:
    """``readme`` with the samples ``names`` (default: all) generated again."""
    def one(m):
        name = m.group(2)
        if names is not None and name not in names:
            return m.group(0)
        return m.group(1) + "\n" + render(SAMPLES[name]()) + "\n" + m.group(4)
    return BLOCK.sub(one, readme)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    names = [a for a in argv if not a.startswith("--")] or None
    text = README.read_text(encoding="utf-8")
    new = refreshed(text, names)
    if "--check" in argv:
        stale = new != text
        print("README samples are stale: run python -m autograder.readme_samples" if stale else "README samples are current")
        return int(stale)
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
