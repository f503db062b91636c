"""From what a student's function returned to points and words, in the course's terms.

The check is the tutorial's ``delta_yhat(theta, x, y)`` = δ_ŷ(x, y) = 2(ŷ(x) − y) on the
spec's two examples (θ = (1, 1, 0, 1, 0): δ_ŷ(x1, y1) = 3.4, δ_ŷ(x2, y2) = −3.8) and one more
worked here by hand (x = (1, 1), y = 0.5: ŷ = 2, δ_ŷ = 3); the mistakes' outputs are worked
by hand too: forgetting the factor 2 gives ŷ − y, the wrong sign gives 2(y − ŷ).
"""
import numpy as np
import pytest

from autograder.student import grading
from autograder.student.grading import Outcome, grade
from autograder.student.model import Case, Check, Mistake

THETA = np.array([1.0, 1.0, 0.0, 1.0, 0.0])
EXAMPLES = [((2.0, 1.0), 1.3, 3.4, 1.7, -3.4), ((-3.0, 2.0), 1.9, -3.8, -1.9, 3.8), ((1.0, 1.0), 0.5, 3.0, 1.5, -3.0)]
MISTAKES = (Mistake("factor-two-missing", "δ_ŷ = 2(ŷ − y): the factor 2 is missing."),
            Mistake("sign-flipped", "δ_ŷ = 2(ŷ − y), not 2(y − ŷ)."))


def check(points=1.0, hidden=(False, False, True), unchanged=(), extra_mistakes=None):
    cases = []
    for (x, y, right, no_two, flipped), h in zip(EXAMPLES, hidden):
        mistakes = {"factor-two-missing": no_two, "sign-flipped": flipped, **((extra_mistakes or {}).get(x, {}))}
        cases.append(Case((THETA.copy(), np.array(x), y), right, f"x={x}", h, mistakes=mistakes, unchanged=unchanged))
    return Check("delta_yhat", "delta_yhat(theta, x, y)", "δ_ŷ(x, y)", tuple(cases), MISTAKES,
                 points_public=points, points_hidden=points)


def ok(*values):
    return [Outcome("ok", v) for v in values]


def test_points_are_the_share_of_cases_passed():
    assert grade(check(), ok(3.4, -3.8), hidden=False).score == 1.0
    assert grade(check(), ok(3.4, 0.0), hidden=False).score == 0.5
    assert grade(check(points=3.0), ok(0.0, -3.8), hidden=False).score == 1.5
    assert grade(check(), ok(0.0, 0.0), hidden=False).score == 0.0
    result = grade(check(hidden=(False, False, False)), ok(3.4, 0.0, 0.0), hidden=False)
    assert (result.score, result.max_score, result.passed) == (0.3333, 1.0, 1)   # 1/3, to 4 decimals


def test_public_and_hidden_cases_are_graded_apart():
    public, hidden = grade(check(), ok(3.4, -3.8), hidden=False), grade(check(), ok(0.0), hidden=True)
    assert [c.label for c in public.cases] == ["x=(2.0, 1.0)", "x=(-3.0, 2.0)"]
    assert [c.label for c in hidden.cases] == ["x=(1.0, 1.0)"] and hidden.score == 0.0 and hidden.hidden


def test_a_public_case_shows_the_call_the_answer_and_the_expected_value_a_hidden_one_none():
    public = grade(check(), ok(1.7, -3.8), hidden=False).cases[0]
    assert public.call == "delta_yhat(theta=[1, 1, 0, 1, 0], x=[2, 1], y=1.3)"
    assert (public.got, public.expected, public.passed) == ("1.7", "3.4", False)
    assert public.reason == "wrong value"
    secret = grade(check(), ok(1.5), hidden=True).cases[0]
    assert (secret.call, secret.got, secret.expected) == ("", "", "")
    assert "3" not in secret.reason and secret.mistake == "factor-two-missing"


def test_one_slip_gets_one_name_the_mistake_that_fits_the_most_failed_cases():
    """On x1 a third mistake's output also equals ŷ − y; the factor-2 slip fits both failed
    cases and is named on both, the other one (fitting one case) on none."""
    extra = {(2.0, 1.0): {"halved": 1.7}}
    c = check(hidden=(False, False, False), extra_mistakes=extra)
    c = Check(c.function, c.signature, c.returns, c.cases, (Mistake("halved", "halved"),) + MISTAKES)
    result = grade(c, ok(1.7, -1.9, 3.0), hidden=False)
    assert [r.mistake for r in result.cases] == ["factor-two-missing", "factor-two-missing", None]
    assert result.mistakes == ("factor-two-missing",)


