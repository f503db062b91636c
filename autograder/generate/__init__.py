"""Regenerate exercises: variants with hand-friendly numbers, per-student numbers, worked solutions.

    python -m autograder generate tutorial_net|mlp --seed S [--students ROSTER.csv] [--out DIR]

    variants.py     drawing a variant from (seed, student id) and the rules it must keep; every
                    answer derived exactly by sympy (reference.symbolic.tutorial_exact) and
                    compared with the NumPy reference
    mlp_variants.py the same for mlp's worked network (mlp_sheet.py its worked solution)
    draws.py        deterministic draws (SHA-256 in counter mode), shared by both
    decimals.py     exact numbers as terminating decimal strings
    variantfile.py  variant.json: the numbers and every answer (format in its docstring)
    roster.py       the class list (CSV) and its errors, by line
    sheet.py        the worked solution, Markdown with LaTeX → HTML (mistune + MathML)
    notebook.py     the source notebook on a variant; per student: data table + hidden cells
    perstudent.py   in-kernel grading of hand parts per student, the copy rule (light)
    students.py     hand_parts_for / grade_hand_parts, for a grader that knows the student id
    writer.py       all files, then the release by nbgrader generate_assignment
    cli.py          the command line; bench.py the benchmark

This package's ``__init__`` stays light: ``perstudent`` runs inside students' kernels.
"""


def hand_parts_for(assignment: str, student: str, variants_dir) -> list:
    """The student's hand-worked parts (HandParts) on their own numbers: see ``students``."""
    from autograder.generate.students import hand_parts_for as parts

    return parts(assignment, student, variants_dir)


def grade_hand_parts(assignment: str, student: str, values: dict, variants_dir) -> list:
    """The student's hand parts graded (FunctionResults), with the copy rule: see ``students``."""
    from autograder.generate.students import grade_hand_parts as grade

    return grade(assignment, student, values, variants_dir)
