"""When the judge holds an answer to float32's precision, and when not (course terms).

Float32 is "seen" in a float32 array or scalar anywhere in the answer (searched 6 levels deep,
the first 1000 items of a list and the first 100 values of a dict: bounded work on a hostile
answer), or, for values read back from the sandbox as float64, when every value is exactly a
float32 number and some are not short binary fractions (k/1024). The expected values here are
written by hand: 0.500003 is 6e-6 relative from 0.5, inside float32's 1e-5, outside 1e-6.
"""
import numpy as np

from autograder.student.codec import Flat
from autograder.student.judge import F32_NOTE, judge

NEAR = 0.500003          # a float32 answer of 0.5 is right to float32's precision, not float64's


def nested(value, depth, kind=list):
    for _ in range(depth):
        value = [value] if kind is list else {"a": value}
    return value


def nested_expected(value, depth, kind=list):
    if kind is list:
        return Flat((1,) * depth, (value,))
    for _ in range(depth):
        value = {"a": value}
    return value


def test_a_float32_array_of_short_binary_fractions_is_still_float32():
    got = judge(np.array([0.5, 1.0], dtype=np.float32), Flat((2,), (NEAR, 1.0)), 1e-6, 1e-9)
    assert got.passed and got.note == F32_NOTE
    assert not judge(np.array([0.5, 1.0]), Flat((2,), (NEAR, 1.0)), 1e-6, 1e-9).passed


def test_plain_floats_that_are_short_binary_fractions_are_float64_answers():
    """0.5 and 1.0 are float32 numbers too, but nothing says float32 was used: held to 1e-6."""
    assert not judge([0.5, 1.0], Flat((2,), (NEAR, 1.0)), 1e-6, 1e-9).passed
    assert not judge([0.5, 0.25], Flat((2,), (NEAR, 0.25)), 1e-6, 1e-9).passed


def test_values_read_back_from_the_sandbox_that_are_all_float32_numbers_count_as_float32():
    grad = (3.4, 1.7, 1.7, 5.1, -0.2)
    back = [float(np.float32(v * (1 + 4e-6))) for v in grad]       # a float32 computation, sent as float64
    verdict = judge(back, Flat((5,), grad), 1e-6, 1e-9)
    assert verdict.passed and verdict.note == F32_NOTE
    assert not judge([v * (1 + 4e-6) for v in grad], Flat((5,), grad), 1e-6, 1e-9).passed   # float64: 4e-6 is too far


def test_float32_is_seen_six_lists_deep_and_not_seven():
    got6, want6 = nested(np.float32(0.5), 6), nested_expected(NEAR, 6)
    assert judge(got6, want6, 1e-6, 1e-9).passed
    assert not judge(nested(np.float32(0.5), 7), nested_expected(NEAR, 7), 1e-6, 1e-9).passed


def test_float32_is_seen_six_dicts_deep_and_not_seven():
    assert judge(nested(np.float32(0.5), 6, dict), nested_expected(NEAR, 6, dict), 1e-6, 1e-9).passed
    assert not judge(nested(np.float32(0.5), 7, dict), nested_expected(NEAR, 7, dict), 1e-6, 1e-9).passed
    assert judge({"W": [np.float32(0.5)]}, {"W": Flat((1,), (NEAR,))}, 1e-6, 1e-9).passed


def test_the_search_for_float32_reads_the_first_1000_items_of_a_list():
    want = Flat((1001,), (0.0,) * 1000 + (NEAR,))
    at_1000 = [0.0] * 1000 + [np.float32(0.5)]
    assert not judge(at_1000, want, 1e-6, 1e-9).passed
    at_999 = [0.0] * 999 + [np.float32(0.0), 0.5]
    assert judge(at_999, want, 1e-6, 1e-9).passed


def test_the_search_for_float32_reads_the_first_100_values_of_a_dict():
    keys = [f"k{i:03d}" for i in range(101)]
    want = {k: 0.0 for k in keys[:100]} | {keys[100]: NEAR}
    late = {k: 0.0 for k in keys[:100]} | {keys[100]: np.float32(0.5)}
    assert not judge(late, want, 1e-6, 1e-9).passed
    early = {keys[0]: np.float32(0.0)} | {k: 0.0 for k in keys[1:100]} | {keys[100]: 0.5}
    assert judge(early, want, 1e-6, 1e-9).passed