def test_between_mistakes_that_fit_as_many_cases_the_catalogue_order_decides():
    extra = {(2.0, 1.0): {"halved": 1.7}}
    for first in ("halved", "factor-two-missing"):
        catalogue = tuple(sorted((Mistake("halved", "h"),) + MISTAKES, key=lambda m: m.id != first))
        base = check(extra_mistakes=extra)
        c = Check(base.function, base.signature, base.returns, base.cases, catalogue)
        assert grade(c, ok(1.7, -3.8), hidden=False).cases[0].mistake == first


def test_a_mistake_whose_output_equals_the_right_answer_on_a_case_is_not_named_there():
    """If the mistake's output on x1 equals δ_ŷ(x1, y1) = 3.4, a wrong 3.4… cannot be that mistake."""
    extra = {(2.0, 1.0): {"same-here": 3.4 * (1 + 1e-9)}}
    base = check(extra_mistakes=extra)
    c = Check(base.function, base.signature, base.returns, base.cases, (Mistake("same-here", "s"),) + MISTAKES)
    result = grade(c, ok(3.4 * (1 + 1e-9), 0.0), hidden=False)
    assert result.cases[0].passed and result.cases[0].mistake is None


def test_returning_the_same_value_on_every_case_earns_nothing():
    """3.4 is right on x1 only; a function that always returns 3.4 ignores its inputs."""
    result = grade(check(), ok(3.4, 3.4), hidden=False)
    assert result.score == 0.0 and result.cases[0].passed
    assert result.diagnosis.startswith("It returns the same value whatever the arguments, so it earns no points here.")


def test_the_same_value_on_every_case_is_fine_when_the_right_values_are_the_same():
    same = Check("relu", "relu(z)", "g(z)", (Case((np.array(0.0),), 0.0, "z=0"), Case((np.array(-2.0),), 0.0, "z=-2")))
    assert grade(same, ok(0.0, 0.0), hidden=False).score == 1.0


def test_returning_the_first_argument_unchanged_earns_nothing():
    """gd_step(θ, grad, η) = θ − η·grad; returning θ is right only where grad = 0."""
    theta, other = np.array([1.0, 2.0]), np.array([3.0, 4.0])
    cases = (Case((theta, np.array([0.0, 0.0]), 0.1), (1.0, 2.0), "grad=0"),
             Case((other, np.array([1.0, 1.0]), 0.1), (2.9, 3.9), "grad=1"))
    cases = tuple(Case(c.args, grading.codec.plain(np.array(c.expected)), c.label) for c in cases)
    step = Check("gd_step", "gd_step(theta, grad, eta)", "θ − η·grad", cases)
    echo = grade(step, ok(theta.copy(), other.copy()), hidden=False)
    assert echo.score == 0.0 and echo.diagnosis.startswith("It returns its first argument unchanged, so it earns no points here.")
    right = grade(step, ok(np.array([1.0, 2.0]), np.array([2.9, 3.9])), hidden=False)
    assert right.score == 1.0 and right.diagnosis == ""


def test_the_right_value_with_theta_changed_in_place_fails_and_says_so():
    c = check(unchanged=(0,))
    c = Check(c.function, c.signature, c.returns, c.cases, MISTAKES + (Mistake("theta-in-place", "θ changed"),))
    outcomes = [Outcome("ok", 3.4, changed=(0,)), Outcome("ok", -3.8)]
    result = grade(c, outcomes, hidden=False)
    assert [r.passed for r in result.cases] == [False, True] and result.score == 0.5
    assert result.cases[0].reason == "returned the right value but changed its argument `theta` in place"
    assert result.cases[0].mistake == "theta-in-place"
    # an argument the case does not protect may change
    assert grade(check(), outcomes, hidden=False).score == 1.0


def test_a_call_that_did_not_return_fails_with_its_reason_and_missing_outcomes_count_as_not_run():
    result = grade(check(), [Outcome("raised", reason="raised ValueError: shapes (2,) and (3,)")], hidden=False)
    assert result.cases[0].reason == 'your code raised ValueError: "shapes (2,) and (3,)"'
    assert result.cases[1].reason == "not_run" and result.score == 0.0
    assert grade(check(), [Outcome("timeout", reason="took longer than 2 s"), Outcome("ok", -3.8)],
                 hidden=False).cases[0].reason == "took longer than 2 s"


