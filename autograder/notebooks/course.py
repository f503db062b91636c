"""Where a course lives, and running the real ``nbgrader`` command line in it.

A course is a folder with an ``nbgrader_config.py``. The demo course is this repository (source
folder ``solutions/``, release folder ``assignments/``: ``ROOT``, ``SOURCE``, ``RELEASE``); an
instructor's course (``python -m autograder quickstart DIR``) has nbgrader's default layout,
``source/`` and ``release/``. ``layout(root)`` reads which from the course's configuration.
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "solutions"
RELEASE = "assignments"


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message holds the end of what it printed."""


@dataclass(frozen=True)
class Layout:
    """A course folder and the names of its nbgrader source and release folders."""
    root: Path
    source: str = "source"
    release: str = "release"

    def source_dir(self, assignment: str) -> Path:
        return self.root / self.source / assignment

    def release_dir(self, assignment: str) -> Path:
        return self.root / self.release / assignment


def layout(root: Path = ROOT) -> Layout:
    """The layout of the course at ``root`` (nbgrader's defaults where its configuration is silent)."""
    root = Path(root)
    if not (root / "nbgrader_config.py").is_file():
        return Layout(root, SOURCE, RELEASE) if root.resolve() == ROOT else Layout(root)
    folders = config(root).CourseDirectory
    return Layout(root, str(folders.get("source_directory", "source")), str(folders.get("release_directory", "release")))


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
