"""Data consistency checks: each rule with a failing and a passing case, and the default
inputs' findings are exactly the known issues of the published source."""
from __future__ import annotations

from hsp_docs.checks.data import check_data
from hsp_docs.inputs.loader import load_inputs
from tests_helpers import set_cell, set_stated


def found(folder, check):
    return [f for f in check_data(load_inputs(folder)) if f.check == check]


def test_stated_figure_against_computed(inputs_copy):
    bad = found(inputs_copy, "stated-vs-computed")
    assert any("training.distinct_courses is 18, but the data gives 16" in f.message for f in bad)
    f = next(f for f in bad if "distinct_courses" in f.message)
    assert (f.stated, f.computed, f.severity, f.column) == ("18", "16", "error", "value")
    set_stated(inputs_copy, "training.distinct_courses", "16")
    assert not any("distinct_courses" in f.message for f in found(inputs_copy, "stated-vs-computed"))


def test_percentage_figure_within_half_a_point(inputs_copy):
    set_stated(inputs_copy, "asc.conversion_rate", "22.6%")  # computed 22.15%: within 0.5 points
    assert not any("conversion_rate" in f.message for f in found(inputs_copy, "stated-vs-computed"))
    set_stated(inputs_copy, "asc.conversion_rate", "23%")
    assert any("asc.conversion_rate is 23%" in f.message for f in found(inputs_copy, "stated-vs-computed"))


def test_stated_total_against_sum(inputs_copy):
    assert found(inputs_copy, "total-vs-sum") == []
    set_cell(inputs_copy, "csa_events", 2, "attended", "39")
    (f,) = found(inputs_copy, "total-vs-sum")
    assert (f.row, f.stated, f.computed) == (2, "39", "40")
    assert "CSA event on 12 December 2022" in f.message


def test_breakdown_against_parent(inputs_copy):
    msgs = [f.message for f in found(inputs_copy, "breakdown-vs-parent")]
    assert "The number of cancelled training events is 15, but the reasons given add up to 14." in msgs
    set_stated(inputs_copy, "training.cancelled", "14")
    msgs = [f.message for f in found(inputs_copy, "breakdown-vs-parent")]
    assert not any("cancelled" in m for m in msgs)


def test_percentage_against_count(inputs_copy):
    assert found(inputs_copy, "percent-vs-count") == []
    set_cell(inputs_copy, "csc_contact_sources", 2, "percent", "30%")
    (f,) = found(inputs_copy, "percent-vs-count")
    assert (f.row, f.column, f.stated, f.computed) == (2, "percent", "30.0%", "26.5%")


def test_year_on_year_change_recomputed(inputs_copy):
    assert found(inputs_copy, "change-vs-counts") == []
    set_cell(inputs_copy, "asc_abuse_types", 2, "change", "5%")
    (f,) = found(inputs_copy, "change-vs-counts")
    assert (f.stated, f.computed) == ("5%", "-16%")


def test_rank_order_against_values(inputs_copy):
    (f,) = found(inputs_copy, "rank-order")
    assert "'Domestic Abuse' is ranked 4 with 1,202" in f.message
    set_cell(inputs_copy, "csc_presenting_issues", 4, "rank", "4")
    set_cell(inputs_copy, "csc_presenting_issues", 5, "rank", "3")
    assert found(inputs_copy, "rank-order") == []


def test_dates_inside_the_period_unless_forward_looking(inputs_copy):
    bad = found(inputs_copy, "date-outside-period")
    assert any(f.where == "meetings.csv" and f.stated == "October 2023" for f in bad)
    set_cell(inputs_copy, "meetings", 2, "meeting", "2022-10")
    marks = inputs_copy / "attendance.csv"  # attendance names its meeting: move the marks with it
    marks.write_text(marks.read_text(encoding="utf-8").replace(",2023-10,", ",2022-10,"), encoding="utf-8")
    set_cell(inputs_copy, "lado_sessions", 2, "forward_looking", "1")
    bad = found(inputs_copy, "date-outside-period")
    assert not any(f.where == "meetings.csv" for f in bad)
    assert not any(f.where == "lado_sessions.csv" and f.row == 2 for f in bad)


def test_attendance_totals_against_marks(inputs_copy):
    assert found(inputs_copy, "total-vs-marks") == []  # '½', '1 /2' and '1/2' all read as 1/2
    set_cell(inputs_copy, "attendance_totals", 2, "stated", "2/2")
    (f,) = found(inputs_copy, "total-vs-marks")
    assert (f.stated, f.computed) == ("2/2", "1/2")


KNOWN_SOURCE_ISSUES = {
    # (check, file, row) -> what the published report gets wrong (README: Known issues in the source report)
    ("stated-vs-computed", "stated_figures.csv", 3),  # "18 different courses": 16 distinct names
    ("stated-vs-computed", "stated_figures.csv", 43),  # contact outcomes total 11874: rows add to 11865
    ("breakdown-vs-parent", "stated_figures.csv", 11),  # 15 cancelled events: 8 + 6 = 14
    ("breakdown-vs-parent", "csc_presenting_issues.csv", 4),  # 'Totalled Abuse and Neglect' 1072 vs 1400
    ("breakdown-vs-parent", "asc_age_groups.csv", None),  # age-group counts 1981 vs 2513 concerns by type
    ("breakdown-vs-parent", "csc_contact_outcomes.csv", None),  # outcomes 11865 vs 11874 contacts
    ("breakdown-vs-parent", "csc_contacts_quarterly.csv", 7),  # quarters 11831 vs 11874 year to date
    ("breakdown-vs-parent", "lado_referral_settings.csv", None),  # settings 53 vs 45 referrals
    ("rank-order", "csc_presenting_issues.csv", 5),  # rank 3 has fewer than rank 4
    ("date-outside-period", "meetings.csv", 2),  # HSSP meeting "Oct-23"
    ("date-outside-period", "lado_sessions.csv", 2),  # "31 August 2023" in the year's sessions
    ("date-outside-period", "lado_sessions.csv", 4),  # "19 October 2023"
    ("placeholder-image", "report.toml", None),  # the chair's photo and the structure diagram are stand-ins
}


def test_default_inputs_findings_are_the_known_source_issues(default_data):
    got = {(f.check, f.where, f.row) for f in check_data(default_data)}
    assert got == KNOWN_SOURCE_ISSUES