def test_a_raise_with_a_strange_name_is_quoted_whole():
    assert grading.failure_text(Outcome("raised", reason="raised no such: thing")) == 'your code raised: "no such: thing"'
    assert grading.failure_text(Outcome("raised", reason="KeyError")) == "your code raised KeyError"
    assert grading.failure_text(Outcome("exited")) == "exited"


def test_probe_cases_are_run_but_never_scored():
    base = check(hidden=(False, True, True))
    probe = Case((THETA.copy(), np.array([2.0, 1.0]), 2.3), 1.4, "probe", True, probe=True, base=1, varies="y")
    c = Check(base.function, base.signature, base.returns, base.cases + (probe,), MISTAKES)
    result = grade(c, ok(-3.8, 3.0, 99.0), hidden=True)
    assert [r.label for r in result.cases] == ["x=(-3.0, 2.0)", "x=(1.0, 1.0)"] and result.score == 1.0


def test_a_function_that_is_missing_gets_a_zero_on_every_case_with_one_reason():
    result = grading.missing(check(), hidden=False, note="`delta_yhat` is not defined")
    assert result.score == 0.0 and result.max_score == 1.0 and result.note == "`delta_yhat` is not defined"
    assert [(r.passed, r.reason) for r in result.cases] == [(False, "`delta_yhat` is not defined")] * 2


@pytest.mark.parametrize("signature, names", [
    ("forward(theta, x)", ["theta", "x"]), ("gradient_descent(theta, X, Y, eta, steps=100)",
                                            ["theta", "X", "Y", "eta", "steps"]), ("f()", [])])
def test_parameter_names_come_from_the_signature(signature, names):
    assert grading.parameters(signature) == names


def test_hidden_cases_earn_the_hidden_points_and_say_they_are_hidden():
    base = check()
    c = Check(base.function, base.signature, base.returns, base.cases, MISTAKES, points_public=1.0, points_hidden=4.0)
    hidden = grade(c, ok(3.0), hidden=True)
    assert (hidden.score, hidden.max_score, hidden.hidden, hidden.function) == (4.0, 4.0, True, "delta_yhat")
    assert hidden.cases[0].hidden is True and hidden.note == "" and hidden.notes == () and hidden.behaviour == ()
    public = grade(c, ok(3.4, -3.8), hidden=False)
    assert (public.score, public.max_score) == (1.0, 1.0) and public.cases[0].hidden is False
    gone = grading.missing(c, hidden=True, note="`delta_yhat` is not defined")
    assert (gone.function, gone.hidden, gone.max_score) == ("delta_yhat", True, 4.0)
    assert [(r.label, r.hidden) for r in gone.cases] == [("x=(1.0, 1.0)", True)]


def test_a_check_with_no_cases_of_a_kind_scores_zero_there():
    base = check(hidden=(False, False, False))
    assert grade(base, [], hidden=True).score == 0.0 and grade(base, [], hidden=True).cases == ()


def test_a_mistake_missing_from_the_catalogue_can_still_be_named():
    base = check(extra_mistakes={(2.0, 1.0): {"unlisted": 1.0}})
    result = grade(base, ok(1.0, -3.8), hidden=False)
    assert result.cases[0].mistake == "unlisted"


def test_a_wrong_answer_on_every_case_gets_the_general_diagnosis():
    """6.8 and −7.6 are 2 × the right 3.4 and −3.8, and no listed mistake predicts that."""
    base = check()
    c = Check(base.function, base.signature, base.returns, tuple(
        Case(k.args, k.expected, k.label, k.hidden) for k in base.cases), MISTAKES)
    result = grade(c, ok(6.8, -7.6), hidden=False)
    assert result.score == 0.0 and "2 × the right value" in result.diagnosis
    assert "earns no points" not in result.diagnosis        # nothing passed, nothing to take back


def test_calls_that_raised_everywhere_have_no_diagnosis():
    result = grade(check(), [Outcome("raised", reason="raised ValueError: x")] * 2, hidden=False)
    assert result.diagnosis == "" and result.score == 0.0


def test_the_same_value_everywhere_is_said_first_then_what_it_is():
    ignores = "It returns the same value whatever the arguments, so it earns no points here."
    assert grade(check(), ok(3.4, 3.4), hidden=False).diagnosis == ignores     # nothing more to say
    theta = np.array([1.0, 2.0])
    cases = (Case((theta, np.array([0.0, 0.0]), 0.1), grading.codec.plain(np.array([1.0, 2.0])), "grad=0"),
             Case((theta, np.array([1.0, 1.0]), 0.1), grading.codec.plain(np.array([0.9, 1.9])), "grad=1"))
    step = Check("gd_step", "gd_step(theta, grad, eta)", "θ − η·grad", cases)
    said = grade(step, ok(theta.copy(), theta.copy()), hidden=False).diagnosis
    assert said.startswith(ignores + " It is ") and "`theta`" in said


