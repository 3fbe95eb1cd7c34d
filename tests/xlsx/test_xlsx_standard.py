"""check_workbook: passes a good workbook and names each kind of problem in a bad one."""
from __future__ import annotations

import openpyxl
import pytest
from openpyxl.styles import PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableColumn

from hsp_docs.parts import Column
from hsp_docs.xlsx import sheets
from hsp_docs.xlsx.standard import check_workbook
from hsp_docs.xlsx.styles import number_format


def _table(ref: str, name: str, headers: list[str]) -> Table:
    """An Excel table without filter buttons (openpyxl adds an autoFilter unless the columns are given)."""
    return Table(displayName=name, ref=ref,
                 tableColumns=[TableColumn(id=i, name=h) for i, h in enumerate(headers, 1)])


def good_workbook():
    """A cover and one data sheet that meet the standard."""
    wb = openpyxl.Workbook()
    wb.properties.title = "A workbook"
    wb.properties.language = "en-GB"
    cover = wb.active
    cover.title = "Cover"
    cover.column_dimensions["B"].width = 60
    for row in (["A workbook"], ["Description", "Counts of people by team."], ["Period", "2022-23"],
                ["Source", "The teams' records"], ["Contact", "The team"], ["Publication date", "1 October 2023"],
                ["Next update", "October 2024"], ["[z]", "not applicable"]):
        cover.append(row)
    ws = wb.create_sheet("Table_1")
    ws["A1"] = "Table 1: people by team, Exampleton, 2022-23"
    ws["A2"] = "Source: the teams' records"
    for row in (["Team", "People", "Share (%)", "Row type"], ["A", 3, 0.4, "Detail"], ["B", 4, 0.6, "Detail"],
                ["All teams", 7, "[z]", "Total"]):
        ws.append(row)
    for r in (4, 5):
        ws.cell(r, 3).number_format = "0%"
    ws.add_table(_table("A3:D6", "Table_1_people_by_team", ["Team", "People", "Share (%)", "Row type"]))
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
    ws["B3"] = " "


def repeated_header(wb, ws):
    ws["B3"] = "team"


def text_below_the_table(wb, ws):
    ws["A8"] = "Some words"


def blank_row_and_column(wb, ws):
    ws["A4"] = ws["B4"] = ws["C4"] = ws["D4"] = None
    ws["E3"] = "Extra"
    ws.tables["Table_1_people_by_team"].ref = "A3:E6"


def no_title_and_table_not_in_column_a(wb, ws):
    ws["A1"] = None
    ws.tables["Table_1_people_by_team"].ref = "B3:D6"


def no_table_or_two_tables(wb, ws):
    extra = wb.create_sheet("Figure_1")
    extra["A1"] = "Figure 1, 2022-23"
    extra["A2"] = "Source: the teams"
    ws["F3"], ws["F4"] = "Other", 1
    ws.add_table(_table("F3:F4", "Other_people", ["Other"]))


def formula_and_view(wb, ws):
    ws["B5"] = "=B4+1"
    ws.sheet_view.selection[0].activeCell = "B3"


# --- the rules of an analyst's tidy workbook -----------------------------------------------------

def header_row_differs(wb, ws):
    other = wb.create_sheet("Table_2")
    other["A1"], other["A2"], other["A3"] = "Table 2: teams, 2022-23", "Source: the teams", "A note line"
    for row in (["Team", "People"], ["A", 1]):
        other.append(row)
    other.add_table(_table("A4:B5", "Table_2_teams", ["Team", "People"]))


def filter_buttons(wb, ws):
    ws.tables["Table_1_people_by_team"].autoFilter = AutoFilter(ref="A3:D6")


def generic_table_name(wb, ws):
    table = ws.tables.pop("Table_1_people_by_team")
    table.displayName = table.name = "Table_1_data"
    ws.add_table(table)


def units_above_not_in_header(wb, ws):
    ws["C3"] = "Share"
    ws.tables["Table_1_people_by_team"].tableColumns[2].name = "Share"
    ws.insert_rows(2)
    ws["A2"] = "Units: percentages"
    ws.tables["Table_1_people_by_team"].ref = "A4:D7"


def asterisk_note(wb, ws):
    ws["A4"] = "A*"


def no_source(wb, ws):
    ws["A2"] = "About the table"


def fraction_as_text(wb, ws):
    ws["B4"] = "1/2"


def month_as_text(wb, ws):
    ws["A4"] = "Apr-22"
    ws["A3"] = "Oct-23"
    ws.tables["Table_1_people_by_team"].tableColumns[0].name = "Oct-23"


def total_inside(wb, ws):
    for c, v in enumerate(["All teams", 7, "[z]", "Total"], 1):
        ws.cell(5, c).value, ws.cell(6, c).value = v, ["B", 4, 0.6, "Detail"][c - 1]


def x_on_total(wb, ws):
    ws["C6"] = "[x]"


def cover_incomplete(wb, ws):
    cover = wb["Cover"]
    cover["A7"] = "Status"  # was "Next update"
    cover["A9"], cover["B9"] = "[c]", "confidential"


def title_without_when(wb, ws):
    ws["A1"] = "Table 1: people by team"


def long_text_unwrapped(wb, ws):
    ws["A5"] = "A team with a very long name indeed that needs more room than the column gives it"
    wb["Cover"]["B2"] = "A description of the workbook " * 5


def fixed_row_height(wb, ws):
    ws.row_dimensions[5].height = 30


