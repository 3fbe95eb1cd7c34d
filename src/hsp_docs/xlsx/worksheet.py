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
from decimal import Decimal
from operator import call

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
from .sheets import cell_value

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
    """Turns rows of values into <row> XML for one sheet.

    A cell is written as its reference (`<c r="B12`) and its *tail* (`" s="5"><v>3</v></c>`),
    which depends only on the value, its kind and the cell's style, never on the row. A table row
    is therefore one `str.join` of per-column fragments with the row number as the separator, and
    the fragments of texts, dates and amounts are remembered per column (a team's name, a date, a
    shared string's index is worked out once, not once per cell); whole numbers go through one
    `%d` template per column. Everything else takes the same `tail` as the lines above the table.
    """

    def __init__(self, styles: st.StyleBook, strings: SharedStrings, ncols: int, *, model_values: bool = False):
        """model_values: table rows hold model values, turned into cell values as sheets.cell_value
        does (a missing value is "[x]"); otherwise they are cell values already (None: a blank cell)."""
        self.styles = styles
        self.strings = strings
        self.letters = [column_letter(c) for c in range(1, ncols + 1)]
        self.model_values = model_values
        self._formats: dict[int, tuple[list, list[int], list[int]]] = {}
        self._plans: dict[tuple, tuple[list, list]] = {}
        self._memos: dict[tuple, _Fragments] = {}

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
        """A row of cell values (the lines above a table, a header): a blank cell for None."""
        plain, quoted = self.formats(style_names)
        rs = str(r)
        try:
            cells = "".join(f'<c r="{letter}{rs}{self.tail(v, s, q, text_only)}'
                            for letter, v, s, q in zip(self.letters, values, plain, quoted))
        except CellTooLong as exc:
            exc.row = r
            raise
        return f'<row r="{rs}">{cells}</row>'

    def table_row(self, r: int, values: list, style_names: list[str]) -> str:
        """A row of the table, through the per-column fragments for its kinds of value."""
        kinds = tuple(map(type, values))
        plan = self._plans.get((id(style_names), kinds))
        if plan is None or plan[0] is not style_names:
            plan = self._plan(style_names, kinds)
        rs = str(r)
        try:
            return rs.join([ROW_OPEN, FIRST_CELL, *map(call, plan[1], values)])
        except CellTooLong as exc:
            exc.row = r
            raise

    def _plan(self, names: list[str], kinds: tuple) -> tuple[list, list]:
        """One function per column giving the cell's tail and the next cell's opening (`<c r="C`;
        `</row>` after the last)."""
        plain, quoted = self.formats(names)
        n = min(len(kinds), len(names), len(self.letters))
        nexts = [f'<c r="{letter}' for letter in self.letters[1:n]] + ["</row>"]
        fns = []
        for kind, s, q, nxt in zip(kinds, plain, quoted, nexts):
            if kind is int:
                fns.append((f'" s="{s}"><v>%d</v></c>' + nxt).__mod__)
                continue
            key = (kind, s, q, nxt)
            memo = self._memos.get(key)
            if memo is None:
                memo = self._memos[key] = self._fragments(kind, s, q, nxt)
            fns.append(memo.__getitem__ if kind in REMEMBERED else memo.fragment)
        plan = (names, fns)
        self._plans[(id(names), kinds)] = plan
        return plan

    def _fragments(self, kind: type, s: int, q: int, nxt: str) -> _Fragments:
        if self.model_values and kind is str:
            return _Texts(self.strings, s, q, nxt)
        if self.model_values and kind is Decimal:
            return _Amounts(s, q, nxt, self._model_tail)
        tail = self._model_tail if self.model_values else self.tail
        return _Fragments(s, q, nxt, tail)

    def _model_tail(self, v, s: int, q: int) -> str:
        return self.tail(cell_value(v), s, q)

    def tail(self, v, s: int, q: int, text_only: bool = False) -> str:
        """A cell after its reference: `" s="5" t="s"><v>12</v></c>`."""
        kind = type(v)
        if kind is str:
            return f'" s="{q if v.startswith(FORMULA_STARTS) else s}" t="s"><v>{self.strings.add(v)}</v></c>'
        if text_only:
            return f'" s="{s}" t="s"><v>{self.strings.add(str(v))}</v></c>'
        if kind is int:
            return f'" s="{s}"><v>{v}</v></c>'
        if kind is float and math.isfinite(v):
            return f'" s="{s}"><v>{v!r}</v></c>'
        if v is None:
            return f'" s="{s}"/>'
        return self._other(v, s, q)

    def _other(self, v, s: int, q: int) -> str:
        if isinstance(v, bool):
            return f'" s="{s}" t="b"><v>{int(v)}</v></c>'
        if isinstance(v, dt.date):
            serial = _serial(v)
            if serial is not None:
                return f'" s="{s}"><v>{serial!r}</v></c>'
            v = v.isoformat()
        elif isinstance(v, (int, float)):
            v = float(v)
            if math.isfinite(v):
                return f'" s="{s}"><v>{v!r}</v></c>'
            v = sheets.NOT_AVAILABLE
        text = str(v)
        style = q if text.startswith(FORMULA_STARTS) else s
        return f'" s="{style}" t="s"><v>{self.strings.add(text)}</v></c>'


