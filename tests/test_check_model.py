"""Checks as data: a check travels as JSON into notebook test cells and the grader and comes
back the same; a public or hidden view keeps its probes pointing at their base cases."""
import json

import numpy as np

from autograder.student.codec import Flat, plain
from autograder.student.model import Case, Check, Mistake, from_json, to_json

THETA = np.array([1.0, 1.0, 0.0, 1.0, 0.0])


def example_check():
    """example_gradient on x1 = (2, 1), y1 = 1.3 and x2 = (−3, 2), y2 = 1.9 (spec's numbers)."""
    public = Case((THETA.copy(), np.array([2.0, 1.0]), 1.3), plain(np.array([6.8, 3.4, 3.4, 10.2, 3.4])), "x1",
                  stubs={"forward": (((THETA.copy(), np.array([2.0, 1.0])), (3.0, 3.0, 3.0)),)},
                  mistakes={"x-swapped": plain(np.array([3.4, 6.8, 3.4, 10.2, 3.4]))}, unchanged=(0,))
    hidden = Case((THETA.copy(), np.array([-3.0, 2.0]), 1.9), plain(np.array([0.0, 0.0, 0.0, 0.0, -3.8])), "x2", True,
                  related={"δ_ŷ": -3.8}, facts={"n": 1, "w3": 1.0})
    probe = Case((THETA.copy(), np.array([-3.0, 2.0]), 2.9), plain(np.array([0.0, 0.0, 0.0, 0.0, -5.8])), "x2, y + 1",
                 True, probe=True, base=1, varies="y")
    return Check("example_gradient", "example_gradient(theta, x, y)", "∇θ L(x, y)", (public, hidden, probe),
                 (Mistake("x-swapped", "x[0] and x[1] are swapped"),), rtol=1e-5, atol=1e-8,
                 points_public=2.0, points_hidden=3.0, names=("∂L/∂w0", "∂L/∂w1", "∂L/∂w2", "∂L/∂w3", "∂L/∂w4"))


def test_a_check_comes_back_from_json_the_same():
    check = example_check()
    text = to_json(check)
    back = from_json(text)
    assert to_json(back) == text
    assert (back.function, back.signature, back.returns, back.rtol, back.atol, back.points_public, back.points_hidden) == \
        ("example_gradient", "example_gradient(theta, x, y)", "∇θ L(x, y)", 1e-5, 1e-8, 2.0, 3.0)
    assert back.names == check.names and back.mistakes == check.mistakes
    public, hidden, probe = back.cases
    assert public.label == "x1" and public.hidden is False and public.unchanged == (0,)
    assert public.args[1].tolist() == [2.0, 1.0] and public.args[2] == 1.3
    assert public.expected == Flat((5,), (6.8, 3.4, 3.4, 10.2, 3.4))
    assert public.mistakes == {"x-swapped": Flat((5,), (3.4, 6.8, 3.4, 10.2, 3.4))}
    assert public.stubs["forward"][0][1] == (3.0, 3.0, 3.0) and public.stubs["forward"][0][0][1].tolist() == [2.0, 1.0]
    assert public.related == {} and public.facts == {} and public.probe is False and public.base == -1
    assert hidden.related == {"δ_ŷ": -3.8} and hidden.facts == {"n": 1.0, "w3": 1.0} and hidden.hidden is True
    assert (probe.probe, probe.base, probe.varies) == (True, 1, "y")


def test_the_json_is_one_head_line_then_one_line_per_case_readable_in_a_cell():
    lines = to_json(example_check()).splitlines()
    assert len(lines) == 4
    head = json.loads(lines[0])
    assert head["mistakes"] == [["x-swapped", "x[0] and x[1] are swapped"]] and head["names"][0] == "∂L/∂w0"
    assert "∇θ" in lines[0] and "δ_ŷ" in lines[2]                     # the course's symbols, not \\u escapes
    assert ": " not in lines[1] and ", " not in lines[1]                # cases are compact
    assert "probe" not in json.loads(lines[1]) and json.loads(lines[3])["probe"] is True
    assert "related" not in json.loads(lines[1]) and "names" not in json.loads(to_json(
        Check("relu", "relu(z)", "g(z)", ())).splitlines()[0])


def test_a_check_without_names_or_probes_reads_back_with_defaults():
    text = to_json(Check("relu", "relu(z)", "g(z)", (Case((np.array(2.0),), 2.0, "z=2"),)))
    back = from_json(text)
    assert back.names == () and back.cases[0].probe is False and back.cases[0].varies == "" and back.cases[0].base == -1


def test_the_public_and_hidden_views_keep_probes_on_their_base_case():
    check = example_check()
    hidden = check.only(True)
    assert [c.label for c in hidden.cases] == ["x2", "x2, y + 1"] and hidden.cases[1].base == 0
    public = check.only(False)
    assert [c.label for c in public.cases] == ["x1"] and public.cases[0].base == -1
    assert check.only(True).cases[0].base == -1
    assert [c.label for c in check.scored(True)] == ["x2"] and [c.label for c in check.scored(False)] == ["x1"]
    assert check.points(True) == 3.0 and check.points(False) == 2.0
    assert check.message("x-swapped") == "x[0] and x[1] are swapped"


def test_a_probe_whose_base_is_of_the_other_kind_points_nowhere():
    check = example_check()
    stray = Case(check.cases[2].args, check.cases[2].expected, "stray", True, probe=True, base=0, varies="y")
    view = Check(check.function, check.signature, check.returns, check.cases + (stray,)).only(True)
    assert [c.base for c in view.cases] == [-1, 0, -1]


def test_related_arrays_read_back_as_plain_records():
    check = example_check()
    hidden = check.cases[1]
    related = Case(hidden.args, hidden.expected, "x2", True, related={"∇θ L(x1, y1)": plain(np.array([6.8, 3.4]))})
    back = from_json(to_json(Check(check.function, check.signature, check.returns, (related,))))
    assert back.cases[0].related == {"∇θ L(x1, y1)": Flat((2,), (6.8, 3.4))}


def test_the_same_check_gives_the_same_text_keys_in_order():
    head, *rows = to_json(example_check()).splitlines()
    assert list(json.loads(head)) == sorted(json.loads(head))
    assert all(list(json.loads(r)) == sorted(json.loads(r)) for r in rows)
    assert list(json.loads(rows[0])["stubs"]) == sorted(json.loads(rows[0])["stubs"])
