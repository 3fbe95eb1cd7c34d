"""The data workbook: valid OOXML, to the spreadsheet standard, and the same numbers as the report."""
from __future__ import annotations

import datetime as dt
import io
import math
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.cell import range_boundaries

from conftest import need_tool, validate_ooxml
from hsp_docs.parts import (
    NOT_APPLICABLE,
    Chart,
    ChartBlock,
    Column,
    Report,
    Section,
    Series,
    Shorthand,
    Table,
    TableBlock,
)
from hsp_docs.theme import DEFAULT_THEME
from hsp_docs.xlsx.standard import check_workbook
from hsp_docs.xlsx.writer import write_workbook

# --- fixtures: the default report's workbook written once, and workbooks of hand-made tables ---
# (here, not in a tests/xlsx/conftest.py: a second module named conftest would shadow
# tests/conftest.py for the test modules that import helpers from it)

@pytest.fixture(scope="session")
def xlsx_data(default_data):
    return default_data


@pytest.fixture(scope="session")
def xlsx_report(default_report):
    return default_report


@pytest.fixture(scope="session")
def book(tmp_path_factory, xlsx_report, xlsx_data) -> Path:
    """The default report's workbook, written once."""
    from hsp_docs.xlsx.writer import write_workbook

    path = tmp_path_factory.mktemp("xlsx") / "book.xlsx"
    write_workbook(xlsx_report, xlsx_data.recommendations, path)
    return path



SMALL_META = SimpleNamespace(  # what the writer reads of a Meta, independent of the inputs
    partnership="Example Safeguarding Partnership", title="Annual Report 2022-23",
    period_label="1 April 2022 to 31 March 2023", current_year="2022-23",
    publication_date=dt.date(2023, 10, 16), author="Example Safeguarding Partnership",
    contact="The business unit", language="en-GB", theme=DEFAULT_THEME)


@pytest.fixture
def small_book(tmp_path):
    """write(*parts, recommendations=(), **kw) -> path: a workbook of hand-made Tables and Charts."""
    from hsp_docs.parts import Chart, ChartBlock, Report, Section, TableBlock
    from hsp_docs.xlsx.writer import write_workbook

    def write(*parts, recommendations=(), name="small.xlsx", **kw) -> Path:
        blocks = [ChartBlock(p) if isinstance(p, Chart) else TableBlock(p) for p in parts]
        report = Report(SMALL_META, [Section("s", "Section", blocks)])
        report.number_parts()
        path = tmp_path / name
        write_workbook(report, recommendations, path, **kw)
        return path

    return write



# --- helpers -------------------------------------------------------------------------------

