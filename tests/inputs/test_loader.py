"""The loaders: default inputs load, both forms agree, and bad input gets an exact message."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.inputs.workbook import write_input_workbook
from hsp_docs.model.schema import DATASETS
from tests_helpers import set_cell


def problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


def test_default_inputs_load_every_dataset(default_data):
    assert {d.name for d in DATASETS} == set(default_data.datasets)
    empty = [k for k, v in default_data.datasets.items() if not v]
    assert empty == ["priorities"]  # the 2022-23 report states no progress on its priorities
    assert len(default_data.rows("training_courses")) == 23
    assert len(default_data.rows("attendance")) == 128


def test_derived_figures_are_computed_beside_the_stated(default_data):
    t = default_data.training
    assert (t.delegates.value, t.attended.value, t.not_attended.value) == (541, 466, 75)
    assert t.attended.stated.text == "466"
    assert t.distinct_courses.value == 16 and str(t.distinct_courses) == "18"  # as published
    a = default_data.asc
    assert round(a.conversion_rate.value, 4) == round(447 / 2018, 4)
    assert a.concerns_reduction.computed == "7%"
    b = default_data.budget
    assert b.net_expenditure.value == b.total_expenditure.value - b.total_income.value == 163378


def test_csv_and_workbook_forms_load_equal(tmp_path, default_data, inputs_copy):
    for p in inputs_copy.glob("*.csv"):
        p.unlink()
    write_input_workbook(inputs_copy / "datasets.xlsx", default_data)
    assert load_inputs(inputs_copy) == default_data


def test_blank_input_workbook_matches_the_schema():
    from openpyxl import load_workbook

    wb = load_workbook(Path(__file__).resolve().parents[2] / "templates" / "xlsx" / "input-workbook.xlsx")
    for ds in DATASETS:
        header = [c.value for c in wb[ds.name][1]]
        assert header == ds.column_names
        assert wb[ds.name].max_row == 1


# --- bad input: each with its exact message -----------------------------------------------

def test_not_a_number(inputs_copy):
    set_cell(inputs_copy, "training_courses", 7, "attended", "n/a")
    assert problems(inputs_copy) == [
        "2022-23/training_courses.csv, row 7, column 'attended': expected a whole number >= 0, got 'n/a'"]


def test_negative_count(inputs_copy):
    set_cell(inputs_copy, "lado_outcomes", 3, "count", "-2")
    assert problems(inputs_copy) == [
        "2022-23/lado_outcomes.csv, row 3, column 'count': expected a whole number >= 0, got '-2'"]


def test_empty_required_cell(inputs_copy):
    set_cell(inputs_copy, "budget", 4, "amount", "")
    assert problems(inputs_copy) == [
        "2022-23/budget.csv, row 4, column 'amount': expected an amount in pounds, like 1,250 or £1,250.50, "
        "got an empty cell"]


def test_bad_money(inputs_copy):
    set_cell(inputs_copy, "budget", 2, "amount", "forty thousand")
    assert problems(inputs_copy) == [
        "2022-23/budget.csv, row 2, column 'amount': expected an amount in pounds, like 1,250 or £1,250.50, "
        "got 'forty thousand'"]


def test_bad_date(inputs_copy):
    set_cell(inputs_copy, "adult_training_sessions", 2, "date", "31/02/2022")
    assert problems(inputs_copy) == [
        "2022-23/adult_training_sessions.csv, row 2, column 'date': expected a date like 2022-12-31 or "
        "31/12/2022, got '31/02/2022'"]


def test_bad_month(inputs_copy):
    set_cell(inputs_copy, "lado_meetings", 2, "month", "Octember")
    assert problems(inputs_copy) == [
        "2022-23/lado_meetings.csv, row 2, column 'month': expected a month like 2022-07, got 'Octember'"]


def test_bad_meeting_date(inputs_copy):
    set_cell(inputs_copy, "meetings", 2, "meeting", "Octember")
    assert problems(inputs_copy) == [  # the attendance naming that meeting waits until it is fixed
        "2022-23/meetings.csv, row 2, column 'meeting': expected a date like 2023-05-10 (or a month like 2023-05), "
        "got 'Octember'"]


def test_bad_percent(inputs_copy):
    set_cell(inputs_copy, "asc_monthly", 5, "conversion_rate", "about a fifth")
    assert problems(inputs_copy) == [
        "2022-23/asc_monthly.csv, row 5, column 'conversion_rate': expected a percentage like 26.5% (or a "
        "fraction like 0.265), got 'about a fifth'"]


def test_attendance_value_outside_allowed_set(inputs_copy):
    set_cell(inputs_copy, "attendance", 3, "attended", "maybe")
    assert problems(inputs_copy) == [
        "2022-23/attendance.csv, row 3, column 'attended': expected 1 or 0 (or yes/no), got 'maybe'"]


def test_missing_and_unknown_columns(inputs_copy):
    path = inputs_copy / "vah_reach.csv"
    path.write_text("measure,total\nOrganisations,143\n", encoding="utf-8")
    assert problems(inputs_copy) == [
        "2022-23/vah_reach.csv, row 1: missing column(s) 'count'; unknown column(s) 'total': expected the "
        "header row measure, count"]


def test_unknown_agency_named_with_file_and_row(inputs_copy):
    set_cell(inputs_copy, "attendance", 4, "member", "Ministry of Magic")
    assert problems(inputs_copy) == [
        "2022-23/attendance.csv, row 4, column 'member': 'Ministry of Magic' is not in the agency register "
        "(agencies.csv): add it as an agency or as an alias of one"]


def test_value_not_in_choices(inputs_copy):
    set_cell(inputs_copy, "budget", 2, "category", "gifts")
    assert problems(inputs_copy) == [
        "2022-23/budget.csv, row 2, column 'category': expected one of income, staffing, delivery, got 'gifts'"]


def test_unknown_stated_figure_key(inputs_copy):
    with (inputs_copy / "stated_figures.csv").open("a", encoding="utf-8") as f:
        f.write("training.unicorns,3,made up\n")
    msgs = problems(inputs_copy)
    assert len(msgs) == 1 and msgs[0].startswith("2022-23/stated_figures.csv, row ")
    assert msgs[0].endswith("column 'key': unknown figure key 'training.unicorns': see docs/placeholders.md "
                            "for the keys")


def test_missing_report_toml(inputs_copy):
    (inputs_copy / "report.toml").unlink()
    assert problems(inputs_copy) == [
        "2022-23/report.toml: is missing: every inputs folder needs report.toml with the report's details"]


def test_invalid_toml(inputs_copy):
    (inputs_copy / "report.toml").write_text("[report\npartnership = 1\n", encoding="utf-8")
    msgs = problems(inputs_copy)
    assert msgs[0].startswith("2022-23/report.toml: is not valid TOML:")


def test_missing_narrative(inputs_copy):
    (inputs_copy / "narrative" / "lado.md").unlink()
    assert problems(inputs_copy) == [
        "2022-23/narrative/lado.md: is missing: section 'lado' in report.toml needs its words here "
        "(or in narrative/lado.docx)"]


def test_spreadsheet_renamed_as_csv(inputs_copy):
    shutil.copy(Path(__file__).resolve().parents[2] / "templates" / "xlsx" / "input-workbook.xlsx",
                inputs_copy / "vah_reach.csv")
    assert problems(inputs_copy) == [
        "2022-23/vah_reach.csv: is not a CSV text file (is it a spreadsheet saved with the wrong name?)"]


def test_all_problems_reported_together(inputs_copy):
    set_cell(inputs_copy, "training_courses", 7, "attended", "n/a")
    set_cell(inputs_copy, "lado_meetings", 2, "strategy", "two")
    assert len(problems(inputs_copy)) == 2


# --- what real files contain is accepted --------------------------------------------------

def test_bom_cp1252_thousands_pound_and_trailing_blanks(inputs_copy, default_data):
    budget = inputs_copy / "budget.csv"
    text = budget.read_text(encoding="utf-8").replace("\n", ",\n")  # a trailing blank column
    text = text.replace("40000", '"£40,000"') + ",,,\n,,,\n"  # £ and separators; trailing blank rows
    budget.write_bytes(text.encode("cp1252"))
    sessions = inputs_copy / "adult_training_sessions.csv"
    sessions.write_bytes(b"\xef\xbb\xbf" + sessions.read_bytes())
    data = load_inputs(inputs_copy)
    assert data.rows("budget") == default_data.rows("budget")
    assert data.rows("adult_training_sessions") == default_data.rows("adult_training_sessions")


def test_a_dataset_as_a_dataframe(default_data):
    df = default_data.frame("training_courses")
    assert list(df.columns) == ["course", "delegates", "attended", "not_attended"]
    assert int(df["attended"].sum()) == default_data.training.attended.value
