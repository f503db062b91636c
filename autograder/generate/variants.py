r"""Variants of the tutorial network: numbers a student can work by hand, checked exactly.

A variant is the tutorial's exercise with other numbers: θ = (w0, w1, w2, w3, w4), two examples
(x1, y1), (x2, y2) and η. It is drawn deterministically from (seed, student id, attempt): the
draws come from SHA-256 in counter mode (stable across Python and NumPy versions), so the same
seed and id always give the same numbers. The space is the tutorial's kind of numbers:

    w0, w1 ∈ {−2, −1, 1, 2}   w2 ∈ {−2, …, 2}   w3 ∈ {−2, −1, 1, 2}   w4 ∈ {−3, …, 3}
    x[0], x[1] ∈ {−3, …, 3} ∖ {0}, x[0] ≠ x[1]      η ∈ {0.01, 0.02, 0.05}
    y = ŷ(x) − r with the residual r = k/10, 0 < |k| < 30, k not a multiple of 10

one example drawn with 0 < z(x) ≤ 5 and the other (at a drawn position) with −6 ≤ z(x) < 0;
drawing the residual ŷ − y rather than y keeps the losses and gradients hand-sized, and the
targets have one decimal like the tutorial's 1.3 and 1.9. Every answer is then derived
EXACTLY by ``reference.symbolic.tutorial_exact`` (sympy) and the variant is kept only if it
keeps every rule (``broken`` lists the ones it breaks):

    hand-sized      every number of parts 1–5 terminates within 4 decimals and is at most 30 in size
    mask matters    one example has its ReLU on (z > 0), the other off (z < 0)
    no kink         no z is exactly 0, before or after the step
    descent         the step lowers L(D), visibly at three decimals
    terminating     every answer (part 6 too) has a terminating decimal expansion
    not public      no telling hand answer (not a whole number below 10, not an input), exact or
                    rounded to 3 decimals, is a number the public cases show (they run on the
                    tutorial's published numbers, the same in every course): the release gives none away
    reference       the NumPy reference gives the same numbers on the variant's data (float64)

Otherwise the next attempt is drawn. Students' variants must also differ from each other (and
from the class variant) in every hand part beyond the grading tolerance, so that no part's
answers can be right for two students, and preferably in two numbers of every part (see
``MIN_APART``): ``assign`` draws again on a collision, taking the students in sorted order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

from autograder.checks import tutorial_net as tn
from autograder.student.model import HandPart
from autograder.generate import decimals, variantfile
from autograder.generate.draws import Draw
from reference import tutorial_net as ref
from reference.symbolic import tutorial_exact

ASSIGNMENT = "tutorial_net"
W01, W2, W3, W4 = (-2, -1, 1, 2), (-2, -1, 0, 1, 2), (-2, -1, 1, 2), (-3, -2, -1, 0, 1, 2, 3)
XS = (-3, -2, -1, 1, 2, 3)
RESIDUALS = tuple(Fraction(k, 10) for k in range(-29, 30) if k % 10)
Z_ON, Z_OFF = 5, 6    # 0 < z ≤ Z_ON for the example whose ReLU is on, −Z_OFF ≤ z < 0 for the other
ETAS = (Fraction(1, 100), Fraction(1, 50), Fraction(1, 20))
HAND_KEYS = ("z", "h", "y_hat", "example_loss", "dataset_loss", "delta_yhat", "delta_h",
             "example_gradient", "dataset_gradient", "theta_next")          # parts 1–5
PART6_KEYS = ("example_loss_next", "dataset_loss_next")
MAX_PLACES, MAX_SIZE = 4, 30
MAX_ATTEMPTS = 10_000
_TOL = HandPart("", "", ())  # the hand parts' tolerances: atol + rtol·|expected|


class NoVariant(RuntimeError):
    """No attempt kept every rule (should not happen with the space above)."""


@dataclass(frozen=True)
class Variant:
    """One exercise's numbers (exact Fractions) and every answer (exact sympy Rationals)."""
    seed: int
    student: str | None       # None: the class variant (the seed's own)
    attempt: int              # which draw of (seed, student) this is
    theta: tuple              # 5 Fractions
    X: tuple                  # 2 pairs of Fractions
    Y: tuple                  # 2 Fractions
    eta: Fraction
    answers: dict = field(compare=False, repr=False)   # tutorial_exact's dict

    def data(self) -> dict:
        """The data dict of the checks (float64 arrays, like ``tutorial_net.TUTORIAL``)."""
        return variantfile.data({"theta": self.theta, "X": self.X, "Y": self.Y, "eta": self.eta})


