"""[[appendix_tables]] in report.toml: record-level tables from CSV files, declared and checked.

    [[appendix_tables]]
    key = "contacts"                       # placed with [[table: contacts]]; else at the report's end
    title = "Contacts received, 2022-23"
    file = "appendices/contacts.csv"       # inside the year's folder
    source = "Case management system"      # optional
    notes = ["Each row is one contact."]   # optional
    landscape = false                      # optional: a wide table on landscape pages
    report = true                          # optional: false puts it in the workbook alone
    owner = "Children's social care"       # optional: who supplies it, for `hsp-docs check`
    columns = [
      { name = "Contact reference" },                 # kind "text" unless given
      { name = "Date received", kind = "date" },
      { name = "Children in household", kind = "count" },
      { name = "Cost", kind = "money" },
      { name = "Share of cases", kind = "percent", dp = 1 },   # decimal places (optional)
    ]

Each cell is parsed by its column's kind, as the datasets are: a bad cell is a problem naming
the file, row and column. Blank cells are allowed, and print as [x] (not available).
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

from ..errors import Problem
from ..model.appendices import KINDS, AppendixColumn, AppendixTable
from ..sections.registry import PARTS
from .files import Refused, inside
from .readers import csv_text, header_problem
from .sanitize import clean_text
from .values import PARSERS, BadValue

MEMO_LIMIT = 100_000  # distinct texts remembered per column (dates, teams, amounts repeat)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_PLAIN_AMOUNT = re.compile(r"\d{1,12}(\.\d+)?")
_FORBIDDEN_OR_EDGE_SPACE = re.compile(r"^\s|\s$|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

_KEY = re.compile(r"[A-Za-z0-9_-]+")
_OPTIONAL = ("source", "notes", "landscape", "owner", "report")


def load_appendices(root: Path, doc: dict, c) -> tuple[AppendixTable, ...]:
    """The appendix tables report.toml declares, with their rows; problems go to the collector `c`."""
    specs = doc.get("appendix_tables", [])
    label = c.label(root / "report.toml")
    if not isinstance(specs, list):
        c.add(label, "[[appendix_tables]] should be a list of tables, each with key, title, file and columns")
        return ()
    taken = {k.split(":", 1)[1] for k in PARTS if k.startswith("table:")}
    out: list[AppendixTable] = []
    for i, spec in enumerate(specs, 1):
        where = f"[[appendix_tables]] number {i}"
        declared = _declaration(spec, where, label, c, taken | {a.key for a in out})
        if declared is None:
            continue
        try:
            path = inside(root, declared.file)
        except Refused as exc:
            c.add(label, f"{where}: file {exc}")
            continue
        if not path.exists():
            c.add(c.label(path), f"is missing: {where} ('{declared.key}') in report.toml points to it")
            continue
        rows = read_appendix(path, c.label(path), declared.columns, c, root)
        if rows is None:
            continue
        out.append(dataclasses.replace(declared, rows=rows))
    return tuple(out)


def _declaration(spec, where: str, label: str, c, taken: set[str]) -> AppendixTable | None:
    """One [[appendix_tables]] entry checked, without its rows; None (with problems) if unusable."""
    if not isinstance(spec, dict):
        c.add(label, f"{where} should be a table with key, title, file and columns")
        return None
    ok = True
    for name in ("key", "title", "file"):
        if not isinstance(spec.get(name), str) or not spec[name].strip():
            c.add(label, f"{where} needs '{name}' (text)")
            ok = False
    key = str(spec.get("key", "")).strip()
    if key and not _KEY.fullmatch(key):
        c.add(label, f"{where}: key {key!r} should be one word of letters, digits, _ or -")
        ok = False
    elif key in taken:
        c.add(label, f"{where}: key {key!r} is already a table of the report: choose another")
        ok = False
    unknown = sorted(set(spec) - {"key", "title", "file", "columns", *_OPTIONAL})
    if unknown:
        c.add(label, f"{where}: unknown setting(s) {', '.join(unknown)} (the settings: key, title, file, columns, "
                     f"{', '.join(_OPTIONAL)})")
        ok = False
    columns = _columns(spec.get("columns"), f"{where} ('{key}')" if key else where, label, c)
    notes = spec.get("notes", ())
    notes = (notes,) if isinstance(notes, str) else notes
    if not isinstance(notes, (list, tuple)) or not all(isinstance(n, str) for n in notes):
        c.add(label, f"{where}: notes should be a list of sentences")
        ok = False
    for flag in ("landscape", "report"):
        if not isinstance(spec.get(flag, flag == "report"), bool):
            c.add(label, f"{where}: {flag} should be true or false")
            ok = False
    if not ok or columns is None:
        return None
    return AppendixTable(key, spec["title"].strip(), spec["file"].strip(), columns,
                         notes=tuple(n.strip() for n in notes if n.strip()), source=str(spec.get("source", "")),
                         landscape=spec.get("landscape", False), owner=str(spec.get("owner", "")),
                         in_report=spec.get("report", True))


def _columns(specs, where: str, label: str, c) -> tuple[AppendixColumn, ...] | None:
    if not isinstance(specs, list) or not specs:
        c.add(label, f"{where} needs 'columns': a list like [{{ name = \"Date received\", kind = \"date\" }}], "
                     "one for each column of the file, in any order")
        return None
    out, ok = [], True
    for j, col in enumerate(specs, 1):
        name = col.get("name") if isinstance(col, dict) else None
        if not isinstance(name, str) or not name.strip():
            c.add(label, f"{where}: column {j} needs a 'name', as the file's header row writes it")
            ok = False
            continue
        kind = col.get("kind", "text")
        dp = col.get("dp")
        unit = col.get("unit")
        unknown = sorted(set(col) - {"name", "kind", "dp", "unit"})
        if unknown:
            c.add(label, f"{where}: column '{name}': unknown setting(s) {', '.join(unknown)} (the settings: name, "
                         "kind, dp, unit)")
            ok = False
        if kind not in KINDS:
            c.add(label, f"{where}: column '{name}' has kind {kind!r}; the kinds are {', '.join(KINDS)}")
            ok = False
        if dp is not None and (not isinstance(dp, int) or isinstance(dp, bool) or not 0 <= dp <= 4):
            c.add(label, f"{where}: column '{name}': dp should be a whole number from 0 to 4")
            ok = False
        if unit is not None and not isinstance(unit, str):
            c.add(label, f"{where}: column '{name}': unit should be text, like \"£\" or \"days\"")
            ok = False
        out.append(AppendixColumn(name.strip(), kind, dp if isinstance(dp, int) else None, unit))
    names = [col.name for col in out]
    for name in sorted({n for n in names if names.count(n) > 1}):
        c.add(label, f"{where}: column '{name}' is declared twice")
        ok = False
    return tuple(out) if ok else None


# --- the rows: one typed pass over the CSV ------------------------------------------------------

def _fast(kind: str):
    """A parser for the common, plain forms of a kind (31/12/2022, 1250.50, 42), giving exactly
    what the kind's full parser (inputs/values.py) gives; None means 'ask the full parser'."""
    if kind == "date":
        def parse(text: str):
            m = _DAY_MONTH_YEAR.fullmatch(text)
            if m:
                try:
                    return dt.date(int(m[3]), int(m[2]), int(m[1]))
                except ValueError:
                    return None
            return None
    elif kind == "count":
        def parse(text: str):
            return int(text) if text.isascii() and text.isdigit() and len(text) <= 15 else None  # else the full parser
    elif kind == "money":
        def parse(text: str):
            return Decimal(text) if _PLAIN_AMOUNT.fullmatch(text) else None
    else:
        return None
    return parse


