"""The data workbook: the report's tables and chart data laid out to the Analysis Function
standard "Releasing statistics in spreadsheets".

Sheets, in order: Cover, Contents, Notes (when any table has notes), one sheet per report table
and per chart's data in reading order (Table_1, Figure_1, ...), Recommendations (when there are
any). Every sheet has its title in A1; every sheet after the cover holds exactly one Excel table
starting in column A, with nothing below it. Values are typed (numbers, dates), a missing value
is "[x]", and nothing is a formula.
"""
from __future__ import annotations

from collections.abc import Callable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table as ExcelTable
from openpyxl.worksheet.table import TableStyleInfo

from ..parts import ChartBlock, Table, TableBlock
from . import sheets
from . import styles as st
from .charts import native_chart

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COVER, CONTENTS, NOTES, RECOMMENDATIONS = "Cover", "Contents", "Notes", "Recommendations"


def write_workbook(report, recommendations, out, *, title_suffix: str = "data tables",
                   cover_lines: list[tuple[str, str]] | None = None,
                   suppress: Callable[[Table], Table] | None = None) -> None:
    """Write the report's workbook to `out` (a path or a binary stream).

    cover_lines: extra (label, text) rows on the cover, e.g. who a pack is for.
    suppress: applied to every table (and every chart's data) before it is written.
    """
    meta = report.meta
    parts = _parts_in_reading_order(report, suppress)
    notes = list(dict.fromkeys(n for kind, part, table in parts for n in table.notes))
    recommendations = list(recommendations or ())

    wb = Workbook()
    styles = st.StyleBook(wb)
    wanted = [COVER, CONTENTS] + ([NOTES] if notes else []) + [
        part.sheet_name or f"{kind}_{part.number}" for kind, part, _ in parts] + (
        [RECOMMENDATIONS] if recommendations else [])
    names = iter(sheets.sheet_names(wanted))
    cover_name, contents_name = next(names), next(names)
    notes_name = next(names) if notes else None
    note_numbers = {n: i for i, n in enumerate(notes, 1)}
    table_names: set[str] = set()

    plans = []
    if notes_name:
        plans.append(sheets.notes_sheet(notes_name, notes, table_names, styles))
    for kind, part, table in parts:
        name = next(names)
        if kind == "Figure":
            plans.append(sheets.figure_sheet(part, table, name, styles, note_numbers, table_names, notes_name))
        else:
            plans.append(sheets.table_sheet(table, name, styles, note_numbers, table_names, notes_name))
    if recommendations:
        plans.append(sheets.recommendations_sheet(next(names), recommendations, meta, table_names, styles))
    title = f"{meta.partnership} {meta.title}: {title_suffix}"
    contents = sheets.contents_sheet(contents_name, [(p.name, p.contents_title or p.title) for p in plans],
                                     table_names, styles)
    cover = sheets.cover_sheet(meta, cover_name, title, cover_lines, contents_name)

    for i, plan in enumerate([cover, contents, *plans]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = plan.name
        _write_sheet(ws, plan, styles)
        if plan.chart is not None and plan.chart_values:
            native_chart(plan.chart, ws, plan.header_row, plan.chart_values)

    _set_properties(wb, meta, title, title_suffix)
    wb.save(out)


def _parts_in_reading_order(report, suppress) -> list[tuple[str, object, Table]]:
    """(kind, Table or Chart, the table written for it) for every table and chart, in order."""
    out = []
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock):
                out.append(("Table", block.table, block.table))
            elif isinstance(block, ChartBlock):
                out.append(("Figure", block.chart, block.chart.data_table()))
    if suppress is not None:
        out = [(kind, part, suppress(table)) for kind, part, table in out]
    return out


# --- one sheet ---------------------------------------------------------------------------

