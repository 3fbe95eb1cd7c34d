"""A structural check of a workbook against the Analysis Function standard "Releasing statistics
in spreadsheets": the rules a program can test. It reads any .xlsx, not only ours, and returns
the problems as sentences (an empty list when there are none), each naming its sheet.

Rules checked:
- the workbook has a title and a language; sheet names are unique and at most 31 characters;
- every sheet has its title in A1, no merged cells, no formulas, and opens at A1;
- every sheet after the first (the cover) holds exactly one Excel table, starting in column A
  below the title, with a non-empty, unique, text header row; no blank row or column inside the
  table (a column of unlocked cells left for the reader to fill is not blank); nothing below it;
- internal hyperlinks lead to sheets that exist, and a workbook with more than one table has a
  Contents sheet linking to every sheet after it.
"""
from __future__ import annotations

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

MAX_SHEET_NAME = 31
CONTENTS = "contents"


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
    for i, ws in enumerate(wb.worksheets):
        problems += _check_sheet(ws)
        tables = list(ws.tables.values())
        n_tables += len(tables)
        if i > 0 and len(tables) != 1:
            problems.append(f"{ws.title}: has {len(tables)} tables; a data sheet has exactly one")
        for table in tables:
            problems += _check_table(ws, table, only=len(tables) == 1)
    problems += _check_links(wb, n_tables)
    return problems


def _check_sheet(ws) -> list[str]:
    out = []
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
    return out


def _check_table(ws, table, *, only: bool) -> list[str]:
    where = f"{ws.title}: table {table.displayName}"
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    out = []
    if min_col != 1:
        out.append(f"{where} does not start in column A")
    if min_row == 1:
        out.append(f"{where} starts in row 1, leaving no room for a title")
    if (table.headerRowCount if table.headerRowCount is not None else 1) == 0:
        return out + [f"{where} has no header row"]
    if max_row == min_row:
        out.append(f"{where} has no data rows")

    header = [ws.cell(row=min_row, column=c) for c in range(min_col, max_col + 1)]
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

    body = [list(row) for row in ws.iter_rows(min_row=min_row + 1, max_row=max_row,
                                              min_col=min_col, max_col=max_col)]
    for row in body:
        if all(c.value is None for c in row):
            out.append(f"{where} has a blank row {row[0].row}")
    for j, cell in enumerate(header):
        column = [row[j] for row in body]
        if column and all(c.value is None for c in column) and not all(_for_entry(c) for c in column):
            out.append(f"{where} has a blank column {cell.column_letter}")

    if only:
        for row in ws.iter_rows(min_row=max_row + 1):
            filled = [c.coordinate for c in row if c.value is not None]
            if filled:
                out.append(f"{ws.title}: content below the table, in {filled[0]}")
                break
    return out


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
    out = []
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
