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

import dataclasses
import re
from pathlib import Path

from ..errors import Problem
from ..model.appendices import KINDS, AppendixColumn, AppendixTable
from .files import Refused, inside
from .readers import read_csv
from .schema import Column, Dataset

_KEY = re.compile(r"[A-Za-z0-9_-]+")
_OPTIONAL = ("source", "notes", "landscape", "owner", "report")


def load_appendices(root: Path, doc: dict, c, parse_table) -> tuple[AppendixTable, ...]:
    """The appendix tables report.toml declares, with their rows; problems go to the collector
    `c`. `parse_table` is the loader's typed parse of one table (inputs/loader.py)."""
    specs = doc.get("appendix_tables", [])
    label = c.label(root / "report.toml")
    if not isinstance(specs, list):
        c.add(label, "[[appendix_tables]] should be a list of tables, each with key, title, file and columns")
        return ()
    from ..sections.registry import PARTS

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
        raw = read_csv(path, c.label(path), root, "appendix")
        if isinstance(raw, Problem):  # not a CSV file, or refused
            c.problems.append(Problem(raw.file, f"{raw.message} ({where} file in report.toml)"))
            continue
        c.problems.extend(raw.problems)
        dataset = Dataset(declared.key, declared.title,
                          tuple(Column(col.name, col.kind, optional=True) for col in declared.columns), "appendix")
        names = [col.name for col in declared.columns]
        rows = parse_table(dataset, raw, c, choices={},
                           make_row=lambda _row, **values: tuple(values[n] for n in names))
        out.append(dataclasses.replace(declared, rows=tuple(rows)))
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
