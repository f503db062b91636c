"""``python -m autograder.diagnosis_bench``: how many single slips the feedback names, and how.

For every slip of the corpus (``tests/students/slips``: ``TUNED``, what the general diagnosis
was developed against; ``HELDOUT`` … ``HELDOUT11``, each written before it was run on it; the
README says which were used for tuning afterwards) and of the spec's own list (``tests/students/*.SLIPS``), the slipped solution is graded, public and hidden cases, on
the functions where the slip is made, through the same path as nbgrader's test cells
(``incell.check``: same judge, grading and feedback as our grader). A slip is

    named by the catalogue   a "Recognised mistake [...]" line that is the slip: its own id (the
                             spec's list), or holding one of the slip's words (another mistake's
                             line is not a naming: counted as misleading)
    named in general         else, a diagnosis line ("What the wrong values have in common",
                             "Found by changing one input at a time") holding one of the
                             slip's expected words
    not named                else (a diagnosis that says something else counts here, and is
                             listed as misleading; where no diagnosis is said but a case's own
                             line holds one of the words, "returned None: is the `return`
                             statement missing?", it is listed apart as "case line")

Correct solutions in several styles (loops, vectorised, lists, float32, classes, in place on
its own arrays, sympy for the algebra, micrograd, CS231n, Nielsen: ``tests/students/*_styles.py``) are graded on
every function: any diagnosis or recognised mistake there is a false naming. Run from the
repository root (the corpus lives under tests/). ``--sets heldout4,tuned`` grades only the named
sets (and the correct styles), so a held-out set can be kept out of sight while tuning.
"""
from __future__ import annotations

import contextlib
import io
import sys

DIAGNOSIS = ("What the wrong values have in common", "Found by changing one input at a time")

F32_WRAP = '''

def __to32(v):
    if isinstance(v, np.ndarray):
        return v.astype(np.float32)
    if isinstance(v, float):
        return np.float32(v)
    if isinstance(v, (list, tuple)):
        return type(v)(__to32(x) for x in v)
    if isinstance(v, dict):
        return {k: __to32(x) for k, x in v.items()}
    return v

def __f32(f):
    def g(*a):
        return __to32(f(*a))
    return g

for __n in %r:
    globals()[__n] = __f32(globals()[__n])
'''

CLASS_WRAP = '''

class __Net:
    pass

__net = __Net()
for __n in %r:
    setattr(__Net, __n, staticmethod(globals()[__n]))
for __n in %r:
    globals()[__n] = (lambda name: (lambda *a: getattr(__net, name)(*a)))(__n)
'''

LISTS_WRAP = '''

def __tolist(v):
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, tuple):
        return tuple(__tolist(x) for x in v)
    if isinstance(v, list):
        return [__tolist(x) for x in v]
    if isinstance(v, dict):
        return {k: __tolist(x) for k, x in v.items()}
    return v

def __wrap(f):
    def g(*a):
        return __tolist(f(*a))
    return g

for __n in %r:
    globals()[__n] = __wrap(globals()[__n])
'''


def feedback(source: str, checks, functions=None) -> list:
    """[(function, text)] of every graded visibility where points were lost or something was said."""
    from autograder.student import incell
    from autograder.student.model import to_json
    namespace = {"__name__": "__main__"}
    exec(compile(source, "<student>", "exec"), namespace)
    out = []
    for check in checks:
        if functions and check.function not in functions:
            continue
        for hidden in (False, True):
            sink = io.StringIO()
            with contextlib.redirect_stdout(sink):
                points = incell.check(check.function, namespace, to_json(check.only(hidden)))
            text = sink.getvalue()
            out.append((check.function, hidden, points < check.points(hidden), text))
    return out


def classify(results, words, slip=None) -> str:
    """How the feedback names the slip. A recognised mistake counts when it is the slip (the
    spec's list: its own id) or when its line holds one of the slip's words: a catalogue entry
    naming another mistake is not a naming (it is counted as misleading)."""
    lost = [text for _, _, lost, text in results if lost]
    if not lost:
        return "free"
    recognised = [line for t in lost for line in t.splitlines() if "Recognised mistake [" in line]
    if any(f"Recognised mistake [{slip}]" in line for line in recognised) if words == ["\0"] else \
            any(w in line for line in recognised for w in words):
        return "catalogue"
    said = [line for t in lost for line in t.splitlines() if any(d in line for d in DIAGNOSIS)]
    if any(w in line for line in said for w in words):
        return "general"
    if said or recognised:
        return "misleading"
    # no diagnosis at all: a case's own line ("returned None: is the `return` statement missing?")
    # may still say it; counted apart, never as named
    cases = [line for t in lost for line in t.splitlines() if line.lstrip().startswith("•")]
    return "case line" if any(w in line for line in cases for w in words) else "unnamed"


SETS = ("TUNED", "HELDOUT", "HELDOUT2", "HELDOUT3", "HELDOUT4", "HELDOUT5", "HELDOUT6", "HELDOUT7", "HELDOUT8", "HELDOUT9", "HELDOUT10", "HELDOUT11", "HELDOUT12")


