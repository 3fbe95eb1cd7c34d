"""What goes on each sheet, independent of how it is written.

A SheetPlan is a few lines of text above one data table (title in A1, then notes, units and
the like) and the table itself: headers, a style per column, and an *iterator* of rows. The
writer only ever pulls rows one at a time, so a streaming writer can write a 100,000-row table
without holding its cells; column widths come from a sample of the first rows for the same
reason.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..parts import SHORTHANDS, Chart, Shorthand, Table, format_cell
from . import styles as st

NOT_AVAILABLE = "[x]"
MAX_WIDTH = 60  # text wider than this wraps
STATUS_CHOICES = ("Not started", "In progress", "Complete", "Not accepted")
RECOMMENDATION_COLUMNS = ("ID", "Source", "Section", "Addressed to", "Recommendation", "Owner", "Status",
                          "Due date")
RECOMMENDATION_WIDTHS = (12, 30, 40, 30, MAX_WIDTH)  # at most, for the first five columns
WIDTH_SAMPLE = 500  # rows looked at to size columns
MIN_WIDTH = 9
HEADER_ONE_LINE = 30  # a header up to this long fits its column on one line
BOLD = 1.1  # bold text is about this much wider
TEXT_FACTOR = 0.9  # a letter of text is on average this much of a digit's width
LINE_HEIGHT = 15.0  # points per line of 11pt text


@dataclass(eq=False)
class Line:
    """One row of text above a table (or on the cover): cells from column A, a style each."""

    cells: tuple
    styles: tuple
    link: str | None = None  # an internal location ("'Notes'!A1") for the first cell


@dataclass(eq=False)
class Row:
    """One row of a sheet's table: values and a style each."""

    values: list
    styles: list[str]
    link: str | None = None  # an internal location for the row's first cell
    height: float | None = None  # points, for a row with wrapped text


@dataclass(eq=False)
class DataTable:
    """A sheet's one Excel table: its header, column widths, and rows pulled one at a time."""

    name: str  # the Excel table's display name
    headers: list[str]
    header_styles: list[str]
    widths: list[float]
    rows: Iterator[Row]
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)  # column -> list validation
    size: int | None = None  # how many rows `rows` will give, when known before writing

    @property
    def header_height(self) -> float | None:
        return row_height(self.headers, self.widths, [True] * len(self.headers), BOLD)


@dataclass(eq=False)
class SheetPlan:
    """What one sheet holds: lines of text above, the table, and a chart beside it."""

    name: str
    lines: list[Line]
    table: DataTable | None = None
    chart: Chart | None = None
    chart_values: list[list] = field(default_factory=list)  # the chart's data as written, for the chart
    widths: list[float] = field(default_factory=list)  # for sheets without a table (the cover)
    landscape: bool = False
    contents_title: str = ""  # the title listed on the Contents sheet, if not the A1 title

    @property
    def title(self) -> str:
        return str(self.lines[0].cells[0])

    @property
    def header_row(self) -> int:
        """1-based row of the table's header."""
        return len(self.lines) + 1


# --- names -----------------------------------------------------------------------------

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(wanted: Iterable[str]) -> list[str]:
    """Valid, unique (case-insensitively, as Excel compares) sheet names of at most 31 characters."""
    seen: set[str] = set()
    out = []
    for i, name in enumerate(wanted, 1):
        base = _BAD_SHEET_CHARS.sub("_", name or "").strip("'")[:31] or f"Sheet_{i}"
        candidate, n = base, 1
        while candidate.lower() in seen:
            n += 1
            suffix = f"_{n}"
            candidate = base[:31 - len(suffix)] + suffix
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def table_name(sheet: str, taken: set[str]) -> str:
    """An Excel table display name: a valid identifier, unique in the workbook."""
    base = re.sub(r"\W", "_", f"{sheet}_data", flags=re.ASCII)
    if not re.match(r"[A-Za-z_]", base):
        base = "T_" + base
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base}_{n}"
    taken.add(candidate.lower())
    return candidate


