"""The neutral document model: sections of blocks, and the Table and Chart objects that both
the Word writer and the workbook writer turn into their own format.

A Table is data plus metadata (title, columns with units, notes); a Chart is series over
categories plus the Table that holds its data. Numbers ("Table 3", "Figure 2") are given by
the Report, in reading order, so both writers number alike.

Blocks, tables and charts compare by identity (`eq=False`): nothing compares two of them by
value, so they do without the generated `__eq__` (which costs time to define at import). The
small value types (Shorthand, Column) keep value equality.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from .dates import DEFAULT_DATES, DateStyle

# the spreadsheet standard's shorthands are formatting; tables hold them, so they are parts' words too
from .formatting import CONFIDENTIAL as CONFIDENTIAL
from .formatting import NOT_APPLICABLE as NOT_APPLICABLE
from .formatting import NOT_AVAILABLE, Shorthand, format_number
from .formatting import SHORTHANDS as SHORTHANDS
from .theme import DEFAULT_THEME

if TYPE_CHECKING:
    from .model.report import Meta


@dataclass(frozen=True)
class Column:
    """A column of a table: its kind decides how cells print and which number format they get."""

    name: str
    kind: str = "text"  # text, count, money, percent, date, month, fraction
    unit: str | None = None  # shown in the header: "Amount (£)"
    dp: int = 0
    person_count: bool = False  # a count of people: subject to disclosure control (docs/disclosure.md)

    @property
    def header(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name

    @property
    def numeric(self) -> bool:
        return self.kind in {"count", "money", "percent"}

    @property
    def right_aligned(self) -> bool:
        """Numbers, and "n/m" fractions (meetings attended of those held), line up on the right."""
        return self.numeric or self.kind == "fraction"


def format_cell(value, column: Column, dates: DateStyle = DEFAULT_DATES) -> str:
    """A cell's text as the report prints it; a date or month in the report's formats (its
    table's `dates`, the theme's)."""
    if value is None:
        return NOT_AVAILABLE.code
    if isinstance(value, Shorthand):
        return value.code
    if isinstance(value, str):
        return value
    if column.kind in {"count", "money", "percent"} and isinstance(value, (int, float, Decimal)):
        return format_number(value, column.kind, column.dp)
    if isinstance(value, dt.date):
        return dates.label(value, month=column.kind == "month")
    return str(value)


@dataclass(frozen=True, eq=False)
class Spread:
    """A dimension the report's table spreads across its columns (months, meetings), for the
    workbook's tidy view (xlsx/tidy.py), which gathers those columns into rows.

    measure: the name and kind of the gathered values when each row is a thing observed (a
    member's attendance marks); None when each row is a measure (concerns, a rate), which then
    becomes a column of its own. summaries: columns derived from the spread ones (a total, an
    average) -> the row type of the rows they become. A summary column of "n/m" text gives its
    n to the measure and its m to `denominator` (meetings attended of meetings held).
    """

    dimension: Column  # the gathered dimension: Column("Month", "month")
    columns: tuple[int, ...]  # the spread columns, in order
    values: tuple  # the dimension's value for each spread column (a date)
    measure: Column | None = None
    summaries: tuple[tuple[int, str], ...] = ()  # (column, row type), e.g. (13, "Total")
    denominator: Column | None = None


@dataclass(frozen=True)
class Derived:
    """A column computed from other cells of its row, declared so that disclosure control hides it
    with the counts it comes from and the audit knows what it gives away.

    kind "change": (row[b] - row[a]) / row[a] with parts (a, b); "share": row[a] / the total row's
    row[a] (or of an unstated total when the table has no total row); "mean": row[a] / n."""

    column: int
    kind: str
    parts: tuple[int, ...]
    n: int = 1


@dataclass(eq=False)
class Table:
    """A table of the report, written to Word and to the workbook from the same object."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    notes: list[str] = field(default_factory=list)
    total_rows: frozenset[int] = frozenset()  # row indexes printed in bold (totals)
    source: str = ""
    sheet_name: str = ""  # set by the Report
    number: int = 0  # set by the Report
    landscape: bool = False
    agency_column: str | None = None  # column naming an agency (for packs)
    row_kinds: dict[int, str] = field(default_factory=dict)  # a row whose numbers are of another kind
    row_sums: list[tuple[int, list[int]]] = field(default_factory=list)  # (total column, part columns)
    spread: Spread | None = None  # a dimension spread across columns, gathered in the workbook
    derived: list[Derived] = field(default_factory=list)  # columns computed from counts (%, change, mean)
    # the leading columns that group the rows (an event): Word prints their values once, as a row
    # above each group; the workbook keeps them as columns
    group_columns: int = 0
    dates: DateStyle = DEFAULT_DATES  # set by the Report: the theme's month and date formats

    def column_for(self, row: int, col: int) -> Column:
        c = self.columns[col]
        kind = self.row_kinds.get(row)
        if kind and c.numeric:
            return Column(c.name, kind, c.unit, c.dp, c.person_count and kind == "count")
        return c

    @property
    def label(self) -> str:
        return f"Table {self.number}"

    @property
    def caption(self) -> str:
        return f"{self.label}: {self.title}"

    def cell_texts(self) -> list[list[str]]:
        return [[format_cell(v, self.column_for(r, i), self.dates) for i, v in enumerate(row)]
                for r, row in enumerate(self.rows)]


_YEAR = re.compile(r"(19|20)\d\d([-/]\d\d)?")  # "2022-23", "2021/22", "2023"


@dataclass(eq=False)
class Series:
    """One named series of a chart's values, one per category."""

    name: str
    values: list
    slot: int | None = None  # its colour's place in the theme's palette (Report.key_colours), else its index


@dataclass(eq=False)
class Chart:
    """A chart of the report, native in Word and in the workbook, with its data and alt text."""

    key: str
    title: str
    kind: str  # bar (horizontal), column, line, pie
    categories: list[str]
    series: list[Series]
    alt: str
    value_axis_title: str = ""
    category_axis_title: str = ""
    number_format: str = "#,##0"  # Excel number format of the values
    data_labels: bool = True
    number: int = 0
    sheet_name: str = ""
    person_count: bool = False  # its values count people: subject to disclosure control
    notes: list[str] = field(default_factory=list)  # printed under the chart, and on its data's sheet
    source: str = ""  # the source line, likewise
    point_slots: list[int] | None = None  # a pie's slices: each category's palette slot (Report.key_colours)

    def series_slot(self, i: int) -> int:
        slot = self.series[i].slot
        return i if slot is None else slot

    def point_slot(self, i: int) -> int:
        return self.point_slots[i] if self.point_slots else i

    @property
    def label(self) -> str:
        return f"Figure {self.number}"

    @property
    def caption(self) -> str:
        return f"{self.label}: {self.title}"

    def data_table(self) -> Table:
        """The chart's data as a table: one row per category, one column per series."""
        kind = "percent" if "%" in self.number_format else "count"
        dp = 1 if self.number_format.endswith(".0%") else 0
        cols = [Column(self.category_axis_title or "Category")] + [
            Column(s.name, kind, dp=dp, person_count=self.person_count and kind == "count") for s in self.series]
        rows = [[cat] + [s.values[i] for s in self.series] for i, cat in enumerate(self.categories)]
        return Table(self.key, self.title, cols, rows, number=self.number, sheet_name=self.sheet_name,
                     notes=list(self.notes), source=self.source)


# --- narrative blocks -------------------------------------------------------------------

@dataclass(eq=False)
class Run:
    """A piece of text with one format: bold, a link, or a footnote reference."""

    text: str
    bold: bool = False
    url: str | None = None
    footnote: list[Run] | None = None  # a footnote reference carrying its note's runs
    fact: object = None  # disclosure.facts.Fact: the count of people (or text about one) this run prints


@dataclass(eq=False)
class Heading:
    """A heading within a section (level 2 or below)."""

    level: int
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(eq=False)
class Paragraph:
    """A paragraph of body text, or a bullet point."""

    runs: list[Run]
    bullet_level: int = 0  # 0: body text; 1, 2: list item
    style: str | None = None


@dataclass(eq=False)
class ImageBlock:
    """A picture placed in a section, with its alternative text."""

    key: str
    filename: str
    data: bytes = field(repr=False)
    alt: str
    width_cm: float = 6.0
    placeholder_label: str = ""  # "PLACEHOLDER – replace with …" under a stand-in picture, else empty


@dataclass(eq=False)
class TableBlock:
    """Where a table goes in a section."""

    table: Table


@dataclass(eq=False)
class ChartBlock:
    """Where a chart goes in a section."""

    chart: Chart


@dataclass(eq=False)
class Section:
    """One numbered section of the report: its title and its blocks in order."""

    key: str
    title: str
    blocks: list


@dataclass(eq=False)
class Report:
    """The whole report, as both writers see it: meta, sections, and notes for the build summary."""

    meta: Meta
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # for the build summary: sections left out, gaps
    workbook_tables: list[Table] = field(default_factory=list)  # published in the workbook alone
    cover: dict = field(default_factory=dict)  # the cover's pictures by role ("logo", "cover_image"): model Images

    def tables(self) -> list[Table]:
        return [b.table for s in self.sections for b in s.blocks if isinstance(b, TableBlock)]

    def charts(self) -> list[Chart]:
        return [b.chart for s in self.sections for b in s.blocks if isinstance(b, ChartBlock)]

    def number_parts(self) -> None:
        """Number tables and figures in reading order and give each a workbook sheet name; the
        tables published in the workbook alone come after the report's."""
        t = f = 0
        dates = getattr(self.meta, "theme", DEFAULT_THEME).dates
        for s in self.sections:
            for b in s.blocks:
                if isinstance(b, TableBlock):
                    t += 1
                    b.table.number, b.table.dates = t, dates
                    b.table.sheet_name = f"Table_{t}"
                elif isinstance(b, ChartBlock):
                    f += 1
                    b.chart.number = f
                    b.chart.sheet_name = f"Figure_{f}"
        for table in self.workbook_tables:  # after the report's own, so its numbers have no gaps
            t += 1
            table.number, table.dates = t, dates
            table.sheet_name = f"Table_{t}"
        self.key_colours()

    def key_colours(self) -> None:
        """One colour per name across every chart: a series (a year, a board, a category) keeps
        its palette slot (and so its colour, marker and dash) wherever it appears. Year labels
        ("2022-23") take slots first, latest year first, so this year is always the lead colour;
        other names follow in reading order.
        Within one chart no two series share a slot (the next free one is taken)."""
        charts = self.charts()
        n_colours = len(getattr(self.meta, "theme", DEFAULT_THEME).palette)
        # names that colour tells apart: series of charts with a legend, and pie slices; a chart
        # of one series (no legend) takes the lead colour unless its name already has one
        names = [n for ch in charts for n in ([str(c) for c in ch.categories] if ch.kind == "pie"
                                              else [s.name for s in ch.series] if len(ch.series) > 1 else [])]
        def key(name: str) -> str:  # "2021/22" and "2021-22" are one year
            name = " ".join(name.split())
            return name.replace("/", "-") if _YEAR.fullmatch(name) else name

        years = sorted({key(n) for n in names if _YEAR.fullmatch(key(n))}, reverse=True)
        slots: dict[str, int] = {}
        for n in years + [key(n) for n in names]:
            slots.setdefault(n, len(slots))

        def distinct(keys: list[str]) -> list[int]:
            used: list[int] = []
            for k in keys:
                slot = slots.get(key(k), 0)
                while slot % n_colours in (u % n_colours for u in used) and len(used) < n_colours:
                    slot += 1
                used.append(slot)
            return used

        for ch in charts:
            if ch.kind == "pie":
                ch.point_slots = distinct([str(c) for c in ch.categories])
            else:
                for s, slot in zip(ch.series, distinct([s.name for s in ch.series])):
                    s.slot = slot
