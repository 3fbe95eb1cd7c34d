"""One sheet, streamed: the lines above the table, then every row of the table as it is pulled
from the plan, written as SpreadsheetML straight into the sheet's zip entry.

Per cell this is a type check, a dict lookup for the text's shared-string index and one
f-string; styles are cell-format indexes looked up once per distinct row style. Text that
looks like a formula (=, +, -, @, tab, CR) is written as a string (t="s") with Excel's quote
prefix, so it stays text when edited; nothing is ever written as a formula (<f>).
"""
from __future__ import annotations

import datetime as dt
import math

from ..errors import InputError, Problem
from ..ooxml.xml import column_letter
from ..theme import DEFAULT_THEME, Theme
from . import sheets
from . import styles as st
from .charts import chart_parts
from .package import (
    CT,
    MAIN_NS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_ROWS,
    R_NS,
    XML_DECL,
    CellTooLong,
    Package,
    SharedStrings,
    attr,
    relationships,
)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = dt.date(1899, 12, 30)
_EPOCH_TIME = dt.datetime(1899, 12, 30)
FLUSH_ROWS = 2000  # rows joined into one string before it goes to the zip stream


def _serial(value: dt.date) -> float | int | None:
    """An Excel date serial (1900 system), or None for a date Excel cannot show (before March 1900)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        if value < dt.datetime(1900, 3, 1):
            return None
        delta = value - _EPOCH_TIME
        return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    if value < dt.date(1900, 3, 1):
        return None
    return (value - _EPOCH).days


class CellWriter:
    """Turns rows of values into <row> XML for one sheet."""

    def __init__(self, styles: st.StyleBook, strings: SharedStrings, ncols: int):
        self.styles = styles
        self.strings = strings
        self.letters = [column_letter(c) for c in range(1, ncols + 1)]
        self._formats: dict[int, tuple[list, list[int], list[int]]] = {}

    def formats(self, names: list[str]) -> tuple[list[int], list[int]]:
        """(plain, quoted) cell-format indexes for a row's style names; cached per list object."""
        hit = self._formats.get(id(names))
        if hit is not None and hit[0] is names:
            return hit[1], hit[2]
        plain = [self.styles.xf(n) for n in names]
        quoted = [self.styles.xf(n, quote=True) for n in names]
        self._formats[id(names)] = (names, plain, quoted)  # holds the list, so its id stays unique
        return plain, quoted

    def row(self, r: int, values, style_names: list[str], text_only: bool = False) -> str:
        plain, quoted = self.formats(style_names)
        add = self.strings.add
        out = [f'<row r="{r}">']
        try:
            self._cells(out, r, values, plain, quoted, add, text_only)
        except CellTooLong as exc:
            exc.row = r
            raise
        out.append("</row>")
        return "".join(out)

    def _cells(self, out: list, r: int, values, plain, quoted, add, text_only: bool) -> None:
        for letter, v, s, q in zip(self.letters, values, plain, quoted):
            kind = type(v)
            if kind is str:
                out.append(f'<c r="{letter}{r}" s="{q if v.startswith(FORMULA_STARTS) else s}" t="s">'
                           f"<v>{add(v)}</v></c>")
            elif text_only:
                out.append(f'<c r="{letter}{r}" s="{s}" t="s"><v>{add(str(v))}</v></c>')
            elif kind is int:
                out.append(f'<c r="{letter}{r}" s="{s}"><v>{v}</v></c>')
            elif kind is float and math.isfinite(v):
                out.append(f'<c r="{letter}{r}" s="{s}"><v>{v!r}</v></c>')
            elif v is None:
                out.append(f'<c r="{letter}{r}" s="{s}"/>')
            else:
                out.append(self._other(f"{letter}{r}", v, s, q))

    def _other(self, ref: str, v, s: int, q: int) -> str:
        if isinstance(v, bool):
            return f'<c r="{ref}" s="{s}" t="b"><v>{int(v)}</v></c>'
        if isinstance(v, dt.date):
            serial = _serial(v)
            if serial is not None:
                return f'<c r="{ref}" s="{s}"><v>{serial!r}</v></c>'
            v = v.isoformat()
        elif isinstance(v, (int, float)):
            v = float(v)
            if math.isfinite(v):
                return f'<c r="{ref}" s="{s}"><v>{v!r}</v></c>'
            v = sheets.NOT_AVAILABLE
        text = str(v)
        style = q if text.startswith(FORMULA_STARTS) else s
        return f'<c r="{ref}" s="{style}" t="s"><v>{self.strings.add(text)}</v></c>'


