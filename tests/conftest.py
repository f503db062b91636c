"""Shared by every test: the student runtime under the name it has in a release.

The notebook cells the builders write import ``backprop_check`` (the copy of autograder/student/
that every release folder holds; tests/course/test_runtime_copies.py keeps the copies equal to
the package). Tests that execute such cells in this process import the package under that name.
"""
import importlib
import sys

sys.modules.setdefault("backprop_check", importlib.import_module("autograder.student"))
