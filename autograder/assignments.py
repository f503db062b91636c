"""The course's assignments, by name: their checks and hand-worked parts.

Imported lazily (building checks imports the reference), so that modules which run in a
student's kernel never pull it in.
"""
from __future__ import annotations

NAMES = ("tutorial_net", "mlp")


def checks(name: str) -> list:
    """The Check list of assignment ``name``."""
    return _module(name).CHECKS


def hand_parts(name: str) -> list:
    """The hand-worked parts of assignment ``name`` (none for mlp)."""
    return list(getattr(_module(name), "HAND_PARTS", []))


def _module(name: str):
    if name == "tutorial_net":
        from autograder.checks import tutorial_net as module
    elif name == "mlp":
        from autograder.checks import mlp as module
    else:
        raise KeyError(f"unknown assignment {name!r}; expected one of {', '.join(NAMES)}")
    return module