class ExcelLimitError(InputError):
    """A table Excel could not open: too many rows or columns for a sheet, or a cell too long.
    Raised before the sheet is written where the size is known; the build then writes nothing."""

    def __init__(self, plan: sheets.SheetPlan, message: str, row: int | None = None):
        what = plan.contents_title or plan.name
        super().__init__([Problem(f"{what} (sheet {plan.name})", message, row=row)])


def _check_size(plan: sheets.SheetPlan, ncols: int) -> None:
    """Excel's row and column limits, before anything of the sheet is written."""
    if ncols > MAX_COLUMNS:
        raise ExcelLimitError(plan, f"has {ncols:,} columns; an Excel sheet holds at most {MAX_COLUMNS:,}")
    table = plan.table
    if table is not None and table.size is not None:
        rows = len(plan.lines) + 1 + table.size  # the lines above, the header, the data
        if rows > MAX_ROWS:
            raise ExcelLimitError(plan, f"needs {rows:,} rows ({table.size:,} of data, {rows - table.size:,} for "
                                        f"the title, notes and header); an Excel sheet holds at most {MAX_ROWS:,}")


def _too_many_rows(plan: sheets.SheetPlan) -> ExcelLimitError:
    return ExcelLimitError(plan, f"has more rows than an Excel sheet holds ({MAX_ROWS:,})")


def cell_too_long(plan: sheets.SheetPlan, exc: CellTooLong) -> ExcelLimitError:
    return ExcelLimitError(plan, f"a cell has {exc.length:,} characters; an Excel cell holds at most "
                                 f"{MAX_CELL_CHARS:,}", row=exc.row)


class Counters:
    """Numbers of the parts shared across the workbook: tables, drawings, charts."""

    def __init__(self):
        self.table = self.drawing = self.chart = 0


