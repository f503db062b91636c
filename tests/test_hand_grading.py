"""A hand-worked part in numbers: each answer right, wrong, not filled in, or right given the
student's own earlier answer (error carried forward), and the points that makes.

The part is the tutorial's forward pass on x1 (spec: z(x1) = 3, h(x1) = 3, ŷ(x1) = 3 with
θ = (1, 1, 0, 1, 0), x1 = (2, 1)); the formulas are the tutorial's: z = w0·x[0] + w1·x[1] + w2,
h = relu(z), ŷ = w3·h + w4.
"""
from autograder.student import grading
from autograder.student.model import HandPart

DATA = {"theta": (1.0, 1.0, 0.0, 1.0, 0.0), "w0": 1.0, "w1": 1.0, "w2": 0.0, "w3": 1.0, "w4": 0.0,
        "x1": (2.0, 1.0)}
FORMULAS = {"z_x1": "w0 * x1[0] + w1 * x1[1] + w2", "h_x1": "relu(z_x1)", "y_hat_x1": "w3 * h_x1 + w4"}
PART = HandPart("part1", "the forward pass", (("z_x1", "z(x1)", 3.0), ("h_x1", "h(x1)", 3.0), ("y_hat_x1", "ŷ(x1)", 3.0)),
                mistakes={"z_x1": {"x-swapped": 3.5}}, messages={"x-swapped": "x[0] and x[1] swapped"},
                points_hidden=3.0, data=DATA, formulas=FORMULAS)


def graded(values, part=PART):
    result = grading.grade_hand(part, values)
    return result, {r.label.split(":")[0]: r for r in result.cases}


def test_right_answers_earn_every_point_with_no_note():
    result, rows = graded({"z_x1": 3.0, "h_x1": 3.0, "y_hat_x1": 3.0})
    assert (result.function, result.hidden, result.score, result.max_score) == ("part1", True, 3.0, 3.0)
    assert [r.label for r in result.cases] == ["z_x1: z(x1)", "h_x1: h(x1)", "y_hat_x1: ŷ(x1)"]
    assert all(r.passed is True and r.hidden is True and r.note == "" and r.mistake is None for r in result.cases)


def test_the_tutorials_rounding_is_accepted():
    """The tutorial rounds to 3 decimals: 2.855 for L(D) = 2.855647… (atol 1e-3)."""
    part = HandPart("part6", "after the step", (("L_D_next", "L(D)", 2.855647324402),), points_hidden=1.0)
    assert grading.grade_hand(part, {"L_D_next": 2.855}).score == 1.0
    assert grading.grade_hand(part, {"L_D_next": 2.86}).score == 0.0


def test_an_answer_not_filled_in_says_so_and_earns_nothing():
    result, rows = graded({"z_x1": 3.0, "h_x1": ..., "y_hat_x1": 3.0})
    assert rows["h_x1"].passed is False and rows["h_x1"].reason == "not filled in yet"
    assert rows["y_hat_x1"].passed is True and result.score == 2.0
    assert graded({"z_x1": 3.0})[1]["h_x1"].reason == "not filled in yet"


def test_a_wrong_answer_names_the_mistake_and_says_is_not_returned():
    result, rows = graded({"z_x1": 3.5, "h_x1": 3.0, "y_hat_x1": 3.0})
    assert rows["z_x1"].passed is False and rows["z_x1"].mistake == "x-swapped" and rows["z_x1"].reason == "wrong value"
    assert graded({"z_x1": "three", "h_x1": 3.0, "y_hat_x1": 3.0})[1]["z_x1"].reason == "is a str, expected a number"
    assert result.score == 2.0


def test_an_answer_that_follows_from_the_students_own_wrong_answer_counts_right_with_a_note():
    """z(x1) = 3.5 (wrong), then h = relu(3.5) = 3.5 and ŷ = 1·3.5 + 0 = 3.5 follow from it."""
    result, rows = graded({"z_x1": 3.5, "h_x1": 3.5, "y_hat_x1": 3.5})
    assert [r.passed for r in result.cases] == [False, True, True] and result.score == 2.0
    assert rows["h_x1"].note == ("counted right: it follows correctly from your z_x1 "
                                "(the earlier mistake costs only where it was made: error carried forward)")
    assert rows["h_x1"].mistake is None and rows["z_x1"].note == ""


def test_the_note_lists_every_wrong_earlier_answer_it_follows_from():
    part = HandPart("p", "sum", (("a", "a", 1.0), ("b", "b", 2.0), ("c", "a + b", 3.0)), points_hidden=1.0,
                    formulas={"c": "a + b"})
    rows = {r.label.split(":")[0]: r for r in grading.grade_hand(part, {"a": 2.0, "b": 3.0, "c": 5.0}).cases}
    assert rows["c"].passed and "from your a, b (the earlier" in rows["c"].note


def test_a_wrong_answer_that_does_not_follow_is_wrong():
    result, rows = graded({"z_x1": 3.5, "h_x1": 4.0, "y_hat_x1": 3.0})
    assert rows["h_x1"].passed is False and rows["h_x1"].note == ""


def test_right_values_of_other_parts_come_from_the_hidden_data():
    """ŷ(x1) alone, in a later part: its formula reads h_x1, whose right value is hidden data."""
    part = HandPart("part2", "ŷ", (("y_hat_x1", "ŷ(x1)", 3.0),), points_hidden=1.0,
                    data={**DATA, "right.h_x1": 3.0}, formulas={"y_hat_x1": "w3 * h_x1 + w4"})
    assert grading.grade_hand(part, {"h_x1": 4.0, "y_hat_x1": 4.0}).score == 1.0
    assert grading.grade_hand(part, {"h_x1": 3.0, "y_hat_x1": 4.0}).score == 0.0
    earlier = grading.grade_hand(HandPart("part2", "ŷ", part.quantities, points_hidden=1.0, data=DATA,
                                          formulas=part.formulas), {"h_x1": 4.0, "y_hat_x1": 4.0}, earlier={"h_x1": 3.0})
    assert earlier.score == 1.0


def test_a_part_without_formulas_or_data_grades_plainly():
    part = HandPart("p", "z", (("z_x1", "z(x1)", 3.0), ("h_x1", "h(x1)", 3.0)), points_hidden=1.0)
    result = grading.grade_hand(part, {"z_x1": 3.0, "h_x1": 2.0})
    assert result.score == 0.5 and [r.passed for r in result.cases] == [True, False]
    thirds = grading.grade_hand(HandPart("p", "z", part.quantities + (("y", "y", 1.0),), points_hidden=1.0),
                                {"z_x1": 3.0, "h_x1": 2.0, "y": 0.0})
    assert thirds.score == 0.3333


def test_a_part_with_no_quantities_scores_zero():
    assert grading.grade_hand(HandPart("p", "nothing", ()), {}).score == 0.0
