"""What goes on each sheet, independent of how it is written.

A SheetPlan is the lines of text above one data table (on every sheet with a table the same
three: title in A1, a description, the source, so the header is always row 4) and the table
itself: headers, a style per column, and an *iterator* of rows. The writer only ever pulls rows
one at a time, so a streaming writer can write a 100,000-row table without holding its cells;
column widths come from a sample of the first rows for the same reason. Row heights are left
to the application (Excel fits wrapped rows when it opens the file).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain

from ..parts import SHORTHANDS, Chart, Shorthand, Table, format_cell
from . import styles as st

NOT_AVAILABLE = "[x]"
MAX_WIDTH = 60  # text wider than this wraps
STATUS_CHOICES = ("Not started", "In progress", "Complete", "Not accepted")
RECOMMENDATION_COLUMNS = ("ID", "Source", "Section", "Addressed to", "Recommendation", "Owner", "Status",
                          "Due date", "Last updated")
RECOMMENDATION_WIDTHS = (12, 30, 40, 30, MAX_WIDTH)  # at most, for the first five columns
COVER_WIDTHS = (18, 75)  # label and text: an A4 portrait page at about 100%, long text wrapping
WIDTH_SAMPLE = 500  # rows looked at to size columns
MIN_WIDTH = 9
HEADER_ONE_LINE = 30  # a header up to this long fits its column on one line
BOLD = 1.1  # bold text is about this much wider


@dataclass(eq=False)
class Line:
    """One row of text above a table (or on the cover): cells from column A, a style each."""

    cells: tuple
    styles: tuple
    link: str | None = None  # an internal location ("'Notes'!A1") for the first cell
    url: str | None = None  # an external address (a file beside the workbook) for the last cell


@dataclass(eq=False)
class Row:
    """One row of a sheet's table: values and a style each."""

    values: list
    styles: list[str]
    link: str | None = None  # an internal location for the row's first cell


@dataclass(eq=False)
class DataTable:
    """A sheet's one Excel table: its header, column widths, and rows pulled one at a time."""

    name: str  # the Excel table's display name
    headers: list[str]
    header_styles: list[str]
    widths: list[float]
    rows: Iterator[Row]
    choices: dict[int, tuple[str, ...]] = field(default_factory=dict)  # column -> list validation
    dates: tuple[int, ...] = ()  # columns validated as dates
    size: int | None = None  # how many rows `rows` will give, when known before writing
    model_values: bool = False  # rows hold model values, written as cell_value makes them (None: "[x]")


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


def table_name(wanted: str, taken: set[str]) -> str:
    """An Excel table display name from a meaningful name (the sheet and the table's key): a valid
    identifier, unique in the workbook."""
    base = re.sub(r"\W", "_", wanted, flags=re.ASCII)[:200]
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


# --- data tables -------------------------------------------------------------------------

def data_table(table: Table, styles: st.StyleBook, name: str) -> DataTable:
    """A (tidy) Table as a DataTable: typed values, a style per column, bold total rows."""
    headers = unique_headers(c.header for c in table.columns)
    sample = table.rows[:WIDTH_SAMPLE]
    widths, plain, total = [], [], []
    for i, column in enumerate(table.columns):
        texts = [format_cell(r[i], column, table.dates) if i < len(r) else "" for r in sample]
        width, wrap = _width(texts, headers[i])
        widths.append(width)
        plain.append(styles.data(column, wrap=wrap))
        total.append(styles.data(column, total=True, wrap=wrap))
    header_styles = [styles.name(st.HEADER_NUMBER if c.numeric else st.HEADER) for c in table.columns]
    return DataTable(name, headers, header_styles, widths, _table_rows(table, styles, plain, total),
                     size=max(len(table.rows), 1), model_values=True)


def _table_rows(table: Table, styles: st.StyleBook, plain: list[str], total: list[str]) -> Iterator[Row]:
    ncols = len(table.columns)
    for r, raw in enumerate(table.rows):
        values = raw if len(raw) == ncols else list(raw[:ncols]) + [NOT_AVAILABLE] * (ncols - len(raw))
        bold = r in table.total_rows
        if r in table.row_kinds:
            row_styles = [styles.data(table.column_for(r, c), total=bold, wrap=plain[c] == st.CELL_WRAP)
                          for c in range(ncols)]
        else:
            row_styles = total if bold else plain
        yield Row(values, row_styles)
    if not table.rows:
        yield Row([NOT_AVAILABLE] * ncols, plain)


def shorthand_used(table: Table) -> set[str]:
    """The shorthand codes ([x], [z], [c]) the table's cells show once written."""
    codes = {s.code for s in SHORTHANDS}
    found = {NOT_AVAILABLE} if not table.rows or any(len(r) < len(table.columns) for r in table.rows) else set()
    plain = (int, dt.date, dt.datetime, Decimal)
    if set(map(type, chain.from_iterable(table.rows))) <= {*plain, str}:  # the usual table: only its texts
        values: Iterable = {v for row in table.rows for v in row if type(v) is str}
    else:
        values = chain.from_iterable(table.rows)
    for v in values:
        if type(v) in plain or (type(v) is str and v not in codes and not v.isspace() and v):
            continue  # the common cells, skipped without a call
        written = cell_value(v)
        if type(written) is str and written in codes:
            found.add(written)
    return found


