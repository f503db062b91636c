"""From checks to the sandbox calls of one submission, and from its answers back to one outcome
per case: which case a stop is charged to, what the rest become, what a hand value is."""
import numpy as np
import pytest

from autograder.grader import plan
from autograder.sandbox.model import CallOutcome, SubmissionOutcome
from autograder.student.model import Case, Check, HandPart

THETA = np.array([1.0, 1.0, 0.0, 1.0, 0.0])


def check(name, n, unchanged=()):
    cases = tuple(Case((THETA.copy(), np.array([2.0, 1.0]), 1.3 + k), 3.4 - 2 * k, f"case {k}",
                       stubs={"forward": (((THETA.copy(), np.array([2.0, 1.0])), (3.0, 3.0, 3.0)),)},
                       unchanged=unchanged) for k in range(n))
    return Check(name, f"{name}(theta, x, y)", "δ", cases)


CHECKS = [check("delta_yhat", 2), check("example_loss", 3)]
PART = HandPart("part1", "forward", (("z_x1", "z(x1)", 3.0), ("h_x1", "h(x1)", 3.0)))


def submission(*calls):
    return SubmissionOutcome("s", "ok", None, "", list(calls), 1.0)


def record(value, after=None):
    return ["ok", "", value, after]


def test_the_plan_asks_for_the_hand_values_first_then_every_function_in_one_stepped_call():
    p = plan.make(CHECKS, [PART], case_seconds=1.5)
    assert p.variables == ("z_x1", "h_x1") and p.sizes == (2,)
    values, everything = p.levels
    assert values.function == "__grader_values__" and values.args == (["z_x1", "h_x1"],)
    assert everything.function == "__grader_all__" and everything.step_seconds == 1.5
    functions, seconds = everything.args
    assert seconds == 1.5 and [name for name, _ in functions] == ["delta_yhat", "example_loss"]
    args, stubs, protect = functions[0][1][0]
    assert args[2] == 1.3 and list(args[0]) == [1.0, 1.0, 0.0, 1.0, 0.0] and protect is False
    assert list(stubs) == ["forward"] and stubs["forward"][0][1] == (3.0, 3.0, 3.0)
    assert [list(a[0]) for a in stubs["forward"][0][:1]] == [[1.0, 1.0, 0.0, 1.0, 0.0]]
    # the fallback: the hand values, then one stepped call per function
    assert [c.function for c in p.calls] == ["__grader_values__", "__grader_batch__", "__grader_batch__"]
    assert p.calls[2].args[0] == "example_loss" and len(p.calls[2].args[1]) == 3 and p.calls[2].step_seconds == 1.5
    assert plan.make(CHECKS, []).levels[1].step_seconds == plan.CASE_SECONDS == 2.0


def test_a_case_that_must_leave_its_arguments_unchanged_asks_for_them_back():
    p = plan.make([check("gd_step", 1, unchanged=(0,))], [])
    assert p.levels[1].args[0][0][1][0][2] is True


def test_the_all_functions_answer_is_split_by_check_in_order():
    p = plan.make(CHECKS, [PART])
    steps = tuple(record(k) for k in range(5))
    values = CallOutcome("ok", ({"z_x1": 3.0}, []))
    got_values, per_check = plan.answers(p, submission(values, CallOutcome("ok", steps=steps)), CHECKS)
    assert got_values is values
    assert [a.steps for a in per_check] == [steps[:2], steps[2:]] and all(a.status == "ok" for a in per_check)


@pytest.mark.parametrize("everything", [
    CallOutcome("timeout", steps=tuple(record(k) for k in range(5))),      # stopped from outside
    CallOutcome("ok", steps=tuple(record(k) for k in range(4))),           # a case is missing
    CallOutcome("ok", steps=tuple(record(k) for k in range(6))),           # one too many
])
def test_an_all_functions_answer_that_is_not_whole_means_run_again_per_function(everything):
    p = plan.make(CHECKS, [PART])
    assert plan.answers(p, submission(CallOutcome("ok", ({}, [])), everything), CHECKS) is None
    assert plan.answers(p, submission(CallOutcome("ok", ({}, []))), CHECKS) is None


def test_the_per_function_run_is_taken_as_it_is():
    p = plan.make(CHECKS, [PART])
    calls = [CallOutcome("ok", ({}, [])), CallOutcome("ok", steps=(record(1), record(2))), CallOutcome("exited")]
    values, per_check = plan.answers(p, submission(*calls), CHECKS)
    assert values is calls[0] and per_check == calls[1:]


def test_hand_values_and_load_notes():
    answer = CallOutcome("ok", ({"z_x1": 3.0}, ["note one", 7] + [f"n{i}" for i in range(9)]))
    values, notes = plan.hand_values(answer)
    assert values == {"z_x1": 3.0} and notes == ["note one", "n0", "n1", "n2", "n3"]
    assert plan.hand_values(CallOutcome("raised", ({"z_x1": 3.0}, []))) == ({}, [])
    assert plan.hand_values(CallOutcome("ok", ["z_x1", []])) == ({}, [])
    assert plan.hand_values(CallOutcome("ok", ({"z_x1": 3.0},))) == ({}, [])


def test_an_import_the_sandbox_does_not_provide_is_said_in_one_line():
    answer = CallOutcome("ok", ({}, ["cell 3 raised ModuleNotFoundError: No module named 'torch'", "other"]))
    _, notes = plan.hand_values(answer)
    assert notes == ["`cell 3` failed: the module `torch` is not available when grading "
                     "(available: NumPy, SymPy, Matplotlib (no display) and the Python standard library)", "other"]


