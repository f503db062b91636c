"""The pages a person looks at, opened in headless Chromium at a phone's 400 px and a 1200 px
screen: they render (text, no console error, no CSP violation), their math is typeset as
MathML (fractions stacked), and nothing is wider than the screen.

Chromium: tests/outputs/browser.py finds it or installs Debian's package (as root), and
otherwise fails with one line saying what to install.
"""
import pytest

from autograder.generate import mlp_sheet, mlp_variants, sheet, variants
from tests.outputs.browser import Browser
from tests.outputs.conftest import hostile_folder

WIDTHS = (400, 1200)


@pytest.fixture(scope="module")
def browser():
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sheets")
    tutorial, mlp = folder / "tutorial.html", folder / "mlp.html"
    tutorial.write_text(sheet.to_html(sheet.markdown(variants.first_valid(3, "ana"), "Worked solution"), "Worked solution"))
    mlp.write_text(mlp_sheet.to_html(mlp_sheet.markdown(mlp_variants.first_valid(3), "Worked solution: mlp"), "Worked solution: mlp"))
    return {"tutorial": tutorial, "mlp": mlp}


def assert_renders(look, words, maths=1):
    assert look.errors == [], look.errors
    assert look.scroll_width <= look.width, f"{look.scroll_width} px wide on a {look.width} px screen"
    for word in words:
        assert word in look.text
    assert look.maths >= maths and look.typeset == look.maths, (look.maths, look.typeset)
    assert len(look.png) > 10_000


@pytest.mark.parametrize("width", WIDTHS)
def test_feedback_page(browser, graded, width):
    look = browser.look(graded / "relu_mask" / "feedback.html", width)
    assert_renders(look, ["Score: 29.3333 of 37 points", "Recognised mistake [relu-mask-missing]", "Read again"])


@pytest.mark.parametrize("width", WIDTHS)
def test_feedback_page_of_the_hostile_student_runs_nothing(browser, graded, width):
    look = browser.look(hostile_folder(graded) / "feedback.html", width)
    assert look.errors == [] and "<script>alert('raised')" in look.text and look.scroll_width <= width


@pytest.mark.parametrize("width", WIDTHS)
def test_class_report(browser, graded, width):
    look = browser.look(graded / "report.html", width)
    assert look.errors == [] and look.scroll_width <= width
    assert "Score distribution" in look.text and "Near-identical submissions" in look.text


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("which", ["tutorial", "mlp"])
def test_worked_solution_sheet(browser, sheets, which, width):
    look = browser.look(sheets[which], width)
    assert_renders(look, ["1. The forward pass" if which == "tutorial" else "Worked solution"], maths=20)


def test_the_check_sees_raw_latex_and_a_page_too_wide(browser, tmp_path):
    """The measure itself: the old sheet (MathJax from a CDN, offline) has no typeset math, and
    a long unbreakable line makes a page wider than the phone."""
    old = tmp_path / "old.html"
    old.write_text('<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">'
                   '<script defer src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script></head>'
                   '<body><div class="math">$$L(D) = \\frac12 (1.69 + 0.16) = 0.925$$</div>'
                   f'<pre>{"x" * 300}</pre></body></html>')
    look = browser.look(old, 400)
    assert look.maths == 0 and "$$" in look.text
    assert look.scroll_width > 400
