"""When a recorded answer stands in for a helper: which arguments are "the same" (the stubs'
documented equality), what happens on a miss, and what the wrapper looks like.

One mistake costs once: while `example_gradient` is graded, the student's `forward` answers as
the reference did on the recorded arguments, and only there.
"""
import math

import numpy as np
import pytest

from autograder.student.stubs import install_stubs

W1, B1, W2, B2 = np.array([[1.0, 2.0]]), np.array([0.5]), np.array([[3.0]]), np.array([-1.0])


def student_forward(theta=None, x=None):
    """The student's own forward pass."""
    return "student's"


def answer(recorded, given, by_keyword=True):
    """What `forward` returns for ``given`` while the record for ``recorded`` is installed."""
    ns = {"forward": student_forward}
    record = ((), {"theta": recorded}, "recorded") if by_keyword else (((recorded,), "recorded"))
    with install_stubs(ns, {"forward": [record]}):
        return ns["forward"](theta=given) if by_keyword else ns["forward"](given)


@pytest.mark.parametrize("recorded, given, hit", [
    (1.0, 1.0 * (1 + 1e-10), True), (1.0, 1.0 * (1 + 1e-7), False),      # rounding: rtol 1e-9
    (0.0, 1e-13, True), (0.0, 1e-10, False),                              # atol 1e-12
    (0.0, -0.0, True), (math.nan, math.nan, True), (2, 2.0, True),
    ([1.0], np.array([1.0]), True), ([1.0, 2.0], (1.0, 2.0), True), ([1.0, 2.0], [1.0], False),
    (np.array([math.nan, 1.0]), np.array([math.nan, 1.0 + 1e-12]), True),
    ([], np.array([]), False),                                            # an empty list is not numeric
    (True, True, True), (True, np.True_, True), (True, 1, False), (True, False, False),   # a recorded bool is matched by a bool only
    ("relu", "relu", True), ("relu", "tanh", False), (None, None, True), ("1", 1, False),
    # a recorded number is matched by a number only, though numpy would read these as one
    (math.nan, None, False), (1.5, "1.5", False), (1.5, b"1.5", False), (1.0, True, False),
    ([math.nan, 1.0], [None, 1.0], False), ([1.0, 2.0], ["1", "2"], False), (np.array([1.0]), np.array(["1.0"]), False),
    ([1.0, 2.0], [1, 2.0], True), (1.0, np.float32(1.0), True),
    (1e308, 10 ** 400, False), ([1e308], [10 ** 400], False),       # a whole number no float can hold
])
def test_which_arguments_are_the_recorded_ones(recorded, given, hit):
    assert answer(recorded, given) == ("recorded" if hit else "student's")


def test_ragged_lists_of_layers_are_compared_item_by_item():
    params = [(W1, B1), (W2, B2)]
    assert answer(params, [(W1.copy(), B1 * (1 + 1e-12)), (W2.copy(), B2.copy())]) == "recorded"
    assert answer(params, [(W1.copy(), B1.copy())]) == "student's"
    assert answer(params, [(W1.copy(), B1.copy()), (W2 + 1.0, B2.copy())]) == "student's"
    assert answer(params, ((W1, B1), (W2, B2))) == "recorded"
    assert answer(params, "params") == "student's"


def test_dicts_are_compared_key_by_key():
    recorded = {"activation": "relu", "eta": 0.1}
    assert answer(recorded, {"eta": 0.1 * (1 + 1e-12), "activation": "relu"}) == "recorded"
    assert answer(recorded, {"eta": 0.2, "activation": "relu"}) == "student's"
    assert answer(recorded, {"eta": 0.1, "activation": "relu", "extra": 1}) == "student's"
    assert answer(recorded, [("eta", 0.1), ("activation", "relu")]) == "student's"


def test_a_positional_argument_off_in_the_last_bits_still_gets_the_recorded_answer():
    theta = np.array([1.0, 1.0, 0.0, 1.0, 0.0])
    assert answer(theta, theta * (1 + 1e-12), by_keyword=False) == "recorded"
    assert answer(theta, theta + 1e-3, by_keyword=False) == "student's"
    assert answer({"a": 1.0}, {"a": 1.0}, by_keyword=False) == "recorded"


def test_a_helper_that_is_not_defined_raises_the_usual_name_error():
    ns = {}
    with install_stubs(ns, {"forward": [((1.0,), "recorded")]}):
        assert ns["forward"](1.0) == "recorded"
        with pytest.raises(NameError) as info:
            ns["forward"](2.0)
    assert str(info.value) == "name 'forward' is not defined" and "forward" not in ns
    assert info.value.name == "forward"        # as Python's own: what says which helper is missing


def test_a_builtin_with_no_signature_is_still_called_on_a_miss():
    ns = {"forward": max}
    with install_stubs(ns, {"forward": [((1.0, 2.0), "recorded")]}):
        assert ns["forward"](1.0, 2.0) == "recorded" and ns["forward"](3, 4) == 4
    assert ns["forward"] is max


def test_the_wrapper_looks_like_the_students_function():
    ns = {"forward": student_forward}
    with install_stubs(ns, {"forward": [((1.0,), "recorded")]}):
        stub = ns["forward"]
        assert stub is not student_forward and stub.__name__ == "forward"
        assert stub.__doc__ == "The student's own forward pass." and stub.__wrapped__ is student_forward
    assert ns["forward"] is student_forward


def test_a_ragged_first_argument_does_not_hide_the_next_one():
    params = [(W1, B1), (W2, B2)]
    ns = {"forward": student_forward}
    with install_stubs(ns, {"forward": [((params, 1.0), "recorded")]}):
        assert ns["forward"](params, 1.0) == "recorded"
        assert ns["forward"](params, 2.0) == "student's"


@pytest.mark.parametrize("record, text", [
    ((1.0,), "stub record for 'forward' must be (args, value) or (args, kwargs, value)"),
    (5, "stub record for 'forward' must be (args, value) or (args, kwargs, value)"),
    ((1.0, 2.0, 3.0, 4.0), "stub record for 'forward' must be (args, value) or (args, kwargs, value)"),
    ((1.0, "value"), "stub record for 'forward': args must be a list/tuple, kwargs a dict"),
    (((1.0,), [], "value"), "stub record for 'forward': args must be a list/tuple, kwargs a dict"),
])
def test_a_malformed_stub_table_is_refused_with_what_a_record_must_be(record, text):
    with pytest.raises(ValueError) as info:
        with install_stubs({}, {"forward": [record]}):
            pass
    assert str(info.value) == text


def test_a_helper_that_is_not_defined_still_answers_for_arguments_off_in_the_last_bits():
    """No function to bind the call against: the records alone decide, positionally or by keyword."""
    theta = np.array([1.0, 1.0, 0.0, 1.0, 0.0])
    ns = {}
    with install_stubs(ns, {"forward": [((theta,), "recorded"), ((), {"x": theta}, "by keyword")]}):
        assert ns["forward"](theta * (1 + 1e-12)) == "recorded"
        assert ns["forward"](x=theta * (1 + 1e-12)) == "by keyword"


def test_a_record_made_with_keywords_answers_only_a_call_with_them():
    ns = {"forward": lambda theta, scale=1.0: "student's"}
    with install_stubs(ns, {"forward": [((1.0,), {"scale": 2.0}, "scaled")]}):
        assert ns["forward"](1.0, scale=2.0) == "scaled"
        assert ns["forward"](1.0) == "student's"