def _write_sheet(ws, plan: sheets.SheetPlan, styles: st.StyleBook) -> None:
    for r, line in enumerate(plan.lines, 1):
        for c, (value, style) in enumerate(zip(line.cells, line.styles), 1):
            _put(ws.cell(row=r, column=c), value, styles.array(style))
        if line.link:
            ws.cell(row=r, column=1).hyperlink = Hyperlink(ref="", location=line.link)
    widths = plan.widths
    if plan.table is not None:
        _write_table(ws, plan.table, plan.header_row, styles)
        widths = plan.table.widths
    for c, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = width
    _open_at_a1(ws)
    _print_setup(ws, landscape=plan.landscape or plan.chart is not None)


def _write_table(ws, table: sheets.DataTable, header_row: int, styles: st.StyleBook) -> None:
    """The header, then every row as it is pulled from the plan, then the Excel table over them."""
    for c, (header, style) in enumerate(zip(table.headers, table.header_styles), 1):
        cell = ws.cell(row=header_row, column=c)
        _put(cell, header, styles.array(style))
        cell.data_type = "s"  # a header is text, whatever it looks like
    if table.header_height:
        ws.row_dimensions[header_row].height = table.header_height
    arrays: dict[str, object] = {}
    last = header_row
    for row in table.rows:
        last += 1
        cells = []
        for value, style in zip(row.values, row.styles):
            array = arrays.get(style) or arrays.setdefault(style, styles.array(style))
            cells.append(_new_cell(ws, value, array))
        ws.append(cells)
        if row.height:
            ws.row_dimensions[last].height = row.height
        if row.link:
            cells[0].hyperlink = Hyperlink(ref="", location=row.link)
    if last == header_row:  # an Excel table needs a data row
        last += 1
        ws.append([_new_cell(ws, sheets.NOT_AVAILABLE, styles.array(st.CELL_TEXT)) for _ in table.headers])

    ref = f"A{header_row}:{get_column_letter(len(table.headers))}{last}"
    excel_table = ExcelTable(displayName=table.name, ref=ref)
    excel_table.tableStyleInfo = TableStyleInfo(name=st.TABLE_STYLE, showRowStripes=True,
                                                showColumnStripes=False, showFirstColumn=False,
                                                showLastColumn=False)
    ws.add_table(excel_table)
    for c, choices in table.choices.items():
        letter = get_column_letter(c + 1)
        dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                            promptTitle=table.headers[c], prompt="Choose from the list.",
                            showInputMessage=True, showErrorMessage=True,
                            errorTitle=table.headers[c], error="Choose one of: " + ", ".join(choices) + ".")
        dv.add(f"{letter}{header_row + 1}:{letter}{last}")
        ws.add_data_validation(dv)


def _new_cell(ws, value, array) -> Cell:
    try:
        cell = Cell(ws, value=value, style_array=array)
    except IllegalCharacterError:
        cell = Cell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value), style_array=array)
        value = cell.value
    if type(value) is str and value.startswith(FORMULA_STARTS):
        _as_text(cell)
    return cell


def _put(cell, value, array) -> None:
    """Set a value and style on an existing cell; text that looks like a formula stays text."""
    try:
        cell.value = value
    except IllegalCharacterError:
        cell.value = value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell._style = type(array)(array)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        _as_text(cell)


def _as_text(cell) -> None:
    """Store as a string, never a formula; Excel's quote prefix keeps it text when edited."""
    cell.data_type = "s"
    cell.quotePrefix = True


def _print_setup(ws, *, landscape: bool) -> None:
    """Print one page wide (a figure sheet's chart beside its table), as many pages long as needed."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _open_at_a1(ws) -> None:
    view = ws.sheet_view
    view.topLeftCell = "A1"
    view.selection[0].activeCell = "A1"
    view.selection[0].sqref = "A1"


def _set_properties(wb: Workbook, meta, title: str, title_suffix: str) -> None:
    props = wb.properties
    props.title = title
    props.subject = f"{meta.partnership} annual report {meta.current_year}: {title_suffix}"
    props.creator = meta.author or meta.partnership
    props.language = getattr(meta, "language", None) or "en-GB"
    props.keywords = ", ".join(k for k in ("safeguarding", meta.partnership, meta.current_year,
                                            "annual report", title_suffix) if k)
    props.description = f"Data tables for the {meta.partnership} {meta.title}."
    wb.active = 0
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == 0

