"""How a check's case is built from the reference (spec part A's numbers on x1 = (2, 1), y1 = 1.3,
θ = (1, 1, 0, 1, 0)): the expected value, the stub table of the other contract functions the
reference called, and what each known mistake returns there (kept only where it shows)."""
import numpy as np

from autograder.checks import build, tracing
from autograder.checks.tutorial_net import FUNCTIONS
from autograder.checks.tutorial_slips import Net
from autograder.student.codec import Flat
from autograder.student.judge import leaves
from reference import tutorial_net as ref

THETA, X1, Y1 = np.array([1.0, 1.0, 0.0, 1.0, 0.0]), np.array([2.0, 1.0]), 1.3
X2, Y2 = np.array([-3.0, 2.0]), 1.9


def test_the_calls_the_reference_makes_are_recorded_once_each():
    result, table = tracing.record(ref, FUNCTIONS, "example_gradient", (THETA, X1, Y1))
    assert result.tolist() == [6.8, 3.4, 3.4, 10.2, 3.4]
    assert sorted(table) == ["delta_h", "delta_yhat", "forward", "relu", "relu_derivative"]
    (args, value), = table["forward"]                  # called three times, one distinct call
    assert [a.tolist() for a in args] == [THETA.tolist(), X1.tolist()] and value == (3.0, 3.0, 3.0)
    assert abs(table["delta_yhat"][0][1] - 3.4) < 1e-12 and abs(table["delta_h"][0][1] - 3.4) < 1e-12
    assert [float(v) for _, v in table["relu_derivative"]] == [1.0]          # g'(z(x1)) = g'(3) = 1
    assert ref.forward.__module__ == "reference.tutorial_net" and ref.forward.__name__ == "forward"


def test_recording_changes_nothing_it_was_given_and_restores_the_module():
    theta = THETA.copy()
    originals = {name: getattr(ref, name) for name in FUNCTIONS}
    _, table = tracing.record(ref, FUNCTIONS, "gd_step", (theta, np.ones(5), 0.1))
    assert theta.tolist() == THETA.tolist() and table == {}
    assert all(getattr(ref, name) is original for name, original in originals.items())


def test_the_recorded_answers_are_copies():
    _, table = tracing.record(ref, FUNCTIONS, "dataset_loss", (THETA, np.array([X1, X2]), np.array([Y1, Y2])))
    (args, value), (args2, value2) = table["example_loss"]
    assert abs(value - 2.89) < 1e-12 and abs(value2 - 3.61) < 1e-12      # L(x1, y1), L(x2, y2)
    assert args[1].tolist() == X1.tolist() and args2[1].tolist() == X2.tolist()


def test_a_case_holds_the_expected_value_the_stubs_and_the_mistakes_that_show():
    mistakes = {"factor-2-dropped": ("…", [{"no-two"}]), "delta-sign-flipped": ("…", [{"sign"}]),
                "sum-instead-of-mean": ("…", [{"sum"}])}                 # the sum changes nothing here
    case = build.case(ref, FUNCTIONS, "delta_yhat", (THETA, X1, Y1), "x1", False, mistakes, Net)
    assert abs(case.expected - 3.4) < 1e-12 and case.label == "x1" and case.hidden is False
    assert sorted(case.mistakes) == ["delta-sign-flipped", "factor-2-dropped"]
    assert abs(case.mistakes["factor-2-dropped"] - 1.7) < 1e-12 and abs(case.mistakes["delta-sign-flipped"] + 3.4) < 1e-12
    assert sorted(case.stubs) == ["forward", "relu"] and case.stubs["forward"][0][1] == (3.0, 3.0, 3.0)
    assert case.args[2] == Y1 and case.unchanged == ()


