"""Where the course lives, and running the real ``nbgrader`` command line in it.

The course root is the repository root (the folder of ``nbgrader_config.py``); nbgrader's
source folder is ``solutions/`` and its release folder ``assignments/`` (see that file).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "solutions"
RELEASE = "assignments"


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message holds the end of what it printed."""


def config(root: Path = ROOT):
    """The course's nbgrader configuration (``<root>/nbgrader_config.py``) as a traitlets Config."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()


def notebook_path(root: Path, folder: str, assignment: str) -> Path:
    """``<root>/<folder>/<assignment>/<assignment>.ipynb`` (one notebook per assignment)."""
    return Path(root) / folder / assignment / f"{assignment}.ipynb"


def nbgrader(root: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m nbgrader ARGS`` in the course ``root`` (where it finds nbgrader_config.py).

    nbgrader shells out to ``alembic`` (and starts kernels), so the folder of this Python's
    executables goes first on PATH. Raises NbgraderError when the command fails.
    """
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""))
    result = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=root, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        tail = (result.stdout[-1500:] + "\n" + result.stderr[-3000:]).strip()
        raise NbgraderError(f"nbgrader {' '.join(args)} failed in {root} (exit {result.returncode}):\n{tail}")
    return result
