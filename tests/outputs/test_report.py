"""report.html: written by grade, rebuilt by `report DIR` (results or an nbgrader gradebook)."""
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests.outputs.conftest import hostile_folder


def report(*args, timeout=300):
    return subprocess.run([sys.executable, "-m", "autograder", "report", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def section(page: str, title: str) -> str:
    start = page.index(f"<h2>{title}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start:end if end > 0 else None]


def text(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def test_grade_writes_the_report_with_inline_svg_plots_and_no_network(graded):
    page = (graded / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and "<img" not in page and "<script" not in page
    assert not re.findall(r"(?:src|href)=\"?https?:", page)
    assert "5 students" in text(section(page, "Score distribution"))


def test_per_function_shares_of_public_and_hidden_cases(graded):
    rows = text(section(graded.joinpath("report.html").read_text(encoding="utf-8"), "Contract functions"))
    # relu_derivative: correct, copycat and other pass it, relu_mask and the hostile one do not: 3 of 5
    assert "relu_derivative 60 % 60 %" in rows
    # relu: the hostile relu raises, everyone else passes: 4 of 5
    assert "relu 80 % 80 %" in rows


def test_named_mistakes_say_how_many_and_who_with_links_to_their_feedback(graded):
    mistakes = section(graded.joinpath("report.html").read_text(encoding="utf-8"), "Named mistakes")
    row = mistakes[mistakes.index("relu-mask-missing"):]
    row = row[:row.index("</tr>")]
    assert '<td class=num>1</td>' in row and '<a href="relu_mask/feedback.html">relu_mask</a>' in row


def test_hidden_case_kinds_and_hand_parts(graded):
    page = graded.joinpath("report.html").read_text(encoding="utf-8")
    kinds = text(section(page, "Hidden case kinds that failed most"))
    assert "relu_derivative zeros, a tiny negative, positives and negatives 1" in kinds
    hand = text(section(page, "Hand-worked parts"))
    assert "part1 0 % 0.00 of 1" in hand            # code-only notebooks fill in no hand answer


def test_near_identical_code_is_paired_and_different_code_is_not(graded):
    from autograder.outputs import report as rep
    from autograder.outputs import similarity

    pairs = similarity.pairs(rep.from_folder(graded))
    # copycat is correct with names, comments and blank lines changed: copydetect normalises all three
    assert ("copycat", "correct", 1.0) in pairs
    # relu_mask is correct with one line changed: near-identical too; other is written differently
    assert {(a, b) for a, b, _ in pairs} == {("copycat", "correct"), ("copycat", "relu_mask"), ("correct", "relu_mask")}
    shown = text(section(graded.joinpath("report.html").read_text(encoding="utf-8"), "Near-identical submissions"))
    assert "3 pairs in 1 groups" in shown and "copycat correct relu_mask" in shown and "other" not in shown


def test_student_ids_never_reach_a_figure_and_the_hostile_id_is_escaped(graded):
    page = graded.joinpath("report.html").read_text(encoding="utf-8")
    for svg in re.findall(r"<svg.*?</svg>", page, re.S):
        for student in ("correct", "copycat", "other", "relu_mask", "alert"):
            assert student not in svg
    assert "<script" not in page and "\x1b" not in page
    students = section(page, "Students")
    hostile = hostile_folder(graded).name
    assert f'href="{quote(hostile)}/feedback.html"' in students        # the link, URL-quoted

    class Tags(HTMLParser):
        found = set()

        def handle_starttag(self, tag, attrs):
            self.found.add(tag)
            assert not [a for a, _ in attrs if a.startswith("on")]
    Tags().feed(page)
    assert "script" not in Tags.found and "img" not in Tags.found


def test_report_rebuilds_the_same_page_from_the_results_folder(graded, tmp_path):
    before = graded.joinpath("report.html").read_bytes()
    run = report(graded, "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "report.html").read_bytes().replace(b'href="', b"") != b""
    assert re.sub(rb'href="[^"]*"', b"", (tmp_path / "report.html").read_bytes()) == re.sub(rb'href="[^"]*"', b"", before)
    run = report(graded)
    assert run.returncode == 0 and graded.joinpath("report.html").read_bytes() == before


def test_report_on_a_folder_without_results_is_one_clear_line(tmp_path):
    run = report(tmp_path)
    assert run.returncode == 2 and run.stderr.count("\n") == 1 and "no <student>/details.json" in run.stderr


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course with its gradebook, two students graded by our grader --course."""
    from autograder.notebooks import classroom
    from autograder.notebooks.fabricate import fabricate

    root = classroom.copy_course(tmp_path_factory.mktemp("gb") / "course", "tutorial_net")
    classroom.register(root, "tutorial_net")
    made = fabricate(classroom.release_notebook(root, "tutorial_net"), classroom.source_notebook(root, "tutorial_net"))
    for student in ("correct", "relu_mask", "swap"):
        classroom.submit(root, student, "tutorial_net", made[student][1])
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", "tutorial_net", "--course", str(root)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    return root


def test_report_from_an_nbgrader_gradebook(course, tmp_path):
    from nbgrader.api import Gradebook

    run = report(course, "--gradebook", "--assignment", "tutorial_net", "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "backprop") as gb:
        scores = sorted(s.score for s in gb.assignment_submissions("tutorial_net"))
    assert f"3 students; mean {sum(scores) / 3:.2f}" in text(page)          # the gradebook's own totals
    mistakes = text(section(page, "Named mistakes"))
    assert "relu-mask-missing" in mistakes and "x-swapped" in mistakes and "The ReLU mask is missing" in mistakes
    assert "Hand-worked parts" in page and "Contract functions" in page
