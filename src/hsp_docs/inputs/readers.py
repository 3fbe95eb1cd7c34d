"""Read a dataset's raw cells from a CSV file or from a sheet of an input workbook.

Readers only find rows and cells; typing and checking happen in the loader, so both
forms of input give identical errors and identical data.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem
from .files import Refused, decode_text, read_input

#: Most data rows a dataset's CSV file may have (appendix tables, record-level, have none).
ROW_LIMIT = 100_000


@dataclass(eq=False)
class RawTable:
    """Header and data rows of one dataset, with the row numbers a spreadsheet shows."""

    label: str  # file (and sheet) to name in messages
    header: list[str]
    rows: list[tuple[int, list[object]]]
    problems: list[Problem] = field(default_factory=list)  # rows the reader could not take, warnings


def _trim(header: list[str], rows: list[tuple[int, list[object]]]) -> tuple[list[str], list]:
    """Drop trailing blank columns and trailing blank rows, as spreadsheets leave them."""
    while header and not str(header[-1] or "").strip():
        header = header[:-1]
    width = len(header)
    out = []
    for n, cells in rows:
        cells = list(cells) + [None] * (width - len(cells))
        extra = cells[width:]
        cells = cells[:width]
        if any(c not in (None, "") and str(c).strip() for c in extra):
            cells.append(extra)  # marker: data beyond the header, reported by the loader
        out.append((n, cells))
    while out and all(c is None or str(c).strip() == "" for c in out[-1][1]):
        out.pop()
    return header, out


def header_problem(expected: list[str], header: list[str], *, required: Sequence[str] | None = None,
                   optional: Sequence[str] = ()) -> str | None:
    """What is wrong with a header row that should hold the expected columns (all of them, or the
    `required` ones; the `optional` ones may be left out), or None."""
    missing = [n for n in (expected if required is None else required) if n not in header]
    unknown = [h for h in header if h not in expected]
    dupes = sorted({h for h in header if header.count(h) > 1})
    if not (missing or unknown or dupes):
        return None
    parts = []
    if missing:
        parts.append("missing column(s) " + ", ".join(f"'{m}'" for m in missing))
    if unknown:
        parts.append("unknown column(s) " + ", ".join(f"'{u}'" for u in unknown))
    if dupes:
        parts.append("repeated column(s) " + ", ".join(f"'{d}'" for d in dupes))
    also = f" (may be left out: {', '.join(optional)})" if optional else ""
    return f"{'; '.join(parts)}: expected the header row {', '.join(expected)}{also}"


def csv_text(path: Path, label: str, root: Path | None = None, kind: str = "csv",
             warnings: list[Problem] | None = None) -> str | Problem:
    """The text of a CSV file inside `root` (files.py: a regular file within its size limit):
    UTF-8 with or without a BOM, or whole-file Windows-1252 with a warning added to `warnings`;
    anything else (a stray byte, UTF-16, a binary file) is the Problem saying why."""
    try:
        data = read_input(root or path.parent, path, kind)
    except Refused as exc:
        return Problem(label, str(exc))
    except OSError as exc:
        return Problem(label, f"cannot be read: {exc.strerror}")
    if data[:4] == b"PK\x03\x04" or data[:4] == b"\xd0\xcf\x11\xe0":
        return Problem(label, "is not a CSV text file (is it a spreadsheet saved with the wrong name?)")
    try:
        text, warning = decode_text(data)
    except Refused as exc:
        return Problem(label, str(exc))
    if "\x00" in text[:4096]:
        return Problem(label, "is not a CSV text file: it holds NUL bytes (a binary file, or UTF-16 without a BOM?)")
    if warning and warnings is not None:
        warnings.append(Problem(label, warning, severity="warning"))
    return text


def read_csv(path: Path, label: str, root: Path | None = None, kind: str = "csv") -> RawTable | Problem:
    """A CSV file's header and rows. A row whose quote is left open, or whose number of fields
    is not the header's, is a problem naming the row (the file's other rows are still read)."""
    problems: list[Problem] = []
    text = csv_text(path, label, root, kind, problems)
    if isinstance(text, Problem):
        return text
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    lines: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            lines.append((start, record))
            start = reader.line_num + 1
            if kind == "csv" and len(lines) > ROW_LIMIT + 1:
                return Problem(label, f"has more than {ROW_LIMIT:,} rows: a dataset holds the year's figures, not "
                                      "record-level data (declare that as an appendix table, docs/inputs.md)")
    except csv.Error as exc:
        n = len(lines) + 1
        if "field larger than field limit" in str(exc):
            why = (f"a cell starting on this row (line {start} of the file) runs past {csv.field_size_limit():,} "
                   "characters: is a quote left open? (a cell holds at most 32,767); rows after it were not read")
        else:
            why = (f"a quote opened on this row (line {start} of the file) is not closed properly ({exc}): check "
                   "its quotes; rows after it were not read")
        problems.append(Problem(label, why, row=n))
        return problems[-1] if not lines else _table(label, lines, problems)
    if not lines:
        return Problem(label, "is empty: expected a header row")
    return _table(label, lines, problems)


def _table(label: str, lines: list[tuple[int, list[str]]], problems: list[Problem]) -> RawTable:
    header = [h.strip() for h in lines[0][1]]
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    rows: list[tuple[int, list[object]]] = []
    for i, (line, r) in enumerate(lines[1:], 2):
        if r and len(r) < width:
            hint = " (a quote left open swallows the rows after it)" if any("\n" in c for c in r) else ""
            problems.append(Problem(label, f"has {len(r)} field(s) where the header has {width}, from line {line} "
                                           f"of the file{hint}", row=i))
            continue
        rows.append((i, list(r)))
    header, rows = _trim(header, rows)
    return RawTable(label, header, rows, problems)
