"""feedback.html: written by grade beside results.json; what a student reads, escaped, no hidden value."""
import json
import re
from html.parser import HTMLParser

from autograder.checks import tutorial_net as tn
from autograder.student.judge import leaves
from tests.outputs.conftest import hostile_folder

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "code", "pre", "div", "section",
                "table", "tr", "th", "td", "ul", "li", "span", "math", "wbr"}
MATHML = {"mi", "mn", "mo", "mrow", "mfrac", "msub", "msup", "msubsup", "mover", "munder", "mtable", "mtr", "mtd",
          "mstyle", "mspace", "mtext", "msqrt", "mpadded"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    return parser


def page(out, student):
    return (out / student / "feedback.html").read_text(encoding="utf-8")


def test_every_graded_student_gets_a_feedback_page_beside_results_json(graded):
    for folder in (p for p in graded.iterdir() if p.is_dir() and not p.name.startswith(".")):
        assert (folder / "results.json").is_file() and (folder / "feedback.html").is_file(), folder.name


def test_a_failed_public_case_shows_the_call_what_came_back_what_was_expected_and_the_mistake(graded):
    text = "".join(parse(page(graded, "relu_mask")).text)
    # the spec: g'(z) = 1 where z > 0, else 0 (0 at z = 0); the slip g' ≡ 1
    flat = text.replace("\n", "")
    assert "Called:relu_derivative(z=[3, 0, -1])Returned:[1, 1, 1]Expected:[1, 0, 0]" in flat
    assert "Called:relu_derivative(z=-1)Returned:1Expected:0" in flat
    assert "Recognised mistake [relu-mask-missing]" in text and "The ReLU mask is missing" in text
    assert "Read again: Part 3 in code: δ_ŷ and δ_h." in text             # where relu_derivative is written
    assert "Score: " in text and " of 37 points" in text


def test_the_formula_to_read_again_is_mathml_not_raw_latex(graded):
    html = page(graded, "relu_mask")
    assert "<math" in html and "<mi>g</mi>" in html and "\\begin" not in html and "$$" not in html


def test_no_hidden_expected_value_reaches_the_page(graded):
    html = page(graded, "relu_mask") + (graded / "relu_mask" / "details.json").read_text(encoding="utf-8")
    shown = [f"{v:g}" for check in tn.CHECKS for case in check.cases if case.hidden
             for v in leaves(case.expected) if abs(v) > 1 and v != int(v)]
    numbers = set(re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", html))
    assert shown and not [v for v in shown if v in numbers]
    details = json.loads((graded / "relu_mask" / "details.json").read_text(encoding="utf-8"))
    hidden = [c for f in details["functions"] for c in f["cases"] if c["hidden"]]
    assert hidden and all(c["expected"] == "" and c["got"] == "" for c in hidden)


def test_everything_from_a_hostile_student_is_escaped(graded):
    folder = hostile_folder(graded)
    html = (folder / "feedback.html").read_text(encoding="utf-8")
    parsed = parse(html)
    assert parsed.tags <= ALLOWED_TAGS | MATHML, parsed.tags - ALLOWED_TAGS - MATHML          # no <script>, no <img>
    assert not [a for a in parsed.attrs if a[0].startswith("on")]
    assert "\x1b" not in html
    text = "".join(parsed.text)
    assert "mallory+alert@x.y" in text                                        # the id, shown as text
    assert "alert('raised')" in text and 'quoted' in text                     # what it raised, as (quoted) text
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_a_page_fits_a_phone():
    from autograder.outputs import html
    assert 'name="viewport" content="width=device-width' in html.page("t", "")