def candidate(seed: int, student: str | None, attempt: int):
    """The inputs (θ, X, Y, η) of draw ``attempt`` for (seed, student), as Fractions."""
    d = Draw(ASSIGNMENT, int(seed), student, int(attempt))
    theta = (d.choice(W01), d.choice(W01), d.choice(W2), d.choice(W3), d.choice(W4))
    off = d.choice((0, 1))
    rows = [_example(d, theta, on=(i != off)) for i in range(2)]
    Y = tuple(_y_hat(theta, x) - d.choice(RESIDUALS) for x in rows)
    return tuple(map(Fraction, theta)), tuple(rows), Y, d.choice(ETAS)


def _y_hat(theta, x) -> int:
    """ŷ(x) in integers (θ and x are), only to place the target: the answers come from sympy."""
    return theta[3] * max(theta[0] * x[0] + theta[1] * x[1] + theta[2], 0) + theta[4]


def _example(d, theta, on: bool) -> tuple:
    for _ in range(200):
        x = (d.choice(XS), d.choice(XS))
        z = theta[0] * x[0] + theta[1] * x[1] + theta[2]
        if x[0] != x[1] and (0 < z <= Z_ON if on else -Z_OFF <= z < 0):
            return (Fraction(x[0]), Fraction(x[1]))
    return (Fraction(0), Fraction(0))  # fails the rules below; the next attempt is drawn


def derive(seed, student, attempt, theta, X, Y, eta) -> Variant:
    """The variant with every answer derived exactly by sympy."""
    return Variant(seed, student, attempt, theta, X, Y, eta, tutorial_exact(theta, X, Y, eta))


def broken(v: Variant, every: bool = True) -> list:
    """The rules ``v`` breaks (see the module's docstring); [] when it keeps them all.

    With ``every=False`` the (slower) comparison with the NumPy reference is left out once
    another rule is broken.
    """
    a, out = v.answers, []
    hand = [decimals.fraction(n) for key in HAND_KEYS for n in _numbers(a[key])]
    every_hand = hand + [decimals.fraction(n) for key in PART6_KEYS for n in _numbers(a[key])]
    if any(decimals.places(n) is None or decimals.places(n) > MAX_PLACES or abs(n) > MAX_SIZE for n in hand):
        out.append("hand-sized")
    inputs_ok = (all(t == int(t) and abs(t) <= 2 for t in v.theta) and
                 all(x == int(x) and x != 0 and abs(x) <= 3 for row in v.X for x in row) and
                 all(decimals.places(y) == 1 for y in v.Y) and len(v.X) == 2)
    if not inputs_ok:
        out.append("hand-sized")
    if sorted(bool(z > 0) for z in a["z"]) != [False, True]:
        out.append("mask matters")
    if any(z == 0 for z in list(a["z"]) + list(a["z_next"])):
        out.append("no kink")
    before, after = decimals.fraction(a["dataset_loss"]), decimals.fraction(a["dataset_loss_next"])
    if not (after < before and round(after, 3) < round(before, 3)):
        out.append("descent")
    if any(decimals.places(n) is None for key in a for n in _numbers(a[key])):
        out.append("terminating")
    if _shown_in_public(v, every_hand):
        out.append("not public")
    if (every or not out) and not agrees_with_reference(v):
        out.append("reference")
    return list(dict.fromkeys(out))


def _shown_in_public(v: Variant, hand: list) -> bool:
    """Is a telling hand answer (not a whole number below 10, not an input), exact or rounded to
    3 decimals as the tutorial rounds, one of the numbers the release's public cases show?"""
    inputs = {Fraction(t) for t in v.theta} | {Fraction(x) for row in v.X for x in row} | {Fraction(y) for y in v.Y}
    telling = [n for n in hand if not (n.denominator == 1 and abs(n) < 10) and n not in inputs]
    shown = public_numbers() | _ALSO
    return any(round(float(n), 9) in shown or round(float(round(n, 3)), 9) in shown for n in telling)


_PUBLIC = []
_ALSO = set()


class also_shown:
    """While active, ``numbers`` (rounded to 9 decimals) count as shown too: a course's other
    releases (quickstart passes the numbers of release/mlp/ before it draws tutorial_net)."""

    def __init__(self, numbers):
        self.numbers = {round(float(n), 9) for n in numbers}

    def __enter__(self):
        _ALSO.update(self.numbers)
        return self

    def __exit__(self, *exc):
        _ALSO.difference_update(self.numbers)


def public_numbers() -> set:
    """Every number of the public cases (the tutorial's numbers: the same in every course), to 9 decimals."""
    if not _PUBLIC:
        from autograder.student import codec

        found = set()

        def walk(x):
            if isinstance(x, dict):
                for y in x.values():
                    walk(y)
            elif isinstance(x, (list, tuple)):
                for y in x:
                    walk(y)
            elif isinstance(x, float) or (isinstance(x, int) and not isinstance(x, bool)):
                found.add(round(float(x), 9))

        for check in tn.build_checks(tn.TUTORIAL):
            for case in check.only(False).cases:
                walk([codec.encode(case.args), codec.encode(case.expected), codec.encode(case.stubs), codec.encode(case.mistakes)])
        _PUBLIC.append(found)
    return _PUBLIC[0]


