"""Generate an assignment's exercise from a seed (and a class list): every file, then the release.

Under the course root (this repository, a course folder, or ``out`` for a dry run), with the
course's source and release folders (``solutions/`` and ``assignments/`` here, ``source/`` and
``release/`` in a course made by ``quickstart``):

    <source>/<a>/<a>.ipynb              the source notebook (solutions, hidden tests)
    <source>/<a>/backprop_check/        the student runtime and the public cases (notebooks.runtime)
    <source>/<a>/variant.json           the class variant: numbers and every answer (variantfile)
    <source>/<a>/worked_solution.md     its worked solution, and .html
    <source>/<a>/variants/<id>.json     with a class list: each student's variant, .md and .html
    <release>/<a>/                      the release, by the real ``nbgrader generate_assignment``
    nbgrader_config.py                  (``out`` only, when missing) the course's, ignoring the above

In a course with a secret (``secret``), the seed is keyed by it: the same seed in another course
(or in this package alone) gives other numbers and other hidden cases.

The variant files and sheets hold answers, so nbgrader must not copy them into the release
(it copies every other file of the source folder): the release runs with them added to
``CourseDirectory.ignore``, and is checked not to hold any of them. Everything
is computed, and every variant re-derived exactly and checked, before the first file is
written; the same seed and class list give the same bytes.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.generate import notebook, roster as rosters, sheet, variantfile, variants
from autograder.notebooks import build_tutorial, course, runtime, secret

ASSIGNMENTS = ("tutorial_net", "mlp")
NO_CLASS_LIST = {"mlp": "mlp has no hand-worked answers to personalise: its worked example is worked out in the "
                        "notebook and graded only through the code, so --students applies to tutorial_net only"}
ANSWER_FILES = ("variant.json", "variants", "worked_solution.md", "worked_solution.html")
NBGRADER_DEFAULT_IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
CONFIG_NOTE = f"""