def _cell_parser(kind: str):
    """text -> typed value for one column, remembering the values of texts seen before; raises
    BadValue as the full parser does."""
    full, fast = PARSERS[kind], _fast(kind)
    memo: dict[str, object] = {}

    def parse(text: str):
        got = memo.get(text)
        if got is None:
            got = fast(text) if fast is not None else None
            if got is None:
                got = full(text)
            if len(memo) < MEMO_LIMIT:
                memo[text] = got
        return got

    return parse


def read_appendix(path: Path, label: str, columns: tuple[AppendixColumn, ...], c,
                  root: Path | None = None) -> tuple | None:
    """The typed rows (tuples in the declared columns' order) of an appendix CSV, in one pass from
    the CSV reader: no intermediate table of raw cells. Bad cells, rows with values beyond the
    header and a wrong header row are problems naming the file, row and column (as for every
    input); blank rows are skipped and a blank cell is None. None if the file is unusable."""
    text = csv_text(path, label, root, "appendix", c.problems)
    if isinstance(text, Problem):
        c.problems.append(text)
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = _header(reader, label, columns, c)
        if header is None:
            return None
        width = len(header)
        # (position in the file, parser or None for text, column name), in the declared order
        plan = [(header.index(col.name), None if col.kind == "text" else _cell_parser(col.kind), col.name)
                for col in columns]
        rows: list[tuple] = []
        append = rows.append
        for n, cells in enumerate(reader, 2):
            fitted = cells if len(cells) == width else _fitted(cells, width, label, n, c)
            if fitted is None:
                continue
            values = _typed(fitted, plan, label, n, c)
            if values is not None and any(v is not None for v in values):  # a blank row is skipped
                append(values)
    except csv.Error as exc:
        c.add(label, f"is not valid CSV from line {reader.line_num} of the file ({exc}): is a quote left open?")
        return None
    return tuple(rows)


def _header(reader, label: str, columns: tuple[AppendixColumn, ...], c) -> list[str] | None:
    """The header row, without blank trailing cells, if it names the declared columns; else None
    (the problem collected)."""
    first = next(reader, None)
    if first is None:
        c.add(label, "is empty: expected a header row")
        return None
    header = [h.strip() for h in first]
    while header and not header[-1]:
        header.pop()
    wrong = header_problem([col.name for col in columns], header)
    if wrong:
        c.add(label, wrong, row=1)
        return None
    return header


def _fitted(cells: list[str], width: int, label: str, n: int, c) -> list[str] | None:
    """A row that is not the header's width: cut to it where the extra cells are blank; None for
    a blank line, or a row with values beyond the header or too few fields (the problem collected)."""
    if len(cells) > width:
        if any(x.strip() for x in cells[width:]):
            c.add(label, "has values beyond the last column of the header", row=n)
            return None
        return cells[:width]
    if cells:  # a short row: a quote left open, or a field missing
        c.add(label, f"has {len(cells)} field(s) where the header has {width}", row=n)
    return None


def _typed(cells: list[str], plan: list, label: str, n: int, c) -> tuple | None:
    """Row n's cells parsed by the plan, in the declared order; None if any cell is bad (each
    problem collected). Text keeps its words, without edge spaces or characters XML forbids."""
    values, ok = [], True
    for at, parse, name in plan:
        cell = cells[at]
        if parse is None:
            if _FORBIDDEN_OR_EDGE_SPACE.search(cell):
                cell, removed = clean_text(cell.strip())
                if removed:
                    c.add(label, f"removed characters that documents cannot hold ({', '.join(removed)})",
                          row=n, column=name, severity="warning")
            values.append(cell or None)
            continue
        try:
            values.append(parse(cell) if cell and not cell.isspace() else None)
        except BadValue as exc:
            c.add(label, str(exc), row=n, column=name)
            ok = False
    return tuple(values) if ok else None
