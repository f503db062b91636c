"""Pairs of submissions whose code is near-identical, for a TA to look at: copydetect.

A submission's own code (its notebook's code cells that differ from the release's, or the
whole ``.py`` file; read as text, never executed) is tokenised and fingerprinted by
``copydetect.CodeFingerprint``: pygments tokens with names, strings and comments normalised,
k-grams of K tokens hashed and winnowed, the release's code left out. Two submissions'
overlap is the share of the larger one's fingerprints that the other has too; a pair is
listed when it reaches THRESHOLD, i.e. each holds at least 90 % of the other's
fingerprints. (``copydetect.compare_files`` would count the tokens those shared fingerprints
cover, the same idea pair by pair; on 200 near-identical notebooks that is ~100 s, the
shared-fingerprint count of every pair at once is one matrix product.)

Tokenising is the slow part (pygments, ~20 ms a notebook), so each fingerprint is kept in
``DIR/.fingerprints/<sha256 of the code>.json`` (named by content, never by student), made
while grading (``remember``, in the worker threads that wait on the sandbox) or on the first
report; byte-identical code is fingerprinted once.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

K, WINDOW = 25, 1          # copydetect's defaults (noise threshold, guarantee threshold)
THRESHOLD = 0.9
CACHE = ".fingerprints"
REPO = Path(__file__).resolve().parents[2]


def pairs(records, out, release=None, threshold: float = THRESHOLD) -> list:
    """[(student a, student b, overlap)] for near-identical submissions, most similar first."""
    import numpy as np

    assignment = next((r.get("assignment") for r in records if r.get("assignment")), None)
    given = _release_cells(str(release or _default_release(assignment)))
    who, prints = defaultdict(list), {}          # code digest → students; → fingerprint hashes
    for record in records:
        digest = record.get("code")                 # written by grade into details.json, cached beside
        if digest and digest in prints:
            pass
        elif digest and (Path(out) / CACHE / f"{digest}.json").is_file():
            prints[digest] = fingerprint("", digest, out)
        else:
            code = own_code(record.get("source"), given)
            if not code.strip():
                continue
            digest = hashlib.sha256(code.encode()).hexdigest()
            if digest not in prints:
                prints[digest] = fingerprint(code, digest, out)
        if prints[digest]:
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


def remember(out, source, release=None, assignment=None) -> str | None:
    """Fingerprint ``source``'s own code now (while grading), for a later report; its digest."""
    code = own_code(source, _release_cells(str(release or _default_release(assignment))))
    if not code.strip():
        return None
    digest = hashlib.sha256(code.encode()).hexdigest()
    if not (Path(out) / CACHE / f"{digest}.json").is_file():
        fingerprint(code, digest, out)
    return digest


def own_code(path, given=frozenset()) -> str:
    """The code of ``path`` that is not the release's: changed notebook cells, or a .py file."""
    from autograder import submission

    if not path:
        return ""
    path = Path(path)
    try:
        if path.suffix == ".py":
            return path.read_text(encoding="utf-8")
        cells = submission.notebook_cells(path.read_text(encoding="utf-8"), path)
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


def fingerprint(code: str, digest: str, out) -> frozenset:
    """copydetect's fingerprint hashes of ``code`` (the release's code is boilerplate), cached."""
    cache = Path(out) / CACHE / f"{digest}.json"
    try:
        return frozenset(json.loads(cache.read_text(encoding="utf-8"))["hashes"])
    except (OSError, ValueError, KeyError):
        pass
    from copydetect import CodeFingerprint   # imports matplotlib.pyplot: only when something is new

    hashes = sorted(int(h) for h in CodeFingerprint("submission.py", K, WINDOW, fp=io.StringIO(code), language="python").hashes)
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_name(f".{cache.name}.{os.getpid()}.{id(hashes)}.tmp")
    temporary.write_text(json.dumps({"k": K, "window": WINDOW, "hashes": hashes}), encoding="utf-8")
    os.replace(temporary, cache)
    return frozenset(hashes)
