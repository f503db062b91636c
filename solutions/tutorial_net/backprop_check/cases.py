"""The public cases a release ships, as data beside this package: ``cases/<assignment>.json``.

A release folder holds the notebook and a copy of this package (``backprop_check/``) with one
file of public data per assignment:

    {"format": "backprop-public/1", "assignment": "tutorial_net", "release": "<fingerprint>",
     "checks": [[function, <model.to_json of its public cases>], …]   (in the notebook's order),
     "hand": [{"id": "part1", "title": …, "quantities": [[variable, label, shape], …]}, …]}

Public data only: each function's public cases (arguments, expected value, stub table, what each
known mistake returns there) and, for hand-worked parts, which numbers to fill in and their
shapes, never their values. Hidden cases live in the hidden test cells of the source notebook.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import model

FORMAT = "backprop-public/1"
FOLDER = Path(__file__).resolve().parent / "cases"


class NoCases(LookupError):
    """This copy of the runtime holds no (or not the asked) public cases."""


def load(assignment: str | None = None, folder: Path = FOLDER) -> dict:
    """The public data of ``assignment`` (None: the only assignment this folder holds)."""
    files = sorted(Path(folder).glob("*.json")) if Path(folder).is_dir() else []
    if assignment is not None:
        files = [f for f in files if f.stem == assignment]
    if len(files) != 1:
        held = ", ".join(f.stem for f in sorted(Path(folder).glob("*.json"))) if Path(folder).is_dir() else ""
        want = f"the public cases of {assignment}" if assignment else "exactly one assignment's public cases"
        raise NoCases(f"backprop_check/cases/ should hold {want}; it holds {held or 'none'}. "
                      "Keep the notebook in its release folder, beside its backprop_check/ folder.")
    data = json.loads(files[0].read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise NoCases(f"{files[0].name} is not public-case data of this runtime ({data.get('format')!r})")
    return data


def check(data: dict, name: str) -> model.Check:
    """The public Check of function ``name``."""
    for function, text in data["checks"]:
        if function == name:
            return model.from_json(text)
    raise NoCases(f"{data['assignment']} has no function `{name}`; its functions are {', '.join(names(data))}")


def names(data: dict) -> list:
    """The functions of the public data, in the notebook's order."""
    return [function for function, _ in data["checks"]]


def hand(data: dict, part_id: str) -> dict:
    """The fill-in format of hand-worked part ``part_id`` (variables, labels, shapes)."""
    for part in data.get("hand", []):
        if part["id"] == part_id:
            return part
    raise NoCases(f"{data['assignment']} has no hand-worked part {part_id!r}")


def make(assignment: str, checks: list, parts: list, release: str = "", lists: bool = True) -> dict:
    """The public data of a release: ``checks`` (model.Check) and ``parts`` (model.HandPart)
    (``lists``: as ``model.to_json``)."""
    return {"format": FORMAT, "assignment": assignment, "release": release,
            "checks": [[c.function, model.to_json(c.only(False), lists)] for c in checks],
            "hand": [{"id": p.id, "title": p.title,
                      "quantities": [[v, label, [len(x)] if isinstance(x, tuple) else []] for v, label, x in p.quantities]}
                     for p in parts]}
