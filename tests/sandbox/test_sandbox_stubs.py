"""install_stubs on a plain namespace (as in a Jupyter kernel) — no sandbox involved."""
import numpy as np
import pytest

from autograder.student.stubs import install_stubs


def make_namespace():
    ns = {}
    exec(
        "calls = []\n"
        "def forward(theta, x, scale=1.0):\n"
        "    calls.append('forward')\n"
        "    return ('student', float(theta[0]) * scale)\n"
        "def loss(theta, x):\n"
        "    z, h = forward(theta, x)\n"
        "    return z, h\n", ns)
    return ns


def test_recorded_arguments_hit_and_return_fresh_copies():
    ns = make_namespace()
    theta, x = np.array([1.0, 2.0]), np.array([0.5])
    recorded = (np.array([3.0, 4.0]), "ref")
    with install_stubs(ns, {"forward": [((theta, x), recorded)]}):
        first = ns["forward"](theta.copy(), x.copy())
        first[0][0] = 99.0
        second = ns["forward"](list(theta), [0.5])        # lists equal as float64 arrays
        assert second[0][0] == 3.0 and second[1] == "ref"
        assert ns["loss"](theta, x)[0][1] == 4.0          # the student's caller sees the stub
    assert ns["calls"] == []


def test_miss_falls_through_to_the_students_function_and_original_is_restored():
    ns = make_namespace()
    original = ns["forward"]
    with install_stubs(ns, {"forward": [(([1.0], [0.5]), "recorded")]}):
        assert ns["forward"]([2.0], [0.5]) == ("student", 2.0)      # different values
        assert ns["forward"]([1.0, 0.0], [0.5]) == ("student", 1.0)  # different shape
        assert ns["forward"]([1.0], [0.5]) == "recorded"
        ns["forward"] = "overwritten by the call"
    assert ns["forward"] is original and ns["calls"] == ["forward", "forward"]


def test_keyword_and_positional_forms_match_through_the_signature():
    ns = make_namespace()
    with install_stubs(ns, {"forward": [(([1.0], [0.5]), "hit"),
                                        (([1.0], [0.5]), {"scale": 2.0}, "scaled")]}):
        assert ns["forward"](theta=[1.0], x=[0.5]) == "hit"
        assert ns["forward"]([1.0], x=[0.5]) == "hit"
        assert ns["forward"]([1.0], [0.5], scale=2.0) == "scaled"
        assert ns["forward"]([1.0], [0.5], 2.0) == "scaled"
        assert ns["forward"]([1.0], [0.5], scale=3.0) == ("student", 3.0)


def test_values_up_to_rounding_nan_and_non_numeric_arguments():
    ns = {"f": lambda *a: "student"}
    with install_stubs(ns, {"f": [((float("nan"), "mode", None), "nan-hit"),
                                  ((1.0 + 1e-15,), "rounding"), ((2.0 + 1e-6,), "far")]}):
        assert ns["f"](np.nan, "mode", None) == "nan-hit"
        assert ns["f"](np.nan, "other", None) == "student"
        assert ns["f"](1.0) == "rounding"                    # equal up to rounding (rtol 1e-9)
        assert ns["f"](2.0) == "student"                     # a real difference is a miss
        assert ns["f"](np.float32(2.0)) == "student"


def test_missing_original_raises_name_error_on_miss_and_is_removed_after():
    ns = {}
    with install_stubs(ns, {"helper": [((1,), 2)]}):
        assert ns["helper"](1) == 2
        with pytest.raises(NameError):
            ns["helper"](3)
    assert "helper" not in ns


def test_hostile_arguments_do_not_break_matching():
    class Weird:
        def __eq__(self, other):
            raise RuntimeError("eq")

        def __array__(self, *a, **k):
            raise RuntimeError("array")

    ns = {"f": lambda *a: "student"}
    with install_stubs(ns, {"f": [(([1.0],), "hit"), (("s",), "str-hit")]}):
        assert ns["f"](Weird()) == "student"


def test_malformed_records_are_rejected_before_anything_is_installed():
    ns = make_namespace()
    original = ns["forward"]
    with pytest.raises(ValueError):
        with install_stubs(ns, {"forward": ["not a pair"]}):
            pass
    assert ns["forward"] is original


def test_ragged_parameter_lists_match_item_by_item():
    """params = [(W1, b1), (W2, b2)] cannot be one array; it must still match, as a list or tuples."""
    import numpy as np
    from autograder.student.stubs import make_stub
    params = [(np.eye(2), np.zeros(2)), (np.ones((1, 2)), np.ones(1))]
    stub = make_stub("gradients", [((params, "relu"), "recorded")], lambda *a: "original")
    assert stub(params, "relu") == "recorded"
    assert stub(tuple((W.copy(), list(b)) for W, b in params), "relu") == "recorded"
    assert stub([(np.eye(2), np.ones(2)), params[1]], "relu") == "original"


def test_arguments_equal_up_to_rounding_still_match():
    import numpy as np
    from autograder.student.stubs import make_stub
    A = np.array([[-1.22105763, -0.35834328]])
    stub = make_stub("softmax", [((A,), "recorded")], lambda *a: "original")
    assert stub(A + 1e-16) == "recorded"
    assert stub(A * (1 + 1e-6)) == "original"