def corpus(only=None):
    """{(assignment, set name): {slip id: (source, functions, words)}}; ``only``: set names to keep."""
    from tests.students import mlp as sm, tutorial_net as st
    from tests.students.edits import apply
    from tests.students.slips import mlp as slips_m, tutorial_net as slips_t
    out = {}
    for assignment, base, slips, spec in (("tutorial_net", st.CORRECT, slips_t, st.SLIPS), ("mlp", sm.CORRECT, slips_m, sm.SLIPS)):
        if not only or "spec" in only:
            out[(assignment, "spec's list")] = {k: (apply(base, e, k), fs, ["\0"]) for k, (e, fs) in spec.items()}
        for name in SETS:
            if hasattr(slips, name) and (not only or name.lower() in only):
                out[(assignment, name.lower())] = {k: (apply(base, e, k), fs, w) for k, (e, fs, w) in getattr(slips, name).items()}
    return out


def styles():
    """{(assignment, style): correct source}: the student-style solutions wrapped three ways here,
    and the styles corpus of tests/grader/test_styles.py (tests/students/*_styles.py)."""
    from autograder.checks import mlp, tutorial_net
    from tests.students import mlp as sm, mlp_styles, tutorial_net as st, tutorial_styles
    out = {}
    for assignment, base, functions, corpus in (("tutorial_net", st.CORRECT, tutorial_net.FUNCTIONS, tutorial_styles),
                                                ("mlp", sm.CORRECT, mlp.FUNCTIONS, mlp_styles)):
        names = list(functions)
        out[(assignment, "as written (loops/vectorised)")] = base
        out[(assignment, "float32 results")] = base + F32_WRAP % (names,)
        out[(assignment, "lists and tuples")] = base + LISTS_WRAP % (names,)
        out[(assignment, "methods of a class")] = base + CLASS_WRAP % (names, names)
        out.update({(assignment, style.replace("_", " ")): source for style, source in corpus.STYLES.items()})
    return out


def main(argv=None) -> int:
    import argparse
    parser = argparse.ArgumentParser(prog="python -m autograder.diagnosis_bench")
    parser.add_argument("--sets", default="", help="comma-separated set names (spec, tuned, heldout, heldout2 …); default all")
    parser.add_argument("--no-styles", action="store_true", help="skip the correct code in several styles")
    args = parser.parse_args(argv)
    only = [s.strip().lower() for s in args.sets.split(",") if s.strip()]
    from autograder.checks import mlp, tutorial_net
    checks = {"tutorial_net": tutorial_net.CHECKS, "mlp": mlp.CHECKS}
    print("Single slips: named by the catalogue / by the general diagnosis / not named (misleading)")
    totals = {}
    for (assignment, part), slips in corpus(only).items():
        counts = {"catalogue": 0, "general": 0, "unnamed": 0, "misleading": 0, "case line": 0, "free": 0}
        missed = []
        for slip, (source, functions, words) in slips.items():
            kind = classify(feedback(source, checks[assignment], functions), words, slip)
            counts[kind] += 1
            if kind in ("unnamed", "misleading", "case line", "free"):
                missed.append(f"{slip} ({kind})")
            for key in (part, "all", "held-out (every set, at first sight or not)" if part.startswith("heldout") else "in sample"):
                totals.setdefault(key, {"n": 0, "named": 0, "case": 0})
                totals[key]["n"] += kind != "free"
                totals[key]["named"] += kind in ("catalogue", "general")
                totals[key]["case"] += kind == "case line"
        n = sum(counts.values()) - counts["free"]
        print(f"  {assignment:12s} {part:12s} {n:3d} slips: catalogue {counts['catalogue']}, general {counts['general']}, "
              f"not named {counts['unnamed'] + counts['misleading'] + counts['case line']} ({counts['misleading']} misleading, "
              f"{counts['case line']} said by a case's own line)"
              + (f"; costs nothing: {counts['free']}" if counts["free"] else "")
              + (f"\n      not named: {', '.join(missed)}" if missed else ""))
    for key, t in totals.items():
        print(f"  {key:25s} named {t['named']}/{t['n']} = {100 * t['named'] / max(t['n'], 1):.0f}%"
              + (f"; with the slips a case's own line says: {t['named'] + t['case']}/{t['n']} = "
                 f"{100 * (t['named'] + t['case']) / max(t['n'], 1):.0f}%" if t["case"] else ""))
    if args.no_styles:
        return 0
    print("Correct code in several styles: false namings (a diagnosis or a recognised mistake) / points lost")
    false = 0
    for (assignment, style), source in styles().items():
        results = feedback(source, checks[assignment])
        named = sum(("Recognised mistake" in t or any(d in t for d in DIAGNOSIS)) for _, _, _, t in results)
        lost = [f for f, _, lost_, _ in results if lost_]
        false += named
        print(f"  {assignment:12s} {style:30s} false namings {named}, functions losing points: {', '.join(sorted(set(lost))) or 'none'}")
    print(f"False namings on correct code: {false}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
