"""The source notebook of a generated ``tutorial_net``: the builder's notebook on a variant.

Without a class list it is ``build_tutorial.build_notebook`` on the class variant: its data
cell, its public cases, its hand parts' answers; hidden cases drawn from the seed.

With a class list (``per_student``), the same notebook is built for the first student of the
list (the source's solutions are that student's) and then changed in a few cells:

    grading_folder      new, locked, first code cell: records the folder the kernel runs in
    network             the data table becomes "your data": how to get your numbers
    student_id          new answer cell: STUDENT_ID = "…" (only picks the numbers shown)
    tutorial_data       every student's INPUTS (θ, X, Y, η; not secret) under a hash of the id (the
                        release lists no ids), and THETA/X/Y/ETA of the STUDENT_ID typed
    test_partN_hidden   every student's expected answers, keyed by id; part N is graded for the
                        student whose autograde folder it is (``perstudent.check_hand_student``)

The public cases of the code (section B) are the tutorial's published numbers, never a variant's
(so no public value is a hand answer); its hidden cases are drawn from the seed.
"""
from __future__ import annotations

import copy
import hashlib

from autograder.checks import render, tutorial_net as tn
from autograder.generate import decimals
from autograder.student import perstudent
from autograder.notebooks import build_tutorial, cells, runtime

ASSIGNMENT = "tutorial_net"
DATA_HEADING = "### The data"

GRADING_FOLDER = """
# Run this cell first (read-only). When your notebook is graded, the folder it is graded in tells
# the hidden tests whose numbers your hand answers (section A) are checked against.
from backprop_check import remember_folder
remember_folder()
"""

STUDENT_ID = """
# Type your student id between the quotes, exactly as on the class list, and delete the line
# below that raises an error. Your id only chooses which numbers the next cell shows you.
STUDENT_ID = ""
### BEGIN SOLUTION
STUDENT_ID = {example!r}
### END SOLUTION
"""

YOUR_DATA = """
### Your data

Every student has their own numbers. Type your student id in the cell below (exactly as on the
class list), delete the `raise NotImplementedError()` line, and run it and the cell after it:
that cell prints your θ, x1, y1, x2, y2 and η, and defines them as `THETA`, `X` (row i is
x_(i+1)), `Y` and `ETA`. Work parts 1–6 with these numbers.

When your notebook is graded, your hand answers are checked against the numbers of the student
whose notebook it is (nbgrader grades each student's notebook in that student's own folder),
whatever id is typed here: answers worked on someone else's numbers, or copied from someone
else, earn no points.
"""


def source(class_variant, seed: int, students: dict | None = None, checks=None):
    """The source notebook: ``students`` maps ids to their variants (None: no class list).
    ``checks`` (default: built from the seed): public cases on the tutorial's numbers."""
    checks = tn.build_checks(tn.TUTORIAL, seed) if checks is None else checks
    if not students:
        data = class_variant.data()
        return build_tutorial.build_notebook(checks, tn.build_hand_parts(data), data)
    parts = {sid: tn.build_hand_parts(v.data()) for sid, v in students.items()}
    example = next(iter(students))
    nb = build_tutorial.build_notebook(checks, parts[example], students[example].data())
    # the release is the class's (its folder's public data and the graders' numbers), not the example student's
    return runtime.stamp(per_student(nb, class_variant, students, parts, example), build_tutorial.ASSIGNMENT,
                         checks, tn.build_hand_parts(class_variant.data()))