# --- sheets ------------------------------------------------------------------------------

LINES_ABOVE = 3  # title, description, source: the header row is the 4th on every sheet with a table
HEADER_ROW = LINES_ABOVE + 1


def _text(*lines: str | None) -> list[Line]:
    return [Line((t,), (st.TEXT,)) for t in lines if t]


def source_line(source: str) -> Line:
    return Line((f"Source: {source}",), (st.TEXT,))


def default_source(meta) -> str:
    return f"{meta.partnership} annual report {meta.current_year}"


def sheet_title(caption: str, meta) -> str:
    """A title that says what, where and when: the place and the report's year added when the
    caption lacks them."""
    where = getattr(meta, "area", "") or meta.partnership
    parts = [caption]
    if where and where.lower() not in caption.lower():
        parts.append(where)
    if meta.current_year not in caption:
        parts.append(f"annual report {meta.current_year}")
    return ", ".join(parts)


def _head(caption: str, table: Table, meta, note_numbers: dict[str, int], notes_sheet: str | None,
          description: str) -> list[Line]:
    """The three lines above a table: title with its note markers, description, source."""
    markers = [f"[note {note_numbers[n]}]" for n in dict.fromkeys(table.notes) if n in note_numbers]
    title = Line((" ".join([sheet_title(caption, meta), *markers]),), (st.TITLE,))
    if markers:
        described = Line((f"{description} Its notes ({', '.join(markers)}) are on the Notes sheet.",), (st.LINK,),
                         link=location(notes_sheet) if notes_sheet else None)
    else:
        described = Line((description,), (st.TEXT,))
    return [title, described, source_line(table.source or default_source(meta))]


def table_sheet(table: Table, name: str, styles: st.StyleBook, note_numbers: dict[str, int],
                table_names: set[str], notes_sheet: str | None, meta) -> SheetPlan:
    lines = _head(table.caption, table, meta, note_numbers, notes_sheet, "This worksheet contains one table.")
    return SheetPlan(name, lines, data_table(table, styles, table_name(f"{name}_{table.key}", table_names)),
                     landscape=table.landscape or len(table.columns) > 8, contents_title=table.caption)


def figure_sheet(chart: Chart, table: Table, name: str, styles: st.StyleBook, note_numbers: dict[str, int],
                 table_names: set[str], notes_sheet: str | None, meta, chart_values: list[list]) -> SheetPlan:
    lines = _head(chart.caption, table, meta, note_numbers, notes_sheet,
                  f"This worksheet contains one table: the data for the chart {chart.label} in the report, "
                  "which is to the right of the table.")
    return SheetPlan(name, lines, data_table(table, styles, table_name(f"{name}_{chart.key}_chart_data",
                                                                       table_names)),
                     chart=chart, chart_values=chart_values, contents_title=f"{chart.caption} (data for the chart)")


def cover_sheet(meta, name: str, title: str, cover_lines: list[tuple[str, str]] | None,
                contents_sheet: str | None, *, shorthand: set[str], total_rule: str, description: str,
                report_file: str | None = "report.docx", notes_sheet: str | None = None) -> SheetPlan:
    """The cover: what the workbook is, its period, source and contact, when it was published and
    when it will next be, how to load it, and only the shorthand its tables use."""
    def pair(label, value, style=st.TEXT_WRAP, link=None, url=None):
        return Line((label, value), (st.LABEL, style), link=link, url=url)

    published = meta.publication_date
    try:
        next_update = published.replace(year=published.year + 1)
    except ValueError:  # 29 February
        next_update = published.replace(year=published.year + 1, day=28)
    lines = [Line((title,), (st.TITLE,)),
             pair("Description", description),
             pair("Partnership", meta.partnership),
             pair("Period", meta.period_label),
             pair("Source", default_source(meta)),
             pair("Contact", meta.contact),
             pair("Publication date", published, st.COVER_DATE),
             pair("Next update", f"{meta.theme.dates.month_label(next_update)} (the report is published every year)")]
    if report_file:
        lines.append(pair("Report", f"The report these tables come from: {report_file}, beside this workbook.",
                          st.LINK_WRAP, url=report_file))
    lines += [pair(label, value) for label, value in cover_lines or ()]
    lines += [pair("Header row", f"Every sheet after this one has its table's column headers in row {HEADER_ROW} "
                                 f"(in pandas: read_excel(path, sheet_name=None, header={HEADER_ROW - 1})).")]
    lines += [pair("Total rows", total_rule)]
    if contents_sheet:
        lines.append(Line(("Contents", "The Contents sheet lists every table in this workbook."),
                          (st.LINK, st.TEXT_WRAP), link=location(contents_sheet)))
    if notes_sheet:
        lines.append(Line(("Notes", "The Notes sheet gives the text of every [note N] in a title."),
                          (st.LINK, st.TEXT_WRAP), link=location(notes_sheet)))
    used = [s for s in SHORTHANDS if s.code in shorthand]
    if used:
        lines.append(Line(("Shorthand", "Cells that hold no number show one of these codes:"),
                          (st.LABEL, st.TEXT_WRAP)))
        lines += [Line((s.code, s.meaning), (st.TEXT, st.TEXT_WRAP)) for s in used]
    lines += _text("A true zero is shown as 0.")
    return SheetPlan(name, lines, widths=list(COVER_WIDTHS))


