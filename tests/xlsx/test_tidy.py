"""The workbook as analysts load it: the tidy view, one header row, typed columns after na_values
for the shorthand only, the long-format export, and the check passing the built files."""
from __future__ import annotations

import datetime as dt
import json
import math

import openpyxl
import pandas as pd
import pytest

from conftest import validate_ooxml
from hsp_docs.parts import NOT_APPLICABLE, Column, Spread, Table
from hsp_docs.xlsx.sheets import HEADER_ROW
from hsp_docs.xlsx.standard import check_workbook
from hsp_docs.xlsx.tidy import ROW_TYPE, month_of, tidy_view

SHORTHAND = ["[x]", "[z]", "[c]"]


@pytest.fixture(scope="module")
def pack(tmp_path_factory, default_data):
    from hsp_docs.packs.build import build_packs

    out = tmp_path_factory.mktemp("tidy-packs")
    result = build_packs(default_data, out, ["Metropolitan Police Service", "Harrow Council"], jobs=1)
    assert not result.failed
    return result.written


def load(path) -> dict[str, pd.DataFrame]:
    """Every sheet after the cover with one pandas call per sheet, the same header row for all."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames[1:]
    return {name: pd.read_excel(path, sheet_name=name, header=HEADER_ROW - 1, na_values=SHORTHAND,
                                keep_default_na=False) for name in names}


def numeric_columns(path) -> dict[str, list[str]]:
    """Per sheet, the columns of its table that hold any number (as openpyxl reads the cells)."""
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets[1:]:
        (table,) = ws.tables.values()
        rows = list(ws[table.ref])
        out[ws.title] = [h.value for j, h in enumerate(rows[0])
                         if any(isinstance(r[j].value, (int, float)) and not isinstance(r[j].value, bool)
                                for r in rows[1:])]
    return out


def test_every_sheet_loads_typed_with_one_header_row(built, pack):
    """Done when: every data sheet of the workbook and of a pack loads with one call per sheet
    into a DataFrame whose numeric columns have numeric dtypes."""
    for path in [built / "datapack.xlsx", *pack]:
        frames = load(path)
        numeric = numeric_columns(path)
        assert len(frames) >= 3
        for sheet, frame in frames.items():
            assert not any(str(c).startswith("Unnamed") for c in frame.columns), (path.name, sheet)
            for column in numeric[sheet]:
                assert pd.api.types.is_numeric_dtype(frame[column]), (path.name, sheet, column, frame[column].dtype)


def test_months_and_dates_load_as_dates(built):
    frames = load(built / "datapack.xlsx")
    demand = next(f for f in frames.values() if "Conversion rate (%)" in f.columns)
    assert pd.api.types.is_datetime64_any_dtype(demand["Month"])
    assert demand["Month"].dropna().dt.day.eq(1).all() and len(demand["Month"].dropna()) == 12
    figure = frames["Figure_3"]  # "Jun-22" in the report (the theme's month format)
    assert pd.api.types.is_datetime64_any_dtype(figure["Month"])


def test_details_add_up_to_totals(built, default_report):
    """Filtered to Detail rows, a table sums to its Total row (the budget per category; Table 2)."""
    frames = load(built / "datapack.xlsx")
    courses = frames[next(t.sheet_name for t in default_report.tables() if t.key == "multi_agency_courses")]
    detail, total = courses[courses[ROW_TYPE] == "Detail"], courses[courses[ROW_TYPE] == "Total"]
    for column in ("Delegate No", "Attended", "Not Attended"):
        assert detail[column].sum() == total[column].sum()
    assert courses["Name"].duplicated().any() and not courses[["Name", "Occurrence"]].duplicated().any()


def test_attendance_is_numbers_not_text(built, default_data, default_report):
    frames = load(built / "datapack.xlsx")
    table = next(t for t in default_report.tables() if t.key.startswith("attendance_"))
    frame = frames[table.sheet_name]
    assert {"Meeting", "Meetings attended", "Meetings held", ROW_TYPE} <= set(frame.columns)
    totals = frame[frame[ROW_TYPE] == "Total"]
    detail = frame[frame[ROW_TYPE] == "Detail"]
    matrix = default_data.attendance[0]
    for member in matrix.members:
        row = totals[totals.iloc[:, 0] == member.member].iloc[0]
        assert (row["Meetings attended"], row["Meetings held"]) == (member.attended, member.held)
        mine = detail[detail.iloc[:, 0] == member.member]
        assert mine["Meetings attended"].sum() == member.attended
        assert mine["Meetings attended"].notna().sum() == member.held and mine["Meetings held"].isna().all()


def test_the_word_form_is_untouched(default_report):
    """The tidy view is a copy: the report's tables keep their Word form."""
    table = next(t for t in default_report.tables() if t.spread is not None)
    before = [list(r) for r in table.rows], list(table.columns)
    tidy_view(table)
    assert ([list(r) for r in table.rows], list(table.columns)) == before


