"""partdata: what every writer (Word, Excel, HTML) reads from a Table or a Chart the same way."""
from __future__ import annotations

import math
from decimal import Decimal

import pytest

from hsp_docs.partdata import cell_texts, chart_values, check_chart, line_label_positions, number
from hsp_docs.parts import CONFIDENTIAL, Chart, Series


def test_cell_texts_per_column_print_as_table_cell_texts(default_report):
    """The per-column fast path prints every cell of every default table as Table.cell_texts does."""
    charts = [c.data_table() for c in default_report.charts()]
    tables = default_report.tables() + default_report.workbook_tables + charts
    assert tables
    for table in tables:
        assert list(cell_texts(table)) == table.cell_texts(), table.key


@pytest.mark.parametrize(("value", "expected"), [(3, 3), (2.5, 2.5), (Decimal("1.25"), 1.25), (None, None), ("", None),
                                                 (CONFIDENTIAL, None), (math.nan, None), (math.inf, None),
                                                 (True, None)])
def test_number(value, expected):
    assert number(value) == expected


def test_number_refuses_text():
    with pytest.raises(TypeError, match="not a number"):
        number("twelve")


@pytest.mark.parametrize(("chart", "message"), [
    (Chart("k", "t", "donut", ["a"], [Series("s", [1])], alt="x"), "kind 'donut'"),
    (Chart("k", "t", "bar", ["a", "b"], [Series("s", [1])], alt="x"), "has 1 values for 2 categories"),
    (Chart("k", "t", "pie", ["a"], [Series("s", [1]), Series("u", [2])], alt="x"), "exactly one series"),
    (Chart("k", "t", "column", [], [], alt="x"), "no categories"),
])
def test_check_chart(chart, message):
    with pytest.raises(ValueError, match=message):
        check_chart(chart)


def test_line_labels_above_the_highest_below_the_lowest():
    chart = Chart("l", "t", "line", ["a", "b", "c"],
                  [Series("High", [10, 5, None]), Series("Mid", [7, 6, 3]), Series("Low", [1, 9, 2])], alt="x")
    assert line_label_positions(chart) == [{0: "t", 1: "b"}, {0: "r", 1: "r", 2: "t"}, {0: "b", 1: "t", 2: "b"}]
    one = Chart("l", "t", "line", ["a"], [Series("Only", [1])], alt="x")
    assert line_label_positions(one) == [{}]
    assert chart_values(chart) == [10, 5, 7, 6, 3, 1, 9, 2]