def contents_sheet(name: str, entries: list[tuple[str, str]], table_names: set[str],
                   styles: st.StyleBook, meta) -> SheetPlan:
    """entries: (sheet name, title) of every sheet after the contents."""
    headers = ["Sheet name", "Title"]
    width, wrap = _width([t for _, t in entries], "Title")
    widths = [max([len(s) for s, _ in entries] + [12]) + 4, width]
    row_styles = [styles.name(st.LINK), styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT)]
    rows = (Row([sheet, title], row_styles, link=location(sheet)) for sheet, title in entries)
    table = DataTable(table_name("Contents_list_of_sheets", table_names), headers, [styles.name(st.HEADER)] * 2,
                      widths, rows)
    lines = [Line((sheet_title("Contents", meta),), (st.TITLE,)),
             *_text("This worksheet contains one table. Select a sheet name to go to that sheet."),
             source_line(default_source(meta))]
    return SheetPlan(name, lines, table)


def notes_sheet(name: str, notes: list[str], table_names: set[str], styles: st.StyleBook, meta) -> SheetPlan:
    headers = ["Note number", "Note text"]
    width, wrap = _width(notes, "Note text")
    row_styles = [styles.name(st.CELL_TEXT), styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT)]
    rows = (Row([f"[note {i}]", text], row_styles) for i, text in enumerate(notes, 1))
    table = DataTable(table_name("Notes_on_tables", table_names), headers, [styles.name(st.HEADER)] * 2,
                      [14, width], rows)
    lines = [Line((sheet_title("Notes", meta),), (st.TITLE,)),
             *_text("This worksheet contains one table. A table's title shows the numbers of its notes."),
             source_line(default_source(meta))]
    return SheetPlan(name, lines, table)


def tracker_items(recommendations: list) -> list[tuple[object, str]]:
    """(recommendation, text) per item of the tracker, split as the source splits them: a
    recommendation whose text ends with a colon takes the items after it, from the same source,
    as its bullet points, until one ends with a full stop (a sentence of its own)."""
    out: list[tuple[object, str]] = []
    open_item = None
    for r in recommendations:
        text = str(getattr(r, "text", "") or "").strip()
        if open_item is not None and getattr(r, "source", None) == getattr(open_item[0], "source", None) \
                and not text.endswith("."):
            out[-1] = (out[-1][0], out[-1][1] + "\n• " + text)
            continue
        out.append((r, text))
        open_item = (r, text) if text.endswith(":") else None
    return out


def recommendations_sheet(name: str, recommendations: list, meta, table_names: set[str],
                          styles: st.StyleBook) -> SheetPlan:
    """The recommendations as a tracker: Owner, Status, Due date and Last updated left for the
    agency to fill, in shaded cells; Status from a list, the dates only as dates."""
    values = [[cell_value(getattr(r, a, None)) for a in ("id", "source", "section", "addressed_to")]
              + [cell_value(text)] for r, text in tracker_items(recommendations)]
    headers = list(RECOMMENDATION_COLUMNS)
    widths, text_styles = [], []
    for i, header in enumerate(headers[:5]):
        width, wrap = _width([str(v[i]) for v in values[:WIDTH_SAMPLE]], header)
        cap = RECOMMENDATION_WIDTHS[i]  # long text wraps, to keep the whole row on screen
        width, wrap = min(width, cap), wrap or width > cap or any("\n" in str(v[i]) for v in values)
        widths.append(width)
        text_styles.append(styles.name(st.CELL_WRAP if wrap else st.CELL_TEXT))
    widths += [24, 16, 14, 14]
    row_styles = text_styles + [styles.name(st.ENTRY), styles.name(st.ENTRY), styles.name(st.ENTRY_DATE),
                                styles.name(st.ENTRY_DATE)]
    rows = (Row(v + [None, None, None, None], row_styles) for v in values)
    table = DataTable(table_name("Recommendations_tracker", table_names), headers, [styles.name(st.HEADER)] * 9,
                      widths, rows, choices={6: STATUS_CHOICES}, dates=(7, 8))
    lines = [Line((f"Recommendations: {meta.partnership} annual report {meta.current_year}",), (st.TITLE,)),
             *_text("This worksheet contains one table. The shaded cells (Owner, Status, Due date, Last updated) "
                    "are for your organisation to fill in; choose a Status from the list, and enter dates as dates."),
             source_line(default_source(meta))]
    return SheetPlan(name, lines, table, landscape=True)
