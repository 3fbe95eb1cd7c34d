"""Year-on-year figures: from last year's inputs folder when it sits beside this year's."""
from __future__ import annotations

import pytest

from hsp_docs.checks.previous_year import check_previous_year
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from tests_helpers import set_cell, set_stated, write_previous_year


@pytest.fixture
def with_last_year(inputs_copy):
    """The default inputs with a 2021-22 folder beside them, made from their 2021-22 columns."""
    return inputs_copy, write_previous_year(inputs_copy, inputs_copy.parent)


def test_without_last_years_folder_the_columns_are_used(default_data):
    assert default_data.previous is None
    assert default_data.prior.source == "the 2021-22 columns of this year's inputs"
    assert check_previous_year(default_data) == []


def test_last_years_folder_gives_the_same_figures_as_the_columns(with_last_year, default_data):
    current, _ = with_last_year
    data = load_inputs(current)
    assert data.previous is not None and data.prior.source == "last year's inputs (2021-22/)"
    a, b = data.asc, default_data.asc
    assert (a.abuse_types, a.five_year, a.msp_outcomes, a.risk_outcomes) == \
        (b.abuse_types, b.five_year, b.msp_outcomes, b.risk_outcomes)
    assert data.lado.by_year == default_data.lado.by_year
    for fam in ("asc", "lado"):
        mine, base = getattr(data, fam).figures(), getattr(default_data, fam).figures()
        assert {k: str(v) for k, v in mine.items()} == {k: str(v) for k, v in base.items()}
    assert check_previous_year(data) == []


def test_figures_come_from_last_years_folder_and_changes_are_computed(with_last_year):
    current, last = with_last_year
    set_cell(last, "asc_abuse_types", 3, "current_year", "610")  # Neglect, 2021-22: 608 this year says
    set_cell(last, "asc_five_year", 5, "concerns", "2200")  # 2021-22 concerns: 2,162 this year says
    set_cell(last, "lado_contacts", 2, "contacts", "50")  # 2021/22: 53 this year says
    set_cell(last, "asc_msp_outcomes", 2, "current_year", "0.8")
    _drop_stated(current, "asc.concerns_reduction")  # the sentence 'reduced 7%' is then computed
    data = load_inputs(current)
    a = data.asc
    neglect = next(r for r in a.abuse_types if r.abuse_type.startswith("Neglect"))
    assert neglect.previous_year == 610 and a.type_change(neglect) == pytest.approx((497 - 610) / 610)
    assert a.previous.concerns == 2200
    assert str(a.concerns_reduction) == "8%"  # (2,200 - 2,018) / 2,200, computed
    assert a.msp_outcomes[0].previous_year == 0.8
    assert str(data.lado.previous_contacts) == "50"
    assert data.lado.by_year[0].contacts == 50 and data.lado.by_year[0].year == "2021/22"

    findings = {(f.where, f.row, f.column): f for f in check_previous_year(data)}
    f = findings[("asc_abuse_types.csv", 3, "previous_year")]
    assert f.severity == "error" and (f.stated, f.computed) == ("608", "610")
    assert f.message == ("2021-22 concerns of type 'Neglect and Acts of Omission' is 608 in this year's inputs "
                         "but 610 in last year's (2021-22/asc_abuse_types.csv, row 3). The report uses last "
                         "year's figure, 610: correct this year's copy, or clear it.")
    assert f.owner == "Adult social care (Harrow Council)"
    assert ("asc_five_year.csv", 5, "concerns") in findings
    assert ("lado_contacts.csv", 2, "contacts") in findings
    assert ("asc_msp_outcomes.csv", 2, "previous_year") in findings
    assert len(findings) == 4


def test_a_previous_year_statement_that_differs_is_a_finding(with_last_year):
    current, last = with_last_year
    set_stated(last, "asc.asked_outcomes", "85%")
    data = load_inputs(current)
    assert str(data.asc.previous_asked_outcomes) == "85%"  # as last year's report stated it
    (f,) = check_previous_year(data)
    assert (f.where, f.column, f.stated, f.computed) == ("stated_figures.csv", "value", "84%", "85%")


def test_a_type_missing_from_one_year_is_a_warning(with_last_year):
    current, last = with_last_year
    path = last / "asc_abuse_types.csv"
    path.write_text(path.read_text(encoding="utf-8") + "Honour-based Abuse,,4,\n", encoding="utf-8")
    (f,) = check_previous_year(load_inputs(current))
    assert f.severity == "warning" and "'Honour-based Abuse' is in last year's inputs" in f.message


def test_last_years_problems_are_reported_with_its_file_names(with_last_year):
    current, last = with_last_year
    set_cell(last, "lado_contacts", 2, "referrals", "many")
    with pytest.raises(InputError) as exc:
        load_inputs(current)
    assert [str(p) for p in exc.value.problems] == [
        "2021-22/lado_contacts.csv, row 2, column 'referrals': expected a whole number >= 0, got 'many'"]


def test_last_years_folder_must_be_that_year(with_last_year):
    current, last = with_last_year
    toml = last / "report.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('current_year = "2021-22"', 'current_year = "2020-21"'),
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inputs(current)
    assert "says current_year is '2020-21'" in str(exc.value)


def _drop_stated(folder, key):
    path = folder / "stated_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(key + ",")), encoding="utf-8")
