"""Reading the dataset sheets of an input workbook (datasets.xlsx) safely and within limits.

Only the sheets that are datasets are read, each as a stream (openpyxl's read-only mode), so a
huge sheet nobody needs costs nothing; a dataset sheet is limited in rows. Sheets are matched to
datasets by name ignoring case and surrounding spaces. Values are read, never formulas; a
formula with no saved value is an error. Hidden or filtered-out rows are an error (the user sees
a table without them, the build would publish them), or a warning with --allow-hidden-rows.
"""
from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

from lxml import etree

from ..errors import Problem
from .files import Refused, read_input, zip_bomb
from .readers import ROW_LIMIT, RawTable, _trim

#: Most cells (rows times the sheet's columns) one dataset sheet may have.
CELL_LIMIT = 2_000_000
_IGNORED = {"readme"}  # the sheet write_input_workbook adds to explain the workbook


class WorkbookReader:
    """Reads the dataset sheets of an input workbook: `sheets` maps dataset name -> RawTable,
    `problems` holds what was wrong (errors and warnings)."""

    def __init__(self, path: Path, label: str, datasets: tuple[str, ...] = (), root: Path | None = None,
                 allow_hidden_rows: bool = False):
        self.path, self.label = path, label
        self.datasets = datasets
        self.allow_hidden_rows = allow_hidden_rows
        self.problems: list[Problem] = []
        self.sheets: dict[str, RawTable] = {}
        self._read(root or path.parent)

    def add(self, label: str, message: str, row: int | None = None, severity: str = "error") -> None:
        self.problems.append(Problem(label, message, row=row, severity=severity))

    def _read(self, root: Path) -> None:
        import openpyxl  # lazy: ~250 ms at import, and only workbook inputs need it

        try:
            data = read_input(root, self.path, "workbook")
        except Refused as exc:
            return self.add(self.label, str(exc))
        except OSError as exc:
            return self.add(self.label, f"cannot be read: {exc.strerror}")
        if not data.startswith(b"PK"):
            why = "is password-protected or encrypted" if data.startswith(b"\xd0\xcf\x11\xe0") else \
                "is not an Excel .xlsx workbook (renamed or truncated file?)"
            return self.add(self.label, why)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                bomb = zip_bomb(z)
                if bomb:
                    return self.add(self.label, bomb)
                values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
                formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
                self._sheets(z, values, formulas)
        except zipfile.BadZipFile:
            return self.add(self.label, "is not an Excel .xlsx workbook (renamed or truncated file?)")
        except Exception as exc:  # openpyxl raises many types for damaged files
            return self.add(self.label, f"cannot be opened as a workbook: {type(exc).__name__}: {exc}")

    def _sheets(self, z: zipfile.ZipFile, values, formulas) -> None:
        wanted = {d.casefold(): d for d in self.datasets}
        found: dict[str, str] = {}
        for ws in values.worksheets:
            key = ws.title.strip().casefold()
            label = f"{self.label} [sheet {ws.title}]"
            name = wanted.get(key)
            if name is None:
                if key not in _IGNORED:
                    near = difflib.get_close_matches(key, list(wanted), n=1)
                    hint = f" (did you mean '{wanted[near[0]]}'?)" if near else ""
                    self.add(label, f"is not a dataset, so it is not read{hint}; the dataset sheets are named as "
                                    "in docs/inputs.md", severity="warning")
                continue
            if name in found:
                self.add(label, f"and sheet '{found[name]}' both hold the dataset '{name}': keep one")
                continue
            found[name] = ws.title
            if ws.sheet_state != "visible":
                self.add(label, "is a hidden sheet: its data is read, check it is meant to be", severity="warning")
            hidden, merged = _row_facts(z, getattr(ws, "_worksheet_path", None))
            for rng in merged:
                self.add(label, f"has merged cells {rng}: unmerge them so every value sits in its own cell",
                         severity="warning")
            if hidden:
                shown = ", ".join(map(str, hidden[:10])) + (" …" if len(hidden) > 10 else "")
                if self.allow_hidden_rows:
                    self.add(label, f"has hidden or filtered-out rows ({shown}): they are read and published "
                                    "(--allow-hidden-rows)", severity="warning")
                else:
                    self.add(label, f"has hidden or filtered-out rows ({shown}): they would be published though "
                                    "the sheet does not show them; unhide them (or clear the filter), delete those "
                                    "you do not mean to publish, or use --allow-hidden-rows")
            table = self._table(label, ws, formulas[ws.title])
            if table is not None:
                self.sheets[name] = table

    def _table(self, label: str, ws, fws) -> RawTable | None:
        grid = []
        cells_read = 0
        for n, (row_v, row_f) in enumerate(zip(ws.iter_rows(min_row=1), fws.iter_rows(min_row=1)), 1):
            cells_read += len(row_v)
            if n > ROW_LIMIT + 1 or cells_read > CELL_LIMIT:
                self.add(label, f"has more than {ROW_LIMIT:,} rows or {CELL_LIMIT:,} cells: a dataset sheet holds "
                                "the year's figures, not record-level data (declare that as an appendix table, "
                                "docs/inputs.md)")
                return None
            cells = []
            for cv, cf in zip(row_v, row_f):
                if getattr(cf, "data_type", None) == "f" and cv.value is None:
                    self.add(label, f"cell {cf.coordinate} holds a formula with no saved value: open the workbook "
                                    "in Excel and save it, or type the value", row=n)
                cells.append(cv.value)
            grid.append((n, cells))
        if not grid:
            return None
        header = [str(c).strip() if c is not None else "" for c in grid[0][1]]
        header, rows = _trim(header, grid[1:])
        return RawTable(label, header, rows)


def _row_facts(z: zipfile.ZipFile, part: str | None) -> tuple[list[int], list[str]]:
    """The hidden rows and merged ranges of one sheet, read from its XML as a stream."""
    if not part:
        return [], []
    hidden, merged = [], []
    with z.open(part.lstrip("/")) as f:
        for _, el in etree.iterparse(f, events=("end",), resolve_entities=False, no_network=True, huge_tree=False,
                                     tag=("{*}row", "{*}mergeCell")):
            if el.tag.endswith("}row"):
                if el.get("hidden") in ("1", "true"):
                    hidden.append(int(el.get("r", "0")))
                el.clear(keep_tail=False)
            else:
                merged.append(el.get("ref", ""))
    return hidden, merged