def test_each_case_gets_the_record_it_reported_and_a_stop_is_charged_to_the_case_it_was_on():
    c = check("example_loss", 4)
    call = CallOutcome("timeout", reason="took longer than 2 s", steps=(record(2.89), ["raised", "ValueError: x", None, None]))
    out = plan.case_outcomes(c, call)
    assert [(o.status, o.value) for o in out[:2]] == [("ok", 2.89), ("raised", None)] and out[1].reason == "ValueError: x"
    assert (out[2].status, out[2].reason) == ("timeout", "took longer than 2 s")
    assert (out[3].status, out[3].reason) == ("not_run", "not run: an earlier case timed out")


def test_a_process_that_stopped_names_why_for_the_cases_not_run():
    out = plan.case_outcomes(check("f", 3), CallOutcome("memory", reason="", steps=(record(1.0),)))
    assert [o.status for o in out] == ["ok", "memory", "not_run"] and out[1].reason == "memory"
    assert out[2].reason == "not run: an earlier case stopped the function's process: memory"


def test_records_that_cannot_be_read_are_a_protocol_failure():
    c = check("f", 2)
    assert [o.status for o in plan.case_outcomes(c, CallOutcome("ok", steps=(record(1),) * 3))] == ["protocol"] * 2
    short = plan.case_outcomes(c, CallOutcome("ok", steps=(record(1),)))
    assert [o.status for o in short] == ["ok", "protocol"]
    assert short[1].reason == "the submission's answers could not be read"
    bad = plan.case_outcomes(c, CallOutcome("ok", steps=(["ok", "", 1], [1, "", 2, None])))
    assert [(o.status, o.reason) for o in bad] == [("protocol", "the submission's answer could not be read")] * 2


def test_an_unstepped_call_answers_with_its_returned_records():
    out = plan.case_outcomes(check("f", 2), CallOutcome("ok", [record(1.0), record(2.0)]))
    assert [o.value for o in out] == [1.0, 2.0]
    assert [o.status for o in plan.case_outcomes(check("f", 1), CallOutcome("ok", "text"))] == ["protocol"]


def test_a_reason_is_cut_to_300_characters():
    out = plan.case_outcomes(check("f", 1), CallOutcome("ok", steps=(["raised", "x" * 400, None, None],)))
    assert out[0].reason == "x" * 300


def test_an_unsupported_returned_type_becomes_an_object_of_that_name():
    out = plan.case_outcomes(check("f", 2), CallOutcome("ok", steps=(record({"__unsupported__": "Tensor"}),
                                                                     record({"__unsupported__": "not a name"}))))
    assert type(out[0].value).__name__ == "Tensor" and type(out[1].value).__name__ == "object"
    kept = plan.case_outcomes(check("f", 1), CallOutcome("ok", steps=(record({"__unsupported__": 1, "x": 2}),)))
    assert kept[0].value == {"__unsupported__": 1, "x": 2}


def test_an_argument_that_came_back_changed_is_named_by_its_position():
    c = check("gd_step", 1, unchanged=(0, 2))
    args = c.cases[0].args
    same = plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, [args[0].copy(), args[1], args[2]]),)))
    assert same[0].changed == ()
    moved = THETA - 0.1
    out = plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, [moved, args[1], 9.9]),)))
    assert out[0].changed == (0, 2)
    short = plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, [moved]),)))
    assert short[0].changed == (0,)
    odd = plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, [object(), args[1], args[2]]),)))
    assert odd[0].changed == (0,)
    free = plan.case_outcomes(check("f", 1), CallOutcome("ok", steps=(record(1.0, [moved, 0, 0]),)))
    assert free[0].changed == ()


def test_three_functions_answers_are_split_at_the_right_places():
    checks = [check("a", 2), check("b", 3), check("c", 1)]
    p = plan.make(checks, [])
    steps = tuple(record(k) for k in range(6))
    _, per_check = plan.answers(p, submission(CallOutcome("ok", ({}, [])), CallOutcome("ok", steps=steps)), checks)
    assert [a.steps for a in per_check] == [steps[:2], steps[2:5], steps[5:]]


def test_too_many_records_say_the_answers_could_not_be_read():
    out = plan.case_outcomes(check("f", 1), CallOutcome("ok", steps=(record(1), record(2))))
    assert [(o.status, o.reason) for o in out] == [("protocol", "the submission's answers could not be read")]


def test_the_reported_steps_win_over_a_returned_value_and_a_stop_with_no_steps_is_charged_to_case_one():
    out = plan.case_outcomes(check("f", 2), CallOutcome("ok", [record(7.0), record(8.0)], steps=(record(1.0), record(2.0))))
    assert [o.value for o in out] == [1.0, 2.0]
    stopped = plan.case_outcomes(check("f", 2), CallOutcome("timeout", None, reason="took longer than 2 s"))
    assert [o.status for o in stopped] == ["timeout", "not_run"]


def test_an_unsupported_value_is_still_an_answer_the_judge_reads():
    out = plan.case_outcomes(check("f", 1), CallOutcome("ok", steps=(record({"__unsupported__": "Tensor"}),)))
    assert out[0].status == "ok"


def test_arguments_that_did_not_come_back_are_not_counted_as_changed():
    c = check("gd_step", 1, unchanged=(0, 1))
    moved = THETA - 0.1
    assert plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, [moved]),)))[0].changed == (0,)
    assert plan.case_outcomes(c, CallOutcome("ok", steps=(record(1.0, None),)))[0].changed == ()
