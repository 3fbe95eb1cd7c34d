"""The cells of a table as disclosure control sees them: which count people, what each one is
(the same Fact wherever it is shown), and the additive relations a reader can use to work out a
hidden cell from the ones shown: totals, row sums, and derived cells (%, change, mean).

A relation is lo <= sum(coefficient * cell) <= hi. A derived cell's relation holds only while
that derived cell is shown (`needs`); a rounded figure is known to within half a unit of its
last place, so its relation is a band, not an equation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ..parts import Table, format_cell
from .facts import Fact, PersonCount


class Cell(NamedTuple):
    """A cell with no Fact of its own (a total, a derived cell): its part, row and column."""

    part: str
    row: str
    column: str

    def __str__(self) -> str:
        return f"'{self.part}', row '{self.row}', column '{self.column}'"


CellId = Fact | Cell


@dataclass(frozen=True)
class Relation:
    """lo <= sum(coefficient * cell) <= hi, holding while every cell in `needs` is shown."""

    terms: tuple[tuple[CellId, float], ...]
    lo: float
    hi: float
    needs: tuple[CellId, ...] = ()

    @property
    def cells(self) -> list[CellId]:
        return [c for c, _ in self.terms]


@dataclass(eq=False)
class TableCells:
    """One table's cells: ids, values, which count people, who owns each, its relations."""

    table: Table
    ids: dict[tuple[int, int], CellId] = field(default_factory=dict)
    values: dict[CellId, float] = field(default_factory=dict)
    people: set[CellId] = field(default_factory=set)
    derived: dict[CellId, set[CellId]] = field(default_factory=dict)  # count -> derived cells that go with it
    relations: list[Relation] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)  # row -> its name


def numeric_value(v) -> float | None:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        try:
            return float(v) if isinstance(v, Decimal) else None
        except (TypeError, ValueError):
            return None
    f = float(v)
    return None if math.isnan(f) else f


def row_label(table: Table, r: int) -> str:
    """The row's name: its text cells joined (a category, or a date and an organisation)."""
    row = table.rows[r]
    parts = [format_cell(v, table.column_for(r, c), table.dates) for c, v in enumerate(row)
             if not table.column_for(r, c).numeric and v not in (None, "")]
    return " / ".join(parts) or f"row {r + 1}"


def cell_id(table: Table, r: int, c: int, label: str | None = None) -> CellId:
    """What the cell shows: its Fact, or where it is (part, row, column). `label`: the row's, if known."""
    v = table.rows[r][c]
    fact = getattr(v, "fact", None)
    if isinstance(fact, Fact) and isinstance(v, int):
        return fact
    return Cell(table.key, row_label(table, r) if label is None else label, table.columns[c].name)


def _half_unit(kind: str, dp: int) -> float:
    return 0.5 * 10 ** -(dp + (2 if kind == "percent" else 0)) + 1e-9


def counts_people(table: Table) -> bool:
    """The table shows a count of people: a column declared so, or a value from the inputs that is one."""
    return (any(c.person_count for c in table.columns)
            or any(isinstance(v, PersonCount) for row in table.rows for v in row))


def columns_of_interest(table: Table) -> set[int]:
    """The columns whose cells disclosure control may hide or reason about: counts of people,
    derived columns and what they derive from, and row sums among counts of people."""
    people = {i for i, c in enumerate(table.columns) if c.person_count}
    out = set(people)
    for d in table.derived:
        out |= {d.column, *d.parts}
    for total, parts in table.row_sums:
        if people & {total, *parts}:
            out |= {total, *parts}
    return out


def table_cells(table: Table) -> TableCells:
    """Every numeric cell of the table with its id, and the relations between them (none for a
    table that counts no people: a 100,000-row appendix of cases costs a scan, not a model)."""
    tc = TableCells(table)
    if not counts_people(table):
        return tc
    wanted = columns_of_interest(table)
    for r, row in enumerate(table.rows):
        label = None
        for c, v in enumerate(row):
            if c not in wanted and type(v) is not PersonCount:
                continue
            n = numeric_value(v)
            if n is None:
                continue
            label = tc.labels[r] = row_label(table, r) if label is None else label
            i = cell_id(table, r, c, label)
            tc.ids[(r, c)] = i
            tc.values[i] = n
            if table.column_for(r, c).person_count or isinstance(i, Fact):
                tc.people.add(i)
    _totals(tc)
    _row_sums(tc)
    _derived(tc)
    return tc


def _exact(tc: TableCells, parts: list[CellId], total: CellId) -> None:
    if sum(tc.values[p] for p in parts) == tc.values[total]:  # a total that doesn't add up tells nothing exact
        tc.relations.append(Relation(tuple((p, 1.0) for p in parts) + ((total, -1.0),), 0.0, 0.0))


def _totals(tc: TableCells) -> None:
    t = tc.table
    start = 0
    for tr in sorted(t.total_rows):
        for c, col in enumerate(t.columns):
            if not col.person_count or (tr, c) not in tc.ids:
                continue
            parts = [(r, c) for r in range(start, tr) if (r, c) in tc.ids]
            if parts and len(parts) == tr - start:
                _exact(tc, [tc.ids[p] for p in parts], tc.ids[(tr, c)])
        start = tr + 1


def _row_sums(tc: TableCells) -> None:
    for total_col, part_cols in tc.table.row_sums:
        for r in range(len(tc.table.rows)):
            cells = [(r, c) for c in part_cols]
            if (r, total_col) in tc.ids and all(p in tc.ids for p in cells):
                _exact(tc, [tc.ids[p] for p in cells], tc.ids[(r, total_col)])


def _derived(tc: TableCells) -> None:
    t = tc.table
    total_row = max(t.total_rows) if t.total_rows else None
    for d in t.derived:
        col = t.columns[d.column]
        for r in range(len(t.rows)):
            if (r, d.column) not in tc.ids or r in t.row_kinds or r == total_row and d.kind == "share":
                continue
            dv = tc.ids[(r, d.column)]
            value = tc.values[dv]
            h = _half_unit(col.kind, col.dp)
            if any((r, p) not in tc.ids for p in d.parts):
                continue
            parts = [tc.ids[(r, p)] for p in d.parts]
            for p in parts:
                tc.derived.setdefault(p, set()).add(dv)
            if d.kind == "change":  # b - a = value * a, rounded: (1 + value -+ h) * a <= b
                a, b = parts
                tc.relations += [Relation(((b, 1.0), (a, -(1 + value - h))), 0.0, math.inf, (dv,)),
                                 Relation(((b, 1.0), (a, -(1 + value + h))), -math.inf, 0.0, (dv,))]
            elif d.kind == "share":  # a = value * T, T the column's total (or one the table doesn't state)
                (a,) = parts
                src = d.parts[0]
                total = tc.ids.get((total_row, src)) if total_row is not None else None
                total = total or Cell(t.key, "(total not stated)", t.columns[src].name)
                if total in tc.values:
                    tc.derived.setdefault(total, set()).add(dv)
                tc.relations += [Relation(((a, 1.0), (total, -(value - h))), 0.0, math.inf, (dv,)),
                                 Relation(((a, 1.0), (total, -(value + h))), -math.inf, 0.0, (dv,))]
            elif d.kind == "mean":  # a = value * n, rounded
                (a,) = parts
                tc.relations.append(Relation(((a, 1.0),), d.n * (value - h), d.n * (value + h), (dv,)))
