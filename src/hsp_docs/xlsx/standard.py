"""A check of a workbook against the Analysis Function standard "Releasing statistics in
spreadsheets": the rules a program can test. It reads any .xlsx, not only ours, and returns the
problems as sentences (an empty list when there are none), each naming its sheet and, where
there is one, its cell. Each problem is a str with `rule`, `sheet` and `cell` attributes.

Rules checked (the rule ids, as in docs/check.md):
- structure: the workbook has a title and a language; sheet names are unique and at most 31
  characters; every sheet has its title in A1, no merged cells, no formulas, and opens at A1;
  every sheet after the first (the cover) holds exactly one Excel table, starting in column A
  below the title, with a non-empty, unique, text header row; no blank row or column inside the
  table (a column of unlocked cells left for the reader to fill is not blank); nothing below
  it; internal links lead to sheets that exist, and a Contents sheet links to every sheet.
- header-row: every table's header is on the same row, so one read_excel(header=N) loads all.
- filter-buttons: no table shows filter buttons (an autoFilter).
- table-name: no generic table name (Table1, <sheet>_data, the sheet's own name).
- units: a column of percentages or money says so in its header ("%", "£"); no "Units:" line.
- note-symbol: notes are marked [note N], never with a symbol (* † ‡) on a header or a value.
- source: every sheet says its source.
- numbers-as-text: no number, fraction ("1/2") or percentage stored as text in a table.
- dates-as-text: no month or date stored as text, in a cell or as a column header (months
  across the page are values in the headers: one row per month is the tidy form).
- total-inside: total rows come after every other row of the table.
- not-applicable: a total row's cell that cannot have a value is [z], not [x].
- cover: the cover gives a description, period, source, contact, publication and next-update
  dates, and lists the shorthand the tables use and no other.
- title-when: every title after the cover says when (a year).
- wrap: long text in a table, or on the cover, wraps within its column.
- row-height: row heights are left to the application (no fixed heights).
- tracker: a table with cells left for the reader to fill (unlocked) has date validation on its
  Due date and Last updated columns, a list for Status, a "Last updated" column, and shaded
  cells to fill.
"""
from __future__ import annotations

import re
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries

from .tidy import month_of

MAX_SHEET_NAME = 31
CONTENTS = "contents"
SHORTHAND = {"[x]", "[z]", "[c]", "[u]", "[w]", "[low]", "[b]", "[d]", "[e]", "[p]", "[r]", "[f]", "[full]"}
COVER_LABELS = ("description", "period", "source", "contact", "publication date", "next update")
_GENERIC_NAME = re.compile(r"(table|sheet)?\d*(_data)?(_\d+)?", re.IGNORECASE)
_SYMBOL = re.compile(r"^[*†‡]|[*†‡¹²³⁴⁵⁶⁷⁸⁹]$")
_NUMBER_TEXT = re.compile(r"\s*[£$€]?-?\d[\d,]*(\.\d+)?\s*%?\s*|\s*\d+\s*/\s*\d+\s*")
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_TOTAL = re.compile(r"(grand )?totals?\b|net\b", re.IGNORECASE)
DEFAULT_WIDTH = 8.43
WRAP_SLACK = 1.25  # text up to this many times the column's width in characters may stand unwrapped


class Problem(str):
    """One finding: its sentence, and the rule, sheet and cell it concerns."""

    rule: str
    sheet: str
    cell: str | None

    def __new__(cls, rule: str, sheet: str, cell: str | None, text: str):
        where = f"{sheet}!{cell}" if cell else sheet
        self = super().__new__(cls, f"{where}: {text}")
        self.rule, self.sheet, self.cell = rule, sheet, cell
        return self


def check_workbook(path) -> list[str]:
    """Problems with the workbook at `path` (a path or binary stream); [] if it meets the standard."""
    wb = load_workbook(path)
    problems: list[str] = []
    props = wb.properties
    if not (props.title or "").strip():
        problems.append("Workbook: no title in the document properties")
    if not (props.language or "").strip():
        problems.append("Workbook: no language in the document properties")

    names = wb.sheetnames
    seen: set[str] = set()
    for name in names:
        if len(name) > MAX_SHEET_NAME:
            problems.append(f"{name}: sheet name longer than {MAX_SHEET_NAME} characters")
        if name.lower() in seen:
            problems.append(f"{name}: sheet name used twice")
        seen.add(name.lower())

    n_tables = 0
    header_rows: dict[str, tuple[int, str]] = {}
    for i, ws in enumerate(wb.worksheets):
        problems += _check_sheet(ws)
        tables = list(ws.tables.values())
        n_tables += len(tables)
        if i > 0 and len(tables) != 1:
            problems.append(f"{ws.title}: has {len(tables)} tables; a data sheet has exactly one")
        for table in tables:
            problems += _check_table(ws, table, only=len(tables) == 1)
            problems += _check_tidy(ws, table)
            min_col, min_row, _, _ = range_boundaries(table.ref)
            header_rows.setdefault(ws.title, (min_row, f"{get_column_letter(min_col)}{min_row}"))
        if i > 0:
            problems += _check_data_sheet(ws, tables)
    problems += _check_links(wb, n_tables)
    problems += _check_header_rows(header_rows)
    if wb.worksheets and not wb.worksheets[0].tables:
        problems += _check_cover(wb)
    return problems


