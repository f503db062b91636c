"""The general diagnosis: how a wrong value relates to the right one, in the course's words.

The first tests build checks by hand (numbers worked out here, independently of the
reference and of the code under test) and feed ``grading.grade`` what a student's function
returned; the later ones grade student-style slipped solutions through a notebook's test
cell, as nbgrader would.
"""
from __future__ import annotations

import io
import contextlib
import math
import re

import numpy as np
import pytest

from autograder.checks import mlp as mlp_checks
from autograder.checks import tutorial_net as tn
from autograder.student import codec, grading, incell
from autograder.student.grading import Outcome
from autograder.student.model import Case, Check, from_json, to_json
from tests.students import mlp as mlp_students
from tests.students import tutorial_net as students
from tests.students.edits import apply
from tests.students.slips import mlp as mlp_slips
from tests.students.slips import tutorial_net as slips


def check_of(name, signature, cases, names=()):
    return Check(name, signature, "", tuple(cases), names=names)


def grade(check, returned, hidden=True):
    outcomes = [Outcome("ok", v) for v in returned]
    return grading.grade(check, outcomes, hidden)


def losses_case(n, seed):
    """L(D) of n examples whose losses are drawn here: the right value is their mean."""
    per = np.random.default_rng(seed).uniform(0.5, 3.0, n)
    return Case((np.zeros(5), np.zeros((n, 2)), np.zeros(n)), float(per.mean()), f"n = {n}", True, facts={"n": float(n)}), per


def test_a_sum_where_the_mean_belongs_is_named_n_times_the_right_value():
    built = [losses_case(n, n) for n in (3, 4, 5)]
    check = check_of("dataset_loss", "dataset_loss(theta, X, Y)", [c for c, _ in built])
    result = grade(check, [float(per.sum()) for _, per in built])
    assert result.score == 0
    assert "it is n × the right value" in result.diagnosis
    assert "a sum over the examples where the mean belongs" in result.diagnosis


def test_a_mean_over_every_entry_is_named_one_over_K():
    cases, returned = [], []
    for n, K in ((2, 3), (4, 2), (3, 5)):
        terms = np.random.default_rng(n * K).uniform(0.1, 2.0, (n, K))
        cases.append(Case((np.zeros((n, K)), np.zeros((n, K))), float(terms.sum() / n), "", True, facts={"n": n, "K": K}))
        returned.append(float(terms.mean()))          # np.mean over all n·K entries
    result = grade(check_of("cross_entropy", "cross_entropy(F, Y)", cases), returned)
    assert "it is 1/K × the right value" in result.diagnosis


def test_a_flipped_sign_and_a_lost_factor_two():
    right = [1.5, -2.25, 0.75]
    cases = [Case((float(r),), r, "", True) for r in right]
    check = check_of("delta_yhat", "delta_yhat(theta, x, y)", cases)
    assert "the sign is flipped" in grade(check, [-r for r in right]).diagnosis
    assert "it is ½ × the right value" in grade(check, [r / 2 for r in right]).diagnosis


def test_a_relation_that_does_not_hold_on_every_failed_case_is_not_shown():
    right = [1.5, -2.25, 0.75]
    cases = [Case((float(r),), r, "", True) for r in right]
    check = check_of("delta_yhat", "delta_yhat(theta, x, y)", cases)
    result = grade(check, [2 * right[0], 3 * right[1], 2 * right[2]])
    assert result.diagnosis == ""


def test_the_output_bias_missing_is_off_by_w4():
    cases, returned = [], []
    for w4, y_hat in ((0.5, 2.0), (-1.0, 0.25), (2.0, -1.5)):
        cases.append(Case((), (0.0, 0.0, y_hat), "", True, facts={"w4": w4}))
        returned.append((0.0, 0.0, y_hat - w4))
    check = check_of("forward", "forward(theta, x)", cases, names=("z(x)", "h(x)", "ŷ(x)"))
    result = grade(check, returned)
    assert result.diagnosis.startswith("ŷ(x): it is the right value − w4")


