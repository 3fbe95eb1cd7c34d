"""Under CI=true no test may skip: the conftest hook turns any skip into a failure that keeps
the skip's reason; locally the same test skips, saying what is missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT

SKIPPING = '''
import pytest

def test_needs_something():
    pytest.skip("frobnicator is not installed")

def test_runs():
    assert 1 + 1 == 2
'''


def run_pytest(folder, ci: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"CI": ci}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", str(folder)],
                          cwd=folder, capture_output=True, text=True, env=env)


def test_a_skip_fails_under_ci_and_skips_locally(tmp_path):
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_skipping.py").write_text(SKIPPING, encoding="utf-8")
    ci = run_pytest(tmp_path, "true")
    assert ci.returncode == 1, ci.stdout
    assert "1 failed, 1 passed" in ci.stdout
    assert "skipped under CI=true, where every test must run: frobnicator is not installed" in ci.stdout
    local = run_pytest(tmp_path, "")
    assert local.returncode == 0 and "1 passed, 1 skipped" in local.stdout, local.stdout
    assert "frobnicator is not installed" in local.stdout
