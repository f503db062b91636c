"""Shared by every test: the student runtime under the name it has in a release.

The notebook cells the builders write import ``backprop_check`` (the copy of autograder/student/
that every release folder holds; tests/course/test_runtime_copies.py keeps the copies equal to
the package). Tests that execute such cells in this process import the package under that name.
"""
import importlib
import sys

sys.modules.setdefault("backprop_check", importlib.import_module("autograder.student"))


# pytest-xdist (`dev.py test`: --dist loadgroup): the tests of one file run on one worker, so that a
# file's module fixtures are made once; files that share a session fixture form one group, so that
# it is made once in the whole run (on one worker) and not once per worker that happens to need it.
SHARED = {
    "tests/nbgrader/test_autograde.py": "nbgrader-tutorial-class",        # graded_class, fresh_course
    "tests/nbgrader/test_our_grader_agrees.py": "nbgrader-tutorial-class",
    "tests/nbgrader/test_release.py": "nbgrader-tutorial-class",
    "tests/nbgrader/test_mlp_autograde.py": "nbgrader-mlp-class",         # mlp_fabricate.fresh_course
    "tests/nbgrader/test_mlp_release.py": "nbgrader-mlp-class",
}


def pytest_collection_modifyitems(config, items):
    import pytest

    for item in items:
        if not item.get_closest_marker("xdist_group"):
            path = item.nodeid.split("::")[0]
            item.add_marker(pytest.mark.xdist_group(SHARED.get(path, path)))