# Added by `python -m autograder generate`: the variant files and worked solutions beside the
# source notebook hold the answers; nbgrader must not copy them into the release (or into
# every autograded/<student>/ folder).
c.CourseDirectory.ignore = {NBGRADER_DEFAULT_IGNORE + list(ANSWER_FILES)!r}
"""


@dataclass
class Generated:
    root: Path
    files: list = field(default_factory=list)      # paths written, relative to root
    students: int = 0
    seconds: dict = field(default_factory=dict)    # step → wall seconds
    warnings: list = field(default_factory=list)


def generate(assignment: str, seed: int, roster=None, out=None, release: bool = True, gradebook: bool = False) -> Generated:
    """Write the exercise of ``assignment`` for ``seed`` (and the class list at ``roster``).

    ``gradebook``: release with the course's own gradebook (so ``nbgrader autograde`` knows the
    assignment), not a throwaway one.
    """
    if assignment not in ASSIGNMENTS:
        raise ValueError(f"generate: unknown assignment {assignment!r}; expected one of {', '.join(ASSIGNMENTS)}")
    if roster is not None and assignment in NO_CLASS_LIST:
        raise ValueError(f"generate: {NO_CLASS_LIST[assignment]}")
    root = Path(out) if out is not None else course.ROOT
    clock = _Clock()
    ids = rosters.read(roster) if roster is not None else None
    if out is not None:
        _ensure_config(root)
    lay = course.layout(root)
    seed = secret.keyed(root, assignment, seed)
    texts = build(assignment, seed, ids, clock, lay.source)
    result = Generated(root, sorted(texts), len(ids or ()), clock.seconds)
    write(lay, assignment, texts)
    clock.lap("write")
    unsafe = [name for name in ANSWER_FILES if name not in _ignored(root)]
    if unsafe:
        result.warnings.append(
            f"{root / 'nbgrader_config.py'} does not ignore {', '.join(unsafe)}: a plain `nbgrader generate_assignment` "
            f"would copy the answers into {lay.release}/{assignment}/ (and into every autograded folder). "
            f"Add to it:{CONFIG_NOTE.rstrip()}")
    if release:
        run_release(root, assignment, gradebook)
        result.files.append(f"{lay.release}/{assignment}/{assignment}.ipynb")
        clock.lap("nbgrader generate_assignment")
    return result


def build(assignment: str, seed: int, ids, clock=None, source: str = course.SOURCE) -> dict:
    """{path relative to the course root: text} of every generated file but the release."""
    clock = clock or _Clock()
    if assignment == "mlp":
        return _build_mlp(seed, clock, source)
    if ids:
        class_variant, students = variants.assign(seed, ids)
    else:
        class_variant, students = variants.first_valid(seed, None), {}
    clock.lap("variants (sympy, rules, reference)")
    src = f"{source}/{assignment}"
    texts = {f"{src}/variant.json": variantfile.to_text(class_variant, assignment)}
    texts.update(_sheet(f"{src}/worked_solution", class_variant,
                        f"Worked solution: {assignment}, the class's numbers (seed {seed})"))
    for sid, v in students.items():
        texts[f"{src}/variants/{sid}.json"] = variantfile.to_text(v, assignment)
        texts.update(_sheet(f"{src}/variants/{sid}", v, f"Worked solution: {assignment}, the numbers of {sid} (seed {seed})"))
    clock.lap("variant files and worked solutions")
    from autograder.checks import tutorial_net as tn

    checks = tn.build_checks(tn.TUTORIAL, seed)
    nb = notebook.source(class_variant, seed, students or None, checks)
    texts[f"{src}/{assignment}.ipynb"] = build_tutorial.source_text(nb)
    texts.update({f"{src}/{rel}": text for rel, text in
                  runtime.files(assignment, checks, tn.build_hand_parts(class_variant.data())).items()})
    clock.lap("source notebook")
    return texts


def _build_mlp(seed: int, clock, source: str) -> dict:
    """mlp: one variant of the worked network; its notebook, hidden cases from the seed, file, sheet."""
    from autograder.checks import mlp as checks_mlp
    from autograder.generate import mlp_sheet, mlp_variants
    from autograder.notebooks import build_mlp

    v = mlp_variants.first_valid(seed)
    clock.lap("variant (sympy, rules, reference)")
    src = f"{source}/mlp"
    title = f"Worked solution: mlp, the class's worked network (seed {seed})"
    md = mlp_sheet.markdown(v, title)
    texts = {f"{src}/variant.json": variantfile.to_text(v, "mlp"),
             f"{src}/worked_solution.md": md, f"{src}/worked_solution.html": mlp_sheet.to_html(md, title)}
    clock.lap("variant file and worked solution")
    worked = v.worked()
    checks = checks_mlp.build_checks(worked, seed)
    nb = build_mlp.build_notebook(checks, worked)
    texts[f"{src}/mlp.ipynb"] = build_mlp.source_text(nb)
    texts.update({f"{src}/{rel}": text for rel, text in runtime.files("mlp", checks, []).items()})
    clock.lap("source notebook")
    return texts


def _sheet(stem: str, v, title: str) -> dict:
    md = sheet.markdown(v, title)
    return {f"{stem}.md": md, f"{stem}.html": sheet.to_html(md, title)}


def write(lay: course.Layout, assignment: str, texts: dict) -> None:
    """Write ``texts`` under the course root; the old per-student files and runtime go first
    (the list may have changed)."""
    for old in (lay.source_dir(assignment) / "variants", lay.source_dir(assignment) / runtime.PACKAGE):
        if old.is_dir():
            shutil.rmtree(old)
    for rel, text in sorted(texts.items()):
        path = lay.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")


def _ensure_config(root: Path) -> None:
    """A dry run's folder gets this repository's configuration (its layout), when it has none."""
    config = root / "nbgrader_config.py"
    if not config.exists():
        root.mkdir(parents=True, exist_ok=True)
        config.write_text((course.ROOT / "nbgrader_config.py").read_text(encoding="utf-8") + CONFIG_NOTE, encoding="utf-8")


def run_release(root: Path, assignment: str, gradebook: bool = False) -> Path:
    """``nbgrader generate_assignment`` (a throwaway gradebook unless ``gradebook``), never
    copying the answer files."""
    ignore = _ignored(root)
    ignore += [name for name in ANSWER_FILES if name not in ignore]
    args = ("generate_assignment", assignment, "--force", *(f"--CourseDirectory.ignore={name}" for name in ignore))
    if gradebook:
        course.nbgrader(root, *args)
    else:
        with tempfile.TemporaryDirectory(prefix="nbgrader-db-") as tmp:
            course.nbgrader(root, *args, "--db=sqlite:///" + str(Path(tmp) / "gradebook.db"))
    lay = course.layout(root)
    folder = lay.release_dir(assignment)
    released = folder / f"{assignment}.ipynb"
    if not released.is_file():
        raise RuntimeError(f"nbgrader generate_assignment wrote no {released}")
    leaked = sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                    if any(part in ANSWER_FILES for part in p.relative_to(folder).parts))
    if leaked:
        raise RuntimeError(f"answer files reached the release {folder}: {leaked}; remove them before handing it out")
    return released


def _ignored(root: Path) -> list:
    """nbgrader's CourseDirectory.ignore under the course root's configuration."""
    return list(course.config(root).CourseDirectory.get("ignore", NBGRADER_DEFAULT_IGNORE))


class _Clock:
    def __init__(self):
        self.seconds, self._last = {}, time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._last, 3)
        self._last = now
