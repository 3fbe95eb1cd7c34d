"""Shared fixtures: the default inputs, a scratch copy to break, and a built report."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = ROOT / "inputs" / "2022-23"
SHARED = ROOT.parent / "shared"  # the project's shared/ folder, beside the checkout (as CI lays it out)
VALIDATOR = SHARED / "ooxml" / "validate.py"
SEED = SHARED / "seed" / "hsp-annual-report-2022-23.txt"
IN_CI = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(why: str) -> None:
    """Something a test needs is not here: skip locally, saying what; under CI it is a failure."""
    if IN_CI:
        pytest.fail(f"{why} (required under CI=true)")
    pytest.skip(why)


def need_tool(name: str) -> str:
    """The tool's path; skip (locally) or fail (under CI) when it is missing."""
    found = shutil.which(name)
    if found:
        return found
    missing(f"{name} is not installed (not on PATH; .ci/run's apt-get line installs it)")
    raise AssertionError("unreachable")


def need_shared(path: Path) -> Path:
    """A file from the project's ../shared/ folder; skip (locally) or fail (under CI) when it is missing."""
    if not path.exists():
        missing(f"../shared/{path.relative_to(SHARED)} is missing: the project's shared/ folder must sit "
                "beside the checkout")
    return path


def _no_skips_in_ci(report) -> None:
    """Under CI=true no test may skip: whatever skipped (a missing tool, a missing ../shared/
    file, a missing package) is reported as a failure, with the skip's reason."""
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true, where every test must run: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    _no_skips_in_ci((yield).get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    _no_skips_in_ci((yield).get_result())


def validate_ooxml(*paths: Path) -> str:
    """Run the shared OOXML validator (../shared/ooxml/validate.py); return its output (assert on
    exit code 0)."""
    need_shared(VALIDATOR)
    proc = subprocess.run([sys.executable, str(VALIDATOR), *map(str, paths)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """The tests' own cache folder (cache.py), never the user's: no result from outside the run."""
    old = os.environ.get("HSP_DOCS_CACHE")
    os.environ["HSP_DOCS_CACHE"] = str(tmp_path_factory.mktemp("hsp-docs-cache"))
    yield
    if old is None:
        os.environ.pop("HSP_DOCS_CACHE", None)
    else:
        os.environ["HSP_DOCS_CACHE"] = old


@pytest.fixture(scope="session")
def default_data():
    from hsp_docs.inputs.loader import load_inputs

    return load_inputs(DEFAULT_INPUTS)


@pytest.fixture(scope="session")
def default_report(default_data):
    from hsp_docs.sections import build_report_model

    return build_report_model(default_data)


@pytest.fixture
def inputs_copy(tmp_path) -> Path:
    """A scratch copy of the default inputs, to break in a test."""
    dest = tmp_path / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, dest)
    return dest


@pytest.fixture(scope="session")
def built(tmp_path_factory, default_data):
    """report.docx and datapack.xlsx built once from the default inputs (LibreOffice off)."""
    from hsp_docs.build import build_all

    out = tmp_path_factory.mktemp("built")
    build_all(default_data, out, soffice=None)
    return out