def location(sheet: str) -> str:
    """An internal hyperlink location: cell A1 of a sheet."""
    return "'" + sheet.replace("'", "''") + "'!A1"


def unique_headers(headers: Iterable[str]) -> list[str]:
    """Non-empty, single-line headers, unique ignoring case (as Excel table columns must be)."""
    seen: set[str] = set()
    out = []
    for i, h in enumerate(headers, 1):
        base = " ".join(str(h or "").split()) or f"Column {i}"
        candidate, n = base, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{base} ({n})"
        seen.add(candidate.lower())
        out.append(candidate)
    return out


# --- values ----------------------------------------------------------------------------

def cell_value(value):
    """A model value as a cell value: numbers stay numbers; a missing value (None, empty text,
    NaN) is "[x]", as the standard has no blank cells in a table."""
    kind = type(value)
    if kind is int:
        return value
    if kind is str:
        return value if value.strip() else NOT_AVAILABLE
    if kind is float:
        return value if math.isfinite(value) else NOT_AVAILABLE
    if value is None:
        return NOT_AVAILABLE
    if isinstance(value, Shorthand):
        return value.code
    if isinstance(value, Decimal):
        if not value.is_finite():
            return NOT_AVAILABLE
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int) and not isinstance(value, bool):  # a count that knows its Fact (disclosure.facts)
        return int(value)
    if isinstance(value, str):  # text that describes a count (disclosure.facts.Described)
        return str(value) if value.strip() else NOT_AVAILABLE
    if isinstance(value, (dt.date, int, float)):
        return value
    return str(value)


def _width(texts: Iterable[str], header: str) -> tuple[float, bool]:
    """(width, wrap): room for the longest text up to MAX_WIDTH, and for a header of up to
    HEADER_ONE_LINE characters on one line (bold, so a little wider); longer text wraps."""
    longest = max((len(t) for t in texts), default=0)
    head = min(len(header), HEADER_ONE_LINE) * BOLD
    width = max(longest, head, max((len(w) for w in header.split()), default=0) * BOLD, MIN_WIDTH - 2) + 2
    return (round(min(width, MAX_WIDTH), 1), longest + 2 > MAX_WIDTH)


def _lines(text: str, width: float, factor: float = 1.0) -> int:
    """How many lines text takes, wrapped at spaces, in a column this wide."""
    room = max(int((width - 1) / factor), 1)
    lines, used = 1, 0
    for word in str(text).split():
        n = len(word)
        if used and used + 1 + n <= room:
            used += 1 + n
            continue
        if used:
            lines += 1
        lines += (n - 1) // room  # a word longer than the column breaks across lines
        used = (n - 1) % room + 1
    return lines


def row_height(values: Iterable, widths: Iterable[float], wrapped: Iterable[bool],
               factor: float = TEXT_FACTOR) -> float | None:
    """An explicit height for a row with wrapped text (None: the default height will do).
    Written out because Excel and LibreOffice do not re-fit row heights when opening a file."""
    lines = max((_lines(v, w, factor) for v, w, wrap in zip(values, widths, wrapped)
                 if wrap and isinstance(v, str)), default=1)
    return LINE_HEIGHT * lines + 2 if lines > 1 else None


# --- data tables -------------------------------------------------------------------------

def units_line(table: Table) -> str | None:
    """"Units: counts, pounds (£), percentages": the kinds of number in the table, in column order."""
    kinds = [c.kind for c in table.columns] + list(table.row_kinds.values())
    words = {"count": "counts", "money": "pounds (£)", "percent": "percentages"}
    found = list(dict.fromkeys(words[k] for k in kinds if k in words))
    return "Units: " + ", ".join(found) if found else None