def test_a_mistake_made_in_several_ways_keeps_each_distinct_output_once():
    """x[0] and x[1] swapped in the gradient, in the forward pass, or both. On x1 with θ = (1, 1, 0, 1, 0)
    the forward pass cannot tell (w0 = w1): one output. With θ = (1, 2, 0, 1, 0), by hand: z = 4,
    δ_ŷ = δ_h = 2(4 − 1.3) = 5.4; swapped forward z = 5, δ_ŷ = δ_h = 7.4: three outputs."""
    ways = {"x-swapped": ("…", [{"swap-grad"}, {"swap-forward"}, {"swap-grad", "swap-forward"}, {"swap-grad"}])}
    same = build.case(ref, FUNCTIONS, "example_gradient", (THETA, X1, Y1), "x1", True, ways, Net, unchanged=(0,))
    assert {k: tuple(leaves(v)) for k, v in same.mistakes.items()} == {"x-swapped": (3.4, 6.8, 3.4, 10.2, 3.4)}
    assert same.hidden is True and same.unchanged == (0,)
    assert isinstance(same.expected, Flat) and same.expected.values == (6.8, 3.4, 3.4, 10.2, 3.4)
    theta = np.array([1.0, 2.0, 0.0, 1.0, 0.0])
    case = build.case(ref, FUNCTIONS, "example_gradient", (theta, X1, Y1), "x1", False, ways, Net)
    got = {k: tuple(round(x, 9) for x in leaves(v)) for k, v in case.mistakes.items()}
    assert got == {"x-swapped": (5.4, 10.8, 5.4, 21.6, 5.4), "x-swapped#1": (14.8, 7.4, 7.4, 37.0, 7.4),
                   "x-swapped#2": (7.4, 14.8, 7.4, 37.0, 7.4)}


def test_a_slip_that_makes_the_call_fail_is_no_output():
    class Broken(Net):
        def delta_yhat(self, theta, x, y):
            if "raise" in self.slips:
                raise ZeroDivisionError("slip")
            return super().delta_yhat(theta, x, y)
    case = build.case(ref, FUNCTIONS, "delta_yhat", (THETA, X1, Y1), "x1", False,
                      {"fails": ("…", [{"raise"}]), "factor-2-dropped": ("…", [{"no-two"}])}, Broken)
    assert list(case.mistakes) == ["factor-2-dropped"]


def test_an_output_of_another_shape_is_kept_as_a_mistake():
    class Column(Net):
        def example_gradient(self, theta, x, y):
            out = super().example_gradient(theta, x, y)
            return np.asarray(out).reshape(5, 1) if "column" in self.slips else out
    case = build.case(ref, FUNCTIONS, "example_gradient", (THETA, X1, Y1), "x1", False, {"column": ("…", [{"column"}])}, Column)
    assert case.mistakes["column"].shape == (5, 1)


def test_what_is_recorded_is_what_the_call_saw_and_returned_whatever_happens_after():
    """A function that changes its argument and a helper's answer in place after the call: the
    table keeps the values as they were at the call, and the case's own arguments stay as given."""
    import types
    module = types.ModuleType("net")

    def helper(v):
        return v * 2.0

    def main(v):
        r = module.helper(v)
        v[0] = 99.0
        r[1] = -1.0
        return float(r.sum())

    module.helper, module.main = helper, main
    given = np.array([1.0, 2.0])
    result, table = tracing.record(module, ("helper", "main"), "main", (given,))
    (args, value), = table["helper"]
    assert given.tolist() == [1.0, 2.0] and result == 1.0
    assert args[0].tolist() == [1.0, 2.0] and value.tolist() == [2.0, 4.0]


def test_a_mistake_that_raises_in_one_way_is_still_kept_from_the_others():
    class Broken(Net):
        def delta_yhat(self, theta, x, y):
            if "raise" in self.slips:
                raise ZeroDivisionError("slip")
            if "tiny" in self.slips:
                return super().delta_yhat(theta, x, y) + 0.5
            return super().delta_yhat(theta, x, y)
    case = build.case(ref, FUNCTIONS, "delta_yhat", (THETA, X1, Y1), "x1", False,
                      {"mixed": ("…", [{"raise"}, {"no-two"}]), "half-off": ("…", [{"tiny"}])}, Broken)
    assert abs(case.mistakes["mixed"] - 1.7) < 1e-12 and abs(case.mistakes["half-off"] - 3.9) < 1e-12


def test_an_answer_with_arrays_inside_is_kept_as_it_was_returned():
    """Like mlp's forward, the helper returns (F, cache) with arrays inside a tuple and a dict:
    the caller changing them in place afterwards does not change the table's record."""
    import types
    module = types.ModuleType("net")

    def forward(v):
        return v + 1.0, {"A": [v * 3.0]}

    def main(v):
        F, cache = module.forward(v)
        F[0] = 99.0
        cache["A"][0][1] = -1.0
        cache["A"].append(F)
        return float(F.sum())

    module.forward, module.main = forward, main
    _, table = tracing.record(module, ("forward", "main"), "main", (np.array([1.0, 2.0]),))
    (_, (F, cache)), = table["forward"]
    assert F.tolist() == [2.0, 3.0] and len(cache["A"]) == 1 and cache["A"][0].tolist() == [3.0, 6.0]