def test_gathering_a_spread_table():
    months = (dt.date(2022, 4, 1), dt.date(2022, 5, 1))
    table = Table("t", "Demand", [Column("Measure"), Column("Apr-22", "count"), Column("May-22", "count"),
                                  Column("Total", "count")],
                  [["Concerns", 10, 20, 30], ["Rate", 0.5, 0.25, 0.3]], row_kinds={1: "percent"},
                  spread=Spread(Column("Month", "month"), (1, 2), months, summaries=((3, "Total"),)))
    tidy = tidy_view(table)
    assert [c.header for c in tidy.columns] == ["Month", "Concerns", "Rate (%)", ROW_TYPE]
    assert tidy.rows == [[months[0], 10, 0.5, "Detail"], [months[1], 20, 0.25, "Detail"],
                         [NOT_APPLICABLE, 30, 0.3, "Total"]]
    assert tidy.total_rows == {2}


def test_month_texts():
    assert [month_of(t) for t in ("Oct-23", "July-22", "June 2022", "Apr 2022", "September 2022")] == [
        dt.date(2023, 10, 1), dt.date(2022, 7, 1), dt.date(2022, 6, 1), dt.date(2022, 4, 1), dt.date(2022, 9, 1)]
    assert [month_of(t) for t in ("Q4 20-21", "2021-22", "Total", 5)] == [None] * 4


def test_built_workbook_and_packs_pass_the_check(built, pack):
    for path in [built / "datapack.xlsx", *pack]:
        assert check_workbook(path) == [], path.name
    validate_ooxml(built / "datapack.xlsx", *pack)


def test_pack_cover_wraps_its_long_lines(pack):
    ws = openpyxl.load_workbook(pack[0])["Cover"]
    cell = next(r[1] for r in ws.iter_rows(max_col=2) if r[0].value == "Disclosure control")
    assert len(cell.value) > 80 and cell.alignment.wrap_text
    assert not any(d.customHeight for d in ws.row_dimensions.values())


# --- the long-format export ----------------------------------------------------------------

def test_long_export_sums_to_the_workbook(built):
    long = pd.read_csv(built / "datapack-long.csv", encoding="utf-8-sig", keep_default_na=False,
                       na_values=[""], dtype={"shorthand": str})
    assert list(long.columns) == ["table", "title", "dimensions", "measure", "value", "unit", "shorthand"]
    frames = load(built / "datapack.xlsx")
    numeric = numeric_columns(built / "datapack.xlsx")
    groups = long.groupby(["table", "measure"], sort=False)
    for (sheet, column), mine in groups:
        assert len(mine) == len(frames[sheet]), (sheet, column)
        assert math.isclose(mine["value"].sum(), frames[sheet][column].sum(), rel_tol=1e-12), (sheet, column)
    data_sheets = {s for s in numeric if s.startswith(("Table_", "Figure_"))}
    assert set(long["table"]) == data_sheets and len(groups) >= 40
    for sheet in data_sheets:  # every figure is in the export (an occurrence number is a key, not a figure)
        assert set(numeric[sheet]) - {"Occurrence"} == set(long[long["table"] == sheet]["measure"]), sheet
    blank = long[long["value"].isna()]
    assert set(blank["shorthand"]) <= set(SHORTHAND) and (long[long["value"].notna()]["shorthand"].isna()).all()
    first = json.loads(long["dimensions"].iloc[0])
    assert isinstance(first, dict) and first


def test_long_export_parquet(default_report):
    pytest.importorskip("pyarrow")
    import io

    from hsp_docs.xlsx.long import long_parquet, long_rows

    frame = pd.read_parquet(io.BytesIO(long_parquet(default_report)))
    rows = long_rows(default_report)
    assert len(frame) == len(rows)
    assert math.isclose(frame["value"].sum(), sum(r["value"] or 0 for r in rows))


def test_long_export_parquet_is_the_csv_exactly_for_awkward_text():
    """The Parquet is read from the CSV by pyarrow's CSV reader: texts with line breaks, quotes,
    commas, a formula-like start and £ come back as they were; an empty value is null, an empty
    shorthand is an empty string (not null)."""
    pytest.importorskip("pyarrow")
    import io

    from test_xlsx_writer import SMALL_META

    from hsp_docs.parts import Report, Section, TableBlock
    from hsp_docs.xlsx.long import long_parquet, long_rows

    table = Table("awkward", 'Costs, "in £"\nby team', [Column("Team"), Column("Cost", "money", unit="£", dp=2)],
                  [['=Team "A",\nnorth', 12.5], ["Team B", None], ["  spaced  ", 3]])
    report = Report(SMALL_META, [Section("s", "Section", [TableBlock(table)])])
    report.number_parts()
    rows = long_rows(report)
    frame = pd.read_parquet(io.BytesIO(long_parquet(report)))
    expected = [{**r, "value": None if r["value"] is None else float(r["value"])} for r in rows]
    got = [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
           for r in frame.to_dict("records")]
    assert got == expected
    assert any(r["value"] is None and r["shorthand"] for r in got) and any(r["shorthand"] == "" for r in got)