def _check_sheet(ws) -> list[str]:
    out: list[str] = []
    a1 = ws["A1"].value
    if not isinstance(a1, str) or not a1.strip():
        out.append(f"{ws.title}: no title in cell A1")
    for merged in ws.merged_cells.ranges:
        out.append(f"{ws.title}: merged cells {merged.coord}")
    view = ws.sheet_view
    selection = view.selection[0] if view.selection else None
    if (view.topLeftCell or "A1") != "A1" or (selection and (selection.activeCell or "A1") != "A1"):
        out.append(f"{ws.title}: does not open at cell A1")
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    if formulas:
        out.append(f"{ws.title}: formulas in {', '.join(formulas[:5])}" + (" ..." if len(formulas) > 5 else ""))
    for r, dim in sorted(ws.row_dimensions.items()):
        if dim.customHeight:
            out.append(Problem("row-height", ws.title, f"A{r}", "a fixed row height; leave row heights to the "
                                                                 "application, so wrapped text shows whole"))
    if not any(isinstance(c.value, str) and c.value.strip().lower().startswith("source")
               for row in ws.iter_rows(max_col=3) for c in row):
        out.append(Problem("source", ws.title, None, "no source: give a line \"Source: ...\" on every sheet"))
    return out


def _check_table(ws, table, *, only: bool) -> list[str]:
    where = f"{ws.title}: table {table.displayName}"
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    out: list[str] = []
    if min_col != 1:
        out.append(f"{where} does not start in column A")
    if min_row == 1:
        out.append(f"{where} starts in row 1, leaving no room for a title")
    if (table.headerRowCount if table.headerRowCount is not None else 1) == 0:
        return out + [f"{where} has no header row"]
    if max_row == min_row:
        out.append(f"{where} has no data rows")

    header = [ws.cell(row=min_row, column=c) for c in range(min_col, max_col + 1)]
    out += _header_problems(where, header)
    body = [list(row) for row in ws.iter_rows(min_row=min_row + 1, max_row=max_row,
                                              min_col=min_col, max_col=max_col)]
    out += _blank_lines(where, header, body)
    if table.autoFilter is not None:
        out.append(Problem("filter-buttons", ws.title, f"{get_column_letter(min_col)}{min_row}",
                           f"table {table.displayName} shows filter buttons; the standard leaves them off"))
    name = table.displayName or ""
    generic = name.lower().removeprefix(re.sub(r"\W", "_", ws.title, flags=re.ASCII).lower())
    if _GENERIC_NAME.fullmatch(generic):
        out.append(Problem("table-name", ws.title, f"{get_column_letter(min_col)}{min_row}",
                           f"table name {name} says nothing about the table; name it for what it holds"))
    if only:
        for row in ws.iter_rows(min_row=max_row + 1):
            filled = [c.coordinate for c in row if c.value is not None]
            if filled:
                out.append(f"{ws.title}: content below the table, in {filled[0]}")
                break
    return out


def _header_problems(where: str, header: list) -> list[str]:
    """Each header cell is text, none blank, none repeated."""
    out: list[str] = []
    texts = []
    for cell in header:
        if cell.value is None or not str(cell.value).strip():
            out.append(f"{where} has a blank header in {cell.coordinate}")
        elif cell.data_type != "s":
            out.append(f"{where} header {cell.coordinate} is not text")
        texts.append(str(cell.value or "").strip().lower())
    duplicates = sorted({t for t in texts if t and texts.count(t) > 1})
    if duplicates:
        out.append(f"{where} repeats header(s): {', '.join(duplicates)}")
    return out


def _blank_lines(where: str, header: list, body: list[list]) -> list[str]:
    """No blank row, and no blank column but one left for the reader to fill in."""
    out = [f"{where} has a blank row {row[0].row}" for row in body if all(c.value is None for c in row)]
    for j, cell in enumerate(header):
        column = [row[j] for row in body]
        if column and all(c.value is None for c in column) and not all(_for_entry(c) for c in column):
            out.append(f"{where} has a blank column {cell.column_letter}")
    return out


def _text_of(cell) -> str | None:
    return cell.value if isinstance(cell.value, str) else None


