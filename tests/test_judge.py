"""The judge: its fixed order, what converts, what does not, and what cannot fool it."""
import numpy as np
import pytest

from autograder.student.codec import Flat, plain
from autograder.student.judge import judge

GRAD = plain(np.array([3.4, 1.7, 1.7, 5.1, -0.2]))
SUM = plain(np.array([6.8, 3.4, 3.4, 10.2, -0.4]))


@pytest.mark.parametrize("got", [
    [3.4, 1.7, 1.7, 5.1, -0.2], (3.4, 1.7, 1.7, 5.1, -0.2), np.array([3.4, 1.7, 1.7, 5.1, -0.2]),
    np.array([3.4, 1.7, 1.7, 5.1, -0.2], dtype=np.float32), [np.float64(3.4), 1.7, np.float32(1.7), 5.1, -0.2],
])
def test_lists_tuples_and_float32_are_fine(got):
    assert judge(got, GRAD, 1e-6, 1e-9).passed


@pytest.mark.parametrize("got, reason", [
    (None, "returned None"),
    (np.zeros((1, 5)), "shape (1, 5), expected (5,)"),
    (np.zeros((5, 1)), "shape (5, 1), expected (5,)"),
    (np.zeros(0), "shape (0,), expected (5,)"),
    (np.float64(3.4), "shape (), expected (5,)"),
    ([1, 2, 3], "shape (3,), expected (5,)"),
    ([[1, 2], [3]], "ragged"),
    ("3.4 1.7", "expected an array"),
    (np.array(["a"] * 5), "expected numbers"),
    (np.array([3.4, np.nan, 1.7, 5.1, -0.2]), "not finite"),
    (np.array([3.4, np.inf, 1.7, 5.1, -0.2]), "not finite"),
    ({"a": 1}, "expected an array"),
    (print, "expected an array"),
])
def test_what_fails_and_says_why(got, reason):
    verdict = judge(got, GRAD, 1e-6, 1e-9)
    assert not verdict.passed and reason in verdict.reason


def test_broadcasting_is_not_accepted_for_a_number():
    assert "expected a single number" in judge(np.array([3.25]), 3.25, 1e-6, 1e-9).reason
    assert judge(np.float64(3.25), 3.25, 1e-6, 1e-9).passed
    assert judge(np.array(3.25), 3.25, 1e-6, 1e-9).passed


def test_a_known_mistake_is_named():
    verdict = judge(np.array([6.8, 3.4, 3.4, 10.2, -0.4]), GRAD, 1e-6, 1e-9, {"sum-instead-of-mean": SUM})
    assert verdict.mistakes == ("sum-instead-of-mean",) and verdict.reason == "wrong value"
    assert judge(np.zeros(5), GRAD, 1e-6, 1e-9, {"sum-instead-of-mean": SUM}).mistakes == ()


class Liar:
    """Claims to equal everything and to be any array."""
    def __eq__(self, other):
        return True
    __ne__ = lambda self, other: False
    def __array__(self, dtype=None, copy=None):
        return np.array([3.4, 1.7, 1.7, 5.1, -0.2])
    def __len__(self):
        return 5
    def __iter__(self):
        return iter([3.4, 1.7, 1.7, 5.1, -0.2])


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return True
    def tolist(self):
        return [3.4, 1.7, 1.7, 5.1, -0.2]
    def astype(self, *a, **k):
        return np.array([3.4, 1.7, 1.7, 5.1, -0.2])


class BadFloat:
    def __float__(self):
        raise RuntimeError("no")


class NotAFloat:
    def __float__(self):
        return "3.25"


def test_strange_objects_earn_nothing():
    assert not judge(Liar(), GRAD, 1e-6, 1e-9).passed
    fake = np.zeros(5).view(LyingArray)
    assert not judge(fake, GRAD, 1e-6, 1e-9).passed
    assert "could not be read as a number" in judge(BadFloat(), 3.25, 1e-6, 1e-9).reason
    assert not judge(NotAFloat(), 3.25, 1e-6, 1e-9).passed


def test_patched_numpy_comparisons_earn_nothing(monkeypatch):
    for name in ("allclose", "isclose", "array_equal", "array_equiv", "all", "any", "abs", "isfinite", "less_equal", "subtract"):
        monkeypatch.setattr(np, name, lambda *a, **k: True)
    monkeypatch.setattr(np, "asarray", lambda *a, **k: np.array([3.4, 1.7, 1.7, 5.1, -0.2]))
    monkeypatch.setattr(np, "array", lambda *a, **k: np.ones(5))
    assert not judge(np.zeros(5), GRAD, 1e-6, 1e-9).passed
    assert not judge([0, 0, 0, 0, 0], GRAD, 1e-6, 1e-9).passed
    assert not judge(0.0, 3.25, 1e-6, 1e-9).passed


def test_tuples_and_nested_structures():
    want = (plain(np.array([1.0, 2.0])), plain(np.array([3.0, 4.0, 5.0])))
    assert judge((np.array([1.0, 2.0]), [3, 4, 5]), want, 1e-6, 1e-9).passed
    assert "returned 3 values, expected 2" in judge((1, 2, 3), want, 1e-6, 1e-9).reason
    assert judge(np.array([3.0, 3.0, 3.0]), (3.0, 3.0, 3.0), 1e-6, 1e-9).passed
    assert isinstance(want[0], Flat)
