"""What a student is told when the returned value cannot stand for the answer.

Each message is written out here in full, as the student reads it ("returned a float, expected a
tuple of 3 values" for a `forward` that returns ŷ alone instead of (z, h, ŷ)).
"""
import numpy as np
import pytest

from autograder.student.codec import Flat, plain
from autograder.student.judge import judge

FORWARD = (3.0, 3.0, 3.0)                    # forward(θ, x1) = (z, h, ŷ) = (3, 3, 3) (spec)
GRAD5 = plain(np.array([3.4, 1.7, 1.7, 5.1, -0.2]))


def reason(got, expected):
    verdict = judge(got, expected, 1e-6, 1e-9)
    assert not verdict.passed
    return verdict.reason


@pytest.mark.parametrize("got, text", [
    (3.0, "returned a float, expected a tuple of 3 values"),
    (3, "returned an int, expected a tuple of 3 values"),
    (np.array(3.0), "returned an array of shape (), expected a tuple of 3 values"),
    ([3.0, 3.0], "returned 2 values, expected 3"),
    ({"z": 3.0}, "returned a dict, expected a tuple of 3 values"),
])
def test_forward_must_return_the_tuple_z_h_yhat(got, text):
    assert reason(got, FORWARD) == text


def test_a_dict_is_due_and_something_else_came_back():
    want = {"W": plain(np.zeros((2, 2))), "b": plain(np.zeros(2))}
    assert reason([1.0, 2.0], want) == "returned a list of length 2, expected a dict with keys ['W', 'b']"
    assert reason((1.0,), want) == "returned a tuple of length 1, expected a dict with keys ['W', 'b']"
    assert reason({"W": np.zeros((2, 2))}, want) == "the returned dict has no key 'b'"


@pytest.mark.parametrize("got, text", [
    ((np.zeros(2), 1.0, 2.0, 3.0, 4.0),
     "returned a tuple of 5 items (an array of shape (2,), a number, a number, a number, …), expected an array of shape (5,)"),
    ((np.zeros(2), 1.0, 2.0, 3.0, 4.0, 5.0),
     "returned a tuple of 6 items (an array of shape (2,), a number, a number, a number, …), expected an array of shape (5,)"),
    ((np.zeros(2), 1.0, 2.0, 3.0),
     "returned a tuple of 4 items (an array of shape (2,), a number, a number, a number), expected an array of shape (5,)"),
    ((np.zeros(5),), "returned a tuple of 1 item (an array of shape (5,)), expected an array of shape (5,)"),
    ([np.zeros(5), {"cache": 1}], "returned a list of 2 items (an array of shape (5,), a dict), expected an array of shape (5,)"),
])
def test_a_tuple_where_one_array_is_due_is_described_item_by_item(got, text):
    """(A, cache) instead of A: the student sees what each item was, the first four at most."""
    assert reason(got, GRAD5) == text


def test_a_container_where_a_number_is_due():
    assert reason((np.zeros(2), 1.0), 3.25) == "returned a tuple of 2 items (an array of shape (2,), a number), expected a number"
    assert reason("3.25", 3.25) == "returned a str, expected a number"
    assert reason(b"3.25", 3.25) == "returned a bytes, expected a number"
    assert reason(object(), 3.25) == "returned an object, expected a number"


def test_numbers_read_back_as_one_array_stand_for_a_tuple_of_the_same_numbers():
    """What the sandbox sends back is plain data: an array record may answer (z, h, ŷ)."""
    assert judge(Flat((3,), FORWARD), FORWARD, 1e-6, 1e-9).passed
    assert judge(np.array([3, 3, 3]), FORWARD, 1e-6, 1e-9).passed                # integers
    assert judge(np.array([True, False]), (1.0, 0.0), 1e-6, 1e-9).passed          # relu_derivative's 0/1
    assert not judge(Flat((3,), (3.0, 3.0, 2.0)), FORWARD, 1e-6, 1e-9).passed


def test_a_dict_answer_is_judged_key_by_key():
    """The mlp's gradients as a dict {"W": ∂ℓ/∂W, "b": ∂ℓ/∂b}: every key's array counts."""
    want = {"W": plain(np.array([[1.0, 0.0], [0.0, 1.0]])), "b": plain(np.array([0.5, -0.5]))}
    assert judge({"W": np.eye(2), "b": [0.5, -0.5]}, want, 1e-6, 1e-9).passed
    assert judge({"b": np.array([0.5, -0.5]), "W": np.eye(2), "extra": 1}, want, 1e-6, 1e-9).passed
    assert reason({"W": np.eye(2), "b": [0.5, 0.5]}, want) == "wrong value"
    assert reason({"W": np.eye(2) * 2, "b": [0.5, -0.5]}, want) == "wrong value"
    assert reason({"W": np.eye(2), "b": np.zeros(3)}, want) == "returned an array of shape (3,), expected (2,)"
    assert reason({"a": 1}, want) == "the returned dict has no key 'W'"


@pytest.mark.parametrize("got, text", [
    ([[1, 2], [3]], "returned a ragged list (rows of different lengths)"),
    ([], "returned an array of shape (0,), expected (5,)"),
    ("3.4 1.7", "returned a str, expected an array of shape (5,)"),
    (None, "returned None: is the `return` statement missing?"),
])
def test_what_the_student_reads_when_an_array_is_due(got, text):
    assert reason(got, GRAD5) == text


def test_a_single_number_read_back_as_an_array_record():
    assert judge(Flat((), (3.25,)), 3.25, 1e-6, 1e-9).passed
    assert not judge(Flat((), (3.5,)), 3.25, 1e-6, 1e-9).passed
    assert reason(Flat((1,), (3.25,)), 3.25) == "returned an array of shape (1,), expected a single number"
    assert reason(np.array([3.25]), 3.25) == "returned an array of shape (1,), expected a single number"


class BadFloat:
    def __float__(self):
        raise RuntimeError("no")


class NotAFloat:
    def __float__(self):
        return "3.25"


def test_an_object_that_will_not_be_a_number_is_named_with_why():
    assert reason(BadFloat(), 3.25) == "returned a BadFloat that could not be read as a number (RuntimeError)"
    assert reason(NotAFloat(), 3.25) == "returned a NotAFloat that could not be read as a number (TypeError)"
