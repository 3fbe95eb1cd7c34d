"""Reading a built HTML edition back, for the HTML edition's tests."""
from __future__ import annotations

from pathlib import Path

import lxml.html

EXAMPLE_INPUTS = Path(__file__).resolve().parents[2] / "examples" / "kestrel-vale" / "inputs" / "2023-24"


def parse_page(path: Path):
    return lxml.html.parse(str(path)).getroot()


def text(el) -> str:
    return " ".join("".join(el.itertext()).split())
