"""The README's sample output is what the commands print now (autograder/readme_samples.py).

Only the self-check's sample is run here (a few seconds); the demo's takes a minute or two and
is regenerated with the same command (`python -m autograder.readme_samples`)."""
from autograder import readme_samples


def test_the_check_sample_is_what_backprop_check_prints_now():
    text = readme_samples.README.read_text(encoding="utf-8")
    assert "<!-- sample:check -->" in text and "<!-- sample:demo -->" in text
    assert readme_samples.refreshed(text, ["check"]) == text, "stale: run python -m autograder.readme_samples"


def test_every_sample_block_has_a_generator():
    names = [m.group(2) for m in readme_samples.BLOCK.finditer(readme_samples.README.read_text(encoding="utf-8"))]
    assert sorted(names) == sorted(readme_samples.SAMPLES)
