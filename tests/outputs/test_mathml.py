"""LaTeX → MathML: equations broken at their = signs, nothing from a CDN."""
import re

from autograder.generate import mlp_sheet, mlp_variants, sheet, variants
from autograder.outputs import mathml


def test_a_chain_of_equals_is_cut_only_at_top_level():
    latex = r"\frac{a = 1}{b} = \left(x = y\right) = (i = 0, 1) = \begin{cases} 1 & z = 0 \end{cases} = 2"
    assert mathml.split_equals(latex) == [r"\frac{a = 1}{b}", r"\left(x = y\right)", "(i = 0, 1)",
                                          r"\begin{cases} 1 & z = 0 \end{cases}", "2"]


def test_a_chain_becomes_pieces_that_wrap_and_a_single_term_one_block():
    assert mathml.block("x").startswith('<math') and 'display="block"' in mathml.block("x")
    chain = mathml.block(r"L(D) = \frac12 (1.69 + 0.16) = 0.925")
    assert chain.startswith('<div class="eq">') and chain.count("<math") == 3 and "<mfrac>" in chain


def _all_pages():
    v = variants.first_valid(3, "ana")
    yield sheet.to_html(sheet.markdown(v, "Worked solution"), "Worked solution")
    yield mlp_sheet.to_html(mlp_sheet.markdown(mlp_variants.first_valid(3), "t"), "t")


def test_the_worked_solution_sheets_need_no_network_and_keep_no_raw_latex():
    for page in _all_pages():
        assert not re.findall(r"(?:src|href)=\"?https?:", page) and "<script" not in page and "<link" not in page
        body = page[page.index("<body>"):]
        assert "$$" not in body and "\\(" not in body and "<merror" not in body
        assert body.count("<math") > 20
