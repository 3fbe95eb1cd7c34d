"""The workbook's tidy view of a report table: one row per observation, typed columns.

The Word report prints a table for reading: months across the page, totals under the rows they
add up, "1/2" for meetings attended of meetings held. An analyst loading the workbook wants one
row per observation and one type per column. `tidy_view` is the one place where the two forms
differ; every table and chart's data passes through it on its way into a workbook (the report's
workbook and every pack), and the long-format export reads the same view.

- A dimension the table spreads across columns (Table.spread: months, meetings) is gathered
  into rows with the dimension as a dated column. When each row is a measure (concerns, a
  conversion rate), each measure becomes a column, so a rate has its own column. A summary
  column (a total, an average) becomes rows of that type, and an "n/m" summary gives two
  numeric columns (meetings attended, meetings held; held is [z] on a single meeting's row).
- TOTAL_RULE: total rows are kept, after all the other rows, and marked in a "Row type"
  column, so that filtering it to "Detail" leaves rows that add up to the totals.
- A text column of months ("June 2022", "Apr-22") becomes dates with a month format.
- A percentage left empty on a total row is [z] (not applicable).
- Text marked with an asterisk in the report loses the asterisk and gains a note, whose
  [note N] marker the sheet's title carries.
- Where the text and date columns do not tell the rows apart (a course run twice), an
  "Occurrence" column numbers the rows that share them.
- Percentages and money carry their unit in the column header.

Figures keep their layout (the chart reads the table's cells), so they get only the changes
that keep rows and columns where they are (keep_layout=True).
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from operator import itemgetter

from ..dates import DEFAULT_DATES, DateStyle
from ..parts import NOT_APPLICABLE, Column, Shorthand, Table

ROW_TYPE = "Row type"
DETAIL = "Detail"
TOTAL = "Total"
OCCURRENCE = "Occurrence"
TOTAL_RULE = (f'Total rows come last in each table, marked "{TOTAL}" in its "{ROW_TYPE}" column; filter that '
              f'column to "{DETAIL}" to leave only rows that add up to the totals. Tables without totals have '
              f'no "{ROW_TYPE}" column.')
ASTERISK_NOTE = "{}: marked with an asterisk (*) in the report, which gives no footnote for it."
UNITS = {"percent": "%", "money": "£"}
_MONTH_FORMATS = ("%b-%y", "%B-%y", "%b %Y", "%B %Y", "%b-%Y", "%B-%Y", "%b %y", "%B %y")
_MONTH_LIKE = re.compile(r"\s*[A-Za-z]{3,9}[- ]\d{2}(\d{2})?\s*")  # cheap test before strptime
_FRACTION = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")
_STARS = "*†‡"
# what _unstarred takes off, looked for at once in texts joined by line breaks (a line break inside
# a text can only send the table the long way, never miss a star)
_STARRED_EDGE = re.compile(rf"^\s*[{_STARS}]|[{_STARS}]\s*$", re.MULTILINE)


def month_of(text, dates: DateStyle = DEFAULT_DATES) -> dt.date | None:
    """The first day of the month a text like "June 2022", "Apr-22" or "July-22" (or a label in
    the theme's month format, `dates`) names, else None."""
    if not isinstance(text, str):
        return None
    themed = dates.read_month(text)
    if themed is not None or not _MONTH_LIKE.fullmatch(text):
        return themed
    t = re.sub(r"\bSept\b", "Sep", text.strip())
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    return None


def tidy_view(table: Table, *, keep_layout: bool = False) -> Table:
    """The table as the workbook gives it (see the module's docstring); the table is not changed."""
    out = copy.copy(table)
    out.columns, out.rows, out.notes = list(table.columns), list(map(list, table.rows)), list(table.notes)
    if not keep_layout:
        if table.spread is not None:
            _gather(out, table.spread)
        _totals_last(out)
    _not_applicable_on_totals(out)
    _months_as_dates(out)
    _asterisks_to_notes(out)
    if not keep_layout:
        _occurrence_key(out)
    out.columns = [_with_unit(c) for c in out.columns]
    return out


# --- shape ---------------------------------------------------------------------------------

def _gather(t: Table, spread) -> None:
    summaries = dict(spread.summaries)
    ids = [i for i in range(len(t.columns)) if i not in spread.columns and i not in summaries]
    rows, types = [], []
    if spread.measure is None:  # each row is a measure: measures become columns
        name = ids[0]
        kinds = [t.column_for(r, spread.columns[0]) for r in range(len(t.rows))]
        columns = [spread.dimension] + [replace(k, name=str(row[name]), unit=None) for k, row in zip(kinds, t.rows)]
        for j, value in zip(spread.columns, spread.values):
            rows.append([value] + [row[j] for row in t.rows])
            types.append(DETAIL)
        for j, kind in summaries.items():
            rows.append([NOT_APPLICABLE] + [row[j] for row in t.rows])
            types.append(kind)
    else:  # each row is a thing observed: one row per thing and dimension value
        extra = [spread.denominator] if spread.denominator else []
        columns = [t.columns[i] for i in ids] + [spread.dimension, spread.measure, *extra]
        summary_rows = []
        for row in t.rows:
            key = [row[i] for i in ids]
            for j, value in zip(spread.columns, spread.values):
                v = row[j]
                counted = isinstance(v, (int, float)) and not isinstance(v, bool)
                rows.append(key + [value, v if counted else NOT_APPLICABLE] + ([NOT_APPLICABLE] if extra else []))
                types.append(DETAIL)
            for j, kind in summaries.items():
                fraction = _FRACTION.fullmatch(row[j]) if isinstance(row[j], str) else None
                if fraction and extra:
                    values = [int(fraction[1]), int(fraction[2])]
                else:
                    values = [row[j]] + ([NOT_APPLICABLE] if extra else [])
                summary_rows.append((key + [NOT_APPLICABLE] + values, kind))
        rows += [r for r, _ in summary_rows]
        types += [k for _, k in summary_rows]
    t.columns, t.rows, t.row_kinds, t.row_sums, t.spread = columns, rows, {}, [], None
    t.total_rows = frozenset(i for i, kind in enumerate(types) if kind != DETAIL)
    _add_row_types(t, types)


def _totals_last(t: Table) -> None:
    if not t.total_rows or any(c.name == ROW_TYPE for c in t.columns):
        return
    order = [r for r in range(len(t.rows)) if r not in t.total_rows] + sorted(t.total_rows)
    kinds = {order.index(r): k for r, k in t.row_kinds.items()}
    types = [TOTAL if r in t.total_rows else DETAIL for r in order]
    t.rows = [t.rows[r] for r in order]
    t.row_kinds = kinds
    t.total_rows = frozenset(i for i, kind in enumerate(types) if kind != DETAIL)
    t.row_sums = []  # the Word form's row sums are for suppression, which is done by now
    _add_row_types(t, types)


def _add_row_types(t: Table, types: list[str]) -> None:
    if all(kind == DETAIL for kind in types):
        return
    t.columns = [*t.columns, Column(ROW_TYPE)]
    for row, kind in zip(t.rows, types):
        row.append(kind)


def _occurrence_key(t: Table) -> None:
    keys = [i for i, c in enumerate(t.columns) if not c.numeric]
    if keys and all(len(row) > keys[-1] for row in t.rows):  # the usual case, counted in C first
        counts = Counter(map(itemgetter(*keys), t.rows))
        if max(counts.values(), default=1) == 1:
            return
    seen: dict[tuple, int] = {}
    numbers = []
    for row in t.rows:
        key = tuple(row[i] if i < len(row) else None for i in keys)
        seen[key] = seen.get(key, 0) + 1
        numbers.append(seen[key])
    if max(numbers, default=1) == 1:
        return
    at = (keys[0] + 1) if keys else 0
    t.columns.insert(at, Column(OCCURRENCE))
    for row, n in zip(t.rows, numbers):
        row.insert(at, n)
    t.row_kinds = {}  # no table with an occurrence key has rows of another kind


# --- values --------------------------------------------------------------------------------

def _not_applicable_on_totals(t: Table) -> None:
    for r in t.total_rows:
        row = t.rows[r]
        for c, column in enumerate(t.columns):
            if c < len(row) and t.column_for(r, c).kind == "percent" and (row[c] is None or row[c] == ""):
                row[c] = NOT_APPLICABLE


def _months_as_dates(t: Table) -> None:
    for c, column in enumerate(t.columns):
        if column.kind != "text":
            continue
        values = (row[c] for row in t.rows if c < len(row) and not isinstance(row[c], Shorthand))
        first = next(values, None)
        if month_of(first, t.dates) is None or not all(month_of(v, t.dates) for v in values):  # stops at the
            continue  # first non-month
        t.columns[c] = replace(column, kind="month")
        for row in t.rows:
            if c < len(row) and not isinstance(row[c], Shorthand):
                row[c] = month_of(row[c], t.dates)


def _unstarred(text: str) -> str | None:
    stripped = text.strip().strip(_STARS).strip()
    return stripped if stripped != text.strip() else None


def _asterisks_to_notes(t: Table) -> None:
    starred = []
    for c, column in enumerate(t.columns):
        plain = _unstarred(column.name)
        if plain:
            t.columns[c] = replace(column, name=plain)
            starred.append(plain)
    if _STARRED_EDGE.search("\n".join({v for row in t.rows for v in row if isinstance(v, str)})):
        for row in t.rows:
            for c, v in enumerate(row):
                plain = _unstarred(v) if isinstance(v, str) else None
                if plain:
                    row[c] = plain
                    starred.append(plain)
    t.notes += [ASTERISK_NOTE.format(s) for s in dict.fromkeys(starred)]


def _with_unit(column: Column) -> Column:
    unit = UNITS.get(column.kind)
    if unit and not column.unit and unit not in column.name:
        return replace(column, unit=unit)
    return column
