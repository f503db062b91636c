"""Fixtures for the sandbox tests: one zygote per session (real processes, no mocks)."""
import os
import tempfile

import pytest

from autograder.sandbox import Sandbox
from sandbox_helpers import FAST


@pytest.fixture(scope="session")
def scratch_root():
    with tempfile.TemporaryDirectory(prefix="sandbox-test-scratch-") as path:
        os.chmod(path, 0o755)
        yield path


@pytest.fixture(scope="session")
def box(scratch_root):
    with Sandbox(FAST, scratch_root=scratch_root) as sandbox:
        yield sandbox
