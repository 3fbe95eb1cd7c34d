"""The code stays ruff-clean (the project's conventions, pyproject.toml [tool.ruff])."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


def test_ruff_clean():
    ruff = shutil.which("ruff", path=str(__import__("pathlib").Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    proc = subprocess.run([ruff, "check", "src", "tests", "benchmarks", "tools"], cwd=ROOT, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stdout


def test_mypy_clean_and_the_package_says_it_is_typed():
    """mypy reports no errors on src/ at pyproject.toml's [tool.mypy] settings, and the wheel
    ships py.typed so that scripts calling the API are checked against its hints too."""
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    assert (ROOT / "src" / "hsp_docs" / "py.typed").is_file()
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0 and "Success: no issues found" in proc.stdout, proc.stdout + proc.stderr
