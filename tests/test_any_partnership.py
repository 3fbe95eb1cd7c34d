"""Another partnership in its own words: labels from labels.toml, optional data left out, boards
as owners of recommendations, dated meetings, a surplus worded by the inputs."""
from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, validate_ooxml
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs

EXAMPLE = ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24"


@pytest.fixture
def example_copy(tmp_path):
    dest = tmp_path / "2023-24"
    shutil.copytree(EXAMPLE, dest)
    return dest


def tables_of(data) -> dict:
    from hsp_docs.sections import build_report_model

    return {t.key: t for t in build_report_model(data).tables()}


def charts_of(data) -> dict:
    from hsp_docs.sections import build_report_model

    return {c.key: c for c in build_report_model(data).charts()}


def problems(folder) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


# --- labels ---------------------------------------------------------------------------------

def test_without_labels_toml_the_words_are_neutral(inputs_copy):
    (inputs_copy / "labels.toml").unlink()
    tables = tables_of(load_inputs(inputs_copy))
    quarterly = tables["csc_contacts_quarterly"]
    assert quarterly.title == "Contacts by quarter" and quarterly.notes == []
    assert [c.name for c in quarterly.columns] == ["Quarter", "Contacts",
                                                   "Contacts passed to the multi-agency safeguarding hub"]
    budget = tables["budget_outturn"]
    assert [r[1] for r in budget.rows[-2:]] == ["Total expenditure", "Net expenditure"]
    assert tables["attendance_HSSP"].title == "Attendance at Harrow Strategic Safeguarding Partnership meetings"
    assert tables["multi_agency_courses"].columns[1].name == "Delegates"
    assert charts_of(load_inputs(inputs_copy))["lado_contacts"].categories == ["Contacts", "Referrals"]


def test_the_default_inputs_carry_harrows_published_wording(default_report):
    tables = {t.key: t for t in default_report.tables()}
    assert tables["csc_contacts_quarterly"].columns[2].name == "Number of contacts that were MASHed"
    assert tables["budget_outturn"].rows[-1][1] == "Net Expenditure funded by LB Harrow"
    assert tables["attendance_HSSP"].title == "Attendance at Harrow Strategic Safeguarding Partnership (HSSP) meetings"
    assert tables["attendance_HSSP"].rows[0][0] == "Independent Chair"  # names = "as written"


def test_a_label_uses_report_fields_and_gives_notes_and_a_source(example_copy):
    (example_copy / "labels.toml").write_text(
        '[table.csc_contacts_quarterly]\ntitle = "Contacts in {area}, {current_year}"\n'
        'columns = { contacts = "Contacts received" }\nsource = "Case records"\n'
        'notes = { general = "Counted when received." }\n'
        '[chart.lado_outcomes]\nseries = { count = "Allegations" }\naxes = { value = "Allegations" }\n',
        encoding="utf-8")
    data = load_inputs(example_copy)
    t = tables_of(data)["csc_contacts_quarterly"]
    assert (t.title, [c.name for c in t.columns], t.notes, t.source) == (
        "Contacts in Kestrel Vale, 2023-24", ["Quarter", "Contacts received"], ["Counted when received."],
        "Case records")
    chart = charts_of(data)["lado_outcomes"]
    assert chart.series[0].name == "Allegations" and chart.value_axis_title == "Allegations"


def test_a_wrong_label_is_reported_with_its_key(example_copy):
    (example_copy / "labels.toml").write_text(
        '[table.csc_contacts_quarterlyy]\ntitle = "x"\n'
        '[table.budget_outturn]\ncolumns = { amount = "Amount", colour = "x" }\ntitle = "{year} budget"\n'
        '[table.attendance]\nnames = "nicknames"\n', encoding="utf-8")
    found = problems(example_copy)
    assert found == [
        "2023-24/labels.toml: [table.csc_contacts_quarterlyy]: no table has the key 'csc_contacts_quarterlyy' "
        "(the keys are in docs/parts.md)",
        "2023-24/labels.toml: table.budget_outturn.columns.colour: not a label of this table (its columns: "
        "category, line, amount)",
        "2023-24/labels.toml: table.budget_outturn.title: unknown field {year} (this label may use {area}, "
        "{current_year}, {funder}, {partnership}, {previous_year}, {short_name})",
        "2023-24/labels.toml: table.attendance.names: expected \"register\" or \"as written\", got 'nicknames'"]


