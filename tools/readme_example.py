"""Print the README's Python example (its first ```python block), so CI and the tests run the
very code a reader copies and it cannot go stale.

    python tools/readme_example.py > example.py     # then run it beside an inputs/2022-23 folder
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_example(readme: Path = README) -> str:
    """The first ```python fenced block of the README."""
    found = re.search(r"^```python\n(.*?)^```", readme.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)
    if found is None:
        raise SystemExit(f"no ```python block in {readme}")
    return found.group(1)


if __name__ == "__main__":
    sys.stdout.write(readme_example())