def test_z_where_h_belongs_names_the_other_part():
    cases, returned = [], []
    for z in (-1.5, -0.5, -2.0):                     # ReLU off: h = 0, ŷ = w4 = 0.3
        cases.append(Case((), (z, 0.0, 0.3), "", True))
        returned.append((z, z, 0.3))                # h returned as z: the ReLU is missing
    result = grade(check_of("forward", "forward(theta, x)", cases, ("z(x)", "h(x)", "ŷ(x)")), returned)
    assert "h(x): it is z(x) (another part of the right value) where the right value belongs" in result.diagnosis


def test_wrong_only_where_the_argument_is_zero():
    z = np.array([-1.0, 0.0, 2.0, 0.0, -3.0])
    right = (z > 0).astype(float)
    case = Case((z,), codec.plain(right), "", True)
    result = grade(check_of("relu_derivative", "relu_derivative(z)", [case]), [(z >= 0).astype(float)])
    assert "wrong exactly at the entries where z = 0" in result.diagnosis


def test_a_transposed_result_is_named():
    right = np.arange(6.0).reshape(2, 3) + 1
    case = Case((), codec.plain(right), "", True)
    result = grade(check_of("gradients", "gradients(params)", [case]), [right.T])
    assert "transpose" in result.diagnosis


def test_an_activation_where_none_belongs_and_a_clip():
    A = np.array([[1.5, -2.0], [0.5, 3.0]])
    case = Case((), codec.plain(A), "", True)
    check = check_of("forward", "forward(params, X, activation, task)", [case])
    assert "σ" in grade(check, [1 / (1 + np.exp(-A))]).diagnosis
    assert "clipped at 0" in grade(check, [np.maximum(A, 0)]).diagnosis


def test_one_number_where_an_array_belongs_is_a_reduction_over_every_entry():
    grad = np.array([0.5, -1.0, 2.0, 0.25, 1.5])
    case = Case((), codec.plain(grad), "", True)
    result = grade(check_of("dataset_gradient", "dataset_gradient(theta, X, Y)", [case]), [float(grad.mean())])
    assert "reduced over every entry" in result.diagnosis


def test_the_argument_returned_unchanged():
    z = np.array([-1.0, 2.0, -0.5])
    case = Case((z,), codec.plain(np.maximum(z, 0)), "", True)
    result = grade(check_of("relu", "relu(z)", [case]), [z.copy()])
    assert "the argument `z` returned unchanged" in result.diagnosis


def test_a_known_mistake_wins_and_correct_values_get_no_diagnosis():
    right = [1.5, -2.25]
    cases = [Case((), r, "", True, mistakes={"factor-2-dropped": r / 2}) for r in right]
    check = Check("delta_yhat", "delta_yhat(theta, x, y)", "", tuple(cases))
    named = grade(check, [r / 2 for r in right])
    assert named.mistakes == ("factor-2-dropped",) and named.diagnosis == ""
    fine = grade(check, right)
    assert fine.score == check.points_hidden and fine.diagnosis == "" and fine.behaviour == ()


def test_probes_are_run_but_never_scored_and_say_what_the_function_ignores():
    base = Case((1.0,), 2.0, "", True, probe=True, varies="the base call")
    moved = Case((1.5,), 3.0, "", True, probe=True, base=1, varies="w4 (the output bias)")
    scored = Case((0.0,), 1.0, "", True)
    check = Check("forward", "forward(theta, x)", "", (scored, base, moved))
    wrong = grading.grade(check, [Outcome("ok", 0.5), Outcome("ok", 2.0), Outcome("ok", 2.0)], True)
    assert len(wrong.cases) == 1 and wrong.score == 0
    assert wrong.behaviour == ("the result does not change when w4 (the output bias) changes; the right one does",)
    right = grading.grade(check, [Outcome("ok", 1.0), Outcome("ok", 0.0), Outcome("ok", 0.0)], True)
    assert right.score == check.points_hidden and right.behaviour == ()   # probes cost nothing


