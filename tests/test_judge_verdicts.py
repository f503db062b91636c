"""A verdict says passed or not (a bool: scores add them up), what the student returned, shown
short, and which known mistakes fit, even when the answer has the wrong shape."""
import math

import numpy as np
import pytest

from autograder.student.codec import Flat, plain
from autograder.student.judge import F32_NOTE, judge, show

GRAD = plain(np.array([3.4, 1.7, 1.7, 5.1, -0.2]))      # ∇θ L(D) of the tutorial (spec)


@pytest.mark.parametrize("got, shown", [
    (None, ""), (np.zeros((1, 5)), "[[0, 0, 0, 0, 0]]"), ("3.4", "'3.4'"),
    (np.array([3.4, math.nan, 1.7, 5.1, -0.2]), "[3.4, nan, 1.7, 5.1, -0.2]"),
    (np.array([6.8, 3.4, 3.4, 10.2, -0.4]), "[6.8, 3.4, 3.4, 10.2, -0.4]"),
])
def test_a_failed_answer_is_a_false_verdict_that_shows_what_came_back(got, shown):
    verdict = judge(got, GRAD, 1e-6, 1e-9)
    assert verdict.passed is False and verdict.got == shown


def test_a_right_answer_shows_what_came_back_and_has_no_note_unless_float32():
    verdict = judge([3.4, 1.7, 1.7, 5.1, -0.2], GRAD, 1e-6, 1e-9)
    assert verdict.passed is True and verdict.got == "[3.4, 1.7, 1.7, 5.1, -0.2]" and verdict.note == ""
    f32 = judge(np.array([3.4, 1.7, 1.7, 5.1, -0.2], dtype=np.float32), GRAD, 1e-6, 1e-9)
    assert f32.passed and f32.note == F32_NOTE and f32.got == "[3.4, 1.7, 1.7, 5.1, -0.2]"
    loose = judge(np.array([3.4, 1.7, 1.7, 5.1, -0.2], dtype=np.float32) * np.float32(1 + 4e-6), GRAD, 1e-6, 1e-9)
    assert loose.passed and loose.note == F32_NOTE and loose.got == "[3.40001, 1.70001, 1.70001, 5.10002, -0.200001]"


def test_an_exact_float32_answer_six_lists_deep_gets_the_float32_note():
    got, want = np.float32(0.5), 0.5
    for _ in range(6):
        got, want = [got], Flat((1,) * (_ + 1), (0.5,))
    verdict = judge(got, want, 1e-6, 1e-9)
    assert verdict.passed and verdict.note == F32_NOTE


def test_an_answer_of_the_wrong_shape_can_still_be_a_known_mistake():
    """A sum over D kept as a (5, 1) column (X.T @ δ) is rejected for its shape, and the mistake
    that predicts that column (values near, not equal to, the prediction) is named."""
    column = Flat((5, 1), (6.8, 3.4, 3.4, 10.2, -0.4))
    verdict = judge(np.array([[6.8], [3.4], [3.4], [10.2], [-0.4]]) * (1 + 1e-9), GRAD, 1e-6, 1e-9,
                    {"column-vector": column, "sum-instead-of-mean": plain(np.array([6.8, 3.4, 3.4, 10.2, -0.4]))})
    assert verdict.passed is False and verdict.reason == "returned an array of shape (5, 1), expected (5,)"
    assert verdict.mistakes == ("column-vector",)


def test_an_answer_that_is_not_finite_can_still_be_a_known_mistake():
    verdict = judge(np.array([math.nan, 2.0]), Flat((2,), (1.0, 2.0)), 1e-6, 1e-9,
                    {"diverges": Flat((2,), (math.nan, 2.0 * (1 + 1e-9)))})
    assert verdict.reason == "returned a value that is not finite (nan or inf)"
    assert verdict.passed is False and verdict.mistakes == ("diverges",) and verdict.got == "[nan, 2]"


def test_none_is_a_false_verdict_with_its_reason():
    verdict = judge(None, 3.25, 1e-6, 1e-9, {"anything": 3.0})
    assert verdict.passed is False and verdict.mistakes == ()
    assert verdict.reason == "returned None: is the `return` statement missing?"


def test_fewer_digits_on_request_reach_every_part_of_a_value():
    assert show({"a": 1 / 3}, 3) == "{'a': 0.333}"
    assert show((1 / 3, [2 / 3]), 3) == "(0.333, [0.667])"
