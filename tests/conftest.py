"""Shared by every test: the student runtime under the name it has in a release.

The notebook cells the builders write import ``backprop_check`` (the copy of autograder/student/
that every release folder holds; tests/course/test_runtime_copies.py keeps the copies equal to
the package). Tests that execute such cells in this process import the package under that name.
"""
import importlib
import sys

import pytest

sys.modules.setdefault("backprop_check", importlib.import_module("autograder.student"))


# pytest-xdist (`dev.py test`: --dist loadfile): the tests of one file run on one worker, so that a
# file's module fixtures are made once; files that share a session fixture run on one worker too
# (SHARED), so that it is made once in the whole run, not once per worker that needs it. (xdist's
# own --dist loadgroup marks do not work with pytest 9: xdist 3.8 renames item._nodeid, which
# pytest 9 no longer reads; hence this scheduler.)
SHARED = {
    "tests/nbgrader/test_autograde.py": "nbgrader-tutorial-class",        # graded_class, fresh_course
    "tests/nbgrader/test_our_grader_agrees.py": "nbgrader-tutorial-class",
    "tests/nbgrader/test_release.py": "nbgrader-tutorial-class",
    "tests/nbgrader/test_mlp_autograde.py": "nbgrader-mlp-class",         # mlp_fabricate.fresh_course
    "tests/nbgrader/test_mlp_release.py": "nbgrader-mlp-class",
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class FilesAndSharedGroups(LoadScopeScheduling):
        """xdist's loadfile, with the files of one SHARED group as one unit of work."""

        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return SHARED.get(path, path)

    return FilesAndSharedGroups(config, log)
