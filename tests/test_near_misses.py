"""Near misses: the right function with one thing changed, and the slips they name.

The plain code that is mutated must compute what the reference computes (else its near misses
would describe another function); a near miss is named only when it does what the student's
function did on every failed hidden case (the value, or the very error it raised); a public
case never carries one; a label holds no number of the case it travels with.
"""
from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest

from autograder.checks import mlp as mlp_checks
from autograder.checks import edits, near_misses, plain
from autograder.checks import tutorial_net as tn
from autograder.student import incell, near
from autograder.student import judge as j
from autograder.student.model import to_json
from tests.students import mlp as mlp_students
from tests.students import tutorial_net as students
from tests.students.edits import apply

ASSIGNMENTS = (("tutorial_net", tn), ("mlp", mlp_checks))


def cell_text(source, checks, function, hidden):
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    check = next(c for c in checks if c.function == function)
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        incell.check(function, namespace, to_json(check.only(hidden)))
    return sink.getvalue()


@pytest.mark.parametrize("assignment,module", ASSIGNMENTS)
def test_the_plain_code_computes_what_the_reference_computes_on_every_hidden_case(assignment, module):
    compared = 0
    for check in module.CHECKS:
        for case in check.cases:
            if not case.hidden:          # hidden cases and probes: drawn apart, including the kinks
                continue
            with np.errstate(all="ignore"):
                got = list(j.leaves(near_misses._plain(near_misses.right(assignment, check.function)(*near_misses._copy(case.args)))))
            want = list(j.leaves(as_json_gives(case.expected)))
            finite = np.isfinite(want)
            assert len(got) == len(want), (check.function, case.label)
            assert np.allclose(np.array(got)[finite], np.array(want)[finite], rtol=1e-9, atol=1e-12), (check.function, case.label)
            compared += 1
    assert compared > 60


def as_json_gives(tree):
    """``tree`` with its dicts' keys in the order a case's JSON gives them back (sorted), the
    order the near misses' leaves are taken in."""
    if isinstance(tree, dict):
        return {k: as_json_gives(tree[k]) for k in sorted(tree)}
    if isinstance(tree, tuple):
        return tuple(as_json_gives(t) for t in tree)
    return tree


@pytest.mark.parametrize("assignment,module", ASSIGNMENTS)
def test_near_misses_travel_with_hidden_cases_only_and_each_differs_from_the_right_value(assignment, module):
    for check in module.CHECKS:
        for case in check.cases:
            nears = {k: v for k, v in case.related.items() if k.startswith((near.PREFIX, near.RAISES))}
            if not case.hidden:
                assert not nears, (check.function, case.label)
                continue
            right = list(j.leaves(as_json_gives(case.expected)))
            for label, value in nears.items():
                if label.startswith(near.RAISES):
                    assert isinstance(value, str) and value
                    continue
                assert not near.matches(right, value), (check.function, label)


def test_a_label_holds_no_number_of_its_case_beyond_the_code_s_own_constants():
    """What the feedback shows of a near miss is its label: the code's numbers (0.5, 2, indices)
    may appear, a hidden case's inputs or right values may not."""
    code = set(re.findall(r"\d+(?:\.\d+)?", plain.TUTORIAL + plain.MLP + " ".join(edits.CALLS.values().__repr__())))
    constants = code | {str(c) for v in map(float, code) for c in (v, -v, v + 1, v - 1)} | {"0", "0.5", "1", "2", "10"}
    constants |= {c.removesuffix(".0") for c in constants} | {c.lstrip("-") for c in constants}
    checked = 0
    for _, module in ASSIGNMENTS:
        for check in module.CHECKS:
            for case in check.cases:
                for label in case.related:
                    if label.startswith((near.PREFIX, near.RAISES)):
                        numbers = set(re.findall(r"\d+(?:\.\d+)?", label))
                        assert numbers <= constants, (check.function, label, numbers - constants)
                        checked += 1
    assert checked > 500


def test_an_output_bias_times_h_is_named_as_that_line_on_the_hidden_cases():
    """ŷ = w3·h + w4·h: no catalogue entry, no simple relation (on z ≤ 0 the value is 0, elsewhere
    off by w4·(h − 1)); the near miss names the line."""
    source = apply(students.CORRECT, [("y_hat = theta[3] * h + theta[4] * 1", "y_hat = theta[3] * h + theta[4] * h")])
    text = cell_text(source, tn.CHECKS, "forward", hidden=True)
    assert "one change: ŷ = w3·h + w4·h where ŷ = w3·h + w4 belongs" in text
    assert "a factor `h` too many" in text
    public = cell_text(source, tn.CHECKS, "forward", hidden=False)
    assert "one change" not in public          # public cases carry no near misses


