"""A student's environment: a fresh virtual environment with only numpy, matplotlib, ipykernel
and nbclient (the lock's versions), none of this repository. Made once, kept in .venv-student/."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / ".venv-student"
PACKAGES = ("numpy", "matplotlib", "ipykernel", "nbclient")
PYTHON = HOME / "bin" / "python"


def ensure() -> Path:
    """The student environment's python (created, or re-created when the lock changed)."""
    stamp = HOME / ".installed"
    wanted = hashlib.sha256((ROOT / "requirements.lock").read_bytes() + " ".join(PACKAGES).encode()
                            + sys.version.encode()).hexdigest()
    if stamp.is_file() and stamp.read_text() == wanted and PYTHON.exists():
        return PYTHON
    venv.EnvBuilder(with_pip=True, clear=True).create(HOME)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    "-c", str(ROOT / "requirements.lock"), *PACKAGES], check=True, capture_output=True)
    stamp.write_text(wanted)
    return PYTHON


EXECUTE = r"""
import json, sys
import nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
               resources={"metadata": {"path": sys.argv[2]}}).execute()
out = {}
for cell in nb.cells:
    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    if cell.cell_type == "code" and gid:
        text = "".join(o.get("text", "") for o in cell.outputs if o.get("output_type") == "stream")
        value = [o["data"].get("text/plain") for o in cell.outputs if o.get("output_type") == "execute_result"]
        errors = [o.get("ename") for o in cell.outputs if o.get("output_type") == "error"]
        out[gid] = {"text": text, "value": value[0] if value else None, "errors": errors}
print(json.dumps(out))
"""


def execute(python: Path, notebook: Path, folder: Path) -> dict:
    """Run ``notebook`` top to bottom in the student environment's kernel, in ``folder``;
    {grade id: {"text": printed, "value": last value, "errors": [...]}} of its nbgrader code cells."""
    done = subprocess.run([str(python), "-I", "-c", EXECUTE, str(notebook), str(folder)], capture_output=True,
                          text=True, timeout=600, cwd=folder)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