# --- optional data --------------------------------------------------------------------------

def test_an_optional_column_left_out_drops_its_column_and_note_everywhere(inputs_copy, tmp_path):
    from openpyxl import load_workbook

    from hsp_docs.build import build_all

    path = inputs_copy / "csc_contacts_quarterly.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:2]) for line in lines) + "\n", encoding="utf-8")
    data = load_inputs(inputs_copy)
    t = tables_of(data)["csc_contacts_quarterly"]
    assert [c.name for c in t.columns] == ["Quarter", "Number of contacts"] and t.notes == []
    build_all(data, tmp_path, soffice=None)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    workbook = load_workbook(tmp_path / "datapack.xlsx")
    texts = [str(v) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    assert not any("MASHed" in v for v in texts)


def test_an_empty_optional_column_drops_its_chart_series(inputs_copy):
    path = inputs_copy / "asc_five_year.csv"
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    names = header.split(",")
    drop = [i for i, n in enumerate(names) if n.endswith("_england")]
    path.write_text("\n".join([header] + [",".join("" if i in drop else v for i, v in enumerate(r.split(",")))
                                          for r in rows]) + "\n", encoding="utf-8")
    chart = charts_of(load_inputs(inputs_copy))["asc_concerns_per_100k"]
    assert [s.name for s in chart.series] == ["Harrow"] and "England" not in chart.alt.split(". ", 1)[1]


def test_a_required_column_left_out_is_an_error_that_says_which_may_be_left_out(inputs_copy):
    path = inputs_copy / "csc_contacts_quarterly.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[::2]) for line in lines) + "\n", encoding="utf-8")
    assert problems(inputs_copy) == [
        "2022-23/csc_contacts_quarterly.csv, row 1: missing column(s) 'contacts': expected the header row quarter, "
        "contacts, mashed (may be left out: mashed)"]


# --- boards as owners -----------------------------------------------------------------------

def test_a_recommendation_to_a_board_needs_no_agency_and_the_board_no_pack(tmp_path):
    from hsp_docs.packs.build import build_packs
    from hsp_docs.packs.contents import owner, recommendations_for

    data = load_inputs(EXAMPLE)
    assert data.agencies.resolve("EXEC") is None  # the boards are not registered as agencies
    board = owner(data, "Safeguarding Partnership Executive")
    assert board.key == "EXEC" and [r.id for r in recommendations_for(data, board)] == ["K01"]
    result = build_packs(data, tmp_path / "all", jobs=1)
    assert not result.failed and len(result.written) == len(list(data.agencies))
    asked = build_packs(data, tmp_path / "asked", ["EXEC"], jobs=1)
    (path,) = asked.written
    assert path.name == "Safeguarding-Partnership-Executive.xlsx"
    validate_ooxml(path)


def test_a_recommendation_to_neither_an_agency_nor_a_board_is_an_error(example_copy):
    path = example_copy / "recommendations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",CEMB,", ",Missing Board,"), encoding="utf-8")
    assert problems(example_copy) == [
        "2023-24/recommendations.csv, row 5, column 'addressed_to': 'Missing Board' is not in the agency register "
        "(agencies.csv) or a board of report.toml (its key or name): add it as an agency or as an alias of one"]


# --- meetings -------------------------------------------------------------------------------

def test_a_duplicate_attendance_row_names_both_rows(example_copy):
    path = example_copy / "attendance.csv"
    path.write_text(path.read_text(encoding="utf-8") + "EXEC,Kestrel Vale Constabulary,2023-06-13,0\n",
                    encoding="utf-8")
    (found,) = problems(example_copy)
    assert found == ("2023-24/attendance.csv, row 96, column 'member': Kestrel Vale Constabulary at board EXEC's "
                     "meeting of 2023-06-13 is recorded twice (rows 2 and 96): keep one")


def test_two_meetings_of_a_board_in_one_month_build(example_copy):
    meetings = example_copy / "meetings.csv"
    meetings.write_text(meetings.read_text(encoding="utf-8") + "EXEC,2023-06-27,Extra Jun 2023\n", encoding="utf-8")
    attendance = example_copy / "attendance.csv"
    attendance.write_text(attendance.read_text(encoding="utf-8") + "EXEC,Kestrel Vale Constabulary,2023-06-27,0\n",
                          encoding="utf-8")
    table = tables_of(load_inputs(example_copy))["attendance_EXEC"]
    assert [c.name for c in table.columns] == ["Partner", "13 June 2023", "21 November 2023", "12 March 2024",
                                               "Extra Jun 2023", "Meetings attended"]  # the theme's date format
    assert table.rows[0][-2:] == [0, "3/4"]


def test_a_month_that_names_two_meetings_is_an_error(example_copy):
    meetings = example_copy / "meetings.csv"
    meetings.write_text(meetings.read_text(encoding="utf-8") + "EXEC,2023-06-27,\n", encoding="utf-8")
    attendance = example_copy / "attendance.csv"
    attendance.write_text(attendance.read_text(encoding="utf-8") + "EXEC,Lay members,2023-06,1\n\n",
                          encoding="utf-8")
    assert problems(example_copy) == [
        "2023-24/attendance.csv, row 96, column 'meeting': board EXEC met 2 times in June 2023: give the "
        "meeting's date (2023-06-13, 2023-06-27)"]


def test_meetings_by_month_still_read(default_data):
    from hsp_docs.model.month import Month

    assert all(isinstance(m.meeting, Month) for m in default_data.rows("meetings"))
    assert [m.label for m in default_data.attendance[0].meetings] == ["Oct-23", "Feb-23"]


# --- money that changes sign ----------------------------------------------------------------

def test_a_surplus_is_worded_by_the_inputs_and_printed_positive(example_copy):
    path = example_copy / "budget.csv"
    path.write_text(path.read_text(encoding="utf-8") + 'contributions,Reserves,"50,000"\n', encoding="utf-8")
    data = load_inputs(example_copy)
    assert data.budget.net_expenditure.value == -16600 and str(data.budget.net_expenditure) == "-£16,600"
    assert f"{data.budget.surplus.word('a surplus', 'a deficit')} of {data.budget.surplus.abs}" == \
        "a surplus of £16,600"
    assert tables_of(data)["budget_outturn"].rows[-1] == ["Balance", "Carried forward to next year", 16600]



# --- attendance tables ------------------------------------------------------------------------

def test_one_boards_attendance_table_is_placed_on_its_own(example_copy):
    from hsp_docs.sections import build_report_model
    from hsp_docs.sections.narrative import NarrativeError

    words = example_copy / "narrative" / "resources.md"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace("[[table: attendance]]", "[[table: attendance.PB]]\n\nThen:\n\n"
                                  "[[table: attendance.CEMB]]"), encoding="utf-8")
    report = build_report_model(load_inputs(example_copy))
    assert [t.key for t in report.tables() if t.key.startswith("attendance")] == ["attendance_PB", "attendance_CEMB"]
    words.write_text(text + "\n[[table: attendance.PB]]\n", encoding="utf-8")
    with pytest.raises(NarrativeError, match=r"\[\[table: attendance.PB\]\] is already placed in "
                                             r"narrative/resources.md \(as \[\[table: attendance\]\]\)"):
        build_report_model(load_inputs(example_copy))


