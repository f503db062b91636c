"""The source of the notebook cells a check becomes (nbgrader path).

    test_cell(check, hidden)      a test cell: public cases visible, hidden ones inside
                                  nbgrader's BEGIN/END HIDDEN TESTS block
    hand_answer_cell(part)        the student's cell for a hand-worked part (solution marked)
    hand_test_cell(part, hidden)  hidden=True: the graded check of that part (values hidden);
                                  hidden=False: a format check with no expected values (not a
                                  grade cell: parts are graded on hidden values only, since
                                  points_public is 0)

A test cell's last expression is the points earned: nbgrader's partial credit.
"""
from __future__ import annotations

import json

from autograder.student import codec
from autograder.student.model import Check, HandPart, to_json

PACKAGE = "backprop_check"   # the student runtime's name in a release folder (notebooks.runtime)
HIDDEN_BEGIN, HIDDEN_END = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"


def test_cell(check: Check, hidden: bool) -> str:
    if hidden:
        data = to_json(check.only(True))
        body = f'from {PACKAGE} import check\ncheck("{check.function}", globals(), r"""\n{_safe(data)}\n""")'
        return (f"# Hidden checks of `{check.function}`: they run when your notebook is graded "
                f"({_points(check.points_hidden)}).\n{HIDDEN_BEGIN}\n{body}\n{HIDDEN_END}")
    return (f"# Run me: checks `{check.function}` on the public cases ({_points(check.points_public)}).\n"
            f'from {PACKAGE} import check\ncheck("{check.function}")')


def hand_answer_cell(part: HandPart) -> str:
    lines = [f"# {part.title}. Replace each None by your number (rounded to 3 decimals, as the tutorial does, is fine)."]
    for var, label, value in part.quantities:
        hint = f": {len(value)} numbers, as a list" if isinstance(value, tuple) else ""
        lines.append(f"{var} = None  # {label}{hint}")
    lines.append("### BEGIN SOLUTION")
    lines += [f"{var} = {_literal(value)}" for var, _, value in part.quantities]
    lines.append("### END SOLUTION")
    return "\n".join(lines)


def hand_test_cell(part: HandPart, hidden: bool) -> str:
    if not hidden:
        return (f"# Are all the numbers of {part.title.split(':')[0]} filled in? (Their values are checked when graded.)\n"
                f'from {PACKAGE} import check_format\ncheck_format("{part.id}")')
    data = {"title": part.title, "graded": hidden, "points": part.points_hidden if hidden else 0.0,
            "atol": part.atol, "rtol": part.rtol, "messages": part.messages if hidden else {},
            "quantities": [[v, label, codec.encode(value) if hidden else list(_shape(value))]
                           for v, label, value in part.quantities],
            "mistakes": {v: {m: codec.encode(x) for m, x in per.items()} for v, per in part.mistakes.items()} if hidden else {}}
    # error carried forward: each answer's formula over the data and earlier answers (hidden only)
    data.update(formulas=dict(part.formulas), data={k: codec.encode(v) for k, v in part.data.items()})
    body = f'from {PACKAGE} import check_hand\ncheck_hand(globals(), r"""{_safe(json.dumps(data, ensure_ascii=False, sort_keys=True))}""")'
    return (f"# Hidden check of {part.title.split(':')[0]}: runs when your notebook is graded "
            f"({_points(part.points_hidden)}).\n{HIDDEN_BEGIN}\n{body}\n{HIDDEN_END}")


def _points(x: float) -> str:
    return f"{x:g} point" + ("" if x == 1 else "s")


def _shape(value):
    return (len(value),) if isinstance(value, tuple) else ()


def _literal(value) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    return repr(round(float(value), 12) + 0.0).removesuffix(".0")


def _safe(text: str) -> str:
    if '"""' in text:
        raise ValueError("check data may not contain triple quotes")
    return text