def test_float32_seen_is_noted_once_for_the_function():
    result = grade(check(), ok(np.float32(3.4), np.float32(-3.8)), hidden=False)
    assert result.score == 1.0 and len(result.notes) == 1 and "float32" in result.notes[0]


def long_dict_reason(length):
    """A dict expected with keys whose list makes the student's message exactly ``length`` long."""
    head = "returned a list of length 0, expected a dict with keys "
    keys, text = [], ""
    while True:
        keys.append(f"k{len(keys):03d}")
        text = head + str(sorted(keys))
        if len(text) >= length - 12:
            break
    keys[-1] = keys[-1] + "x" * (length - len(text))
    text = head + str(sorted(keys))
    assert len(text) == length
    return keys, text


@pytest.mark.parametrize("length, shown", [(600, "whole"), (601, "cut")])
def test_a_reason_is_shown_whole_up_to_600_characters(length, shown):
    keys, text = long_dict_reason(length)
    c = Check("params", "params(a)", "a dict", (Case((1.0,), {k: 0.0 for k in keys}, "one"),))
    reason = grade(c, ok([]), hidden=False).cases[0].reason
    assert reason == (text if shown == "whole" else text[:600] + "…")


@pytest.mark.parametrize("keys, cut", [(181, False), (182, True)])
def test_what_came_back_is_shown_whole_up_to_2000_characters(keys, cut):
    """{'k000': 1, …}: 9 characters an entry and 2 between, so n entries make 11·n: 1991, then 2002."""
    want = {f"k{i:03d}": 0.0 for i in range(keys)}
    c = Check("params", "params(a)", "a dict", (Case((1.0,), want, "one"),))
    got = grade(c, ok({k: 1.0 for k in want}), hidden=False).cases[0].got
    text = "{" + ", ".join(f"'k{i:03d}': 1" for i in range(keys)) + "}"
    assert got == (text[:2000] + "…" if cut else text)


def test_why_a_call_did_not_return_is_cut_to_200_characters():
    assert grading.failure_text(Outcome("exited", reason="x" * 200)) == "x" * 200
    assert grading.failure_text(Outcome("exited", reason="x" * 201)) == "x" * 200 + "…"


def test_a_constant_wrong_answer_is_not_told_it_earns_nothing_for_it():
    """0 on every case passes none: there is nothing to take back, only what the values are."""
    result = grade(check(), ok(0.0, 0.0), hidden=False)
    assert result.score == 0.0 and "earns no points" not in result.diagnosis


def test_returning_the_first_argument_is_fine_where_that_is_the_right_answer():
    """gd_step(θ, 0, η) = θ: a step with a zero gradient leaves θ where it is."""
    cases = tuple(Case((np.array(t), np.zeros(2), 0.1), grading.codec.plain(np.array(t)), f"θ={t}")
                  for t in ([1.0, 2.0], [3.0, 4.0]))
    step = Check("gd_step", "gd_step(theta, grad, eta)", "θ − η·grad", cases)
    result = grade(step, ok(np.array([1.0, 2.0]), np.array([3.0, 4.0])), hidden=False)
    assert result.score == 1.0 and result.diagnosis == ""


def test_a_value_the_comparison_cannot_read_is_judged_case_by_case():
    result = grade(check(), ok(object(), -3.8), hidden=False)
    assert result.score == 0.5 and [r.passed for r in result.cases] == [False, True]


def test_every_argument_changed_in_place_is_named_and_the_value_shown():
    c = check(unchanged=(0, 1))
    result = grade(c, [Outcome("ok", 3.4, changed=(0, 1)), Outcome("ok", -3.8)], hidden=False)
    first = result.cases[0]
    assert first.reason == "returned the right value but changed its argument `theta`, `x` in place"
    assert first.got == "3.4" and first.passed is False


RELU_PRIME = [(2.0, 1.0), (-1.0, 0.0), (0.0, 0.0), (3.0, 1.0), (-2.5, 0.0)]   # z, ReLU'(z) (0 at the kink)


def relu_prime_check():
    cases = tuple(Case((z,), right, f"z={z}", facts={"z": z}) for z, right in RELU_PRIME)
    return Check("relu_derivative", "relu_derivative(z)", "ReLU'(z)", cases)


