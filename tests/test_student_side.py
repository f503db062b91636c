"""The student runtime (autograder/student/) stands alone: it imports NumPy and the standard
library only, never the reference, the check builders, the generator or the grader."""
import subprocess
import sys
from pathlib import Path

STUDENT = Path(__file__).resolve().parents[1] / "autograder" / "student"
FORBIDDEN = ("reference", "autograder.checks", "autograder.grader", "autograder.generate",
             "autograder.notebooks", "autograder.sandbox", "autograder.assignments", "sympy")


def test_student_modules_load_nothing_from_the_instructor_side():
    modules = sorted(p.stem for p in STUDENT.glob("*.py") if p.stem not in ("__init__", "__main__"))
    code = ("import sys\n" + "".join(f"import autograder.student.{m}\n" for m in modules)
            + "print('\\n'.join(sorted(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    leaked = [m for m in loaded if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)]
    assert len(modules) >= 7
    assert leaked == []


def test_student_modules_import_each_other_relatively():
    """Relative imports only, so the folder works under any name once copied into a release."""
    for path in STUDENT.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "from autograder" not in text and "import autograder" not in text, path.name
