"""Near-identical code: copydetect's filter, fingerprints that mean the same in every process."""
import os
import subprocess
import sys

from autograder.outputs import similarity
from tests.outputs.conftest import OTHER, copycat
from tests.students import tutorial_net as students

PRINT = ("import sys; from autograder.outputs import similarity as s; "
         "print(sorted(s.fingerprint(sys.stdin.read()))[:20])")


def test_a_fingerprint_is_the_same_in_another_process(tmp_path):
    """copydetect hashes with Python's salted hash(); a cached fingerprint must not depend on it."""
    seen = set()
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-c", PRINT], input=students.CORRECT, text=True,
                             capture_output=True, env=dict(os.environ, PYTHONHASHSEED=seed), check=True)
        seen.add(run.stdout)
    assert len(seen) == 1


def test_renamed_names_and_comments_do_not_hide_a_copy_and_other_code_is_far():
    a = similarity.fingerprint(students.CORRECT)
    b = similarity.fingerprint(copycat(students.CORRECT))
    c = similarity.fingerprint(OTHER)
    assert a == b
    assert len(a & c) / max(len(a), len(c)) < 0.5