def tracker_sheet(wb, *, good: bool):
    ws = wb.create_sheet("Recommendations")
    ws["A1"], ws["A2"] = "Recommendations, 2022-23", "Source: the review"
    headers = ["ID", "Recommendation", "Status", "Due date"] + (["Last updated"] if good else [])
    ws.append(headers)
    ws.append(["R1", "Do it"])
    ws.column_dimensions["B"].width = 20
    for c in range(3, len(headers) + 1):
        cell = ws.cell(4, c)
        cell.protection = Protection(locked=False)
        if good:
            cell.fill = PatternFill("solid", fgColor="FFF2CC")
    if good:
        status = DataValidation(type="list", formula1='"Open,Done"', sqref="C4")
        dates = DataValidation(type="date", operator="greaterThan", formula1="1", sqref="D4:E4")
        ws.add_data_validation(status)
        ws.add_data_validation(dates)
    ws.add_table(_table(f"A3:{'E' if good else 'D'}4", "Recommendations_tracker", headers))
    return ws


def tracker_without_validation_or_shading(wb, ws):
    tracker_sheet(wb, good=False)




def properties_missing(wb, ws):
    wb.properties.title = None
    wb.properties.language = None


BREAKS = [
    (merged_cell, ["merged cells A1:B1"]),
    (blank_header, ["blank header in B3"]),
    (repeated_header, ["repeats header"]),
    (text_below_the_table, ["content below the table, in A8"]),
    (blank_row_and_column, ["blank row 4", "blank column E"]),
    (no_title_and_table_not_in_column_a, ["Table_1: no title in cell A1", "does not start in column A"]),
    (no_table_or_two_tables, ["Figure_1: has 0 tables", "Table_1: has 2 tables"]),
    (formula_and_view, ["formulas in B5", "does not open at cell A1"]),
    (properties_missing, ["Workbook: no title in the document properties",
                          "Workbook: no language in the document properties"]),
    (header_row_differs, ["Table_2!A4: the table's header is in row 4, not row 3"]),
    (filter_buttons, ["Table_1!A3: table Table_1_people_by_team shows filter buttons"]),
    (generic_table_name, ["Table_1!A3: table name Table_1_data says nothing"]),
    (units_above_not_in_header, ["Table_1!A2: units on a line above", "Table_1!C4: header 'Share' over percentages"]),
    (asterisk_note, ["Table_1!A4: 'A*' marks a note with a symbol"]),
    (no_source, ["Table_1: no source"]),
    (fraction_as_text, ["Table_1!B4: '1/2' is a number stored as text"]),
    (month_as_text, ["Table_1!A4: 'Apr-22' is a month stored as text", "Table_1!A3: header 'Oct-23' is a month"]),
    (total_inside, ["Table_1!A5: a total row inside the table"]),
    (x_on_total, ["Table_1!C6: [x] (not available) on a total row"]),
    (cover_incomplete, ["Cover: the cover does not give the next update", "Cover!A9: the cover lists [c]"]),
    (title_without_when, ["Table_1!A1: the title does not say when"]),
    (long_text_unwrapped, ["Table_1!A5: long text that does not wrap", "Cover!B2: long text that does not wrap"]),
    (fixed_row_height, ["Table_1!A5: a fixed row height"]),
    (tracker_without_validation_or_shading, ["Recommendations!D3: column 'Due date' has no date validation",
                                             "Recommendations!C3: column 'Status' has no list validation",
                                             'Recommendations!D3: a tracker with no "Last updated" column',
                                             "Recommendations!C4: a cell to fill in looks like any other"]),
]


def test_a_good_tracker_has_no_problems(tmp_path):
    wb, ws = good_workbook()
    wb.remove(ws)  # one table: no Contents sheet needed
    wb["Cover"].delete_rows(8)  # and no [z] to explain
    tracker_sheet(wb, good=True)
    assert problems(tmp_path, wb) == []


def test_findings_carry_rule_sheet_and_cell(tmp_path):
    wb, ws = good_workbook()
    fraction_as_text(wb, ws)
    (found,) = problems(tmp_path, wb)
    assert (found.rule, found.sheet, found.cell) == ("numbers-as-text", "Table_1", "B4")


@pytest.mark.parametrize("break_it, expected", BREAKS, ids=[b.__name__ for b, _ in BREAKS])
def test_each_break_is_named(tmp_path, break_it, expected):
    wb, ws = good_workbook()
    break_it(wb, ws)
    found = problems(tmp_path, wb)
    for text in expected:
        assert any(text in p for p in found), (text, found)
    wb, ws = good_workbook()  # the same workbook unbroken passes every rule
    assert problems(tmp_path, wb) == []


def test_contents_links(tmp_path):
    wb, ws = good_workbook()
    second = wb.copy_worksheet(ws)
    second.title = "Table_2"
    second.add_table(_table("A3:D6", "Table_2_people", ["Team", "People", "Share (%)", "Row type"]))
    assert any("no Contents sheet" in p for p in problems(tmp_path, wb))

    contents = wb.create_sheet("Contents", 1)
    contents["A1"] = "Contents"
    for row in (["Sheet name", "Title"], ["Table_1", "Counts"], ["Table_9", "Gone"]):
        contents.append(row)
    contents["A3"].hyperlink = Hyperlink(ref="A3", location="'Table_1'!A1")
    contents["A4"].hyperlink = "#'Table_9'!A1"
    contents.add_table(_table("A2:B4", "Contents_list", ["Sheet name", "Title"]))
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
    (Column("d", "date"), "d mmmm yyyy"), (Column("d", "month"), "mmm-yy"), (Column("t"), "General"),
])
def test_number_formats(column, fmt):
    assert number_format(column) == fmt  # dates and months: the default theme's formats, as the report writes them


def test_date_number_formats_follow_the_theme():
    from hsp_docs.dates import DateStyle

    dates = DateStyle(month="mmmm yyyy", date="dd/mm/yyyy")
    assert number_format(Column("d", "date"), dates) == "dd/mm/yyyy"
    assert number_format(Column("d", "month"), dates) == "mmmm yyyy"


