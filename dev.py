#!/usr/bin/env python3
"""The project's two commands, each setting up what it needs first.

    python3 dev.py demo     the main job on built-in data
    python3 dev.py test     the whole test suite (extra arguments go to pytest)
    python3 dev.py mutants  mutation testing of the grading core (slow, not in CI; modules may be named)

Both create `.venv/` at the repository root when it is missing, install the pinned
dependencies of `requirements.lock` and this package (editable), and re-install when
`requirements.lock` or `pyproject.toml` change. Needs only Python 3.10+ and access to
the package registry.
"""
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
COMMANDS = {
    "demo": ["-m", "autograder", "demo"],
    # two workers (the machine's two cores); each test file (and the files that share a session
    # fixture, tests/conftest.py's SHARED) on one worker, so that a graded class or a course is made once;
    # the slowest tests are listed at the end
    "test": ["-m", "pytest", "-n", "2", "--dist", "loadfile", "--durations=15"],
    # mutmut over each module of the grading core with its own fast tests, one worker, nice 15
    "mutants": ["tools/mutants.py"],
}


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def _run(*args: str) -> None:
    subprocess.run(args, check=True, cwd=ROOT)


EXCLUDED = ("rfc3987-syntax", "lark")   # left out of requirements.lock (--no-emit-package)


def _drop_excluded(quiet: list) -> None:
    """Uninstall what the lock leaves out, when an older install of this .venv put it there."""
    present = subprocess.run([str(PYTHON), "-c", "import importlib.metadata as m, sys\n"
                              "for n in sys.argv[1:]:\n"
                              "    try: m.version(n); print(n)\n"
                              "    except m.PackageNotFoundError: pass", *EXCLUDED],
                             capture_output=True, text=True, cwd=ROOT).stdout.split()
    if present:
        _run(str(PYTHON), "-m", "pip", "uninstall", *quiet, "-y", *present)


def ensure_environment() -> None:
    """Create .venv and install the locked dependencies unless already up to date."""
    wanted = _fingerprint()
    if STAMP.exists() and STAMP.read_text() == wanted and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"dev.py: creating {VENV.relative_to(ROOT)}/ with Python {sys.version.split()[0]}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    print("dev.py: installing the pinned dependencies (requirements.lock); this takes a minute", flush=True)
    quiet = ["--quiet", "--disable-pip-version-check"]
    # --no-deps: the lock is complete, and it leaves out on purpose what jsonschema's optional IRI
    # format check pulls in (rfc3987-syntax builds 38 lark grammars on import: 2-3 s of CPU in
    # every process that imports nbformat, i.e. every nbgrader command)
    _run(str(PYTHON), "-m", "pip", "install", *quiet, "--no-deps", "-r", "requirements.lock")
    _drop_excluded(quiet)
    _run(str(PYTHON), "-m", "pip", "install", *quiet, "--no-deps", "--no-build-isolation", "-e", ".")
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 10):
        print(f"dev.py: needs Python 3.10 or newer, this is {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ensure_environment()
    env = dict(os.environ, PATH=str(BIN) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("PYTHONPATH", None)
    command = [str(PYTHON), *COMMANDS[argv[0]], *argv[1:]]
    return subprocess.run(command, cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