def agrees_with_reference(v: Variant, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Do the NumPy reference's float64 values on v's data equal the exact answers?"""
    return all(np.allclose(got, want, rtol=rtol, atol=atol)
               for got, want in zip(reference_numbers(v.data()), exact_numbers(v.answers)))


def reference_numbers(data: dict) -> list:
    """Every quantity of tutorial_exact's dict (same keys, same order), by the NumPy reference."""
    q = tn.quantities(ref, data)
    nxt = np.asarray(q["theta_next"])
    forward = [ref.forward(nxt, x) for x in data["X"]]
    q.update(z_next=[f[0] for f in forward], h_next=[f[1] for f in forward], y_hat_next=[f[2] for f in forward])
    return [np.asarray(q[key], dtype=float) for key in KEYS]


def exact_numbers(answers: dict) -> list:
    return [np.asarray(decimals.tree(answers[key], lambda n: float(decimals.fraction(n))), dtype=float) for key in KEYS]


KEYS = ("z", "h", "y_hat", "example_loss", "dataset_loss", "delta_yhat", "delta_h", "example_gradient",
        "dataset_gradient", "theta_next", "z_next", "h_next", "y_hat_next", "example_loss_next", "dataset_loss_next")
"""The quantities of the spec's table: the keys of ``tutorial_exact``'s dict, in the sheet's order."""


def _numbers(value):
    if isinstance(value, (list, tuple)):
        for v in value:
            yield from _numbers(v)
    else:
        yield value


def first_valid(seed: int, student: str | None, start: int = 0) -> Variant:
    """The first draw from ``start`` on that keeps every rule."""
    for attempt in range(start, start + MAX_ATTEMPTS):
        v = derive(seed, student, attempt, *candidate(seed, student, attempt))
        if not broken(v, every=False):
            return v
    raise NoVariant(f"no variant kept the rules in {MAX_ATTEMPTS} draws (seed {seed}, student {student!r})")


# ----- students' variants differ in every hand part ------------------------------------------

def part_values(v: Variant) -> list:
    """Per hand part (tutorial_net.HAND order), its numbers flattened, as floats."""
    out = []
    for _, _, rows in tn.HAND:
        nums = []
        for _, _, key, i in rows:
            value = v.answers[key] if i is None else v.answers[key][i]
            nums += [float(decimals.fraction(n)) for n in _numbers(value)]
        out.append(np.array(nums))
    return out


MIN_APART, PREFER_APART, PREFER_TRIES = 1, 2, 8
"""In every hand part, two students' variants differ in at least MIN_APART numbers, each by more
than the sum of the two tolerances, so that no part's answers can be right for both; ``assign``
prefers PREFER_APART (trying up to PREFER_TRIES valid draws), so that a part copied on its own
differs from the student's own answers in two numbers, which ``perstudent.copied_parts`` takes
as proof by itself (one number could be a slip)."""


def _clash(values: list, table: list, need: int) -> bool:
    """Is ``values`` (per part) fewer than ``need`` numbers apart from a row of ``table`` in some part?"""
    tol = lambda e: _TOL.atol + _TOL.rtol * np.abs(e)
    return any((np.sum(np.abs(rows - v) > tol(rows) + tol(v), axis=1) < need).any() for v, rows in zip(values, table))


def apart(a: list, b: list) -> int:
    """The fewest numbers in which a and b (``part_values`` of each) differ, over the hand parts."""
    tol = lambda e: _TOL.atol + _TOL.rtol * np.abs(e)
    return min(int(np.sum(np.abs(pa - pb) > tol(pa) + tol(pb))) for pa, pb in zip(a, b))


def assign(seed: int, students) -> tuple:
    """(the class variant, {student: variant}): students in sorted order, each apart from all before."""
    first = first_valid(seed, None)
    taken = [[p] for p in part_values(first)]
    out = {}
    for student in sorted(students):
        v = _apart_from(taken, seed, student)
        for rows, p in zip(taken, part_values(v)):
            rows.append(p)
        out[student] = v
    return first, out


def _apart_from(taken: list, seed: int, student: str) -> Variant:
    """The student's first valid draw PREFER_APART from every taken one, or after PREFER_TRIES
    draws the first MIN_APART from them."""
    table = [np.array(rows) for rows in taken]
    v, fallback, tries = first_valid(seed, student), None, 0
    while True:
        values = part_values(v)
        if not _clash(values, table, PREFER_APART):
            return v
        if fallback is None and not _clash(values, table, MIN_APART):
            fallback = v
        tries += 1
        if fallback is not None and tries >= PREFER_TRIES:
            return fallback
        v = first_valid(seed, student, v.attempt + 1)