def test_a_loop_that_never_carries_theta_is_named_as_such():
    source = apply(students.CORRECT, [("        theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)\n"
                                       "        losses.append(dataset_loss(theta, X, Y))\n    return theta, losses",
                                       "        new_theta = gd_step(theta, dataset_gradient(theta, X, Y), eta)\n"
                                       "        losses.append(dataset_loss(new_theta, X, Y))\n    return new_theta, losses")])
    text = cell_text(source, tn.CHECKS, "gradient_descent", hidden=True)
    assert "not carried to the next pass of the loop" in text and "every step starts from the θ it was given" in text


def test_a_slip_that_raises_is_named_by_the_near_miss_that_raises_the_same_error():
    """backward reading A^(h+1) where A^(h) belongs: some cases return a wrong shape, the others
    raise np.dot's "not aligned" with the case's own shapes; one near miss does both."""
    source = apply(mlp_students.CORRECT, [('hidden_delta(cache["A"][h],', 'hidden_delta(cache["A"][h + 1],')])
    text = cell_text(source, mlp_checks.CHECKS, "backward", hidden=True)
    assert "not aligned" in text                       # the cases did raise
    assert "the same error included: A = A^(h+1) where A = A^(h) belongs" in text


def test_an_error_with_the_same_type_but_another_message_names_no_near_miss():
    related = {near.RAISES + "x = 1 where x = 2 belongs": "ValueError: shapes (2,2) and (1,4) not aligned"}
    said = near.explain_outcomes([related, related], [("raised", None, "raised ValueError: shapes (2,2) and (1,4) not aligned (line 3)"),
                                                      ("raised", None, "raised ValueError: shapes (3,3) and (1,4) not aligned")],
                                 lambda v: v)
    assert said == ""
    said = near.explain_outcomes([related, related], [("raised", None, "raised ValueError: shapes (2,2) and (1,4) not aligned (line 3)"),
                                                      ("raised", None, "raised ValueError: shapes (2,2) and (1,4) not aligned")],
                                 lambda v: v)
    assert said.endswith("x = 1 where x = 2 belongs")


def test_a_large_near_miss_travels_as_a_sketch_that_tells_1e_4_from_1e_9():
    rng = np.random.default_rng(3)
    x = list(rng.normal(size=24))
    value = near.sketch(x)
    assert near.matches(x, value)
    assert near.matches([v * (1 + 1e-9) for v in x], value)
    off = list(x)
    off[7] *= 1 + 1e-4
    assert not near.matches(off, value)
    assert not near.matches(x[:-1], value)
    assert not near.matches(x[::-1], value)        # the same numbers in another order


def test_two_near_misses_that_agree_on_one_failed_case_are_not_named_from_it():
    nears = [{near.PREFIX + "a": (1.0, 2.0), near.PREFIX + "b": (1.0, 2.0)}]
    assert near.explain([[1.0, 2.0]], nears) == ""
    assert near.explain([[1.0, 2.0]], [{near.PREFIX + "a": (1.0, 2.0), near.PREFIX + "b": (1.0, 3.0)}]).endswith(": a")


def test_the_course_notation_of_a_line():
    assert near_misses.render("tutorial_net", "y_hat = w3 * h + w4") == "ŷ = w3·h + w4"
    assert near_misses.render("tutorial_net", "theta = gd_step(theta, grad, eta)") == "θ = gd_step(θ, grad, η)"
    assert near_misses.render("mlp", "A = cache['A'][h - 1]") == "A = A^(h)"
    assert near_misses.render("mlp", "dW = D.T @ Z_prev / n + lam * W") == "dW = Δᵀ·Z^(h−1) / n + λ·W"


# ---- errors and wrapped values: what the failed cases have in common when no value can be read ----
def test_an_error_python_raises_for_a_common_slip_is_read_in_our_words_never_echoed():
    """math.exp on an array; ^ for **: the sentence is ours, whatever else the message holds."""
    from autograder.student import raised
    check = next(c for c in mlp_checks.CHECKS if c.function == "sigmoid")
    cases = [c for c in check.cases if c.hidden][:2]
    said = raised.explain(check, cases, ["raised TypeError: only length-1 arrays can be converted to Python scalars <b>hi</b>"] * 2, ("a",))
    assert "math module" in said and "np.exp" in said and "<b>" not in said
    said = raised.explain(check, cases, ["raised TypeError: unsupported operand type(s) for ^: 'float' and 'int'"] * 2, ("a",))
    assert "the power is `**`" in said
    mixed = raised.explain(check, cases, ["raised TypeError: unsupported operand type(s) for ^: 'float' and 'int'",
                                          "raised KeyError: 'A'"], ("a",))
    assert mixed == ""                                   # not the same on every failed case


