"""Does the worked solution state sympy's numbers, every one of them, and nothing typed?"""
from __future__ import annotations

import re
from fractions import Fraction

import pytest

from autograder.generate import decimals, sheet, variants
from reference.symbolic import tutorial_exact

DISPLAY = re.compile(r"^\$\$(.*)\$\$$", re.M)


def some_variants():
    F = Fraction
    tutorial = variants.derive(0, None, 0, tuple(map(F, (1, 1, 0, 1, 0))), ((F(2), F(1)), (F(-3), F(2))),
                               (F(13, 10), F(19, 10)), F(1, 100))
    return [tutorial] + [variants.first_valid(seed, s) for seed in range(12) for s in (None, "ana")]


VARIANTS = some_variants()


def stated(md: str) -> dict:
    """{(answers key, example index): [the values the sheet states for it]} from its display equations."""
    out = {}
    for line in DISPLAY.findall(md):
        sides = line.split(" = ")
        if sides[0] in sheet.LABELS:
            last = sides[-1]
            if last.startswith(r"\left("):
                value = tuple(Fraction(x) for x in last[len(r"\left("):-len(r"\right)")].split(", "))
            else:
                value = Fraction(last)
            out.setdefault(sheet.LABELS[sides[0]], []).append(value)
    return out


def flat(value):
    return tuple(Fraction(int(q.p), int(q.q)) for q in value) if isinstance(value, tuple) else Fraction(int(value.p), int(value.q))


@pytest.mark.parametrize("v", VARIANTS, ids=lambda v: f"seed{v.seed}-{v.student}")
def test_every_result_on_the_sheet_is_sympys(v):
    truth = tutorial_exact(v.theta, v.X, v.Y, v.eta)   # derived afresh from the inputs
    found = stated(sheet.markdown(v, "t"))
    expected = {}
    for key, value in truth.items():
        for i, item in (enumerate(value) if isinstance(value, list) else [(None, value)]):
            expected[(key, i)] = flat(item)
    assert set(found) == set(expected)                    # every quantity of the spec's table is stated
    for where, values in found.items():
        assert all(x == expected[where] for x in values), where


@pytest.mark.parametrize("v", VARIANTS[:6], ids=lambda v: f"seed{v.seed}-{v.student}")
def test_every_number_written_is_an_input_or_an_answer(v):
    md = sheet.markdown(v, "t")
    md = re.sub(r"^#+ \d\.", "", md, flags=re.M)                          # headings "## 3."
    md = re.sub(r"_\{?\d\}?|\[\d\]|\\frac1|\^2|[xwy]_i|\(i = [\d, ]+\)", "", md)   # indices, ½, squares
    allowed = {decimals.text(n) for n in (*v.theta, *[x for row in v.X for x in row], *v.Y, v.eta)}
    allowed |= {decimals.text(n) for key in v.answers for n in variants._numbers(v.answers[key])}
    allowed |= {"0", "1", "2"}                                                # g' ∈ {0, 1}, n = 2, δ_ŷ = 2(ŷ − y)
    numbers = re.findall(r"(?<![\w.])-?\d+(?:\.\d+)?", md)
    assert numbers and set(numbers) <= allowed, set(numbers) - allowed


def test_the_sheet_follows_the_tutorials_steps_and_the_html_holds_every_equation():
    v = VARIANTS[0]
    md = sheet.markdown(v, "Worked solution")
    headings = re.findall(r"^## (.*)$", md, re.M)
    assert headings == ["1. The forward pass", "2. The loss", "3. The chain rule: δ_ŷ and δ_h", "4. The gradients",
                        "5. One step of gradient descent", "6. The loss after the step", "All answers"]
    assert r"\delta_h(x_2, y_2) = -3.8 \times 1 \times 0 = 0" in md            # the mask, at z(x2) = -1
    assert r"\left(6.8, 3.4, 3.4, 10.2, 3.4\right)" in md and "2.855647324402" in md
    page = sheet.to_html(md, "Worked solution")
    displays = page.count('<div class="eq">') + page.count('<math display="block"')
    assert displays == md.count("$$") // 2                                  # every display equation, as MathML
    assert "$$" not in page and "<script" not in page and page == sheet.to_html(md, "Worked solution")


def test_a_sheet_marks_whose_numbers_and_the_loss_going_down():
    v = variants.first_valid(3, "ana")
    md = sheet.markdown(v, "Worked solution: the numbers of ana")
    assert md.startswith("# Worked solution: the numbers of ana\n")
    assert "the loss on $D$ is lower" in md
