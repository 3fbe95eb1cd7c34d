"""Excel's limits: a table too big for a sheet, or a cell too long, is an error naming the table
and the limit, and no workbook is left behind (Excel would refuse it)."""
from __future__ import annotations

import time

import pytest
from test_xlsx_writer import SMALL_META

from hsp_docs.errors import InputError
from hsp_docs.parts import Column, Report, Section, Table, TableBlock
from hsp_docs.xlsx import worksheet
from hsp_docs.xlsx.package import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from hsp_docs.xlsx.worksheet import ExcelLimitError
from hsp_docs.xlsx.writer import write_workbook


def _write(table: Table, path) -> None:
    report = Report(SMALL_META, [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    write_workbook(report, [], path)


def test_1048577_rows_is_a_clear_error_and_no_file(tmp_path):
    row = ["C0000001", 3]
    table = Table("contacts", "Contacts received", [Column("Contact reference"), Column("Children", "count")],
                  [row] * (MAX_ROWS + 1))
    path = tmp_path / "big.xlsx"
    started = time.perf_counter()
    with pytest.raises(ExcelLimitError) as err:
        _write(table, path)
    assert time.perf_counter() - started < 20  # refused before a million rows are written
    message = str(err.value)
    assert "Table 1: Contacts received (sheet Table_1)" in message
    assert "1,048,577 of data" in message and "at most 1,048,576" in message
    assert isinstance(err.value, InputError)  # the CLI prints it and exits 1, no traceback
    assert not path.exists()


def test_rows_of_unknown_number_are_stopped_at_the_limit(tmp_path, monkeypatch):
    """A plan whose size is not known before writing: the stream stops at the limit (tried with
    a small limit, so the test need not write a million rows)."""
    from hsp_docs.xlsx import sheets

    real = sheets.data_table
    monkeypatch.setattr(sheets, "data_table", lambda *a: _unsized(real(*a)))
    monkeypatch.setattr(worksheet, "MAX_ROWS", 50)
    table = Table("t", "Generated rows", [Column("n", "count")], [[i] for i in range(60)])
    with pytest.raises(ExcelLimitError, match=r"Table 1: Generated rows \(sheet Table_1\): has more rows than an "
                                              r"Excel sheet holds \(50\)"):
        _write(table, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


def _unsized(plan_table):
    plan_table.size = None
    return plan_table


def test_too_many_columns(tmp_path):
    columns = [Column(f"c{i}") for i in range(MAX_COLUMNS + 1)]
    table = Table("wide", "Too wide", columns, [["x"] * len(columns)])
    with pytest.raises(ExcelLimitError, match="Too wide .*16,385 columns; an Excel sheet holds at most 16,384"):
        _write(table, tmp_path / "w.xlsx")


def test_a_cell_over_32767_characters(tmp_path):
    table = Table("long", "Long text", [Column("Summary")], [["short"], ["x" * (MAX_CELL_CHARS + 1)]])
    with pytest.raises(ExcelLimitError) as err:
        _write(table, tmp_path / "l.xlsx")
    problem = err.value.problems[0]
    assert problem.file == "Table 1: Long text (sheet Table_1)"
    assert "32,768 characters; an Excel cell holds at most 32,767" in problem.message
    assert problem.row is not None and problem.row > 2  # the second data row, under the title lines
    assert not (tmp_path / "l.xlsx").exists()


def test_at_the_limits_is_fine(tmp_path):
    table = Table("long", "Long text", [Column("Summary")], [["x" * MAX_CELL_CHARS]])
    _write(table, tmp_path / "ok.xlsx")
    from openpyxl import load_workbook

    ws = load_workbook(tmp_path / "ok.xlsx")["Table_1"]
    assert any(len(str(c.value or "")) == MAX_CELL_CHARS for row in ws.iter_rows() for c in row)
