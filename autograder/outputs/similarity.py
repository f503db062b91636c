"""Pairs of submissions whose code is near-identical, for a TA to look at: copydetect.

A submission's own code (its notebook's code cells that differ from the release's, or the
whole ``.py`` file; read as text, never executed) is tokenised and fingerprinted by
``copydetect.CodeFingerprint`` (winnowed k-grams of pygments tokens, names normalised);
``copydetect.compare_files`` gives a pair's overlap: the share of each file's tokens found
in the other. A pair is listed when both shares reach THRESHOLD.

Cost: tokenising is the slow part (pygments, ~20 ms a notebook), so each fingerprint is
kept in ``DIR/.fingerprints/<sha256 of the code>.json`` (named by content, never by
student), made while grading (``remember``, in the worker threads that wait on the sandbox)
or on the first report; byte-identical code is compared once; and a pair whose fingerprint
sets share less than THRESHOLD/2 of the smaller set is not compared (copydetect's overlap
counts the tokens those shared fingerprints cover, so such a pair is far below THRESHOLD).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

K, WINDOW = 25, 1          # copydetect's defaults (noise threshold, guarantee threshold)
THRESHOLD = 0.9
CACHE = ".fingerprints"
REPO = Path(__file__).resolve().parents[2]


def pairs(records, out, release=None, threshold: float = THRESHOLD) -> list:
    """[(student a, student b, overlap)] for near-identical submissions, most similar first."""
    from copydetect import compare_files

    assignment = next((r.get("assignment") for r in records if r.get("assignment")), None)
    release = release or (REPO / "assignments" / str(assignment) / f"{assignment}.ipynb")
    given = _release_cells(release)
    who = defaultdict(list)                   # code digest → students
    prints = {}
    for record in records:
        code = own_code(record.get("source"), given)
        if not code.strip():
            continue
        digest = hashlib.sha256(code.encode()).hexdigest()
        if digest not in prints:
            prints[digest] = _fingerprint(code, digest, out)
        if prints[digest] is not None:
            who[digest].append(record["student"])
    found = [(a, b, 1.0) for students in who.values() for i, a in enumerate(students) for b in students[i + 1:]]
    codes = [(d, prints[d], set(prints[d].hashes)) for d in who]
    for i, (da, fa, ha) in enumerate(codes):
        for db, fb, hb in codes[i + 1:]:
            if len(ha & hb) < 0.5 * threshold * min(len(ha), len(hb)):
                continue
            _, (sa, sb), _ = compare_files(fa, fb)
            if min(sa, sb) >= threshold:
                found += [(*sorted((a, b)), round(float(min(sa, sb)), 4)) for a in who[da] for b in who[db]]
    return sorted(found, key=lambda p: (-p[2], p[0], p[1]))


def remember(out, source, release=None, assignment=None) -> None:
    """Fingerprint ``source``'s own code now (while grading), for a later report."""
    if assignment and release is None:
        release = REPO / "assignments" / assignment / f"{assignment}.ipynb"
    code = own_code(source, _release_cells(release))
    if code.strip():
        _fingerprint(code, hashlib.sha256(code.encode()).hexdigest(), out)


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


def _release_cells(release) -> frozenset:
    from autograder import submission

    try:
        path = Path(release)
        return frozenset(src.strip() for _, src in submission.notebook_cells(path.read_text(encoding="utf-8"), path))
    except (submission.SubmissionError, OSError, TypeError, UnicodeDecodeError):
        return frozenset()


def _fingerprint(code: str, digest: str, out):
    """copydetect's fingerprint of ``code``, from the cache when there (None: no tokens)."""
    cache = Path(out) / CACHE / f"{digest}.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        from copydetect import CodeFingerprint
        fp = CodeFingerprint("submission.py", K, WINDOW, fp=io.StringIO(code), language="python")
        data = {"k": fp.k, "filtered": len(fp.filtered_code), "coverage": int(fp.token_coverage),
                "idx": {str(h): [int(i) for i in fp.hash_idx[h]] for h in fp.hashes}}
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f".{cache.name}.{os.getpid()}.{id(data)}.tmp")
        temporary.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
        os.replace(temporary, cache)
    if not data["idx"]:
        return None
    import numpy as np
    idx = {int(h): v for h, v in data["idx"].items()}
    # the attributes compare_files reads; offsets only map slices back to the raw text, unused here
    return SimpleNamespace(k=data["k"], hashes=set(idx), hash_idx=idx, filtered_code=" " * data["filtered"],
                           token_coverage=data["coverage"], offsets=np.array([]))
