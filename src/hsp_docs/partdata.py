"""What every writer (Word, Excel, HTML) reads from a Table or a Chart, the same way.

Below the writers and beside the parts they consume: a table's cell texts as the report prints
them, a chart's checks, a chart value as a number, and where a line chart's value labels go.
No writer imports another writer's private helpers for these.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from decimal import Decimal

from .dates import DateStyle
from .parts import Chart, Column, Shorthand, Table, format_cell

KINDS = ("bar", "column", "line", "pie")  # bar: horizontal bars; column: vertical bars
MEMO = 10_000  # distinct values (and cells) remembered per column by cell_texts


# --- tables -------------------------------------------------------------------------------

def cell_texts(table: Table) -> Iterator[list[str]]:
    """Each row's cell texts as the report prints them (format_cell, as Table.cell_texts), with
    the common cases - text, and the columns' own kinds - looked up once per column rather than
    once per cell, and each distinct value of a column formatted once (dates and amounts repeat
    in long tables)."""
    formatters = [_formatter(c, table.dates) for c in table.columns]
    for r, row in enumerate(table.rows):
        if r in table.row_kinds:
            yield [format_cell(v, table.column_for(r, i), table.dates) for i, v in enumerate(row)]
        else:
            yield [v if type(v) is str else f(v) for v, f in zip(row, formatters)]


def _formatter(column: Column, dates: DateStyle) -> Callable[[object], str]:
    """value -> its text in this column (dates in the theme's formats), remembered by (type, value)."""
    memo: dict = {}

    def text(v) -> str:
        key = (type(v), v)
        try:
            got = memo.get(key)
        except TypeError:  # an unhashable value: formatted every time
            return v.code if isinstance(v, Shorthand) else format_cell(v, column, dates)
        if got is None:
            got = v.code if isinstance(v, Shorthand) else format_cell(v, column, dates)
            if len(memo) < MEMO:
                memo[key] = got
        return got

    return text


# --- charts -------------------------------------------------------------------------------

def number(value: object) -> float | int | None:
    """A chart value as a number, or None for a missing or hidden point (None, NaN, blank, [c])."""
    if value is None or isinstance(value, (bool, Shorthand)) or value == "":
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    raise TypeError(f"chart value {value!r} is not a number")


def check_chart(chart: Chart) -> None:
    """ValueError unless the chart is one every writer can draw: a known kind, categories and
    series, one value per category in each series, and a pie of exactly one series."""
    if chart.kind not in KINDS:
        raise ValueError(f"chart {chart.key!r}: kind {chart.kind!r} is not one of {', '.join(KINDS)}")
    if not chart.categories or not chart.series:
        raise ValueError(f"chart {chart.key!r} has no categories or no series")
    for s in chart.series:
        if len(s.values) != len(chart.categories):
            raise ValueError(f"chart {chart.key!r}: series {s.name!r} has {len(s.values)} values "
                             f"for {len(chart.categories)} categories")
    if chart.kind == "pie" and len(chart.series) != 1:
        raise ValueError(f"chart {chart.key!r}: a pie chart takes exactly one series")


def chart_values(chart: Chart) -> list[float | int]:
    """Every value the chart draws (missing points left out)."""
    return [v for s in chart.series for v in map(number, s.values) if v is not None]


def line_label_positions(chart: Chart) -> list[dict[int, str]]:
    """Per series, where each point's label goes ("t" above, "b" below, "r" to the right): above
    for the highest series at that category, below for the lowest, to the right for any between,
    so the labels of close lines do not collide. A category with fewer than two values keeps the
    default (above) and is not listed."""
    out: list[dict[int, str]] = [{} for _ in chart.series]
    if len(chart.series) < 2:
        return out
    for i in range(len(chart.categories)):
        present = [(v, k) for k, s in enumerate(chart.series) if (v := number(s.values[i])) is not None]
        if len(present) < 2:
            continue
        ranked = sorted(present, key=lambda t: (-t[0], t[1]))
        for rank, (_, k) in enumerate(ranked):
            out[k][i] = "t" if rank == 0 else "b" if rank == len(ranked) - 1 else "r"
    return out
