"""The runtime copies in the demo course (solutions/<a>/backprop_check/, assignments/<a>/…) are
what the builders write: autograder/student/ and the public cases of the checks, nothing more."""
import pytest

from autograder.checks import mlp, tutorial_net
from autograder.notebooks import runtime
from tests.course.studentenv import ROOT

PUBLIC = {"tutorial_net": (tutorial_net.CHECKS, tutorial_net.HAND_PARTS), "mlp": (mlp.CHECKS, [])}


@pytest.mark.parametrize("folder", ["solutions", "assignments"])
@pytest.mark.parametrize("assignment", sorted(PUBLIC))
def test_committed_runtime_is_what_the_builder_writes(folder, assignment):
    base = ROOT / folder / assignment
    wanted = runtime.files(assignment, *PUBLIC[assignment])
    have = {str(p.relative_to(base)): p.read_text(encoding="utf-8") for p in (base / runtime.PACKAGE).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}
    have["requirements.txt"] = (base / "requirements.txt").read_text(encoding="utf-8")
    assert sorted(have) == sorted(wanted), f"{folder}/{assignment}: run python -m autograder.notebooks.build_{assignment.split('_')[0]}"
    stale = [name for name in wanted if have[name] != wanted[name]]
    assert stale == [], f"{folder}/{assignment} is stale in {stale}: rebuild it"


def test_public_data_holds_no_hidden_case():
    for assignment, (checks, _) in PUBLIC.items():
        data = runtime.public_data(assignment, checks, [])
        assert all('"hidden":true' not in text for _, text in data["checks"])
        assert all('"hidden":false' in text for _, text in data["checks"])