def test_members_print_as_the_register_spells_them(example_copy):
    table = tables_of(load_inputs(example_copy))["attendance_PB"]
    names = [r[0] for r in table.rows]
    assert "NHS Kestrel and Downs Integrated Care Board" in names and "Designated Nurse" not in names
    assert names.count("Kestrel Vale Council") == 1


# --- sectors --------------------------------------------------------------------------------

def test_the_sectors_come_from_the_register(example_copy):
    data = load_inputs(example_copy)
    assert data.agencies.sector("Housing") == "housing"  # sectors.csv adds it
    (example_copy / "sectors.csv").write_text("sector\npolice\nhealth\n", encoding="utf-8")
    found = problems(example_copy)
    assert found[0] == ("2023-24/agencies.csv, row 6, column 'sector': expected one of police, health, "
                        "got 'local authority'")


# --- next year ------------------------------------------------------------------------------

def test_new_year_carries_the_wording_and_sectors_and_leaves_optional_columns_out(example_copy, tmp_path):
    from hsp_docs.newyear import new_year
    from hsp_docs.sections import build_report_model

    folder = new_year("2024-25", example_copy)
    assert (folder / "labels.toml").read_text(encoding="utf-8") == (
        (example_copy / "labels.toml").read_text(encoding="utf-8"))  # its years are {fields}: nothing to move
    assert (folder / "sectors.csv").read_text(encoding="utf-8") == (example_copy / "sectors.csv").read_text(
        encoding="utf-8")
    assert (folder / "csc_contacts_quarterly.csv").read_text(encoding="utf-8") == "quarter,contacts\n"
    assert (folder / "meetings.csv").read_text(encoding="utf-8") == "board,meeting,label\n"
    report = build_report_model(load_inputs(folder))
    assert report.sections