def test_the_right_numbers_in_another_shape_and_the_right_value_inside_a_pair_are_named():
    from autograder.student import wrapped
    from autograder.student.codec import Flat
    right = Flat((2, 2), (1.0, 2.0, 3.0, 4.0))
    assert "another shape (shape (4,) where shape (2, 2) belongs)" in wrapped.explain([np.array([1.0, 2.0, 3.0, 4.0])], [right])
    assert wrapped.explain([np.array([1.0, 2.0, 3.0, 5.0])], [right]) == ""
    assert wrapped.explain([(2.5, {"z": 1.0})], [2.5]) == \
        "it returns a pair (a tuple of 2) where one value belongs: the right value is its item 0; return that alone"
    assert wrapped.explain([{"z": 1.0, "h": 1.0, "y_hat": 3.0}], [(1.0, 1.0, 3.0)]) == \
        "the right parts, in a dict where the tuple of 3 belongs"
    assert wrapped.explain([np.array([2.5])], [2.5]).startswith("the right numbers in another shape (shape (1,) where a number")


# ---- rounded, clipped, state kept between calls ----
def _items(pairs):
    return [(list(g), list(e), None) for g, e in pairs]


def test_a_value_rounded_or_cut_to_a_whole_number_is_named_so_and_a_nearly_rounded_one_is_not():
    from autograder.student.relations import rounded
    right = [[0.12345, -1.98765], [2.5678, 3.14159]]
    assert rounded(_items([([0.123, -1.988], right[0]), ([2.568, 3.142], right[1])])).startswith("it is the right value rounded to 3 decimals")
    assert "whole number" in rounded(_items([([0.0, -1.0], right[0]), ([2.0, 3.0], right[1])]))
    assert rounded(_items([([0.123, -1.988], right[0]), ([2.568, 3.1415], right[1])])) == ""   # one entry not rounded


def test_a_value_clipped_to_a_range_is_named_with_its_bound():
    from autograder.student.relations import clipped
    right = [[0.5, -3.0, 2.0], [1.5, 0.25, -0.75]]
    got = [[0.5, -1.0, 1.0], [1.0, 0.25, -0.75]]
    assert clipped(_items(zip(got, right))).startswith("it is the right value clipped to [−1, 1]")
    got[1][0] = 1.2                                     # another bound on the second case: no clip
    assert clipped(_items(zip(got, right))) == ""


def test_state_kept_between_calls_is_found_by_making_the_same_call_twice():
    """A mutable default accumulating the examples of every call: the same call gives another value."""
    source = apply(students.CORRECT, [("def dataset_loss(theta, X, Y):\n    total = 0.0\n",
                                       "def dataset_loss(theta, X, Y, _seen=[]):\n    total = 0.0\n    _seen.append(len(X))\n"),
                                      ("    return total / len(X)", "    return total / sum(_seen) * len(_seen)")])
    text = cell_text(source, tn.CHECKS, "dataset_loss", hidden=True)
    assert "changes from one call to the next with the same arguments: something is kept between calls" in text
    correct = cell_text(students.CORRECT, tn.CHECKS, "dataset_loss", hidden=True)
    assert "kept between calls" not in correct


def test_a_penalty_on_theta_added_to_the_loss_is_named_a_multiple_of_its_squared_norm():
    source = apply(students.CORRECT, [("    z, h, y_hat = forward(theta, x)\n    return (y_hat - y) ** 2",
                                       "    z, h, y_hat = forward(theta, x)\n    return (y_hat - y) ** 2 + 0.01 * np.sum(np.asarray(theta) ** 2)")])
    text = cell_text(source, tn.CHECKS, "example_loss", hidden=True)
    assert "a fixed multiple of ‖θ‖²" in text and "L2 regularisation" in text


def test_a_result_transposed_is_named_when_only_some_cases_can_be_read_as_the_right_shape():
    """Δ^(h) returned in the column convention (M, n): where n = M it reads as a wrong value, elsewhere
    it has the wrong shape; on every case it is the right value transposed."""
    source = apply(mlp_students.CORRECT, [("return DER[activation](A) * np.dot(delta_next, W_next)",
                                           "return (DER[activation](A) * np.dot(delta_next, W_next)).T")])
    text = cell_text(source, mlp_checks.CHECKS, "hidden_delta", hidden=True)
    assert "transpose" in text
