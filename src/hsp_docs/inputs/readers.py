"""Read a dataset's raw cells from a CSV file or from a sheet of an input workbook.

Readers only find rows and cells; typing and checking happen in the loader, so both
forms of input give identical errors and identical data.
"""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem


@dataclass(eq=False)
class RawTable:
    """Header and data rows of one dataset, with the row numbers a spreadsheet shows."""

    label: str  # file (and sheet) to name in messages
    header: list[str]
    rows: list[tuple[int, list[object]]]


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


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


def csv_text(path: Path, label: str) -> str | Problem:
    """The text of a CSV file (UTF-8 with or without BOM, else Windows-1252), or why it is not one."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(label, f"cannot be read: {exc.strerror}")
    if b"\x00" in data[:4096] or data[:4] == b"PK\x03\x04":
        return Problem(label, "is not a CSV text file (is it a spreadsheet saved with the wrong name?)")
    return _decode(data)


def read_csv(path: Path, label: str) -> RawTable | Problem:
    text = csv_text(path, label)
    if isinstance(text, Problem):
        return text
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        lines = list(reader)
    except csv.Error as exc:
        return Problem(label, f"is not valid CSV: {exc}")
    if not lines:
        return Problem(label, "is empty: expected a header row")
    header = [h.strip() for h in lines[0]]
    rows: list[tuple[int, list[object]]] = [(i + 2, list(r)) for i, r in enumerate(lines[1:])]
    header, rows = _trim(header, rows)
    return RawTable(label, header, rows)


class WorkbookReader:
    """Reads the sheets of an input workbook safely: values, not formulas."""

    def __init__(self, path: Path, label: str):
        self.path = path
        self.label = label
        self.problems: list[Problem] = []
        self.sheets: dict[str, RawTable] = {}
        self._read()

    def _read(self) -> None:
        import openpyxl  # lazy: only workbook inputs need it

        if not zipfile.is_zipfile(self.path):
            head = self.path.read_bytes()[:8]
            why = "is password-protected or encrypted" if head.startswith(b"\xd0\xcf\x11\xe0") else \
                "is not an Excel .xlsx workbook (renamed or truncated file?)"
            self.problems.append(Problem(self.label, why))
            return
        try:
            with zipfile.ZipFile(self.path) as z:
                total = sum(i.file_size for i in z.infolist())
                if total > 500 * 1024 * 1024:
                    self.problems.append(Problem(self.label, "expands to over 500 MB: refused as a possible zip bomb"))
                    return
            wb_values = openpyxl.load_workbook(self.path, data_only=True)
            wb_formulas = openpyxl.load_workbook(self.path, data_only=False)
        except Exception as exc:  # openpyxl raises many types for damaged files
            self.problems.append(Problem(self.label, f"cannot be opened as a workbook: {exc}"))
            return
        for ws in wb_values.worksheets:
            label = f"{self.label} [sheet {ws.title}]"
            if ws.sheet_state != "visible":
                self.problems.append(Problem(label, "is a hidden sheet: its data is read, check it is meant to be",
                                             severity="warning"))
            for rng in ws.merged_cells.ranges:
                self.problems.append(Problem(label, f"has merged cells {rng.coord}: unmerge them so every "
                                                    "value sits in its own cell", severity="warning"))
            fws = wb_formulas[ws.title]
            grid = []
            for row_v, row_f in zip(ws.iter_rows(), fws.iter_rows()):
                cells = []
                for cv, cf in zip(row_v, row_f):
                    if cf.data_type == "f" and cv.value is None:
                        self.problems.append(Problem(label, f"cell {cf.coordinate} holds a formula with no saved "
                                                            "value: open the workbook in Excel and save it, or "
                                                            "type the value", row=cf.row))
                    cells.append(cv.value)
                grid.append((row_v[0].row if row_v else 0, cells))
            if not grid:
                continue
            header = [str(c).strip() if c is not None else "" for c in grid[0][1]]
            header, rows = _trim(header, grid[1:])
            self.sheets[ws.title] = RawTable(label, header, rows)