ROW_OPEN, FIRST_CELL = '<row r="', '"><c r="A'
# Kinds of value whose cell fragments are remembered: equal values of one of these types always
# write the same cell (unlike floats: 0.0 == -0.0), and hashing them is cheap (unlike Decimals).
# Whole numbers have their own template.
REMEMBERED = frozenset({str, dt.date, type(None)})
MEMO_LIMIT = 16_384  # fragments remembered per column before starting afresh (a column of unique texts)


class _Fragments(dict):
    """A column's cell fragments by value: the tail (tail(value, s, q)), then the next cell's opening."""

    def __init__(self, s: int, q: int, nxt: str, tail=None):
        super().__init__()
        self.s, self.q, self.nxt, self.tail = s, q, nxt, tail

    def __missing__(self, value) -> str:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        out = self[value] = self.fragment(value)
        return out

    def fragment(self, value) -> str:
        """The fragment, not remembered (floats, and kinds too rare to be worth it)."""
        return self.tail(value, self.s, self.q) + self.nxt


class _Texts(_Fragments):
    """A column's texts, as model values: blank text is "[x]"; the shared string's index; the
    quote-prefixed style for text that looks like a formula. (A miss is the common case in a
    column of references, so it is worked out here, in one call.)"""

    def __init__(self, strings: SharedStrings, s: int, q: int, nxt: str):
        super().__init__(s, q, nxt)
        self.index = strings.index

    def __missing__(self, value: str) -> str:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        text = value if value.strip() else sheets.NOT_AVAILABLE
        if len(text) > MAX_CELL_CHARS:  # as SharedStrings.add, without the call
            raise CellTooLong(len(text))
        i = self.index.setdefault(text, len(self.index))
        style = self.q if text.startswith(FORMULA_STARTS) else self.s
        out = self[value] = f'" s="{style}" t="s"><v>{i}</v></c>{self.nxt}'
        return out


class _Amounts(_Fragments):
    """A column's Decimals, as model values: whole amounts as whole numbers (as sheets.cell_value).
    Not remembered: a Decimal's hash costs about as much as writing it."""

    def fragment(self, value: Decimal) -> str:
        if value.is_finite():
            if value == value.to_integral_value():
                return f'" s="{self.s}"><v>{int(value)}</v></c>{self.nxt}'
            amount = float(value)
            if math.isfinite(amount):  # else too large for a float
                return f'" s="{self.s}"><v>{amount!r}</v></c>{self.nxt}'
        return self.tail(value, self.s, self.q) + self.nxt


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
                                        f"the title, notes and header); an Excel sheet holds at most {MAX_ROWS:,}"
                                        f"{SPLIT_HINT}")


SPLIT_HINT = (" (to continue it on more sheets, put split_long_tables = true under [workbook] in report.toml, "
              "or split the records into several appendix tables)")


def _too_many_rows(plan: sheets.SheetPlan) -> ExcelLimitError:
    return ExcelLimitError(plan, f"has more rows than an Excel sheet holds ({MAX_ROWS:,}){SPLIT_HINT}")


def cell_too_long(plan: sheets.SheetPlan, exc: CellTooLong) -> ExcelLimitError:
    return ExcelLimitError(plan, f"a cell has {exc.length:,} characters; an Excel cell holds at most "
                                 f"{MAX_CELL_CHARS:,}", row=exc.row)


class Counters:
    """Numbers of the parts shared across the workbook: tables, drawings, charts."""

    def __init__(self):
        self.table = self.drawing = self.chart = 0


class _Sheet:
    """What writing one sheet collects for the parts after its cells: links, relationships,
    data validations, and parts written once the sheet's stream is closed."""

    def __init__(self):
        self.links: list[tuple[str, str]] = []  # (cell, location in the workbook)
        self.urls: list[tuple[str, str]] = []  # (cell, external address)
        self.rels: list[tuple[str, ...]] = []
        self.tail: list[str] = []
        self.later: list[tuple[str, str, str | None]] = []
        self.header_row = self.last_row = 0

    def rel(self, kind: str, target: str, *mode: str) -> str:
        """A relationship of the sheet's (mode: "External" for a target outside the package): its id."""
        self.rels.append((f"rId{len(self.rels) + 1}", kind, target, *mode))
        return f"rId{len(self.rels)}"


def write_sheet(pkg: Package, index: int, plan: sheets.SheetPlan, styles: st.StyleBook,
                strings: SharedStrings, counters: Counters, *, selected: bool = False,
                theme: Theme = DEFAULT_THEME) -> None:
    """Write xl/worksheets/sheet{index}.xml (and its table, drawing and chart) for a plan."""
    table = plan.table
    ncols = max([len(table.headers) if table else 0, len(plan.widths)]
                + [len(line.cells) for line in plan.lines]) or 1
    _check_size(plan, ncols)
    cells = CellWriter(styles, strings, ncols, model_values=table is not None and table.model_values)
    sheet = _Sheet()
    with pkg.stream(f"xl/worksheets/sheet{index}.xml", CT["worksheet"]) as write:
        write(_sheet_head(plan, selected))
        r = _write_lines(write, cells, plan, sheet)
        if table is not None:
            _write_table(write, cells, plan, table, r, sheet)
        write("</sheetData>")
        for part in sheet.tail:
            write(part)
        write(_sheet_end(plan, sheet, counters, theme))
    if sheet.rels:
        sheet.later.append((f"xl/worksheets/_rels/sheet{index}.xml.rels", relationships(sheet.rels), None))
    for part, content, content_type in sheet.later:
        pkg.write(part, content, content_type)


