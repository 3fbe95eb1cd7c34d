"""Small helpers for tests that edit a scratch copy of the inputs."""
from __future__ import annotations

import csv
from pathlib import Path


def set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Change one cell of a CSV; row is the spreadsheet row (header = 1)."""
    path = folder / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def set_stated(folder: Path, key: str, value: str) -> None:
    path = folder / "stated_figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for r in rows:
        if r[0] == key:
            r[1] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
