"""The judge on float32 results and on returned tuples (issue 12's messages)."""
import numpy as np

from autograder.student import judge
from autograder.student.codec import plain

RIGHT = np.array([[0.1234567891, -2.718281828], [3.141592653, 1e-3]])


def test_float32_is_accepted_at_float32_precision_and_said():
    v = judge.judge(RIGHT.astype(np.float32), plain(RIGHT), 1e-6, 1e-9)
    assert v.passed and "float32 was seen" in v.note


def test_float32_read_back_as_float64_from_the_sandbox_is_recognised():
    computed32 = (RIGHT.astype(np.float32) * np.float32(1 + 3e-6)).astype(np.float64)   # float32 round-off, sent as float64
    assert not judge.close(plain(computed32), plain(RIGHT), 1e-6, 1e-9)            # outside float64's tolerance
    v = judge.judge(computed32, plain(RIGHT), 1e-6, 1e-9)
    assert v.passed and "float32 was seen" in v.note


def test_a_wrong_float32_value_is_still_wrong():
    v = judge.judge((RIGHT * 1.001).astype(np.float32), plain(RIGHT), 1e-6, 1e-9)
    assert not v.passed and v.reason == "wrong value"


def test_float64_just_outside_the_tolerance_is_not_let_through_as_float32():
    off = RIGHT * (1 + 3e-6)                                    # float64 values, not float32 numbers
    assert not judge.judge(off, plain(RIGHT), 1e-6, 1e-9).passed


def test_a_returned_tuple_is_said_to_be_a_tuple():
    A, cache = np.ones((2, 2)), np.zeros((2, 2))
    v = judge.judge((A, cache), plain(RIGHT), 1e-6, 1e-9)
    assert "a tuple of 2 items (an array of shape (2, 2), an array of shape (2, 2))" in v.reason
    assert "(2, 2, 2)" not in v.reason
    v = judge.judge((A, {"A": [A]}), plain(RIGHT), 1e-6, 1e-9)
    assert v.reason.startswith("returned a tuple of 2 items (an array of shape (2, 2), a dict)")
    v = judge.judge((1.0, {"A": 1}), 1.0, 1e-6, 1e-9)
    assert v.reason.startswith("returned a tuple of 2 items")


def test_rows_as_lists_of_numbers_still_read_as_an_array():
    assert judge.judge(RIGHT.tolist(), plain(RIGHT), 1e-6, 1e-9).passed
    assert judge.judge(tuple(map(tuple, RIGHT.tolist())), plain(RIGHT), 1e-6, 1e-9).passed
