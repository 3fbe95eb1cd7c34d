"""check_workbook: passes a good workbook and names each kind of problem in a bad one."""
from __future__ import annotations

import openpyxl
import pytest
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table

from hsp_docs.parts import Column
from hsp_docs.xlsx import sheets
from hsp_docs.xlsx.standard import check_workbook
from hsp_docs.xlsx.styles import number_format


def good_workbook():
    """A cover and one data sheet that meet the standard."""
    wb = openpyxl.Workbook()
    wb.properties.title = "A workbook"
    wb.properties.language = "en-GB"
    wb.active.title = "Cover"
    wb.active["A1"] = "A workbook"
    ws = wb.create_sheet("Table_1")
    ws["A1"] = "Table 1: counts"
    for row in (["Team", "People"], ["A", 3], ["B", 4]):
        ws.append(row)
    ws.add_table(Table(displayName="Table_1_data", ref="A2:B4"))
    return wb, ws


def problems(tmp_path, wb) -> list[str]:
    path = tmp_path / "case.xlsx"
    wb.save(path)
    return check_workbook(path)


def test_good_workbook_has_no_problems(tmp_path):
    wb, _ = good_workbook()
    assert problems(tmp_path, wb) == []


# --- each break of the standard, made in a good workbook, and what check_workbook says ---------

def merged_cell(wb, ws):
    ws.merge_cells("A1:B1")


def blank_header(wb, ws):
    ws["B2"] = " "


def repeated_header(wb, ws):
    ws["B2"] = "team"


def text_below_the_table(wb, ws):
    ws["A6"] = "Source: somewhere"


def blank_row_and_column(wb, ws):
    ws["A3"] = ws["B3"] = None
    ws["C2"] = "Extra"
    ws.tables["Table_1_data"].ref = "A2:C4"


def no_title_and_table_not_in_column_a(wb, ws):
    ws["A1"] = None
    ws.tables["Table_1_data"].ref = "B2:B4"


def no_table_or_two_tables(wb, ws):
    extra = wb.create_sheet("Figure_1")
    extra["A1"] = "Figure 1"
    ws["D2"], ws["D3"] = "Other", 1
    ws.add_table(Table(displayName="Other_data", ref="D2:D3"))


def formula_and_view(wb, ws):
    ws["B4"] = "=B3+1"
    ws.sheet_view.selection[0].activeCell = "B3"


def properties_missing(wb, ws):
    wb.properties.title = None
    wb.properties.language = None


BREAKS = [
    (merged_cell, ["merged cells A1:B1"]),
    (blank_header, ["blank header in B2"]),
    (repeated_header, ["repeats header"]),
    (text_below_the_table, ["content below the table, in A6"]),
    (blank_row_and_column, ["blank row 3", "blank column C"]),
    (no_title_and_table_not_in_column_a, ["Table_1: no title in cell A1", "does not start in column A"]),
    (no_table_or_two_tables, ["Figure_1: has 0 tables", "Table_1: has 2 tables"]),
    (formula_and_view, ["formulas in B4", "does not open at cell A1"]),
    (properties_missing, ["Workbook: no title in the document properties",
                          "Workbook: no language in the document properties"]),
]


@pytest.mark.parametrize("break_it, expected", BREAKS, ids=[b.__name__ for b, _ in BREAKS])
def test_each_break_is_named(tmp_path, break_it, expected):
    wb, ws = good_workbook()
    break_it(wb, ws)
    found = problems(tmp_path, wb)
    for text in expected:
        assert any(text in p for p in found), (text, found)


def test_contents_links(tmp_path):
    wb, ws = good_workbook()
    second = wb.copy_worksheet(ws)
    second.title = "Table_2"
    second.add_table(Table(displayName="Table_2_data", ref="A2:B4"))
    assert any("no Contents sheet" in p for p in problems(tmp_path, wb))

    contents = wb.create_sheet("Contents", 1)
    contents["A1"] = "Contents"
    for row in (["Sheet name", "Title"], ["Table_1", "Counts"], ["Table_9", "Gone"]):
        contents.append(row)
    contents["A3"].hyperlink = Hyperlink(ref="A3", location="'Table_1'!A1")
    contents["A4"].hyperlink = "#'Table_9'!A1"
    contents.add_table(Table(displayName="Contents_data", ref="A2:B4"))
    found = problems(tmp_path, wb)
    assert any("leads to a missing sheet 'Table_9'" in p for p in found)
    assert any("Contents: no link to sheet(s) Table_2" in p for p in found)


# --- naming and layout helpers ----------------------------------------------------------------

def test_sheet_names_are_valid_and_unique():
    names = sheets.sheet_names(["Table_1", "table_1", "A/B: [x]", "x" * 40, ""])
    assert names[:3] == ["Table_1", "table_1_2", "A_B_ _x_"]
    assert len(names[3]) == 31 and names[4] == "Sheet_5"


def test_table_names_are_identifiers():
    taken: set[str] = set()
    assert sheets.table_name("Table_1_csa_events", taken) == "Table_1_csa_events"
    assert sheets.table_name("Table_1_csa_events", taken) == "Table_1_csa_events_2"
    assert sheets.table_name("1st sheet", taken) == "T_1st_sheet"


@pytest.mark.parametrize("column, fmt", [
    (Column("n", "count"), "#,##0"), (Column("n", "count", dp=1), "#,##0.0"),
    (Column("m", "money"), "£#,##0"), (Column("m", "money", dp=2), "£#,##0.00"),
    (Column("p", "percent"), "0%"), (Column("p", "percent", dp=1), "0.0%"),
    (Column("d", "date"), "d mmm yyyy"), (Column("d", "month"), "mmm yyyy"), (Column("t"), "General"),
])
def test_number_formats(column, fmt):
    assert number_format(column) == fmt


