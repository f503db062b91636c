"""What an exception raised on the failed cases means (``autograder/student/raised.py``).

Student-style solutions with a shape or index slip are graded through a notebook's test cell
(real numpy raises, real incell path); the expected words are the course's names of the
operands, read off the cases' own shapes. Each test fails on the code before ``raised``
(then a raise got no diagnosis at all).
"""
from __future__ import annotations

from autograder.checks import mlp as mlp_checks
from autograder.checks import tutorial_net as tn
from autograder.student import grading
from autograder.student.grading import Outcome
from tests.students import mlp as mlp_students
from tests.students import tutorial_net as students
from tests.test_diagnose import cell_feedback


def said(text):
    return " ".join(line for line in text.splitlines() if "have in common" in line)


def test_weights_not_transposed_in_forward_name_the_transpose_and_w():
    source = mlp_students.CORRECT.replace("A = np.dot(Z, W.T) + b", "A = np.dot(Z, W) + b")
    _, hidden = cell_feedback(source, mlp_checks.CHECKS, "forward")
    words = said(hidden)
    assert "np.dot(P, Q)" in words and "W^(" in words and "transposed" in words, hidden


def test_an_if_on_an_array_is_named_elementwise():
    source = students.CORRECT.replace("return np.maximum(z, 0)", "if z > 0:\n        return z\n    return 0 * z")
    public, hidden = cell_feedback(source, tn.CHECKS, "relu")
    assert "elementwise" in said(public) and "elementwise" in said(hidden)


def test_a_loop_one_past_n_names_the_argument_and_the_loop_bound():
    source = students.CORRECT.replace("    for x, y in zip(X, Y):\n        total += example_loss(theta, x, y)",
                                      "    for i in range(len(X) + 1):\n        total += example_loss(theta, X[i], Y[i])")
    _, hidden = cell_feedback(source, tn.CHECKS, "dataset_loss")
    words = said(hidden)
    assert "one past the end of `X`" in words and "loop bound" in words, hidden


def test_the_students_message_never_reaches_the_diagnosis_and_mixed_errors_get_none():
    check = next(c for c in tn.CHECKS if c.function == "relu").only(True)
    n = sum(not c.probe for c in check.cases)
    forged = "raised ValueError: shapes (2,3) and (3,4) not aligned <b>hi</b>"
    result = grading.grade(check, [Outcome("raised", reason=forged)] * n, True)
    assert "np.dot(P, Q)" in result.diagnosis and "<b>" not in result.diagnosis and "hi" not in result.diagnosis
    mixed = [Outcome("raised", reason=forged)] + [Outcome("raised", reason="raised KeyError: 'x'")] * (n - 1)
    assert grading.grade(check, mixed, True).diagnosis == ""


def test_a_wrong_derivative_formula_is_compared_with_the_course_one_at_telling_points():
    """2 − tanh²(a): no constant relation to 1 − tanh²(a), but above 1 (tanh' ≤ 1, at a = 0) and → 2 − 1 = 1, not 0, for large |a|."""
    source = mlp_students.CORRECT.replace("return 1 - np.tanh(a) ** 2", "return 2 - np.tanh(a) ** 2")
    public, hidden = cell_feedback(source, mlp_checks.CHECKS, "tanh_derivative")
    for text in (public, hidden):
        words = said(text)
        assert "it is not tanh'(a) = 1 − tanh²(a)" in words and "above 1" in words, text
    assert "is near 1 where tanh'(a) → 0" in said(public)



def test_the_task_check_inverted_returns_each_case_the_other_tasks_right_value():
    source = mlp_students.CORRECT.replace('F = softmax(As[-1]) if task == "classification" else As[-1]',
                                          'F = As[-1] if task == "classification" else softmax(As[-1])')
    for text in cell_feedback(source, mlp_checks.CHECKS, "forward"):
        assert "the right value for the other task" in said(text) and "task check is inverted" in said(text), text