def per_student(nb, class_variant, students: dict, parts: dict, example: str):
    """The changes of the module's docstring, applied to the builder's notebook ``nb``."""
    hidden = {f"test_{p.id}_hidden": k for k, p in enumerate(parts[example])}
    out = []
    for cell in nb.cells:
        cell = copy.deepcopy(cell)
        if cell.id == "intro":
            out += [cell, cells.read_only("grading_folder", GRADING_FOLDER)]
            continue
        if cell.id == "network":
            cell.source = _your_data(cell.source)
        elif cell.id == "tutorial_data":
            out.append(cells.answer("student_id", STUDENT_ID.format(example=example)))
            cell.source = data_cell(students)
        elif cell.id in hidden:
            k = hidden[cell.id]
            cell.source = hidden_cell(parts[example][k], perstudent.cell_data(k, parts, ASSIGNMENT))
        out.append(cell)
    missing = {"intro", "network", "tutorial_data", *hidden} - {c.id for c in nb.cells}
    if missing:
        raise ValueError(f"the builder's notebook has no cell {sorted(missing)}: update autograder.generate.notebook")
    return cells.notebook(out)


def hidden_cell(part, body: str) -> str:
    """The source of a per-student hidden test cell (nbgrader removes it from the release)."""
    if '"""' in body:
        raise ValueError("check data may not contain triple quotes")
    call = f'from backprop_check import check_hand_student\ncheck_hand_student(globals(), r"""{body}""")'
    return (f"# Hidden check of {part.title.split(':')[0]}, on the numbers of the student whose notebook is graded "
            f"({part.points_hidden:g} point{'s' * (part.points_hidden != 1)}).\n{render.HIDDEN_BEGIN}\n{call}\n{render.HIDDEN_END}")


def row_key(student: str) -> str:
    """The key of a student's row in the release's table: a hash, so the release lists no ids."""
    return hashlib.sha256(f"{ASSIGNMENT}:{student}".encode()).hexdigest()[:16]


def data_cell(students: dict) -> str:
    """Every student's inputs (keyed by ``row_key``), and THETA, X, Y, ETA of the STUDENT_ID typed above."""
    rows = []
    for sid, v in sorted(students.items(), key=lambda item: row_key(item[0])):
        t = ", ".join(decimals.text(n) for n in v.theta)
        X = ", ".join("[" + ", ".join(decimals.text(n) for n in row) + "]" for row in v.X)
        Y = ", ".join(decimals.text(n) for n in v.Y)
        rows.append(f'    "{row_key(sid)}": {{"theta": [{t}], "X": [{X}], "Y": [{Y}], "eta": {decimals.text(v.eta)}}},')
    return "\n".join([
        "# Your numbers (read-only). Every student has their own θ, data and η; this table holds the whole",
        "# class's, each row under a code made from the student id. Your hand answers are checked against",
        "# the numbers of the student whose notebook is graded, whatever STUDENT_ID says.",
        "import hashlib",
        "VARIANTS = {", *rows, "}",
        f"_key = hashlib.sha256((\"{ASSIGNMENT}:\" + str(STUDENT_ID).strip()).encode()).hexdigest()[:16]",
        "if _key not in VARIANTS:",
        "    raise ValueError(f\"STUDENT_ID = {STUDENT_ID!r} is not on the class list: type your student id in the cell above\")",
        "_mine = VARIANTS[_key]",
        "THETA = np.array(_mine[\"theta\"], dtype=float)   # θ = (w0, w1, w2, w3, w4)",
        "X = np.array(_mine[\"X\"], dtype=float)           # row i is x_(i+1), shape (n, 2)",
        "Y = np.array(_mine[\"Y\"], dtype=float)           # targets, shape (n,)",
        "ETA = float(_mine[\"eta\"])                       # the learning rate η",
        "print(f\"Your numbers ({str(STUDENT_ID).strip()}): θ = {THETA.tolist()}\")",
        "for _i in range(len(X)):",
        "    print(f\"  x{_i + 1} = {X[_i].tolist()}, y{_i + 1} = {Y[_i]}\")",
        "print(f\"  η = {ETA}\")",
    ])


def _your_data(source: str) -> str:
    head = source.split(DATA_HEADING)[0].rstrip() if DATA_HEADING in source else source.rstrip()
    return head + "\n\n" + YOUR_DATA.strip()
