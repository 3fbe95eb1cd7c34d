"""Agency packs: the register, consistency with the main workbook, validity, internal packs.
(The disclosure rule and the packs of a public report: tests/disclosure/.)"""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from conftest import validate_ooxml
from hsp_docs.packs.build import build_packs, safe_filename
from hsp_docs.packs.contents import is_catch_all


def test_register_resolves_aliases(default_data):
    reg = default_data.agencies
    for alias in ("MPS", "Met Police", "Police", "metropolitan police service"):
        assert reg.canonical(alias) == "Metropolitan Police Service"
    assert reg.resolve("Ministry of Magic") is None


@pytest.mark.parametrize("name,expected", [("Mayor's Office: Policing/Crime?", "Mayor's-Office-Policing-Crime.xlsx"),
                                           ("CON", "CON-pack.xlsx"), ("  ...  ", "agency.xlsx")])
def test_windows_safe_file_names(name, expected):
    assert safe_filename(name) == expected


@pytest.fixture(scope="module")
def packs_dir(tmp_path_factory, default_data):
    out = tmp_path_factory.mktemp("packs")
    result = build_packs(default_data, out, jobs=2)
    assert not result.failed
    return out


def test_every_pack_is_valid(packs_dir, default_data):
    files = sorted(packs_dir.glob("*.xlsx"))
    from hsp_docs.packs.contents import is_board

    boards = [e.name for e in default_data.agencies if is_board(default_data, e)]
    assert boards == ["Harrow Strategic Safeguarding Partnership", "Harrow Safeguarding Children Board",
                      "Harrow Safeguarding Adults Board"]  # a board gets a pack only when asked for
    assert len(files) == len(list(default_data.agencies)) - len(boards)
    validate_ooxml(*files)
    from hsp_docs.xlsx.standard import check_workbook

    assert {f.name: check_workbook(f) for f in files} == {f.name: [] for f in files}  # every pack meets the check


def test_pack_cover_states_agency_period_and_rule(packs_dir):
    ws = load_workbook(packs_dir / "Metropolitan-Police-Service.xlsx")["Cover"]
    cells = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert cells["Pack for"] == "Metropolitan Police Service"
    assert cells["Period"] == "1 April 2022 to 31 March 2023"
    assert cells["Disclosure control"].startswith("Nothing is hidden")  # public = false: the report shows it all


def _sheet_rows(path, title_start):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if f": {title_start}" in str(ws["A1"].value):
            table = next(iter(ws.tables.values()))
            return [list(r) for r in ws[table.ref]][1:]
    raise AssertionError(f"no sheet titled {title_start!r}")


def test_pack_figures_equal_the_main_workbook(packs_dir, built):
    main = built / "datapack.xlsx"
    pack = packs_dir / "Metropolitan-Police-Service.xlsx"
    sources = {r[0].value: r[1].value for r in _sheet_rows(main, "Sources of contacts")}
    pack_contacts = {r[0].value: r[1].value for r in _sheet_rows(pack, "Children's social care contacts")}
    assert pack_contacts == {"Police": sources["Police"]}
    hssp = [(r[1].value, r[2].value) for r in _sheet_rows(main, "Attendance at Harrow Strategic")
            if r[0].value == "Metropolitan Police Service" and r[-1].value == "Detail"]  # (meeting, attended)
    pack_att = [r for r in _sheet_rows(pack, "Attendance of") if r[0].value.startswith("Harrow Strategic")]
    assert [(r[2].value, r[3].value) for r in pack_att] == hssp and len(hssp) == 2
    main_courses = _sheet_rows(main, "Multi-agency training courses")
    pack_courses = _sheet_rows(pack, "Multi-agency training courses")
    for m, p in zip(main_courses, pack_courses):
        for a, b in zip(m, p):
            assert b.value == "[c]" or a.value == b.value


def test_no_suppression_says_internal_use(tmp_path, default_data):
    result = build_packs(default_data, tmp_path, ["Police"], jobs=1, internal=True)
    (path,) = result.written
    assert path.name.startswith("INTERNAL-NOT-FOR-CIRCULATION-")
    ws = load_workbook(path)["Cover"]
    cells = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert "For use within the partnership only" in cells["Disclosure control"]
    rows = _sheet_rows(path, "Multi-agency training delegates")
    assert rows[0][2].value == 2  # the police's 2 delegates shown


def test_course_attendance_is_not_hidden(tmp_path, public_copy_data):
    (path,) = build_packs(public_copy_data, tmp_path, ["CNWL"], jobs=1).written
    courses = _sheet_rows(path, "Multi-agency training courses")
    assert not [c for r in courses for c in r if c.value == "[c]"]


@pytest.fixture
def public_copy_data(inputs_copy):
    from hsp_docs.inputs.loader import load_inputs

    text = (inputs_copy / "report.toml").read_text(encoding="utf-8")
    (inputs_copy / "report.toml").write_text(text.replace("public = false", "public = true"), encoding="utf-8")
    return load_inputs(inputs_copy)


def test_a_catch_all_row_is_no_sector_s(tmp_path, public_copy_data):
    assert is_catch_all("Other") and is_catch_all("Other - eg children's centres") and is_catch_all("Unknown")
    assert not is_catch_all("Police") and not is_catch_all("Health Services - Other")
    (path,) = build_packs(public_copy_data, tmp_path, ["Voluntary Action Harrow"], jobs=1).written
    titles = [str(ws["A1"].value) for ws in load_workbook(path).worksheets]
    assert not [t for t in titles if "LADO referrals" in t]  # "Other" settings are not the voluntary sector's


def test_a_failing_agency_is_reported_and_the_others_complete(tmp_path, default_data):
    result = build_packs(default_data, tmp_path, ["Police", "Ministry of Magic", "CNWL"], jobs=2)
    assert [n for n, _ in result.failed] == ["Ministry of Magic"]
    assert sorted(p.name for p in result.written) == [
        "Central-and-North-West-London-NHS-Foundation-Trust.xlsx", "Metropolitan-Police-Service.xlsx"]