def expected(value):
    """What a model value looks like in the workbook."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return "[x]"
    if isinstance(value, Shorthand):
        return value.code
    return value


def same(got, want) -> bool:
    want = expected(want)
    if isinstance(want, dt.date):
        return isinstance(got, (dt.datetime, pd.Timestamp)) and got.date() == want
    if isinstance(want, (int, float, Decimal)) and not isinstance(want, bool):
        # openpyxl writes 16 significant digits (Excel keeps 15), so the last bit of a float may go
        return isinstance(got, (int, float)) and not isinstance(got, bool) and math.isclose(
            float(got), float(want), rel_tol=1e-15, abs_tol=0)
    return got == want


def table_of(ws):
    (table,) = ws.tables.values()
    return table, range_boundaries(table.ref)


def parts(report):
    """(sheet name, the tidy view of the Table written there) for every table and chart."""
    from hsp_docs.xlsx.writer import tidy_parts

    return [(part.sheet_name, table) for _, part, table in tidy_parts(report)]


# --- validity and the standard ---------------------------------------------------------------

def test_workbook_is_valid_ooxml(book):
    validate_ooxml(book)


def test_workbook_meets_the_standard(book):
    assert check_workbook(book) == []


def test_sheets_in_reading_order(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    order = [b.table.sheet_name if hasattr(b, "table") else b.chart.sheet_name
             for s in xlsx_report.sections for b in s.blocks if hasattr(b, "table") or hasattr(b, "chart")]
    assert wb.sheetnames == ["Cover", "Contents", "Notes", *order, "Recommendations"]
    assert wb.active.title == "Cover"


# --- same numbers as the report ----------------------------------------------------------------

def test_values_read_back_with_openpyxl(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    for sheet, table in parts(xlsx_report):
        ws = wb[sheet]
        _, (c1, r1, c2, r2) = table_of(ws)
        assert (c1, c2) == (1, len(table.columns)), sheet
        assert r2 - r1 == len(table.rows), sheet
        cells = list(ws.iter_rows(min_row=r1 + 1, max_row=r2, max_col=c2, values_only=True))
        for r, (got_row, want_row) in enumerate(zip(cells, table.rows)):
            for c, (got, want) in enumerate(zip(got_row, want_row)):
                assert same(got, want), f"{sheet} row {r} col {c}: {got!r} != {want!r}"


def test_values_read_back_with_pandas(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    for sheet, table in parts(xlsx_report):
        _, (_, header_row, _, _) = table_of(wb[sheet])
        frame = pd.read_excel(book, sheet_name=sheet, header=header_row - 1)
        assert list(frame.columns) == [c.header for c in table.columns], sheet
        assert len(frame) == len(table.rows), sheet
        for r, want_row in enumerate(table.rows):
            for c, want in enumerate(want_row):
                got = frame.iat[r, c]
                got = got.item() if hasattr(got, "item") and not isinstance(got, pd.Timestamp) else got
                assert same(got, want), f"{sheet} row {r} col {c}: {got!r} != {want!r}"


def test_cells_are_typed_and_formatted(small_book):
    columns = [Column("Date", "date"), Column("Month", "month"), Column("Name"), Column("N", "count"),
               Column("Amount", "money", unit="£"), Column("Share", "percent", dp=1),
               Column("Change", "percent")]
    rows = [[dt.date(2022, 12, 12), dt.date(2022, 12, 1), "a", 1234, Decimal(40000), 0.265, -0.16],
            [dt.date(2023, 1, 2), dt.date(2023, 1, 1), "Total", 1300, Decimal("41000.5"), 1.0, 0.0],
            [dt.date(2023, 1, 3), dt.date(2023, 1, 1), "Rate", 0.25, None, None, None]]
    table = Table("t", "Typed", columns, rows, total_rows=frozenset({1}), row_kinds={2: "percent"})
    ws = openpyxl.load_workbook(small_book(table))["Table_1"]
    _, (_, r1, _, _) = table_of(ws)
    header, first, rate, total = (ws[r1 + i] for i in range(4))  # the total row comes last
    assert [c.value for c in header] == ["Date", "Month", "Name", "N", "Amount (£)", "Share (%)", "Change (%)",
                                         "Row type"]
    assert [c[7].value for c in (first, rate, total)] == ["Detail", "Detail", "Total"]
    assert all(c.font.b for c in header)
    assert first[0].is_date and first[0].number_format == DEFAULT_THEME.date_format
    assert first[1].is_date and first[1].number_format == DEFAULT_THEME.month_format
    assert [c.number_format for c in first[3:7]] == ["#,##0", "£#,##0", "0.0%", "0%"]
    assert [c.data_type for c in first[3:7]] == ["n"] * 4
    assert all(c.font.b for c in total) and not any(c.font.b for c in first)
    assert total[4].value == 41000.5
    assert rate[3].number_format == "0%" and rate[3].value == 0.25  # a percent row in a count column
    assert [c.value for c in rate[4:7]] == ["[x]"] * 3


def test_true_zero_stays_zero_and_missing_is_x(small_book):
    table = Table("t", "Zeros", [Column("Name"), Column("N", "count")], [["a", 0], ["b", None], ["", 2]])
    ws = openpyxl.load_workbook(small_book(table))["Table_1"]
    _, (_, r1, _, r2) = table_of(ws)
    assert list(ws.iter_rows(min_row=r1 + 1, max_row=r2, values_only=True)) == [
        ("a", 0), ("b", "[x]"), ("[x]", 2)]


def test_units_in_headers_not_above(small_book):
    money = Table("m", "Money", [Column("Line"), Column("Outturn", "money", unit="£")], [["a", Decimal(1)]])
    mixed = Table("c", "Mixed", [Column("Type"), Column("N", "count"), Column("%", "percent"),
                                 Column("Change", "percent")], [["a", 1, 0.5, 0.1]])
    wb = openpyxl.load_workbook(small_book(money, mixed))
    assert [c.value for c in wb["Table_1"][4]] == ["Line", "Outturn (£)"]
    assert [c.value for c in wb["Table_2"][4]] == ["Type", "N", "%", "Change (%)"]
    for ws in wb.worksheets[1:]:
        assert not any(str(c.value).startswith("Units") for row in ws.iter_rows(max_row=3) for c in row)


def test_no_formulas_anywhere(book):
    wb = openpyxl.load_workbook(book)
    assert not [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_total_rows_are_last_bold_and_marked(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    totalled = [(sheet, t) for sheet, t in parts(xlsx_report) if t.total_rows]
    assert len(totalled) >= 5
    for sheet, table in totalled:
        ws = wb[sheet]
        _, (_, r1, c2, r2) = table_of(ws)
        assert ws.cell(r1, c2).value == "Row type"
        kinds = [ws.cell(r, c2).value for r in range(r1 + 1, r2 + 1)]
        n = len(table.total_rows)
        assert "Detail" not in kinds[-n:] and set(kinds[:-n]) == {"Detail"}, sheet
        for r in table.total_rows:
            assert ws.cell(r1 + 1 + r, 1).font.b


# --- the sheets around the tables ---------------------------------------------------------------

def test_cover(book, xlsx_report):
    ws = openpyxl.load_workbook(book)["Cover"]
    meta = xlsx_report.meta
    assert ws["A1"].value == f"{meta.partnership} {meta.title}: data tables"
    pairs = {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert pairs["Partnership"] == meta.partnership
    assert pairs["Source"] == f"{meta.partnership} annual report {meta.current_year}"
    assert pairs["Contact"] == meta.contact
    assert pairs["Publication date"] == dt.datetime.combine(meta.publication_date, dt.time())
    date_cell = next(r[1] for r in ws.iter_rows(min_row=2, max_col=2) if r[0].value == "Publication date")
    assert date_cell.is_date and "mmm" in date_cell.number_format
    assert pairs["[x]"] == "not available" and pairs["[z]"] == "not applicable"
    assert "[c]" not in pairs  # only the shorthand the tables use
    assert "Shorthand" in pairs
    next_year = meta.publication_date.replace(year=meta.publication_date.year + 1)
    assert pairs["Next update"].startswith(meta.theme.dates.month_label(next_year))  # "Oct-24", the theme's format
    assert "header=3" in pairs["Header row"] and "Row type" in pairs["Total rows"]
    assert meta.period_label in pairs["Description"]
    report_cell = next(r[1] for r in ws.iter_rows(min_row=2, max_col=2) if r[0].value == "Report")
    assert report_cell.hyperlink.target == "report.docx"
    assert any("true zero is shown as 0" in str(k) for k in pairs)


def test_cover_lines_and_title_suffix(small_book):
    path = small_book(Table("t", "A table", [Column("Name"), Column("N", "count")], [["a", 1]]),
                      title_suffix="data pack for Police",
                      cover_lines=[("Prepared for", "Police"), ("Suppression", "Counts under 5 are [c].")])
    ws = openpyxl.load_workbook(path)["Cover"]
    assert ws["A1"].value.endswith(": data pack for Police")
    pairs = {row[0]: row[1] for row in ws.iter_rows(min_row=2, max_col=2, values_only=True)}
    assert pairs["Prepared for"] == "Police" and pairs["Suppression"] == "Counts under 5 are [c]."


def test_contents_links_every_sheet(book):
    wb = openpyxl.load_workbook(book)
    ws = wb["Contents"]
    assert ws["A1"].value.startswith("Contents, ")
    (table,) = ws.tables.values()
    _, r1, _, r2 = range_boundaries(table.ref)
    assert [ws.cell(r1, 1).value, ws.cell(r1, 2).value] == ["Sheet name", "Title"]
    names = [ws.cell(r, 1).value for r in range(r1 + 1, r2 + 1)]
    assert names == wb.sheetnames[2:]
    for r in range(r1 + 1, r2 + 1):
        link = ws.cell(r, 1).hyperlink
        assert link.location == f"'{ws.cell(r, 1).value}'!A1"
    assert ws.cell(r1 + 2, 2).value.startswith("Table 1: ")


def test_notes_numbered_and_marked(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    from hsp_docs.xlsx.sheets import sheet_title

    tidy = dict(parts(xlsx_report))
    notes = list(dict.fromkeys(n for _, t in parts(xlsx_report) for n in t.notes))
    ws = wb["Notes"]
    _, (_, r1, _, r2) = table_of(ws)
    rows = list(ws.iter_rows(min_row=r1, max_row=r2, values_only=True))
    assert rows[0] == ("Note number", "Note text")
    assert rows[1:] == [(f"[note {i}]", n) for i, n in enumerate(notes, 1)]
    assert any("asterisk" in n for n in notes)  # "Totalled Abuse and Neglect*" in the report
    for table in xlsx_report.tables():
        ws = wb[table.sheet_name]
        markers = [f"[note {notes.index(n) + 1}]" for n in dict.fromkeys(tidy[table.sheet_name].notes)]
        assert ws["A1"].value == " ".join([sheet_title(table.caption, xlsx_report.meta), *markers])
        if markers:
            assert f"Its notes ({', '.join(markers)}) are on the Notes sheet." in ws["A2"].value
            assert ws["A2"].hyperlink.location == "'Notes'!A1"
        else:
            assert ws["A2"].value == "This worksheet contains one table."


def test_table_and_figure_sheets_have_titles_and_units(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    for chart in xlsx_report.charts():
        ws = wb[chart.sheet_name]
        assert ws["A1"].value.startswith(chart.caption)
        assert f"the data for the chart {chart.label} in the report" in ws["A2"].value
        assert ws["A3"].value.startswith("Source: ")


def test_recommendations_tracker(book, xlsx_data):
    ws = openpyxl.load_workbook(book)["Recommendations"]
    _, (c1, r1, c2, r2) = table_of(ws)
    header = [ws.cell(r1, c).value for c in range(c1, c2 + 1)]
    assert header == ["ID", "Source", "Section", "Addressed to", "Recommendation", "Owner", "Status", "Due date",
                      "Last updated"]
    recs = list(xlsx_data.recommendations)
    first = [ws.cell(r1 + 1, c).value for c in range(1, 10)]
    assert first[:5] == [recs[0].id, recs[0].source, recs[0].section, recs[0].addressed_to, recs[0].text]
    assert first[5:] == [None, None, None, None]
    ids = [ws.cell(r, 1).value for r in range(r1 + 1, r2 + 1)]
    by_id = {r.id: r for r in recs}
    r21 = ws.cell(r1 + 1 + ids.index("R21"), 5).value  # R21 ends "the following:", its bullets are its own
    assert r21.startswith(by_id["R21"].text) and by_id["R22"].text in r21 and by_id["R24"].text in r21
    assert "R22" not in ids and "R25" in ids and len(ids) == len(recs) - 3
    kinds = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert "In progress" in kinds["list"].formula1 and str(kinds["list"].sqref) == f"G{r1 + 1}:G{r2}"
    dates = [str(dv.sqref) for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert dates == [f"H{r1 + 1}:H{r2}", f"I{r1 + 1}:I{r2}"]
    assert ws.cell(r1 + 1, 8).number_format == DEFAULT_THEME.date_format
    for c in (6, 7, 8, 9):  # shaded, unlocked cells to fill in
        assert ws.cell(r1 + 1, c).protection.locked is False
        assert ws.cell(r1 + 1, c).fill.fgColor.rgb == "FFFFF2CC"


def test_figure_sheets_have_native_charts(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    kinds = {"bar": ("barChart", "bar"), "column": ("barChart", "col"), "line": ("lineChart", None)}
    for chart in xlsx_report.charts():
        ws = wb[chart.sheet_name]
        (xl,) = ws._charts
        tag, bar_dir = kinds[chart.kind]
        assert xl.tagname == tag
        if bar_dir:
            assert xl.type == bar_dir
        _, (_, r1, c2, _) = table_of(ws)
        assert xl.anchor._from.col == c2 + 1 and xl.anchor._from.row == r1 - 1  # 0-based: 2 columns right
        assert len(xl.series) == len(chart.series)
        # value labels on each series, as in the Word chart (the one writer, hsp_docs.ooxml.chart)
        assert [s.dLbls is not None for s in xl.series] == [chart.data_labels] * len(chart.series)
    with zipfile.ZipFile(book) as z:
        drawings = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/drawings/drawing"))
    assert drawings.count("descr=") == len(xlsx_report.charts())


def test_chart_leaves_out_missing_points(small_book):
    """The latest England figure is [x]: its series stops a row early instead of plotting a zero."""
    chart = Chart("l", "Rate by year", "line", ["2020", "2021", "2022"],
                  [Series("England", [5, 6, None]), Series("Local", [1, 2, 3])], alt="Line")
    wb = openpyxl.load_workbook(small_book(chart))
    ws = wb["Figure_1"]
    _, (_, r1, _, r2) = table_of(ws)
    (xl,) = ws._charts
    assert xl.series[0].val.numRef.f == f"'Figure_1'!$B${r1 + 1}:$B${r2 - 1}"
    assert xl.series[1].val.numRef.f == f"'Figure_1'!$C${r1 + 1}:$C${r2}"
    assert xl.series[0].cat.strRef.f == f"'Figure_1'!$A${r1 + 1}:$A${r2}"


def test_properties_and_views(book, xlsx_report):
    wb = openpyxl.load_workbook(book)
    props = wb.properties
    assert props.title.startswith(xlsx_report.meta.partnership)
    assert props.language == "en-GB" and props.creator and props.subject and props.keywords
    for ws in wb:
        assert ws.sheet_view.selection[0].activeCell == "A1"
        assert ws.sheet_view.selection[0].sqref == "A1"
        assert not ws.merged_cells.ranges
    assert wb.active.title == "Cover"
    names = [t for ws in wb for t in ws.tables]
    assert len({n.lower() for n in names}) == len(names) and "Table_1_csa_events" in names


# --- hand-made tables ---------------------------------------------------------------------------

def test_text_that_looks_like_a_formula_stays_text(small_book):
    texts = ["=SUM(A1:A3)", "+44 20 7946 0000", "-2 (see note)", "@risk", "\tindented", "=1+1"]
    table = Table("f", "Formula-like text", [Column("=Header"), Column("N", "count")],
                  [[t, i] for i, t in enumerate(texts)])
    path = small_book(table)
    wb = openpyxl.load_workbook(path)
    ws = wb["Table_1"]
    _, (_, r1, _, _) = table_of(ws)
    assert ws.cell(r1, 1).data_type == "s" and ws.cell(r1, 1).value == "=Header"
    for i, text in enumerate(texts):
        cell = ws.cell(r1 + 1 + i, 1)
        assert cell.data_type == "s" and cell.value == text, (cell.value, cell.data_type)
    assert ws.cell(r1 + 1, 1).value.startswith("=")
    frame = pd.read_excel(path, sheet_name="Table_1", header=r1 - 1)
    assert list(frame.iloc[:, 0]) == texts
    assert check_workbook(path) == []


def test_write_to_a_stream(xlsx_report, xlsx_data):
    stream = io.BytesIO()
    write_workbook(xlsx_report, xlsx_data.recommendations, stream)
    wb = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert "Table_1" in wb.sheetnames


def test_a_disclosure_view_is_written_as_it_is_given(small_book):
    from hsp_docs.disclosure.policy import Policy
    from hsp_docs.disclosure.suppression import decide
    from hsp_docs.disclosure.view import apply

    table = Table("t", "People by team", [Column("Team"), Column("People", "count", person_count=True)],
                  [["A", 3], ["B", 12], ["C", 0]])
    chart = Chart("c", "People by team", "column", ["A", "B", "C"], [Series("People", [3, 12, 0])], alt="",
                  person_count=True)
    report = Report(SMALL_META, [Section("s", "Section", [TableBlock(table), ChartBlock(chart)])])
    report.number_parts()
    decision = decide(report, None, Policy(5, public=True))
    view = apply(report, decision.hidden, decision.primary, decision.policy)
    path = small_book(*[b.table if isinstance(b, TableBlock) else b.chart for b in view.sections[0].blocks])
    wb = openpyxl.load_workbook(path)
    for sheet in ("Table_1", "Figure_1"):
        values = [row[1] for row in wb[sheet].iter_rows(min_row=table_of(wb[sheet])[1][1] + 1, values_only=True)]
        assert values == ["[c]", 12, 0], sheet
    assert table.rows[0][1] == 3  # the report's own table is untouched
    with zipfile.ZipFile(path) as z:
        cache = z.read("xl/charts/chart1.xml").decode()
    assert "<c:v>3</c:v>" not in cache and "<c:v>12</c:v>" in cache  # the hidden point has no cached value
    assert check_workbook(path) == []


def test_awkward_tables_still_meet_the_standard(small_book):
    tables = [
        Table("dup", "Repeated and blank headers", [Column("Year"), Column("year"), Column(""),
                                                    Column("N", "count")],
              [["2021", "2022", None, 1], ["", "x", NOT_APPLICABLE, None]]),
        Table("empty", "No rows", [Column("Name"), Column("N", "count")], []),
        Table("nan", "Odd numbers", [Column("Name"), Column("Amount", "money", unit="£", dp=2),
                                     Column("Rate", "percent", dp=1)],
              [["a", Decimal("12.50"), float("nan")], ["b", Decimal(-3), 0.0]]),
    ]
    path = small_book(*tables)
    assert check_workbook(path) == []
    wb = openpyxl.load_workbook(path)
    _, (_, r1, _, _) = table_of(wb["Table_1"])
    assert [c.value for c in wb["Table_1"][r1]] == ["Year", "year (2)", "Column 3", "N"]
    assert [c.value for c in wb["Table_2"][r1 + 1]] == ["[x]", "[x]"]
    _, (_, r1, _, _) = table_of(wb["Table_3"])
    assert [c.value for c in wb["Table_3"][r1 + 1]] == ["a", 12.5, "[x]"]
    assert wb["Table_3"].cell(r1 + 1, 2).number_format == "£#,##0.00"


def test_pie_and_gapped_line_charts_are_valid(small_book):
    pie = Chart("p", "Share by team", "pie", ["A", "B"], [Series("Share", [0.25, 0.75])], alt="Pie",
                number_format="0%")
    gapped = Chart("l", "Rate by year", "line", ["2020", "2021", "2022"],
                   [Series("Rate", [5, None, 7]), Series("Other", [1, 2, 3])], alt="Line")
    empty = Chart("e", "Nothing yet", "column", [], [Series("N", [])], alt="Empty")
    path = small_book(pie, gapped, empty)
    validate_ooxml(path)
    assert check_workbook(path) == []
    wb = openpyxl.load_workbook(path)
    assert wb["Figure_1"]._charts[0].tagname == "pieChart"
    line = wb["Figure_2"]._charts[0]
    assert line.series[0].val.numLit is not None and line.series[1].val.numRef is not None
    assert [p.v for p in line.series[0].val.numLit.pt] == [5, 7]
    assert not wb["Figure_3"]._charts


def test_no_notes_and_no_recommendations_leave_those_sheets_out(small_book):
    path = small_book(Table("t", "A table", [Column("Name"), Column("N", "count")], [["a", 1]]))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Cover", "Contents", "Table_1"]
    assert check_workbook(path) == []


# --- LibreOffice ---------------------------------------------------------------------------------

def test_libreoffice_converts_the_workbook(book, tmp_path):
    soffice = need_tool("soffice")
    proc = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        check=False, capture_output=True, text=True, timeout=300)
    pdf = tmp_path / "book.pdf"
    assert proc.returncode == 0 and pdf.exists(), proc.stderr
    assert pdf.stat().st_size > 10_000
