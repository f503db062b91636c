"""Pairs of submissions whose code is near-identical, for a TA to look at: copydetect.

A submission's own code (its notebook's code cells that differ from the release's, or the
whole ``.py`` file; read as text, never executed) is filtered by copydetect (pygments tokens,
names, strings and comments normalised) and fingerprinted as copydetect does with its
defaults: every K-gram of the filtered code, hashed (see ``fingerprint``). Two submissions'
overlap is the share of the larger one's fingerprints that the other has too; a pair is
listed when it reaches THRESHOLD, i.e. each holds at least 90 % of the other's
fingerprints. (``copydetect.compare_files`` would count the tokens those shared fingerprints
cover, the same idea pair by pair; on 200 near-identical notebooks that is ~100 s, the
shared-fingerprint count of every pair at once is one matrix product.)

Tokenising is the slow part (pygments, ~20 ms a notebook), so ``grade`` fingerprints each
submission as it grades it (``remember``, in the worker threads that wait on the sandbox) and
keeps the fingerprint in the student's details.json; a report from a gradebook fingerprints
the submitted notebooks then. Byte-identical code is fingerprinted and compared once.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

K = 25                     # copydetect's default noise threshold (its window 1: every K-gram kept)
THRESHOLD = 0.9
MAX_CHARS = 100_000        # own code fingerprinted at most (a tutorial's answers: ~10 kB; pygments: ~13 s a MB)
REPO = Path(__file__).resolve().parents[2]


def pairs(records, release=None, threshold: float = THRESHOLD) -> list:
    """[(student a, student b, overlap)] for near-identical submissions, most similar first."""
    import numpy as np

    assignment = next((r.get("assignment") for r in records if r.get("assignment")), None)
    who, prints = defaultdict(list), {}          # code digest → students; → fingerprint
    for record in records:
        digest, hashes = record.get("code"), record.get("fingerprint")
        if not (digest and hashes is not None):
            digest, hashes = remember(record.get("source"), release, assignment)
        if hashes:
            prints.setdefault(digest, frozenset(hashes))
            who[digest].append(record["student"])
    found = [(*sorted((a, b)), 1.0) for students in who.values() for i, a in enumerate(students) for b in students[i + 1:]]
    digests = list(who)
    if len(digests) > 1:
        column = {h: i for i, h in enumerate(sorted({h for d in digests for h in prints[d]}))}
        matrix = np.zeros((len(digests), len(column)), dtype=np.float32)
        for row, d in enumerate(digests):
            matrix[row, [column[h] for h in prints[d]]] = 1.0
        shared = matrix @ matrix.T                                # shared fingerprints of every pair
        sizes = np.diag(shared)
        overlap = shared / np.maximum.outer(sizes, sizes)
        for i, j in zip(*np.nonzero(np.triu(overlap >= threshold, k=1))):
            score = round(float(overlap[i, j]), 4)
            found += [(*sorted((a, b)), score) for a in who[digests[i]] for b in who[digests[j]]]
    return sorted(found, key=lambda p: (-p[2], p[0], p[1]))


def remember(source, release=None, assignment=None) -> tuple:
    """(digest of ``source``'s own code, its fingerprint as a sorted list), or (None, None)."""
    code = own_code(source, _release_cells(str(release or _default_release(assignment))))
    if not code.strip() or len(code) > MAX_CHARS:    # too large to be anyone's answers: not compared
        return None, None
    digest = hashlib.sha256(code.encode()).hexdigest()
    if digest not in _SEEN:                # byte-identical code (a class of copies) is tokenised once
        _SEEN[digest] = sorted(fingerprint(code))
    return digest, _SEEN[digest]


_SEEN: dict = {}


def own_code(path, given=frozenset()) -> str:
    """The code of ``path`` that is not the release's: changed notebook cells, or a .py file."""
    from autograder import submission

    if not path:
        return ""
    path = Path(path)
    try:
        text = submission.read_bytes(path).decode("utf-8")     # no links, no devices, capped
        if path.suffix == ".py":
            return text
        cells = submission.notebook_cells(text, path)
    except (submission.SubmissionError, OSError, UnicodeDecodeError):
        return ""
    return "\n\n".join(src for _, src in cells if src.strip() not in given)


def _default_release(assignment) -> Path:
    return REPO / "assignments" / str(assignment) / f"{assignment}.ipynb"


@lru_cache(maxsize=8)
def _release_cells(release: str) -> frozenset:
    from autograder import submission

    try:
        path = Path(release)
        return frozenset(src.strip() for _, src in submission.notebook_cells(path.read_text(encoding="utf-8"), path))
    except (submission.SubmissionError, OSError, UnicodeDecodeError):
        return frozenset()


def fingerprint(code: str) -> frozenset:
    """The fingerprint of ``code``: its K-grams after copydetect's filter, hashed stably.

    ``copydetect.utils.filter_code`` tokenises with pygments and normalises names, strings
    and comments; with its default window of 1, copydetect's winnowing keeps every K-gram, so
    the fingerprint is the set of K-gram hashes. copydetect hashes with Python's ``hash()``,
    which is salted per process; a fingerprint kept in details.json must mean the same in the
    next process, so the K-grams are hashed here with BLAKE2b (4 bytes).
    """
    from copydetect.utils import filter_code   # imports matplotlib.pyplot

    filtered, _ = filter_code(code, "submission.py", "python")
    return frozenset(int.from_bytes(hashlib.blake2b(filtered[i:i + K].encode(), digest_size=4).digest(), "big")
                     for i in range(len(filtered) - K + 1))
