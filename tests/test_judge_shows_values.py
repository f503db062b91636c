"""How a returned value is shown to the student ("returned …"): short, exact where it can be.

Numbers with 6 significant digits, whole numbers without a decimal point (below 1e15), arrays
as nested lists, tuples in parentheses, at most 12 items of a long list; each string below is
written by hand.
"""
import math

import numpy as np
import pytest

from autograder.student.codec import Flat
from autograder.student.judge import show


@pytest.mark.parametrize("value, text", [
    (3.0, "3"), (-3.8, "-3.8"), (2.5, "2.5"), (2.855647324402, "2.85565"), (1 / 3, "0.333333"),
    (1e15, "1e+15"), (999999999999999.0, "999999999999999"), (-1e15, "-1e+15"), (1e-7, "1e-07"),
    (math.nan, "nan"), (math.inf, "inf"), (np.float32(0.5), "0.5"), (7, "7"),
])
def test_numbers(value, text):
    assert show(value) == text


def test_arrays_are_nested_lists_row_by_row():
    assert show(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])) == "[[1, 2, 3], [4, 5, 6]]"
    assert show(Flat((3, 1), (1.0, 2.0, 3.0))) == "[[1], [2], [3]]"
    assert show(np.zeros((0, 2))) == "[]"
    assert show(np.array([3.4, 1.7, 1.7, 5.1, -0.2])) == "[3.4, 1.7, 1.7, 5.1, -0.2]"


def test_tuples_dicts_and_long_lists():
    assert show((3.0, 3.0, 3.0)) == "(3, 3, 3)"
    assert show({"W": np.eye(2), "b": np.array([0.5, -0.5])}) == "{'W': [[1, 0], [0, 1]], 'b': [0.5, -0.5]}"
    assert show(list(range(13))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, …]"
    assert show(list(range(12))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"
    assert show((np.array([1.0]), {"cache": 2.0})) == "([1], {'cache': 2})"


def test_other_things_by_their_kind_never_their_text():
    assert show("x" * 100) == "'" + "x" * 59
    assert show(True) == "True" and show(None) == "None"
    assert show(print) == "a builtin_function_or_method"
    assert show(np.array(["a"])) == "a ndarray"