def _sheet_head(plan: sheets.SheetPlan, selected: bool) -> str:
    widths = plan.table.widths if plan.table is not None else plan.widths
    cols = "".join(f'<col min="{c}" max="{c}" width="{w}" customWidth="1"/>' for c, w in enumerate(widths, 1))
    tab = ' tabSelected="1"' if selected else ""
    return (f'{XML_DECL}<worksheet xmlns="{MAIN_NS}" xmlns:r="{R_NS}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<sheetViews><sheetView{tab} topLeftCell="A1" workbookViewId="0">'
            '<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")


def _write_lines(write, cells: CellWriter, plan: sheets.SheetPlan, sheet: _Sheet) -> int:
    """The lines above the table; the number of the last row written."""
    r = 0
    for line in plan.lines:
        r += 1
        write(cells.row(r, line.cells, list(line.styles)))
        if line.link:
            sheet.links.append((f"A{r}", line.link))
        if line.url:
            sheet.urls.append((f"{column_letter(len(line.cells))}{r}", line.url))
    return r


def _write_table(write, cells: CellWriter, plan: sheets.SheetPlan, table: sheets.DataTable, r: int,
                 sheet: _Sheet) -> None:
    """The table's header and rows, FLUSH_ROWS rows to a write."""
    sheet.header_row = r = r + 1
    write(cells.row(r, table.headers, table.header_styles, text_only=True))
    batch = []
    row_xml = cells.table_row
    for row in table.rows:
        r += 1
        if r > MAX_ROWS:  # a table whose size was not known before
            raise _too_many_rows(plan)
        batch.append(row_xml(r, row.values, row.styles))
        if row.link:
            sheet.links.append((f"A{r}", row.link))
        if len(batch) >= FLUSH_ROWS:
            write("".join(batch))
            batch.clear()
    if r == sheet.header_row:  # an Excel table needs a data row
        r += 1
        batch.append(cells.row(r, [sheets.NOT_AVAILABLE] * len(table.headers),
                               [cells.styles.name(st.CELL_TEXT)] * len(table.headers)))
    write("".join(batch))
    sheet.last_row = r
    if table.choices or table.dates:
        sheet.tail.append(_validations(table, sheet.header_row, r))


def _sheet_end(plan: sheets.SheetPlan, sheet: _Sheet, counters: Counters, theme: Theme) -> str:
    """Hyperlinks, page set-up, the chart's drawing and the table part (their parts go to sheet.later)."""
    out = []
    for _, url in sheet.urls:
        sheet.rel("hyperlink", url, "External")
    if sheet.links or sheet.urls:
        out.append("<hyperlinks>"
                   + "".join(f'<hyperlink ref="{ref_}" location="{attr(loc)}" display="{attr(loc)}"/>'
                             for ref_, loc in sheet.links)
                   + "".join(f'<hyperlink ref="{ref_}" r:id="rId{i}"/>' for i, (ref_, _) in enumerate(sheet.urls, 1))
                   + "</hyperlinks>")
    landscape = plan.landscape or plan.chart is not None
    out.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
               f'<pageSetup paperSize="9" orientation="{"landscape" if landscape else "portrait"}" '
               'fitToWidth="1" fitToHeight="0"/>')
    table = plan.table
    if plan.chart is not None and plan.chart_values and table is not None:
        counters.drawing += 1
        counters.chart += 1
        drawing, chart = chart_parts(plan.chart, plan.name, sheet.header_row, plan.chart_values, len(table.headers),
                                     theme)
        sheet.later += [(f"xl/drawings/drawing{counters.drawing}.xml", drawing, CT["drawing"]),
                        (f"xl/drawings/_rels/drawing{counters.drawing}.xml.rels",
                         relationships([("rId1", "chart", f"../charts/chart{counters.chart}.xml")]), None),
                        (f"xl/charts/chart{counters.chart}.xml", chart, CT["chart"])]
        out.append(f'<drawing r:id="{sheet.rel("drawing", f"../drawings/drawing{counters.drawing}.xml")}"/>')
    if table is not None:
        counters.table += 1
        ref = f"A{sheet.header_row}:{column_letter(len(table.headers))}{sheet.last_row}"
        sheet.later.append((f"xl/tables/table{counters.table}.xml", _table_xml(table, ref, counters.table),
                            CT["table"]))
        rid = sheet.rel("table", f"../tables/table{counters.table}.xml")
        out.append(f'<tableParts count="1"><tablePart r:id="{rid}"/></tableParts>')
    out.append("</worksheet>")
    return "".join(out)


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
