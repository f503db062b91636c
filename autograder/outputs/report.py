"""The class report, ``DIR/report.html``: how the class did, for TAs and instructors.

From one record per student (``details.json`` as written by ``grade``, see details.py; or
the same shape read from an nbgrader gradebook, see gradebook_source.py):

- the score distribution (a histogram) and its mean, median, minimum and maximum;
- per contract function, the share of students passing every public and every hidden case;
- the named mistakes: how many students made each, and who (links to their feedback page);
- the hidden case kinds that failed for the most students;
- the hand-worked parts: the share with every answer right, and the mean score;
- pairs of submissions whose code is near-identical (copydetect; see similarity.py);
- every student's score, lowest first, with a link to their feedback.

A TA's page: student ids appear here (escaped, as link text and URL-quoted hrefs) but never
in a figure, and nothing of this page goes to a student.
"""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import quote

from autograder.outputs import details as det
from autograder.outputs import plots
from autograder.outputs.html import esc, page

STYLE = ".who a { margin-right: 0.5em; } details summary { cursor: pointer; }"


def from_folder(out) -> list:
    """The records of a results folder: each ``<student>/details.json``, sorted by student."""
    out = Path(out)
    records = []
    for folder in sorted(p for p in out.iterdir() if p.is_dir()) if out.is_dir() else []:
        record = det.read(folder)
        if record is not None:
            record["feedback"] = f"{quote(folder.name)}/feedback.html" if (folder / "feedback.html").is_file() else None
            records.append(record)
    return records


def write(out, records, pairs=None, title=None) -> Path:
    """Write ``out/report.html`` from ``records``; ``pairs``: similar submissions (None: not checked)."""
    path = Path(out) / "report.html"
    path.write_text(render(records, pairs, title), encoding="utf-8")
    return path


def render(records, pairs=None, title=None) -> str:
    assignment = next((r.get("assignment") for r in records if r.get("assignment")), "")
    title = title or f"Class report: {assignment}"
    if not records:
        return page(title, f"<h1>{esc(title)}</h1><p>No graded submissions found.</p>", STYLE)
    body = [f"<h1>{esc(title)}</h1>", _distribution(records), _functions(records), _mistakes(records),
            _hidden_kinds(records), _hand(records), _pairs(pairs, records), _students(records)]
    return page(title, "\n".join(b for b in body if b), STYLE)


def _link(record) -> str:
    name = esc(record.get("student") or "")
    href = record.get("feedback")
    return f'<a href="{esc(href)}">{name}</a>' if href else name


def _distribution(records) -> str:
    scores = [float(r["score"]) for r in records]
    top = max(float(r.get("max_score") or 0) for r in records)
    stats = (f"{len(scores)} students; mean {statistics.mean(scores):.2f}, median {statistics.median(scores):g}, "
             f"min {min(scores):g}, max {max(scores):g} of {top:g} points")
    return f'<h2>Score distribution</h2><p>{esc(stats)}</p><div class="scroll">{plots.histogram(scores, top)}</div>'


def _functions(records) -> str:
    """Share of students passing every public / hidden case of each contract function."""
    passed = defaultdict(lambda: [0, 0])          # (function, hidden) → [passed, graded]
    order = []
    for record in records:
        for f in record["functions"]:
            if f["function"].startswith("part"):
                continue
            if f["function"] not in order:
                order.append(f["function"])
            tally = passed[(f["function"], f["hidden"])]
            tally[0] += _all_passed(f)
            tally[1] += 1

    def share(name, hidden):
        done, graded = passed.get((name, hidden), (0, 0))
        return done / graded if graded else None

    public, hidden = [share(n, False) for n in order], [share(n, True) for n in order]
    rows = "".join(f"<tr><td><code>{esc(n)}</code></td><td class=num>{_pct(p)}</td><td class=num>{_pct(h)}</td></tr>"
                   for n, p, h in zip(order, public, hidden))
    return ("<h2>Contract functions</h2><p>Share of students whose function passed every case.</p>"
            f'<div class="scroll">{plots.shares(order, public, hidden)}</div>'
            f'<div class="scroll"><table><tr><th>function</th><th>public</th><th>hidden</th></tr>{rows}</table></div>')


def _all_passed(f) -> bool:
    if f.get("cases"):
        return all(c["passed"] for c in f["cases"])
    return float(f["score"]) >= float(f["max_score"]) > 0


