"""Applying a slip's textual edits to a correct student-style solution."""


def apply(source: str, edits, name: str = "") -> str:
    """``source`` with each (old, new) edit applied; every edit must change the text."""
    for old, new in edits:
        assert old in source, f"{name}: {old!r} not found"
        source = source.replace(old, new)
    return source