def _check_tidy(ws, table) -> list[str]:
    """The table's values and headers: units, note symbols, numbers and dates as text, totals."""
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    out: list[str] = []
    header = [ws.cell(row=min_row, column=c) for c in range(min_col, max_col + 1)]
    body = [list(row) for row in ws.iter_rows(min_row=min_row + 1, max_row=max_row,
                                              min_col=min_col, max_col=max_col)]
    for r in range(1, min_row):
        text = _text_of(ws.cell(row=r, column=1)) or ""
        if text.lower().startswith("units"):
            out.append(Problem("units", ws.title, f"A{r}", "units on a line above the table; give each "
                                                           "column's unit in its header"))
    for j, cell in enumerate(header):
        head = str(cell.value or "")
        column = [row[j] for row in body]
        numbers = [c for c in column if isinstance(c.value, (int, float)) and not isinstance(c.value, bool)]
        formats = {c.number_format for c in numbers}
        if any("%" in f for f in formats) and "%" not in head and "percent" not in head.lower():
            out.append(Problem("units", ws.title, cell.coordinate, f"header {head!r} over percentages does not "
                                                                   "say % (put the unit in the header)"))
        if any("£" in f for f in formats) and "£" not in head and "pounds" not in head.lower():
            out.append(Problem("units", ws.title, cell.coordinate, f"header {head!r} over money does not say £"))
        if _SYMBOL.search(head.strip()):
            out.append(Problem("note-symbol", ws.title, cell.coordinate,
                               f"header {head!r} marks a note with a symbol; use [note N] in the title"))
        if month_of(head):
            out.append(Problem("dates-as-text", ws.title, cell.coordinate,
                               f"header {head!r} is a month: give one row per month, with the month as a date"))
        for c in column:
            value = _text_of(c)
            if value is None:
                continue
            text = value
            if _SYMBOL.search(text.strip()):
                out.append(Problem("note-symbol", ws.title, c.coordinate,
                                   f"{text!r} marks a note with a symbol; use [note N] in the title"))
            if _NUMBER_TEXT.fullmatch(text) and numbers:
                out.append(Problem("numbers-as-text", ws.title, c.coordinate, f"{text!r} is a number stored as "
                                                                              "text; store numbers as numbers"))
            elif "/" in text and _NUMBER_TEXT.fullmatch(text):
                out.append(Problem("numbers-as-text", ws.title, c.coordinate, f"{text!r} is a fraction stored as "
                                                                              "text; give each number a column"))
            elif month_of(text):
                out.append(Problem("dates-as-text", ws.title, c.coordinate, f"{text!r} is a month stored as "
                                                                            "text; store it as a date"))
    out += _check_totals(ws, header, body)
    out += _check_tracker(ws, header, body)
    out += _check_wrap(ws, body)
    return out


def _is_total_row(row, header) -> bool:
    for h, c in zip(header, row):
        if str(h.value or "").strip().lower() == "row type":
            return str(c.value or "").strip().lower() not in ("detail", "")
    return any(isinstance(c.value, str) and _TOTAL.match(c.value.strip()) for c in row[:3])


def _check_totals(ws, header, body) -> list[str]:
    out: list[str] = []
    totals = [_is_total_row(row, header) for row in body]
    numeric = [any(isinstance(row[j].value, (int, float)) for row, total in zip(body, totals) if not total)
               for j in range(len(header))]
    for i, row in enumerate(body):
        if not totals[i]:
            continue
        if not all(totals[i:]):
            out.append(Problem("total-inside", ws.title, row[0].coordinate, "a total row inside the table; put "
                                                                            "total rows after all the others"))
        for c, is_number in zip(row, numeric):
            if c.value == "[x]" and is_number:
                out.append(Problem("not-applicable", ws.title, c.coordinate, "[x] (not available) on a total row, "
                                                                             "where [z] (not applicable) is meant"))
    return out


def _check_tracker(ws, header, body) -> list[str]:
    names = {str(h.value or "").strip().lower(): h for h in header}
    if not body or not any(_for_entry(c) for c in body[0]):  # a tracker: cells left for the reader to fill
        return []
    out: list[str] = []
    rules = list(ws.data_validations.dataValidation)

    def validated(cell, kind) -> bool:
        ref = f"{cell.column_letter}{body[0][0].row}"
        return any(dv.type == kind and ref in dv.sqref for dv in rules)

    for name, kind in (("due date", "date"), ("last updated", "date"), ("status", "list")):
        if name in names and not validated(names[name], kind):
            out.append(Problem("tracker", ws.title, names[name].coordinate,
                               f"column {names[name].value!r} has no {kind} validation"))
    if "last updated" not in names:
        out.append(Problem("tracker", ws.title, header[-1].coordinate, "a tracker with no \"Last updated\" column"))
    for h in header:
        first = body[0][h.column - header[0].column]
        if _for_entry(first) and (first.fill is None or first.fill.fill_type in (None, "none")):
            out.append(Problem("tracker", ws.title, first.coordinate, "a cell to fill in looks like any other; "
                                                                      "shade the cells to fill in"))
    return out