def data_table(table: Table, styles: st.StyleBook, name: str) -> DataTable:
    """A report Table as a DataTable: typed values, a style per column, bold total rows."""
    headers = unique_headers(c.header for c in table.columns)
    sample = table.rows[:WIDTH_SAMPLE]
    widths, wraps, plain, total = [], [], [], []
    for i, column in enumerate(table.columns):
        texts = [format_cell(r[i], column) if i < len(r) else "" for r in sample]
        width, wrap = _width(texts, headers[i])
        widths.append(width)
        wraps.append(wrap)
        plain.append(styles.data(column, wrap=wrap))
        total.append(styles.data(column, total=True, wrap=wrap))
    header_styles = [styles.name(st.HEADER_NUMBER if c.numeric else st.HEADER) for c in table.columns]
    return DataTable(name, headers, header_styles, widths, _table_rows(table, styles, plain, total, widths, wraps),
                     size=max(len(table.rows), 1))


def _table_rows(table: Table, styles: st.StyleBook, plain: list[str], total: list[str],
                widths: list[float], wraps: list[bool]) -> Iterator[Row]:
    ncols = len(table.columns)
    any_wrap = any(wraps)
    for r, raw in enumerate(table.rows):
        values = [cell_value(v) for v in raw[:ncols]]
        if len(values) < ncols:
            values += [NOT_AVAILABLE] * (ncols - len(values))
        bold = r in table.total_rows
        if r in table.row_kinds:
            row_styles = [styles.data(table.column_for(r, c), total=bold, wrap=plain[c] == st.CELL_WRAP)
                          for c in range(ncols)]
        else:
            row_styles = total if bold else plain
        yield Row(values, row_styles, height=row_height(values, widths, wraps) if any_wrap else None)
    if not table.rows:
        yield Row([NOT_AVAILABLE] * ncols, plain)


# --- sheets ------------------------------------------------------------------------------

def _text(*lines: str | None) -> list[Line]:
    return [Line((t,), (st.TEXT,)) for t in lines if t]


def _with_notes(caption: str, table: Table, note_numbers: dict[str, int],
                notes_sheet: str | None) -> list[Line]:
    """The title, with the table's note markers, and the line that lists them."""
    markers = [f"[note {note_numbers[n]}]" for n in dict.fromkeys(table.notes) if n in note_numbers]
    lines = [Line((" ".join([caption, *markers]),), (st.TITLE,))]
    if markers:
        lines.append(Line((f"This table has notes: {', '.join(markers)}",), (st.LINK,),
                          link=location(notes_sheet) if notes_sheet else None))
    return lines


def table_sheet(table: Table, name: str, styles: st.StyleBook, note_numbers: dict[str, int],
                table_names: set[str], notes_sheet: str | None) -> SheetPlan:
    title, *notes = _with_notes(table.caption, table, note_numbers, notes_sheet)
    lines = [title, *_text("This worksheet contains one table."), *notes,
             *_text(units_line(table), f"Source: {table.source}" if table.source else None)]
    return SheetPlan(name, lines, data_table(table, styles, table_name(name, table_names)),
                     landscape=table.landscape or len(table.columns) > 8, contents_title=table.caption)


def figure_sheet(chart: Chart, table: Table, name: str, styles: st.StyleBook, note_numbers: dict[str, int],
                 table_names: set[str], notes_sheet: str | None) -> SheetPlan:
    title, *notes = _with_notes(chart.caption, table, note_numbers, notes_sheet)
    lines = [title,
             *_text(f"Data for the chart {chart.label} in the report.",
                    "This worksheet contains one table, and a chart of it to the right of the table."),
             *notes, *_text(units_line(table))]
    return SheetPlan(name, lines, data_table(table, styles, table_name(name, table_names)), chart=chart,
                     chart_values=[[cell_value(v) for v in row] for row in table.rows],
                     contents_title=f"{chart.caption} (data for the chart)")


