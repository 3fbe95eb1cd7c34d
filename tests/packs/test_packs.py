"""Agency packs: suppression rules, the register, consistency with the main workbook, validity."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from conftest import validate_ooxml
from hsp_docs.packs.build import build_packs, safe_filename
from hsp_docs.packs.suppression import Rule, suppress
from hsp_docs.parts import CONFIDENTIAL, Column, Table

C = CONFIDENTIAL


def table(rows, total=True, row_sums=()):
    cols = [Column("Name"), Column("A", "count", person_count=True), Column("B", "count", person_count=True)]
    t = Table("t", "T", cols, [list(r) for r in rows], row_sums=list(row_sums))
    if total:
        t.rows.append(["Total", sum(r[1] for r in rows), sum(r[2] for r in rows)])
        t.total_rows = frozenset({len(t.rows) - 1})
    return t


def test_single_small_cell_is_suppressed():
    t = suppress(table([["x", 3, 10], ["y", 20, 30]], total=False))
    assert t.rows == [["x", C, 10], ["y", 20, 30]]


def test_small_cell_recoverable_from_total_gets_secondary_suppression():
    t = suppress(table([["x", 3, 10], ["y", 20, 30], ["z", 40, 50]]))
    col_a = [r[1] for r in t.rows]
    assert col_a[0] is C
    assert sum(v is C for v in col_a) >= 2  # the 3 cannot be worked out from the total
    assert col_a[1] is C  # the smallest other count is the one hidden


def test_row_sum_protects_a_hidden_cell():
    cols = [Column("Course"), Column("Booked", "count", person_count=True),
            Column("Attended", "count", person_count=True), Column("Not attended", "count", person_count=True)]
    t = Table("c", "C", cols, [["a", 14, 13, 1]], row_sums=[(1, [2, 3])])
    row = suppress(t).rows[0]
    assert row[3] is C and sum(v is C for v in row[1:]) >= 2


def test_row_that_is_all_small():
    t = suppress(table([["x", 1, 2], ["y", 3, 4]], total=False))
    assert t.rows == [["x", C, C], ["y", C, C]]


def test_zero_is_never_suppressed():
    t = suppress(table([["x", 0, 10], ["y", 2, 30], ["z", 0, 9]]))
    assert [r[1] for r in t.rows[:3]] == [0, C, 0]
    assert t.rows[3][1] is C  # with only zeros left in the column, the total is hidden instead


def test_money_and_non_person_counts_are_not_suppressed():
    cols = [Column("Line"), Column("Amount", "money", unit="£"), Column("Meetings", "count")]
    t = Table("m", "M", cols, [["x", 3, 2]])
    assert suppress(t).rows == [["x", 3, 2]]


def test_threshold_is_configurable():
    t = table([["x", 6, 10]], total=False)
    assert suppress(t, Rule(5)).rows[0][1] == 6
    assert suppress(t, Rule(6)).rows[0][1] is C


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


def test_pack_cover_states_agency_period_and_rule(packs_dir):
    ws = load_workbook(packs_dir / "Metropolitan-Police-Service.xlsx")["Cover"]
    cells = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert cells["Pack for"] == "Metropolitan Police Service"
    assert cells["Period"] == "1 April 2022 to 31 March 2023"
    assert "from 1 to 4 are shown as [c]" in cells["Disclosure control"]


def _sheet_rows(path, title_start):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if str(ws["A1"].value).split(": ", 1)[-1].startswith(title_start):
            table = next(iter(ws.tables.values()))
            return [list(r) for r in ws[table.ref]][1:]
    raise AssertionError(f"no sheet titled {title_start!r}")


def test_pack_figures_equal_the_main_workbook(packs_dir, built):
    main = built / "datapack.xlsx"
    pack = packs_dir / "Metropolitan-Police-Service.xlsx"
    sources = {r[0].value: r[1].value for r in _sheet_rows(main, "Sources of contacts")}
    pack_contacts = {r[0].value: r[1].value for r in _sheet_rows(pack, "Children's social care contacts")}
    assert pack_contacts == {"Police": sources["Police"]}
    hssp = {r[0].value: [c.value for c in r[1:-1]] for r in _sheet_rows(main, "Attendance at Harrow Strategic")}
    pack_att = [r for r in _sheet_rows(pack, "Attendance of") if r[0].value.startswith("Harrow Strategic")]
    assert [r[3].value for r in pack_att] == hssp["Metropolitan Police Service"]
    main_courses = _sheet_rows(main, "Multi-agency training courses")
    pack_courses = _sheet_rows(pack, "Multi-agency training courses")
    for m, p in zip(main_courses, pack_courses):
        for a, b in zip(m, p):
            assert b.value == "[c]" or a.value == b.value


def test_no_suppression_says_internal_use(tmp_path, default_data):
    result = build_packs(default_data, tmp_path, ["Police"], threshold=None, jobs=1)
    (path,) = result.written
    ws = load_workbook(path)["Cover"]
    cells = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert "internal use" in cells["Disclosure control"]
    rows = _sheet_rows(path, "Multi-agency training delegates")
    assert rows[0][2].value == 2  # the police's 2 delegates shown


def test_a_failing_agency_is_reported_and_the_others_complete(tmp_path, default_data):
    result = build_packs(default_data, tmp_path, ["Police", "Ministry of Magic", "CNWL"], jobs=2)
    assert [n for n, _ in result.failed] == ["Ministry of Magic"]
    assert sorted(p.name for p in result.written) == [
        "Central-and-North-West-London-NHS-Foundation-Trust.xlsx", "Metropolitan-Police-Service.xlsx"]
