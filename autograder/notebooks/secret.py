"""A course's secret: where its numbers and hidden cases come from.

``python -m autograder quickstart DIR`` writes 32 random bytes (hex) to ``DIR/.course_secret``
(mode 0600). It sits at the course root, outside ``source/`` and ``release/``, so nbgrader never
copies it to students. Every seed the generator uses in that course is keyed by it:

    keyed seed = int(SHA-256(secret ‖ assignment ‖ seed)) (128 bits)

so nobody holding only this package (or another course) can rebuild the course's variant, its
hand answers or its hidden cases. A course without a secret (this repository's demo course)
uses its seeds as they are. Keep the file with the course (it regenerates the same exercises);
never publish it.
"""
from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

NAME = ".course_secret"


class SecretError(ValueError):
    """The course's secret file is missing where needed, or malformed."""


def create(root: Path) -> Path:
    """Write a new secret into ``root`` (refuses to replace one)."""
    path = Path(root) / NAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(secrets.token_hex(32) + "\n")
    return path


def read(root: Path) -> bytes | None:
    """The secret of the course at ``root``, or None when it has none."""
    path = Path(root) / NAME
    if not path.is_file():
        return None
    text = path.read_text(encoding="ascii").strip()
    try:
        value = bytes.fromhex(text)
    except ValueError:
        raise SecretError(f"{path} is not a course secret (64 hexadecimal digits)") from None
    if len(value) < 16:
        raise SecretError(f"{path} is too short to be a course secret")
    return value


def keyed(root: Path, assignment: str, seed: int) -> int:
    """``seed`` keyed by the course's secret (``seed`` itself in a course without one)."""
    key = read(root)
    if key is None:
        return seed
    digest = hashlib.sha256(key + f"|{assignment}|{int(seed)}".encode()).digest()
    return int.from_bytes(digest[:16], "big")