def cover_sheet(meta, name: str, title: str, cover_lines: list[tuple[str, str]] | None,
                contents_sheet: str | None) -> SheetPlan:
    def pair(label, value, style=st.TEXT, link=None):
        return Line((label, value), (st.LABEL, style), link=link)

    lines = [Line((title,), (st.TITLE,)),
             pair("Partnership", meta.partnership),
             pair("Period", meta.period_label),
             pair("Source", f"{meta.partnership} annual report {meta.current_year}"),
             pair("Contact", meta.contact),
             pair("Publication date", meta.publication_date, st.COVER_DATE)]
    lines += [pair(label, value) for label, value in cover_lines or ()]
    if contents_sheet:
        lines.append(Line(("Contents", "The Contents sheet lists every table in this workbook."),
                          (st.LINK, st.TEXT), link=location(contents_sheet)))
    lines.append(Line(("Shorthand",), (st.LABEL,)))
    lines += [Line((s.code, s.meaning), (st.TEXT, st.TEXT)) for s in SHORTHANDS]
    lines += _text("A true zero is shown as 0.")
    return SheetPlan(name, lines, widths=[20, 90])


def contents_sheet(name: str, entries: list[tuple[str, str]], table_names: set[str],
                   styles: st.StyleBook) -> SheetPlan:
    """entries: (sheet name, title) of every sheet after the contents."""
    headers = ["Sheet name", "Title"]
    width, wrap = _width([t for _, t in entries], "Title")
    widths = [max([len(s) for s, _ in entries] + [12]) + 4, width]
    row_styles = [styles.name(st.LINK), styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT)]
    rows = (Row([sheet, title], row_styles, link=location(sheet),
                height=row_height([title], [width], [wrap])) for sheet, title in entries)
    table = DataTable(table_name(name, table_names), headers, [styles.name(st.HEADER)] * 2, widths, rows)
    lines = [Line(("Contents",), (st.TITLE,)),
             *_text("This worksheet contains one table. Select a sheet name to go to that sheet.")]
    return SheetPlan(name, lines, table)


def notes_sheet(name: str, notes: list[str], table_names: set[str], styles: st.StyleBook) -> SheetPlan:
    headers = ["Note number", "Note text"]
    width, wrap = _width(notes, "Note text")
    row_styles = [styles.name(st.CELL_TEXT), styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT)]
    rows = (Row([f"[note {i}]", text], row_styles, height=row_height([text], [width], [wrap]))
            for i, text in enumerate(notes, 1))
    table = DataTable(table_name(name, table_names), headers, [styles.name(st.HEADER)] * 2, [14, width], rows)
    lines = [Line(("Notes",), (st.TITLE,)),
             *_text("This worksheet contains one table. A table's title shows the numbers of its notes.")]
    return SheetPlan(name, lines, table)


def recommendations_sheet(name: str, recommendations: list, meta, table_names: set[str],
                          styles: st.StyleBook) -> SheetPlan:
    """The recommendations as a tracker: Owner, Status and Due date left for the agency to fill."""
    values = [[cell_value(getattr(r, a, None)) for a in ("id", "source", "section", "addressed_to", "text")]
              for r in recommendations]
    headers = list(RECOMMENDATION_COLUMNS)
    widths, wraps, text_styles = [], [], []
    for i, header in enumerate(headers[:5]):
        width, wrap = _width([str(v[i]) for v in values[:WIDTH_SAMPLE]], header)
        cap = RECOMMENDATION_WIDTHS[i]  # long text wraps, to keep the whole row on screen
        width, wrap = min(width, cap), wrap or width > cap
        widths.append(width)
        wraps.append(wrap)
        text_styles.append(styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT))
    widths += [24, 16, 14]
    row_styles = text_styles + [styles.name(st.ENTRY), styles.name(st.ENTRY), styles.name(st.ENTRY_DATE)]
    rows = (Row(v + [None, None, None], row_styles, height=row_height(v, widths, wraps)) for v in values)
    table = DataTable(table_name(name, table_names), headers, [styles.name(st.HEADER)] * 8, widths, rows,
                      choices={6: STATUS_CHOICES})
    lines = [Line((f"Recommendations: {meta.partnership} annual report {meta.current_year}",), (st.TITLE,)),
             *_text("This worksheet contains one table.",
                    "Owner, Status and Due date are for your organisation to fill in; "
                    "choose a Status from the list.")]
    return SheetPlan(name, lines, table, landscape=True)

