"""Excel's limits: a table too big for a sheet, or a cell too long, is an error naming the table
and the limit, and no workbook is left behind (Excel would refuse it)."""
from __future__ import annotations

import re
import time
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest
from test_xlsx_writer import SMALL_META

from conftest import validate_ooxml
from hsp_docs.errors import InputError
from hsp_docs.parts import Column, Report, Section, Table, TableBlock
from hsp_docs.xlsx import worksheet
from hsp_docs.xlsx.package import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS
from hsp_docs.xlsx.worksheet import ExcelLimitError
from hsp_docs.xlsx.writer import write_workbook


def _write(table: Table, path, split: bool = False) -> None:
    meta = SimpleNamespace(**vars(SMALL_META), split_long_tables=split)
    report = Report(meta, [Section("appendix", "Appendix", [TableBlock(table)])])
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
    assert "split_long_tables = true under [workbook]" in message  # how to have it split instead
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


def test_1048577_rows_are_split_across_two_sheets_when_asked(tmp_path):
    """[workbook] split_long_tables = true: the table continues on a second sheet, each sheet
    under Excel's limit, every row written once. (About 10 s and 300 MB: one shared row object.)"""
    row = ["C0000001", 3]
    table = Table("contacts", "Contacts received", [Column("Contact reference"), Column("Children", "count")],
                  [row] * (MAX_ROWS + 1))
    path = tmp_path / "big.xlsx"
    _write(table, path, split=True)
    with zipfile.ZipFile(path) as z:
        names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
        tables = sorted(n for n in z.namelist() if n.startswith("xl/tables/"))
        refs = [re.search(r' ref="([^"]+)"', z.read(t).decode())[1] for t in tables[-2:]]  # the last two sheets'
        second = z.read(f"xl/worksheets/sheet{names.index('Table_1_2') + 1}.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
    assert names[-2:] == ["Table_1", "Table_1_2"]
    per_sheet = MAX_ROWS - 4  # under the title, description, source and header
    assert refs == [f"A4:C{MAX_ROWS}", f"A4:C{4 + (MAX_ROWS + 1 - per_sheet)}"]  # C: the rows' occurrence number
    assert "part 2 of 2: rows 1,048,573 to 1,048,577" in strings
    assert second.count("<row ") == 4 + 5


def test_a_split_table_is_a_valid_workbook_of_whole_sheets(tmp_path, monkeypatch):
    """The same split at a small limit, opened back: titles, headers and every row in order,
    total rows bold on the sheet they fall on."""
    from hsp_docs.xlsx import writer

    monkeypatch.setattr(worksheet, "MAX_ROWS", 20)
    monkeypatch.setattr(writer, "MAX_ROWS", 20)
    table = Table("t", "Generated rows", [Column("Name"), Column("n", "count")],
                  [[f"row {i}", i] for i in range(40)] + [["Total", 780]], total_rows=frozenset({40}))
    path = tmp_path / "split.xlsx"
    with pytest.raises(ExcelLimitError):
        _write(table, path)
    _write(table, path, split=True)
    validate_ooxml(path)
    wb = openpyxl.load_workbook(path)
    names = [n for n in wb.sheetnames if n.startswith("Table_1")]
    assert names == ["Table_1", "Table_1_2", "Table_1_3"]
    got = []
    for k, name in enumerate(names, 1):
        ws = wb[name]
        assert f"(part {k} of 3: rows" in ws["A1"].value
        assert [c.value for c in ws[4]][:2] == ["Name", "n"]
        got += [[c.value for c in r][:2] for r in ws.iter_rows(min_row=5, max_row=ws.max_row)]
    assert got == table.rows
    last = wb[names[-1]]
    assert last.cell(last.max_row, 1).value == "Total" and last.cell(last.max_row, 1).font.b


def test_the_setting_is_read_from_report_toml(inputs_copy):
    from hsp_docs.inputs.loader import load_inputs

    assert load_inputs(inputs_copy).meta.split_long_tables is False
    toml = inputs_copy / "report.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[workbook]\nsplit_long_tables = true\n", encoding="utf-8")
    assert load_inputs(inputs_copy).meta.split_long_tables is True
