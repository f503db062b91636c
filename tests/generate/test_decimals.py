"""Are exact numbers written as full terminating decimals, and read back exactly?"""
from fractions import Fraction

import pytest
import sympy

from autograder.generate import decimals


@pytest.mark.parametrize("value, text", [
    (Fraction(17, 5), "3.4"), (Fraction(-1, 5), "-0.2"), (3, "3"), (0, "0"), (Fraction(-17, 1000), "-0.017"),
    (sympy.Rational(1427823662201, 500000000000), "2.855647324402"), (Fraction(1, 1024), "0.0009765625"),
    (sympy.Integer(-40), "-40"), (Fraction(5, 2), "2.5"),
])
def test_numbers_are_written_in_full_and_read_back_exactly(value, text):
    assert decimals.text(value) == text
    assert decimals.parse(text) == decimals.fraction(value)


def test_a_number_whose_expansion_does_not_terminate_is_refused():
    assert decimals.places(Fraction(1, 3)) is None
    with pytest.raises(ValueError):
        decimals.text(Fraction(1, 3))


@pytest.mark.parametrize("bad", ["1.50", "01", "-0", "1e3", "+1", ".5", "1.", " 1", 1.5])
def test_only_the_written_form_parses(bad):
    with pytest.raises(ValueError):
        decimals.parse(bad)


def test_places_counts_decimals():
    assert [decimals.places(q) for q in (Fraction(3), Fraction(1, 2), Fraction(1, 8), Fraction(3, 40))] == [0, 1, 3, 3]