def test_probes_related_values_and_facts_round_trip_and_stay_hidden():
    for check in tn.CHECKS + mlp_checks.CHECKS:
        assert to_json(from_json(to_json(check))) == to_json(check)
        assert not any(c.probe for c in check.only(False).cases)
        for case in check.only(True).cases:
            if case.probe and case.base >= 0:
                assert check.only(True).cases[case.base].probe


# ---- slipped student solutions, graded through a notebook test cell ----------------
def cell_feedback(source, checks, function):
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    check = next(c for c in checks if c.function == function)
    texts = []
    for hidden in (False, True):
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink):
            incell.check(function, namespace, to_json(check.only(hidden)))
        texts.append(sink.getvalue())
    return texts


def test_sigma_on_the_regression_output_layer_is_named_on_the_hidden_cases():
    """The issue's example: its public cases may pass (A^(2) all positive); the hidden ones fail."""
    source = apply(mlp_students.CORRECT, mlp_slips.TUNED["sigma-on-output"][0])
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "forward")
    assert "an activation where none belongs" in hidden


def test_np_mean_over_all_entries_in_cross_entropy_is_named():
    source = apply(mlp_students.CORRECT, mlp_slips.TUNED["ce-mean-over-all"][0])
    public, hidden = cell_feedback(source, mlp_checks.CHECKS, "cross_entropy")
    assert "1/K × the right value" in hidden     # K varies over the hidden cases
    assert "½ × the right value" in public        # the public cases have K = 2 (and carry no facts: the release holds only their own numbers)


def test_the_gradient_computed_once_is_named():
    source = apply(students.CORRECT, slips.TUNED["gd-gradient-once"][0])
    public, hidden = cell_feedback(source, tn.CHECKS, "gradient_descent")
    assert "the gradient computed once" in hidden


def test_a_constant_function_is_seen_by_the_probes():
    source = students.CORRECT.replace("def example_gradient", "def _old", 1) + \
        "\ndef example_gradient(theta, x, y):\n    return np.zeros(5)\n"
    _, hidden = cell_feedback(source, tn.CHECKS, "example_gradient")
    assert "does not change whatever input changes" in hidden


def test_hidden_diagnoses_never_show_a_hidden_number():
    for edits, functions, _ in list(slips.TUNED.values()) + list(slips.HELDOUT.values()):
        source = apply(students.CORRECT, edits)
        for function in functions:
            _, hidden = cell_feedback(source, tn.CHECKS, function)
            said = " ".join(line for line in hidden.splitlines() if "have in common" in line or "one input at a time" in line)
            said = re.sub(r"w\d|x\[\d\]|∂L/∂w\d|\^\(\d\)|z\(x\)|h\(x\)", "", said)
            check = next(c for c in tn.CHECKS if c.function == function)
            secrets = {f"{v:g}" for c in check.cases if c.hidden for v in _leaves(c.expected)
                       if math.isfinite(v) and v != int(v)}
            assert not [s for s in secrets if re.search(rf"(?<![\d.]){re.escape(s)}(?![\d])", said)], (function, said)


def _leaves(tree):
    from autograder.student.judge import leaves
    return leaves(tree)


@pytest.mark.parametrize("assignment", ["tutorial_net", "mlp"])
def test_correct_code_in_every_style_gets_full_marks_and_no_diagnosis(assignment):
    from autograder import diagnosis_bench as bench
    checks = tn.CHECKS if assignment == "tutorial_net" else mlp_checks.CHECKS
    for (name, style), source in bench.styles().items():
        if name != assignment:
            continue
        for function, hidden, lost, text in bench.feedback(source, checks):
            assert not lost, (style, function, text)
            assert "have in common" not in text and "one input at a time" not in text and "Recognised" not in text


def test_float32_results_get_full_marks_and_the_feedback_says_float32_was_seen():
    from autograder import diagnosis_bench as bench
    source = mlp_students.CORRECT + bench.F32_WRAP % (list(mlp_checks.FUNCTIONS),)
    public, hidden = cell_feedback(source, mlp_checks.CHECKS, "gradients")
    assert "float32 was seen" in public and "✔" in public and "✔" in hidden
