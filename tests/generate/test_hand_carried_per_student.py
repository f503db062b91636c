"""Per-student hand parts: one slip costs once there too, in the kernel and in our grader."""
from __future__ import annotations

from autograder.generate import students
from tests.generate.test_perstudent import ROSTER, course, cells, run_cells, variants_dir  # noqa: F401  (fixtures)
from tests.test_hand_carried import worked


def own_data(course, student):
    part = students.hand_parts_for("tutorial_net", student, variants_dir(course))[0]
    d = part.data
    return dict(THETA=tuple(d["theta"]), X=(tuple(d["x1"]), tuple(d["x2"])), Y=(d["y1"], d["y2"]), ETA=d["eta"])


def test_a_dropped_factor_two_on_own_numbers_costs_part_3_only(course, cells, tmp_path, monkeypatch, capsys):
    for student in ROSTER[:2]:
        slipped = worked(two=1.0, **own_data(course, student))
        assert slipped != worked(**own_data(course, student))
        in_kernel, out = run_cells(cells, slipped, tmp_path, monkeypatch, student, capsys)
        assert [in_kernel[f"part{k}"] for k in range(1, 7)] == [1.0, 1.0, 0.5, 1.0, 1.0, 1.0], out
        assert "error carried forward" in out
        ours = students.grade_hand_parts("tutorial_net", student, slipped, variants_dir(course))
        assert [r.score for r in ours] == [1.0, 1.0, 0.5, 1.0, 1.0, 1.0]