def write_sheet(pkg: Package, index: int, plan: sheets.SheetPlan, styles: st.StyleBook,
                strings: SharedStrings, counters: Counters, *, selected: bool = False,
                theme: Theme = DEFAULT_THEME) -> None:
    """Write xl/worksheets/sheet{index}.xml (and its table, drawing and chart) for a plan."""
    table = plan.table
    ncols = max([len(table.headers) if table else 0, len(plan.widths)]
                + [len(line.cells) for line in plan.lines]) or 1
    _check_size(plan, ncols)
    cells = CellWriter(styles, strings, ncols)
    links: list[tuple[str, str]] = []
    urls: list[tuple[str, str]] = []  # (cell, external address)
    rels: list[tuple[str, ...]] = []
    widths = table.widths if table is not None else plan.widths
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in enumerate(widths, 1))
    name = f"xl/worksheets/sheet{index}.xml"
    tail = []
    later: list[tuple[str, str, str | None]] = []  # parts written once the sheet's stream is closed
    tab = ' tabSelected="1"' if selected else ""
    with pkg.stream(name, CT["worksheet"]) as write:
        write(f'{XML_DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{R_NS}">'
              '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
              f'<sheetViews><sheetView{tab} topLeftCell="A1" workbookViewId="0">'
              '<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
              '<sheetFormatPr defaultRowHeight="15"/>'
              + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")
        r = 0
        for line in plan.lines:
            r += 1
            write(cells.row(r, line.cells, list(line.styles)))
            if line.link:
                links.append((f"A{r}", line.link))
            if line.url:
                urls.append((f"{column_letter(len(line.cells))}{r}", line.url))
        if table is not None:
            header_row = r = r + 1
            write(cells.row(r, table.headers, table.header_styles, text_only=True))
            batch = []
            for row in table.rows:
                r += 1
                if r > MAX_ROWS:  # a table whose size was not known before
                    raise _too_many_rows(plan)
                batch.append(cells.row(r, row.values, row.styles))
                if row.link:
                    links.append((f"A{r}", row.link))
                if len(batch) >= FLUSH_ROWS:
                    write("".join(batch))
                    batch.clear()
            if r == header_row:  # an Excel table needs a data row
                r += 1
                batch.append(cells.row(r, [sheets.NOT_AVAILABLE] * len(table.headers),
                                       [styles.name(st.CELL_TEXT)] * len(table.headers)))
            write("".join(batch))
            last_col = column_letter(len(table.headers))
            ref = f"A{header_row}:{last_col}{r}"
            if table.choices or table.dates:
                tail.append(_validations(table, header_row, r))
        write("</sheetData>")
        for part in tail:
            write(part)
        for ref_, url in urls:
            rels.append((f"rId{len(rels) + 1}", "hyperlink", url, "External"))
        if links or urls:
            write("<hyperlinks>" + "".join(f'<hyperlink ref="{ref_}" location="{attr(loc)}" display="{attr(loc)}"/>'
                                           for ref_, loc in links)
                  + "".join(f'<hyperlink ref="{ref_}" r:id="rId{i}"/>' for i, (ref_, _) in enumerate(urls, 1))
                  + "</hyperlinks>")
        landscape = plan.landscape or plan.chart is not None
        write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
              f'<pageSetup paperSize="9" orientation="{"landscape" if landscape else "portrait"}" '
              'fitToWidth="1" fitToHeight="0"/>')
        if plan.chart is not None and plan.chart_values and table is not None:
            counters.drawing += 1
            counters.chart += 1
            drawing, chart = chart_parts(plan.chart, plan.name, header_row, plan.chart_values, len(table.headers),
                                         theme)
            later += [(f"xl/drawings/drawing{counters.drawing}.xml", drawing, CT["drawing"]),
                      (f"xl/drawings/_rels/drawing{counters.drawing}.xml.rels",
                       relationships([("rId1", "chart", f"../charts/chart{counters.chart}.xml")]), None),
                      (f"xl/charts/chart{counters.chart}.xml", chart, CT["chart"])]
            rels.append((f"rId{len(rels) + 1}", "drawing", f"../drawings/drawing{counters.drawing}.xml"))
            write(f'<drawing r:id="rId{len(rels)}"/>')
        if table is not None:
            counters.table += 1
            later.append((f"xl/tables/table{counters.table}.xml", _table_xml(table, ref, counters.table), CT["table"]))
            rels.append((f"rId{len(rels) + 1}", "table", f"../tables/table{counters.table}.xml"))
            write(f'<tableParts count="1"><tablePart r:id="rId{len(rels)}"/></tableParts>')
        write("</worksheet>")
    if rels:
        later.append((f"xl/worksheets/_rels/sheet{index}.xml.rels", relationships(rels), None))
    for part, content, content_type in later:
        pkg.write(part, content, content_type)


def _table_xml(table: sheets.DataTable, ref: str, number: int) -> str:
    columns = "".join(f'<tableColumn id="{i}" name="{attr(h)}"/>' for i, h in enumerate(table.headers, 1))
    return (f'{XML_DECL}<table xmlns="{MAIN_NS}" id="{number}" name="{table.name}" displayName="{table.name}" '
            f'ref="{ref}" headerRowCount="1">'
            f'<tableColumns count="{len(table.headers)}">{columns}</tableColumns>'
            f'<tableStyleInfo name="{st.TABLE_STYLE}" showFirstColumn="0" showLastColumn="0" '
            'showRowStripes="1" showColumnStripes="0"/></table>')


def _validations(table: sheets.DataTable, header_row: int, last: int) -> str:
    out = []
    for c, choices in table.choices.items():
        letter = column_letter(c + 1)
        header = table.headers[c]
        out.append(f'<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" '
                   f'errorTitle="{attr(header)}" error="{attr("Choose one of: " + ", ".join(choices) + ".")}" '
                   f'promptTitle="{attr(header)}" prompt="Choose from the list." '
                   f'sqref="{letter}{header_row + 1}:{letter}{last}">'
                   f'<formula1>{attr(chr(34) + ",".join(choices) + chr(34))}</formula1></dataValidation>')
    for c in table.dates:
        letter = column_letter(c + 1)
        header = table.headers[c]
        out.append(f'<dataValidation type="date" operator="greaterThan" allowBlank="1" showInputMessage="1" '
                   f'showErrorMessage="1" errorTitle="{attr(header)}" error="Enter a date, such as 31/03/2024." '
                   f'promptTitle="{attr(header)}" prompt="Enter a date." '
                   f'sqref="{letter}{header_row + 1}:{letter}{last}"><formula1>1</formula1></dataValidation>')
    return f'<dataValidations count="{len(out)}">{"".join(out)}</dataValidations>'
