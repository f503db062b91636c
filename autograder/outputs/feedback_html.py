"""A student's feedback page, ``DIR/<student>/feedback.html``, from their details (data).

For each contract function and hand part: the score; for each public case that failed, the
call, what came back and what was expected; for each hidden case that failed, its kind and
what went wrong (never its expected value, which details.json does not hold either); the
named mistake in the course's words; what to read again, with its formula typeset offline.

Everything that came from the student (their id, printed text, returned values, load
problems) is text passed through ``html.esc``; the only markup is built here.
"""
from __future__ import annotations

from autograder.outputs import mathml, reading
from autograder.outputs.html import esc, page


def render(details: dict) -> str:
    """The page for one student's ``details`` (see details.py)."""
    student, assignment = details.get("student") or "", details.get("assignment") or ""
    head = (f"<h1>Feedback: {esc(assignment)}</h1>\n"
            f"<p>Student: <code>{esc(student)}</code></p>\n"
            f'<p class="score">Score: {_pts(details["score"])} of {_pts(details["max_score"])} points</p>')
    problems = "".join(f"<li>{esc(p)}</li>" for p in details.get("problems", []))
    parts = [head]
    if problems:
        parts.append(f'<div class="box fail"><p>Problems reading or running your code:</p><ul>{problems}</ul></div>')
    messages, functions = details.get("messages", {}), details.get("functions", [])
    parts.append(_summary(functions))
    failed = [f for f in functions if not _ok(f)]
    if failed:
        parts.append("<h2>What went wrong</h2>")
    explained = set()
    parts += [_function(f, messages, assignment, explained) for f in failed]
    parts.append("<p>Hidden cases are described by their kind only; their expected values are never shown.</p>")
    return page(f"Feedback: {assignment}, {student}", "\n".join(parts))


def _ok(result: dict) -> bool:
    cases = result["cases"]
    return bool(cases) and all(c["passed"] for c in cases)


def _summary(functions) -> str:
    """One row per function or hand part: public and hidden cases passed, points."""
    rows, order = {}, []
    for f in functions:
        if f["function"] not in rows:
            order.append(f["function"])
            rows[f["function"]] = {}
        rows[f["function"]][f["hidden"]] = f
    out = ['<div class="scroll"><table class="summary"><tr><th>function or part</th><th>public</th><th>hidden</th><th>points</th></tr>']
    for name in order:
        cells = []
        for hidden in (False, True):
            f = rows[name].get(hidden)
            cells.append("—" if f is None else f"{'✔' if _ok(f) else '✘'} {sum(c['passed'] for c in f['cases'])}/{len(f['cases'])}")
        score = sum(float(f["score"]) for f in rows[name].values())
        top = sum(float(f["max_score"]) for f in rows[name].values())
        out.append(f"<tr><td><code>{esc(name).replace('_', '_<wbr>')}</code></td><td>{cells[0]}</td><td>{cells[1]}</td><td class=num>{score:g} / {top:g}</td></tr>")
    return "".join(out) + "</table></div>"


def _function(result: dict, messages: dict, assignment: str, explained: set) -> str:
    name, cases = result["function"], result["cases"]
    hand = name.startswith("part")
    passed, total = sum(c["passed"] for c in cases), len(cases)
    what = (f"{passed}/{total} hand-worked answers correct" if hand
            else f"{passed}/{total} {'hidden' if result['hidden'] else 'public'} cases passed")
    ok = total and passed == total
    lines = [f'<section class="box {"pass" if ok else "fail"}">',
             f"<h3>{'✔' if ok else '✘'} <code>{esc(name)}</code>: {esc(what)} "
             f"({_pts(result['score'])} of {_pts(result['max_score'])} points)</h3>"]
    if result.get("note"):
        lines.append(f"<p>{esc(result['note'])}</p>")
    else:
        lines += [_case(i, c, hand, messages, explained) for i, c in enumerate(cases, start=1) if not c["passed"]]
    if not ok:
        lines.append(_read_again(assignment, name))
    lines.append("</section>")
    return "\n".join(lines)


def _case(i: int, case: dict, hand: bool, messages: dict, explained: set) -> str:
    if hand:
        text = f"<p>{esc(case['label'])}: {esc(case['reason'])}.</p>"
    elif case["hidden"]:
        text = f"<p>Hidden case {i} ({esc(case['label'])}): {esc(case['reason'])}.</p>"
    elif case["reason"] == "wrong value":
        text = (f"<p>Called:</p><pre>{esc(case['call'])}</pre>"
                f"<p>Returned:</p><pre>{esc(case['got'])}</pre>"
                f"<p>Expected:</p><pre>{esc(case['expected'])}</pre>")
    else:
        text = f"<p>Called:</p><pre>{esc(case['call'])}</pre><p>{esc(case['reason'])}.</p>"
    mistake = case.get("mistake")
    if mistake in explained:
        text += f'<p class="mistake">Recognised mistake <code>[{esc(mistake)}]</code> (see above).</p>'
    elif mistake:
        explained.add(mistake)
        text += (f'<p class="mistake">Recognised mistake <code>[{esc(mistake)}]</code>: '
                 f"{esc(messages.get(mistake, ''))}</p>")
    return text


def _read_again(assignment: str, function: str) -> str:
    heading, latex = reading.section(assignment, function), reading.formula(assignment, function)
    if not heading and not latex:
        return ""
    out = f'<p class="read">Read again: {esc(heading or function)}.</p>'
    return out + (mathml.block(latex) if latex else "")


def _pts(x) -> str:
    return f"{float(x or 0):g}"