def test_total_contacts_without_the_sources_of_contacts_come_from_the_quarters(example_copy):
    (example_copy / "csc_contact_sources.csv").unlink()
    (example_copy / "narrative" / "children_data.md").write_text(
        "Contacts: {{ csc.total_contacts }}.\n\n[[table: csc_contacts_quarterly]]\n", encoding="utf-8")
    assert str(load_inputs(example_copy).csc.total_contacts) == "8,530"


def test_a_packs_own_tables_take_their_labels_too(example_copy, tmp_path):
    from hsp_docs.packs.contents import pack_report
    from hsp_docs.sections import build_report_model

    with (example_copy / "labels.toml").open("a", encoding="utf-8") as f:
        f.write('\n[pack.lado]\ntitle = "Referrals to the LADO from {sector} workplaces"\n'
                'columns = { setting = "Workplace" }\n[pack.summary]\ntitle = "{title}: the whole partnership"\n')
    data = load_inputs(example_copy)
    pack = pack_report(data, build_report_model(data), data.agencies.resolve("Schools"))
    tables = {t.key: t for t in pack.tables()}
    assert tables["pack_lado"].title == "Referrals to the LADO from education workplaces"
    assert tables["pack_lado"].columns[0].name == "Workplace"
    assert tables["lado_contacts"].title.endswith(": the whole partnership")


def test_labels_toml_cannot_reach_into_python_or_break_the_build(example_copy):
    path = example_copy / "labels.toml"
    path.write_text('[table.attendance]\ntitle = "{board.__class__}"\n', encoding="utf-8")
    assert problems(example_copy) == [
        "2023-24/labels.toml: table.attendance.title: unknown field {board.__class__} (this label may use {area}, "
        "{board}, {board_key}, {current_year}, {funder}, {partnership}, {previous_year}, {short_name})"]
    path.write_text('[table.attendance\ntitle = "x"\n', encoding="utf-8")
    (found,) = problems(example_copy)
    assert found.startswith("2023-24/labels.toml: is not valid TOML:")
    path.write_text('[table.attendance]\ntitle = "Attendance {{braces}} at {board}"\n', encoding="utf-8")
    assert tables_of(load_inputs(example_copy))["attendance_PB"].title == "Attendance {braces} at Partnership Board"
