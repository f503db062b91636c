"""``python -m autograder kernel install [--course DIR]``: nbgrader's kernel, confined.

Installs the Jupyter kernel spec ``backprop-confined`` (its argv starts the launcher
``autograder/sandbox/kernel.py`` with this interpreter, which confines itself and then runs
ipykernel: see that module) into ``<prefix>/share/jupyter/kernels/`` (default: this Python's
``sys.prefix``, where the Jupyter that nbgrader runs from finds it). With ``--course DIR``, the
course's ``nbgrader_config.py`` also gets ``c.Execute.kernel_name = "backprop-confined"``, so
``nbgrader autograde`` there runs every notebook in the confined kernel; ``--off`` takes that
line out again.
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

NAME = "backprop-confined"
LAUNCHER = Path(__file__).resolve().parents[1] / "sandbox" / "kernel.py"
SETTING = f'c.Execute.kernel_name = "{NAME}"'
COMMENT = "# nbgrader's kernel runs confined (python -m autograder kernel install; README, \"nbgrader's kernel\")"


def spec() -> dict:
    """The kernel.json: this interpreter runs the launcher, which execs nothing and becomes the kernel."""
    return {"argv": [sys.executable, "-s", "-B", str(LAUNCHER), "-f", "{connection_file}"],
            "display_name": "Python 3 (confined, for nbgrader autograde)",
            "language": "python", "interrupt_mode": "signal",
            "metadata": {"debugger": False}}


def install(prefix: str | None = None) -> Path:
    """Write the spec into ``<prefix>/share/jupyter/kernels/backprop-confined/``; returns that folder."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "kernel.json").write_text(json.dumps(spec(), indent=1) + "\n")
        return Path(KernelSpecManager().install_kernel_spec(tmp, NAME, prefix=prefix or sys.prefix))


def set_course(course: Path, on: bool = True) -> Path:
    """Add (or, ``on=False``, remove) the kernel_name line of the course's nbgrader_config.py."""
    config = Path(course) / "nbgrader_config.py"
    if not config.is_file():
        raise FileNotFoundError(f"{course} is not a course folder: it has no nbgrader_config.py")
    lines = [line for line in config.read_text().splitlines() if line.strip() not in (SETTING, COMMENT)]
    if on:
        lines += ["", COMMENT, SETTING] if lines and lines[-1].strip() else [COMMENT, SETTING]
    config.write_text("\n".join(lines).rstrip("\n") + "\n")
    return config


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="kernel_command", required=True)
    inst = sub.add_parser("install", help="install the confined kernel spec (and select it for a course)")
    inst.add_argument("--course", help="a course folder whose nbgrader autograde should use it")
    inst.add_argument("--prefix", help="install under PREFIX/share/jupyter/kernels (default: this Python's prefix)")
    inst.add_argument("--off", action="store_true", help="with --course: take the setting out of the course again")


def main(args) -> int:
    if args.off and not args.course:
        print("error: --off needs --course", file=sys.stderr)
        return 2
    if not args.off:
        print(f"kernel spec {NAME} installed in {install(args.prefix)}")
    if args.course:
        try:
            config = set_course(Path(args.course), on=not args.off)
        except FileNotFoundError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        state = "runs in" if not args.off else "no longer runs in"
        print(f"nbgrader autograde in {Path(args.course).resolve()} {state} the confined kernel ({config})")
    return 0