def test_the_diagnosis_says_which_cases_fail_from_the_ones_that_passed():
    """½ where 0 belongs for z ≤ 0, right for z > 0: the failed cases are exactly those with
    z ≤ 0, which only the passed cases' z (2 and 3, both > 0) can show."""
    result = grade(relu_prime_check(), ok(1.0, 0.5, 0.5, 1.0, 0.5), hidden=False)
    assert result.score == 0.4
    assert result.diagnosis.endswith("; every case where z ≤ 0 fails and every other case passes")


@pytest.mark.parametrize("broken", ["explain", "probe_findings"])
def test_a_diagnosis_that_fails_costs_nothing_and_says_nothing(monkeypatch, broken):
    """The diagnosis is a help on top of the verdicts: should it ever raise (a student's value
    it did not foresee), the points and the verdicts stand and no half-made sentence is shown."""
    def fails(*args, **kwargs):
        raise RuntimeError("the diagnosis broke")
    monkeypatch.setattr(grading.diagnose, broken, fails)
    result = grade(relu_prime_check(), ok(1.0, 0.5, 0.5, 1.0, 0.5), hidden=False)
    assert (result.score, [c.passed for c in result.cases]) == (0.4, [True, False, False, True, False])
    assert (result.diagnosis, result.behaviour) == ("", ())


def test_a_known_mistake_that_fits_one_failed_case_by_coincidence_is_not_named():
    """1.7 on x1 is ŷ − y (the factor 2 missing), but on x2 that mistake gives −1.9 and the
    student returned −7.6: a student who forgot the 2 would have returned −1.9. The mistake does
    not explain the failures, so it is named nowhere; it is named when it fits both."""
    both = check(hidden=(False, False, False))
    result = grade(both, ok(1.7, -7.6, 3.0), hidden=False)
    assert result.passed == 1 and result.mistakes == ()
    assert all(c.mistake is None for c in result.cases)
    result = grade(both, ok(1.7, -1.9, 3.0), hidden=False)
    assert result.mistakes == ("factor-two-missing",)
    assert [c.mistake for c in result.cases] == ["factor-two-missing", "factor-two-missing", None]


def test_a_case_that_raised_says_nothing_against_a_known_mistake():
    both = check(hidden=(False, False, False))
    outcomes = [Outcome("ok", 1.7), Outcome("raised", reason="raised ValueError: x"), Outcome("ok", 3.0)]
    assert grade(both, outcomes, hidden=False).mistakes == ("factor-two-missing",)


def test_the_case_that_contradicts_a_mistake_counts_wherever_it_is_among_the_cases():
    both = check(hidden=(False, False, False))
    # the contradicting case first, the fitting one after; then a passed case before both
    assert grade(both, ok(5.0, -1.9, 3.0), hidden=False).mistakes == ()
    rows = [EXAMPLES[2], EXAMPLES[0], EXAMPLES[1]]
    cases = [Case((THETA.copy(), np.array(x), y), right, f"x={x}", False, mistakes={"factor-two-missing": no_two})
             for x, y, right, no_two, _ in rows]
    reordered = Check("delta_yhat", "delta_yhat(theta, x, y)", "δ_ŷ(x, y)", tuple(cases), MISTAKES)
    assert grade(reordered, ok(3.0, 1.7, -7.6), hidden=False).mistakes == ()
    assert grade(reordered, ok(3.0, 1.7, -1.9), hidden=False).mistakes == ("factor-two-missing",)


def test_a_mistake_recorded_in_several_forms_is_contradicted_by_any_of_them():
    """'id#k' is form k of mistake 'id' (e.g. the factor missing, written two ways)."""
    cases = [Case((THETA.copy(), np.array(x), y), right, f"x={x}", False,
                  mistakes={"factor-two-missing#0": no_two, "factor-two-missing#1": no_two / 2})
             for x, y, right, no_two, _ in EXAMPLES]
    forms = Check("delta_yhat", "delta_yhat(theta, x, y)", "δ_ŷ(x, y)", tuple(cases), MISTAKES)
    assert grade(forms, ok(1.7, -1.9, 3.0), hidden=False).mistakes == ("factor-two-missing",)
    assert grade(forms, ok(1.7, -0.95, 3.0), hidden=False).mistakes == ("factor-two-missing",)   # another form, still it
    assert grade(forms, ok(1.7, -7.6, 3.0), hidden=False).mistakes == ()
