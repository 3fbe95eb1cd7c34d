"""The data workbook: the report's tables and chart data laid out to the Analysis Function
standard "Releasing statistics in spreadsheets".

Sheets, in order: Cover, Contents, Notes (when any table has notes), one sheet per report table
and per chart's data in reading order (Table_1, Figure_1, ...), Recommendations (when there are
any), Distribution (who must receive the report, when report.toml chooses statutory profiles).
Every sheet has its title in A1; every sheet after the cover has the same three lines (title,
description, source) and then exactly one Excel table, its header in row 4, starting in column
A, with nothing below it. Tables are in their tidy view (tidy.py); values are typed (numbers,
dates), a missing value is "[x]", and nothing is a formula.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from ..parts import ChartBlock, Table, TableBlock
from . import sheets
from . import styles as st
from .distribution import distribution_sheet
from .package import (
    CT,
    MAX_ROWS,
    CellTooLong,
    Package,
    SharedStrings,
    app_properties,
    core_properties,
    relationships,
    workbook_xml,
)
from .theme import THEME_XML
from .tidy import TOTAL_RULE, tidy_view
from .worksheet import FORMULA_STARTS, Counters, cell_too_long, write_sheet  # noqa: F401 - FORMULA_STARTS is public

COVER, CONTENTS, NOTES, RECOMMENDATIONS = "Cover", "Contents", "Notes", "Recommendations"
DISTRIBUTION = "Distribution"


def write_workbook(report, recommendations, out, *, title_suffix: str = "data tables",
                   cover_lines: list[tuple[str, str]] | None = None, marking: str | None = None,
                   distribution: Table | None = None, report_file: str | None = "report.docx") -> None:
    """Write the report's workbook to `out` (a path or a binary stream). It writes the Report it
    is given: disclosure control has already made it the recipient's view (disclosure/view.py).

    cover_lines: extra (label, text) rows on the cover, e.g. who a pack is for.
    marking: a protective marking ("INTERNAL – NOT FOR CIRCULATION") put before the title in A1
    of every sheet and in the document properties.
    distribution: who must receive the published report (statutory/distribution.py), a last sheet.
    report_file: the report's file name beside the workbook, linked from the cover (None: no link).

    Every table is written in its tidy view (tidy.py): one row per observation, typed columns.

    Every sheet streams its rows into the file as SpreadsheetML (see worksheet.py), so the time
    and memory of a sheet grow with its rows, linearly, and a 100,000-row table needs no cells.
    """
    meta = report.meta
    parts = tidy_parts(report)
    suffixes = [""] * len(parts)  # after the sheet's name: "_2" for the second sheet of a split table
    if getattr(meta, "split_long_tables", False):
        pieces = [(kind, part, piece, f"_{k}" if k > 1 else "") for kind, part, table in parts
                  for k, piece in enumerate(split_long(table), 1)]
        parts, suffixes = [p[:3] for p in pieces], [p[3] for p in pieces]
    notes = list(dict.fromkeys(n for kind, part, table in parts for n in table.notes))
    recommendations = list(recommendations or ())

    styles = st.StyleBook(meta.theme.dates)
    wanted = [COVER, CONTENTS] + ([NOTES] if notes else []) + [
        (part.sheet_name or f"{kind}_{part.number}") + suffix for (kind, part, _), suffix in zip(parts, suffixes)] + (
        [RECOMMENDATIONS] if recommendations else []) + ([DISTRIBUTION] if distribution else [])
    names = iter(sheets.sheet_names(wanted))
    cover_name, contents_name = next(names), next(names)
    notes_name = next(names) if notes else None
    note_numbers = {n: i for i, n in enumerate(notes, 1)}
    table_names: set[str] = set()

    plans = []
    if notes_name:
        plans.append(sheets.notes_sheet(notes_name, notes, table_names, styles, meta))
    for kind, part, table in parts:
        name = next(names)
        if kind == "Figure":
            values = [[sheets.cell_value(v) for v in row] for row in table.rows]
            for row, category in zip(values, part.categories):  # the chart's categories as the report names them
                row[0] = category
            plans.append(sheets.figure_sheet(part, table, name, styles, note_numbers, table_names, notes_name,
                                             meta, values))
        else:
            plans.append(sheets.table_sheet(table, name, styles, note_numbers, table_names, notes_name, meta))
    if recommendations:
        plans.append(sheets.recommendations_sheet(next(names), recommendations, meta, table_names, styles))
    if distribution:
        plans.append(distribution_sheet(distribution, next(names), meta, styles, table_names))
    title = f"{meta.partnership} {meta.title}: {title_suffix}"
    if marking:
        title = f"{marking}: {title}"
    contents = sheets.contents_sheet(contents_name, [(p.name, p.contents_title or p.title) for p in plans],
                                     table_names, styles, meta)
    used = set().union(*(sheets.shorthand_used(table) for _, _, table in parts),
                       sheets.shorthand_used(distribution) if distribution else set())
    cover = sheets.cover_sheet(meta, cover_name, title, cover_lines, contents_name, shorthand=used,
                               total_rule=TOTAL_RULE, notes_sheet=notes_name, report_file=report_file,
                               description=f"The figures in the tables and charts of the {meta.partnership} "
                                           f"{meta.title}, {meta.period_label}, as tables to reuse: {title_suffix}.")
    all_plans = [cover, contents, *plans]
    if marking:
        for plan in all_plans[1:]:
            first = plan.lines[0]
            plan.lines[0] = sheets.Line((f"{marking}: {first.cells[0]}", *first.cells[1:]), first.styles, first.link)

    pkg = Package(out)
    whole = False
    try:
        strings = SharedStrings()
        counters = Counters()
        for i, plan in enumerate(all_plans, 1):
            try:
                write_sheet(pkg, i, plan, styles, strings, counters, selected=i == 1, theme=meta.theme)
            except CellTooLong as exc:
                raise cell_too_long(plan, exc) from None
        sheet_names = [p.name for p in all_plans]
        n = len(sheet_names)
        pkg.write("xl/workbook.xml", workbook_xml(sheet_names), CT["workbook"])
        pkg.write("xl/_rels/workbook.xml.rels", relationships(
            [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n + 1)]
            + [(f"rId{n + 1}", "styles", "styles.xml"), (f"rId{n + 2}", "theme", "theme/theme1.xml"),
               (f"rId{n + 3}", "sharedStrings", "sharedStrings.xml")]))
        with pkg.stream("xl/sharedStrings.xml", CT["sharedStrings"]) as write:
            for chunk in strings.chunks():
                write(chunk)
        pkg.write("xl/styles.xml", styles.xml(), CT["styles"])
        pkg.write("xl/theme/theme1.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + THEME_XML,
                  CT["theme"])
        pkg.write("docProps/core.xml", _core(meta, title, title_suffix, marking), CT["core"])
        pkg.write("docProps/app.xml", app_properties(sheet_names), CT["app"])
        pkg.write("_rels/.rels", relationships([
            ("rId1", "officeDocument", "xl/workbook.xml"),
            ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
             "docProps/core.xml"),
            ("rId3", "extended-properties", "docProps/app.xml")]))
        whole = True
    finally:
        pkg.close()
        if not whole and isinstance(out, (str, os.PathLike)):  # no half workbook (one Excel would refuse)
            Path(out).unlink(missing_ok=True)


def split_long(table: Table) -> list[Table]:
    """A table too long for one sheet as tables that each fit one (the lines above and the header
    repeated on each), titled "(part 2 of 3: rows 1,048,573 to 2,097,144)"; other tables as they are.
    Used when report.toml's [workbook] split_long_tables is true; without it such a table is an error."""
    per_sheet = MAX_ROWS - sheets.HEADER_ROW
    n = len(table.rows)
    if n <= per_sheet:
        return [table]
    pieces = []
    count = -(-n // per_sheet)
    for k, start in enumerate(range(0, n, per_sheet), 1):
        end = min(start + per_sheet, n)
        piece = copy.copy(table)
        piece.title = f"{table.title} (part {k} of {count}: rows {start + 1:,} to {end:,})"
        piece.rows = table.rows[start:end]
        piece.total_rows = frozenset(r - start for r in table.total_rows if start <= r < end)
        piece.row_kinds = {r - start: kind for r, kind in table.row_kinds.items() if start <= r < end}
        pieces.append(piece)
    return pieces


def tidy_parts(report) -> list[tuple[str, Any, Table]]:
    """(kind, Table or Chart, its tidy table as written) for every table and chart, in reading
    order (the Report is already the recipient's view: disclosure/view.py)."""
    out: list[tuple[str, Any, Table]] = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                out.append(("Table", block.table, block.table))
            elif isinstance(block, ChartBlock):
                data = block.chart.data_table()
                data.dates = report.meta.theme.dates  # its month categories are the theme's labels
                out.append(("Figure", block.chart, data))
    out += [("Table", table, table) for table in report.workbook_tables]
    return [(kind, part, tidy_view(table, keep_layout=kind == "Figure")) for kind, part, table in out]


def _core(meta, title: str, title_suffix: str, marking: str | None = None) -> str:
    keywords = ", ".join(k for k in (marking, "safeguarding", meta.partnership, meta.current_year, "annual report",
                                     title_suffix) if k)
    subject = f"{meta.partnership} annual report {meta.current_year}: {title_suffix}"
    return core_properties(
        title=title, subject=f"{marking}: {subject}" if marking else subject,
        creator=meta.author or meta.partnership, keywords=keywords,
        description=f"{title}: data tables for the {meta.partnership} {meta.title}.",
        language=getattr(meta, "language", None) or "en-GB")
