"""The student runtime: everything that runs in a student's kernel, and nothing more.

The in-cell check (`incell`), the judge (`judge`), the plain-value format (`codec`), checks as
data (`model`), scoring (`grading`), feedback text (`feedback`) and dependency stubs
(`stubs`). It imports only NumPy and the standard library, never the reference, the check
builders, the generator or the grader, so it can be handed to students on its own (copied
into a release folder). A test keeps it so.
"""

from .incell import check, check_format, check_hand
from .perstudent import check_hand_student, remember_folder
from .selfcheck import check_all

__all__ = ["check", "check_format", "check_hand", "check_hand_student", "remember_folder", "check_all"]