def _mistakes(records) -> str:
    who, words = defaultdict(list), {}
    for record in records:
        words.update(record.get("messages", {}))
        made = {c["mistake"] for f in record["functions"] for c in f.get("cases") or () if c.get("mistake")}
        made |= set(record.get("mistakes", ()))        # from a gradebook: the ids named in its feedback
        for m in made:
            who[m].append(record)
    if not who:
        return "<h2>Named mistakes</h2><p>No known mistake was recognised.</p>"
    rows = []
    for m, rs in sorted(who.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        links = " ".join(_link(r) for r in rs)
        rows.append(f"<tr><td><code>{esc(m)}</code><br><small>{esc(words.get(m, ''))}</small></td>"
                    f"<td class=num>{len(rs)}</td><td class=who>{links if len(rs) <= 12 else f'<details><summary>{len(rs)} students</summary>{links}</details>'}</td></tr>")
    return ("<h2>Named mistakes</h2>"
            f'<div class="scroll"><table><tr><th>mistake</th><th>students</th><th>who</th></tr>{"".join(rows)}</table></div>')


def _hidden_kinds(records, top: int = 15) -> str:
    """The hidden case kinds failed by the most students, counting only functions that pass
    some case (a function that fails every case is missing or broken: it says nothing of kinds)."""
    failed = Counter()
    for record in records:
        working = {f["function"] for f in record["functions"] if any(c["passed"] for c in f.get("cases") or ())}
        failed.update({(f["function"], c["label"]) for f in record["functions"]
                       if f["hidden"] and f["function"] in working and not f["function"].startswith("part")
                       for c in f.get("cases") or () if not c["passed"]})
    if not failed:
        return ""
    rows = "".join(f"<tr><td><code>{esc(fn)}</code></td><td>{esc(label)}</td><td class=num>{n}</td></tr>"
                   for (fn, label), n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    return ("<h2>Hidden case kinds that failed most</h2><p>Students whose function failed a hidden case of this kind "
            "(among functions that pass at least one case).</p>"
            f'<div class="scroll"><table><tr><th>function</th><th>kind of case</th><th>students</th></tr>{rows}</table></div>')


def _hand(records) -> str:
    parts = defaultdict(list)
    for record in records:
        for f in record["functions"]:
            if f["function"].startswith("part"):
                parts[f["function"]].append(f)
    if not parts:
        return ""
    rows = "".join(f"<tr><td>{esc(p)}</td><td class=num>{_pct(sum(map(_all_passed, fs)) / len(fs))}</td>"
                   f"<td class=num>{statistics.mean(float(f['score']) for f in fs):.2f} of {float(fs[0]['max_score']):g}</td></tr>"
                   for p, fs in sorted(parts.items()))
    return ("<h2>Hand-worked parts</h2>"
            f'<div class="scroll"><table><tr><th>part</th><th>all answers right</th><th>mean score</th></tr>{rows}</table></div>')


def _pairs(pairs, records) -> str:
    """Near-identical submissions as groups (students linked by pairs at or above the threshold)."""
    if pairs is None:
        return ""
    if not pairs:
        return "<h2>Near-identical submissions</h2><p>No pair of submissions is near-identical.</p>"
    by_id = {r.get("student"): r for r in records}
    groups = _groups(pairs)
    rows = "".join(f"<tr><td class=num>{len(g)}</td><td class=num>{_pct(low)}</td>"
                   f"<td class=who>{' '.join(_link(by_id.get(s, {'student': s})) for s in g)}</td></tr>"
                   for g, low in groups)
    return ("<h2>Near-identical submissions</h2><p>Groups of submissions whose code (cells that differ from the "
            "release) overlaps by at least 90 % in copydetect's winnowed fingerprints, pair by pair; "
            f"{len(pairs)} pairs in {len(groups)} groups. For a TA to look at, not a verdict.</p>"
            '<div class="scroll"><table><tr><th>students</th><th>lowest overlap</th><th>who</th></tr>'
            f"{rows}</table></div>")


def _groups(pairs) -> list:
    """[(sorted students, lowest overlap of a pair inside)], largest group first (union-find)."""
    parent = {}

    def root(s):
        parent.setdefault(s, s)
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s
    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    members, low = defaultdict(set), {}
    for a, b, score in pairs:
        r = root(a)
        members[r] |= {a, b}
        low[r] = min(low.get(r, 1.0), score)
    return sorted(((sorted(m), low[r]) for r, m in members.items()), key=lambda g: (-len(g[0]), g[0]))


def _students(records) -> str:
    """Every student, lowest score first, with a link to their feedback."""
    rows = "".join(f"<tr><td>{_link(r)}</td><td class=num>{float(r['score']):g}</td></tr>"
                   for r in sorted(records, key=lambda r: (float(r["score"]), r.get("student") or "")))
    return f'<h2>Students</h2><div class="scroll"><table><tr><th>student</th><th>score</th></tr>{rows}</table></div>'


def _pct(x) -> str:
    return "—" if x is None else f"{100 * x:.0f} %"
