"""The sheet writer's table rows (one join of remembered per-column fragments) are exactly what
writing each cell on its own gives, for every kind of value, remembered or not."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hsp_docs.parts import NOT_APPLICABLE, Column
from hsp_docs.xlsx import styles as st
from hsp_docs.xlsx.package import SharedStrings
from hsp_docs.xlsx.sheets import cell_value
from hsp_docs.xlsx.worksheet import MEMO_LIMIT, CellWriter

KINDS = ["Team A", "", "  ", "=SUM(A1)", "-3 children", dt.date(2022, 4, 1), dt.date(1899, 1, 1),
         dt.datetime(2022, 4, 1, 12, 30), 7, -0, True, False, 2.5, -0.0, 0.0, float("nan"), float("inf"),
         Decimal("12.50"), Decimal("12.25"), Decimal("-0"), Decimal("NaN"), Decimal("1e400"), None,
         NOT_APPLICABLE, 10**20]


def _rows() -> list[list]:
    """Every kind in every column, each row twice (the second time from memory), then columns
    whose kind changes from row to row."""
    rows = []
    for v in KINDS:
        rows += [[v, v, v], [v, v, v]]
    for i in range(len(KINDS)):
        rows.append([KINDS[i], KINDS[(i + 7) % len(KINDS)], KINDS[(i + 13) % len(KINDS)]])
    return rows


def _writers(model_values: bool):
    styles = st.StyleBook()
    names = [styles.data(Column("Team")), styles.data(Column("Count", "count")),
             styles.data(Column("Cost", "money", unit="£", dp=2))]
    fast = CellWriter(styles, SharedStrings(), 3, model_values=model_values)
    slow = CellWriter(styles, SharedStrings(), 3)
    return names, fast, slow


def test_model_values_match_cell_by_cell():
    names, fast, slow = _writers(model_values=True)
    for r, values in enumerate(_rows(), 5):
        assert fast.table_row(r, values, names) == slow.row(r, [cell_value(v) for v in values], names)
    assert list(fast.strings.index) == list(slow.strings.index)


def test_cell_values_match_cell_by_cell():
    names, fast, slow = _writers(model_values=False)
    for r, values in enumerate(_rows(), 5):
        assert fast.table_row(r, values, names) == slow.row(r, values, names)
    assert list(fast.strings.index) == list(slow.strings.index)


def test_a_column_of_unique_texts_is_forgotten_in_turn():
    names, fast, slow = _writers(model_values=True)
    for r in range(MEMO_LIMIT * 2 + 5):
        values = [f"C{r:07d}", r, Decimal(r) / 4]
        assert fast.table_row(r + 5, values, names) == slow.row(r + 5, [cell_value(v) for v in values], names)
    assert all(len(memo) <= MEMO_LIMIT for memo in fast._memos.values())


class Count(int):
    """A count that carries more (as disclosure's PersonCount does)."""


class Label(str):
    """A text that carries more (as disclosure's Described does)."""


def test_subclasses_and_a_signalling_nan_are_written_as_their_base_kinds():
    names, fast, slow = _writers(model_values=True)
    rows = [[Count(4), 1, Decimal("sNaN")], [Label("x"), Count(0), Decimal(3)], [Label(" "), Label("=1"), Count(2)]]
    for r, values in enumerate(rows, 5):
        assert fast.table_row(r, values, names) == slow.row(r, [cell_value(v) for v in values], names)