def _width_of(ws, cell) -> float:
    dim = ws.column_dimensions.get(cell.column_letter)
    return (dim.width if dim is not None and dim.width else DEFAULT_WIDTH)


def _check_wrap(ws, rows) -> list[str]:
    out: list[str] = []
    for row in rows:
        for c in row:
            text = _text_of(c)
            if text and len(text) > _width_of(ws, c) * WRAP_SLACK and not (c.alignment and c.alignment.wrap_text):
                out.append(Problem("wrap", ws.title, c.coordinate, "long text that does not wrap in its column"))
    return out


def _check_data_sheet(ws, tables) -> list[str]:
    title = _text_of(ws["A1"]) or ""
    if title and not _YEAR.search(title):
        return [Problem("title-when", ws.title, "A1", "the title does not say when (the year or period)")]
    return []


def _check_header_rows(header_rows: dict[str, tuple[int, str]]) -> list[str]:
    if not header_rows:
        return []
    rows = [r for r, _ in header_rows.values()]
    usual = max(set(rows), key=lambda r: (rows.count(r), -r))
    return [Problem("header-row", sheet, cell, f"the table's header is in row {r}, not row {usual} as on the "
                                               "other sheets; one header row lets one read_excel call load them all")
            for sheet, (r, cell) in header_rows.items() if r != usual]


def _check_cover(wb) -> list[str]:
    cover = wb.worksheets[0]
    out: list[str] = []
    labels: dict[str, Any] = {}
    for row in cover.iter_rows(max_col=2):
        text = _text_of(row[0])
        if text:
            labels.setdefault(text.strip().rstrip(":").lower(), row[0])
    for label in COVER_LABELS:
        if label not in labels and not any(k.startswith(label) for k in labels):
            out.append(Problem("cover", cover.title, None, f"the cover does not give the {label}"))
    listed = {k: c for k, c in labels.items() if k in SHORTHAND}
    used = _shorthands_used(wb)
    for code, cell in listed.items():
        if code not in used:
            out.append(Problem("cover", cover.title, cell.coordinate, f"the cover lists {code}, which no table uses"))
    for code in sorted(used - listed.keys()):
        out.append(Problem("cover", cover.title, None, f"the tables use {code}, which the cover does not explain"))
    widths = cover.column_dimensions
    for row in cover.iter_rows(min_row=2):
        for c in row[1:]:
            text = _text_of(c)
            dim = widths.get(c.column_letter)
            width = dim.width if dim is not None and dim.width else DEFAULT_WIDTH
            if text and len(text) > width * WRAP_SLACK and not (c.alignment and c.alignment.wrap_text):
                out.append(Problem("wrap", cover.title, c.coordinate, "long text that does not wrap: the cover "
                                                                      "would print very small"))
    return out


def _shorthands_used(wb) -> set[str]:
    """The shorthands ([x], [c], …) the tables after the cover use."""
    used = set()
    for ws in wb.worksheets[1:]:
        for table in ws.tables.values():
            for row in ws[table.ref]:
                for c in row:
                    if isinstance(c.value, str) and c.value.strip().lower() in SHORTHAND:
                        used.add(c.value.strip().lower())
    return used


def _for_entry(cell) -> bool:
    """An unlocked cell: left empty on purpose for the reader to fill in."""
    return cell.has_style and cell.protection.locked is False


def _link_sheet(link) -> str | None:
    """The sheet an internal hyperlink leads to, or None for an external link."""
    place = link.location or ""
    if not place and (link.target or "").startswith("#"):
        place = link.target[1:]
    if not place:
        return None
    sheet = place.rsplit("!", 1)[0] if "!" in place else place
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet


def _check_links(wb, n_tables: int) -> list[str]:
    out: list[str] = []
    names = set(wb.sheetnames)
    for ws in wb.worksheets:
        for link in [c.hyperlink for row in ws.iter_rows() for c in row if c.hyperlink]:
            sheet = _link_sheet(link)
            if sheet is not None and sheet not in names:
                out.append(f"{ws.title}: link in {link.ref} leads to a missing sheet {sheet!r}")
    contents = next((ws for ws in wb.worksheets if ws.title.lower() == CONTENTS), None)
    if contents is None:
        if n_tables > 1:
            out.append("Workbook: more than one table but no Contents sheet")
        return out
    linked = {_link_sheet(c.hyperlink) for row in contents.iter_rows() for c in row if c.hyperlink}
    after = wb.sheetnames[wb.sheetnames.index(contents.title) + 1:]
    missing = [s for s in after if s not in linked]
    if missing:
        out.append(f"{contents.title}: no link to sheet(s) {', '.join(missing)}")
    return out
