"""Which hand-worked answers of a course's variant can be found under a folder (a release)."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\w])")


def answers(variant: dict) -> set:
    """Every hand answer of variant.json, exact and rounded to 3 decimals as the tutorial rounds."""
    out = set()

    def walk(v):
        if isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        else:
            d = Decimal(str(v))
            out.update({d, d.quantize(Decimal("0.001"))})

    walk(variant["answers"])
    return {d.normalize() for d in out}


def telling(values: set, variant: dict) -> set:
    """The answers a reader could not have guessed: not whole numbers below 10 (those occur in any text)."""
    inputs = {Decimal(str(x)).normalize() for x in [*variant["theta"], *variant["Y"], variant["eta"]]}
    inputs |= {Decimal(str(x)).normalize() for row in variant["X"] for x in row}
    return {v for v in values if not (v == v.to_integral_value() and abs(v) < 10) and v not in inputs}


def numbers_in(folder: Path) -> dict:
    """{number: [files]} of every number written in any file under ``folder`` (text files)."""
    found = {}
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or path.suffix in (".pyc",):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for token in NUMBER.findall(text):
            try:
                found.setdefault(Decimal(token).normalize(), set()).add(str(path.relative_to(folder)))
            except ArithmeticError:
                continue
    return found


def leaked(folder: Path, variant: dict) -> dict:
    """{answer: files} for each telling hand answer found as a number under ``folder``."""
    here = numbers_in(folder)
    rounded = {}
    for n, files in here.items():
        try:
            rounded.setdefault(n.quantize(Decimal("1e-12")).normalize(), set()).update(files)
        except ArithmeticError:
            pass
    out = {}
    for a in telling(answers(variant), variant):
        files = here.get(a) or rounded.get(a)
        if files:
            out[str(a)] = sorted(files)
    return out
