"""How close an answer must be, and when a known mistake is named, in the course's terms.

The numbers here are worked out by hand from the tolerances the course states (a check's
default: relative 1e-6 and absolute 1e-9; float32 answers: relative 1e-5, absolute 1e-5 times
the largest expected magnitude, at least 1e-5), never read from the judge.
"""
import math

import numpy as np
import pytest

from autograder.student.codec import Flat
from autograder.student.judge import judge
from autograder.student.model import Check

RTOL, ATOL = Check.rtol, Check.atol          # what every check of the course uses
GRAD = (3.4, 1.7, 1.7, 5.1, -0.2)            # the tutorial's ∇θ L(D) (spec: worked solution)


def flat(values):
    return Flat((len(values),), tuple(float(v) for v in values))


def test_the_course_tolerance_is_relative_1e6_absolute_1e9():
    assert (RTOL, ATOL) == (1e-6, 1e-9)


@pytest.mark.parametrize("relative, passes", [(1e-9, True), (5e-7, True), (2e-6, False), (1e-4, False)])
def test_an_answer_off_by_a_relative_amount(relative, passes):
    """L(D) = 13/4: an answer off by 1e-9 or 5e-7 relative passes, by 2e-6 or 1e-4 fails."""
    assert judge(3.25 * (1 + relative), 3.25, RTOL, ATOL).passed is passes
    assert judge(3.25 * (1 - relative), 3.25, RTOL, ATOL).passed is passes


@pytest.mark.parametrize("off, passes", [(5e-10, True), (-5e-10, True), (3e-9, False), (-3e-9, False)])
def test_a_zero_answer_is_held_to_the_absolute_tolerance(off, passes):
    """∂L/∂w2 is 0 on an example with z ≤ 0: 5e-10 off passes, 3e-9 off fails (atol 1e-9)."""
    assert judge(off, 0.0, RTOL, ATOL).passed is passes


def test_every_entry_of_a_gradient_counts():
    for i in range(5):
        off = list(GRAD)
        off[i] *= 1 + 1e-4
        assert not judge(np.array(off), flat(GRAD), RTOL, ATOL).passed, i
    assert judge(np.array(GRAD) * (1 + 1e-9), flat(GRAD), RTOL, ATOL).passed


def test_a_float32_answer_is_held_to_float32_precision_relative_to_the_largest_value():
    """Expected (1000, 0.5): float32 keeps ~7 digits of 1000, so 0.5 may be 0.003 off (atol 1e-5·1000)."""
    expected = flat([1000.0, 0.5])
    near = judge(np.array([1000.0, 0.503], dtype=np.float32), expected, RTOL, ATOL)
    assert near.passed and "float32" in near.note
    assert not judge(np.array([1000.0, 0.52], dtype=np.float32), expected, RTOL, ATOL).passed
    # the same numbers in float64 get no such allowance
    assert not judge(np.array([1000.0, 0.503]), expected, RTOL, ATOL).passed


def test_a_float32_answer_below_one_is_held_to_1e5_absolute():
    """Largest expected magnitude 0.25 (< 1): the absolute allowance is 1e-5, not less, not more."""
    expected = flat([0.0, 0.25])
    assert judge(np.array([0.5e-5, 0.25], dtype=np.float32), expected, RTOL, ATOL).passed
    assert not judge(np.array([1.5e-5, 0.25], dtype=np.float32), expected, RTOL, ATOL).passed


def test_a_float32_answer_off_by_1e4_relative_fails():
    got = np.array(GRAD, dtype=np.float32) * np.float32(1 + 1e-4)
    assert not judge(got, flat(GRAD), RTOL, ATOL).passed
    assert judge(np.array(GRAD, dtype=np.float32), flat(GRAD), RTOL, ATOL).passed


def test_a_mistake_whose_output_overflows_to_nan_or_inf_is_still_named():
    """A learning rate that diverges gives nan or inf; the mistake that predicts it is named."""
    right = flat([1.0, 2.0])
    for bad in (math.nan, math.inf, -math.inf):
        output = flat([bad, 2.0])
        verdict = judge(np.array([bad, 2.0]), right, RTOL, ATOL, {"diverges": output})
        assert not verdict.passed and verdict.mistakes == ("diverges",), bad
    # nan does not stand for inf, nor inf for -inf
    assert judge(np.array([math.nan, 2.0]), right, RTOL, ATOL, {"diverges": flat([math.inf, 2.0])}).mistakes == ()
    assert judge(np.array([math.inf, 2.0]), right, RTOL, ATOL, {"diverges": flat([-math.inf, 2.0])}).mistakes == ()


def test_an_answer_exactly_at_the_tolerance_passes():
    """|got − expected| ≤ atol + rtol·|expected|: 1e-9 from a right answer of 0 is just inside."""
    assert judge(1e-9, 0.0, RTOL, ATOL).passed
    assert not judge(2e-9, 0.0, RTOL, ATOL).passed


def test_an_answer_within_the_tolerance_of_a_mistakes_output_is_named_as_that_mistake():
    """The factor-2 slip predicts δ_ŷ(x1, y1) = 1.7 instead of 3.4; 1.7·(1 + 5e-7) is that slip,
    1.7·(1 + 1e-4) is not; 1e-9 from a predicted 0 is (the absolute tolerance, boundary included)."""
    named = lambda got, out, right=3.4: judge(got, right, RTOL, ATOL, {"factor-two-missing": out}).mistakes
    assert named(1.7 * (1 + 5e-7), 1.7) == ("factor-two-missing",)
    assert named(1.7 * (1 - 5e-7), 1.7) == ("factor-two-missing",)
    assert named(1.7 * (1 + 1e-4), 1.7) == ()
    assert named(1e-9, 0.0) == ("factor-two-missing",)
    assert named(3e-9, 0.0) == ()


def test_every_form_of_a_mistake_is_named_by_the_mistake_id():
    """A mistake made in two ways has outputs "id" and "id#1"; either is named "id", once."""
    mistakes = {"x-swapped": flat([1.0, 2.0]), "x-swapped#1": flat([2.0, 1.0]), "sign-flipped": flat([-1.0, -1.0])}
    assert judge(np.array([2.0, 1.0]), flat([1.0, 1.0]), RTOL, ATOL, mistakes).mistakes == ("x-swapped",)
    assert judge(np.array([-1.0, -1.0]), flat([1.0, 1.0]), RTOL, ATOL, mistakes).mistakes == ("sign-flipped",)


def test_a_mistake_whose_output_has_another_shape_does_not_hide_the_next_one():
    mistakes = {"transposed": Flat((2, 1), (1.0, 2.0)), "sum-instead-of-mean": flat([6.8, 3.4])}
    verdict = judge(np.array([6.8, 3.4]), flat([3.4, 1.7]), RTOL, ATOL, mistakes)
    assert verdict.mistakes == ("sum-instead-of-mean",)


def test_a_mistake_whose_output_is_the_right_answer_here_is_not_named():
    """On x2, z ≤ 0, so forgetting the ReLU mask changes nothing: a wrong answer there is not that."""
    mistakes = {"relu-mask-missing": 0.0, "sign-flipped": 3.8}
    assert judge(3.8, 0.0, RTOL, ATOL, mistakes).mistakes == ("sign-flipped",)
    assert judge(0.0 + 1e-3, 0.0, RTOL, ATOL, {"relu-mask-missing": 1e-3 * (1 + 1e-12)}).mistakes == ("relu-mask-missing",)
    assert judge(1.0, 0.0, RTOL, ATOL, {"relu-mask-missing": 0.0}).mistakes == ()
