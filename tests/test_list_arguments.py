"""The contract's lists arrive as lists, in a notebook's test cell as in our grader.

The spec says ``params`` is a list of pairs (W, b), ``grads`` a list, the cache's "A" and "Z"
lists. The cases travel as JSON; a Python list is written ``{"list": [...]}`` and read back as a
list (a tuple stays a tuple), so a student's ``params.copy()`` or ``cache["A"] + […]`` works in
the test cells as it does in our grader's sandbox. Releases keep their fingerprints.
"""
import contextlib
import io

import numpy as np

from autograder.checks import mlp as mlp_checks
from autograder.student import codec, incell
from autograder.student.model import from_json, to_json
from tests.students import mlp_styles


def test_a_list_is_written_as_a_list_when_asked_and_read_back_as_one():
    value = ([(np.array([1.0]), np.array([2.0]))], (3.0, 4.0))
    assert codec.encode(value) == [[[{"shape": [1], "data": [1.0]}, {"shape": [1], "data": [2.0]}]], [3.0, 4.0]]
    marked = codec.encode(value, lists=True)
    assert marked == [{"list": [[{"shape": [1], "data": [1.0]}, {"shape": [1], "data": [2.0]}]]}, [3.0, 4.0]]
    back = codec.decode(marked)
    assert type(back) is tuple and type(back[0]) is list and type(back[0][0]) is tuple and type(back[1]) is tuple
    assert codec.decode(marked, arrays=False)[0] == ((codec.Flat((1,), (1.0,)), codec.Flat((1,), (2.0,))),)   # the judge's trees: tuples
    assert codec.decode({"dict": {"A": {"list": [1.0]}}}) == {"A": [1.0]}


def test_every_mlp_case_hands_the_function_the_lists_the_reference_was_given():
    for check in mlp_checks.CHECKS:
        back = from_json(to_json(check))
        for mine, theirs in zip(check.cases, back.cases):
            assert _kinds(mine.args) == _kinds(theirs.args), (check.function, mine.label)
            assert _kinds(mine.stubs) == _kinds(theirs.stubs), (check.function, mine.label)   # backward's deltas: a list


def test_without_lists_the_json_is_what_it_was_and_reads_back_as_tuples():
    check = next(c for c in mlp_checks.CHECKS if c.function == "gd_update")
    old = to_json(check, lists=False)
    assert '{"list"' not in old and '{"list"' in to_json(check)
    assert type(from_json(old).cases[0].args[0]) is tuple
    assert '"ensure_ascii"' not in old and "λ" in to_json(next(c for c in mlp_checks.CHECKS if c.function == "train"))


def _kinds(tree):
    if isinstance(tree, (list, tuple)):
        return (type(tree).__name__, tuple(_kinds(t) for t in tree))
    if isinstance(tree, dict):
        return ("dict", tuple((k, _kinds(v)) for k, v in sorted(tree.items())))
    return type(tree).__name__


def test_list_methods_on_the_params_earn_every_point_in_the_test_cells():
    namespace = {"__name__": "__main__"}
    exec(compile(mlp_styles.LIST_METHODS, "<student>", "exec"), namespace)
    for check in mlp_checks.CHECKS:
        for hidden in (False, True):
            with contextlib.redirect_stdout(io.StringIO()) as out:
                points = incell.check(check.function, namespace, to_json(check.only(hidden)))
            assert points == check.points(hidden), (check.function, hidden, out.getvalue()[:500])
