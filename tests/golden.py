"""Golden files: output compared with a checked-in expected file; HSP_DOCS_UPDATE_GOLDEN=1 rewrites them."""

import difflib
import os
from pathlib import Path

EXPECTED = Path(__file__).parent / "expected"


def assert_golden(name: str, text: str) -> None:
    """`text` must equal tests/expected/`name`; with HSP_DOCS_UPDATE_GOLDEN=1 the file is rewritten instead."""
    path = EXPECTED / name
    if os.environ.get("HSP_DOCS_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}: run with HSP_DOCS_UPDATE_GOLDEN=1, then review the diff"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path), "built", n=2))
        raise AssertionError(f"{name} differs from its golden file (review, then HSP_DOCS_UPDATE_GOLDEN=1):\n{diff[:6000]}")
