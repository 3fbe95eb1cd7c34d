"""Consistency checks over ReportData: the errors published reports are known to carry."""
from __future__ import annotations

import datetime as dt
import re

from ..formatting import format_number
from ..model.month import Month
from ..model.schema import BY_NAME
from .findings import Finding
from .missing import check_missing, report_or_none
from .owners import owner_of, owner_of_figure
from .placeholders import check_placeholders
from .previous_year import check_previous_year
from .sources import check_sources
from .theme import check_theme

PCT_TOLERANCE = 0.005 + 1e-9  # 0.5 percentage points (and float noise)


def _file(name: str) -> str:
    return BY_NAME[name].filename


def _owner(data, key: str) -> str:
    """Who should fix a stated figure: the owner of the dataset its family draws on."""
    return owner_of_figure(data, key) or owner_of(data, "stated_figures")


def stated_vs_computed(data) -> list[Finding]:
    """Each figure the report states in prose against the figure computed from its dataset."""
    out = []
    for key, fig in data.all_figures().items():
        s = fig.stated
        if s is None or fig.value is None:
            continue
        if s.number is None:
            out.append(Finding("warning", "stated-not-a-number", _file("stated_figures"),
                               f"The stated figure '{key}' is not a number, so it cannot be checked.", s.row,
                               "value", s.text, fig.computed, _owner(data, key)))
            continue
        value = float(fig.value)
        if fig.kind == "percent":
            bad = abs(s.number - value) > PCT_TOLERANCE
        else:
            bad = abs(s.number - value) > 1e-9
        if bad:
            out.append(Finding("error", "stated-vs-computed", _file("stated_figures"),
                               f"The report says {key} is {s.text}, but the data gives {fig.computed}.",
                               s.row, "value", s.text, fig.computed, _owner(data, key)))
    return out


def _sum_check(out, check, where, row, column, parent_label, parent, parts_label, parts, owner, severity="error"):
    if parent is None:
        return
    if abs(float(parent) - float(parts)) > 1e-9:
        out.append(Finding(severity, check, where,
                           f"{parent_label} is {format_number(parent)}, but {parts_label} add up to "
                           f"{format_number(parts)}.", row, column, format_number(parent), format_number(parts),
                           owner))


def breakdowns(data) -> list[Finding]:
    """Sub-breakdowns against their parent figure, and stated totals against computed sums."""
    out: list[Finding] = []
    t = data.training
    for event, orgs in t.csa_event_rows():
        _sum_check(out, "total-vs-sum", _file("csa_events"), event._row, "attended",
                   f"The CSA event on {event.date:%-d %B %Y} has a stated attendance that", event.attended,
                   "its organisations' attendances", sum(a.attended for a in orgs), owner_of(data, "csa_events"))
    st = data.stated
    if "training.cancelled" in st and "training.cancelled_trainer" in st and "training.cancelled_insufficient" in st:
        parent = st["training.cancelled"]
        parts = (st["training.cancelled_trainer"].number or 0) + (st["training.cancelled_insufficient"].number or 0)
        _sum_check(out, "breakdown-vs-parent", _file("stated_figures"), parent.row, "value",
                   "The number of cancelled training events", parent.number, "the reasons given", parts,
                   owner_of(data, "cancelled_courses"))
    lado = data.lado
    if lado.settings and lado.referrals.value is not None:
        _sum_check(out, "breakdown-vs-parent", _file("lado_referral_settings"), None, "referrals",
                   "LADO referrals this year", lado.referrals.value, "referrals by setting",
                   lado.referrals_by_setting.value, owner_of(data, "lado_referral_settings"), "warning")
    c = data.csc
    quarters = [q for q in c.quarterly if q.quarter.endswith(data.meta.current_year[2:])]
    if quarters and c.sources:
        _sum_check(out, "breakdown-vs-parent", _file("csc_contacts_quarterly"), quarters[0]._row, "contacts",
                   "Contacts year to date (sources of contacts)", c.total_contacts.value,
                   f"the {len(quarters)} quarters of {data.meta.current_year}", sum(q.contacts for q in quarters),
                   owner_of(data, "csc_contacts_quarterly"), "warning")
    if c.outcomes and c.sources:
        _sum_check(out, "breakdown-vs-parent", _file("csc_contact_outcomes"), None, "count",
                   "Contacts year to date (sources of contacts)", c.total_contacts.value,
                   "completed contact outcomes", c.outcomes_total.value, owner_of(data, "csc_contact_outcomes"),
                   "warning")
    totalled = next((i for i in c.issues if i.issue.casefold().startswith("totalled abuse")), None)
    if totalled and c.abuse_neglect:
        _sum_check(out, "breakdown-vs-parent", _file("csc_presenting_issues"), totalled._row, "count",
                   f"'{totalled.issue}'", totalled.count, "the abuse and neglect breakdown",
                   c.abuse_neglect_total.value, owner_of(data, "csc_presenting_issues"))
    a = data.asc
    if a.age_groups and a.abuse_types:
        _sum_check(out, "breakdown-vs-parent", _file("asc_age_groups"), None, "count",
                   f"Concerns by type of abuse in {data.meta.current_year}", a.abuse_types_total.value,
                   "the age-group table's counts", sum(r.count for r in a.age_groups),
                   owner_of(data, "asc_age_groups"), "warning")
    return out


def percentages(data) -> list[Finding]:
    """Published percentages against the counts they describe (0.5 point tolerance)."""
    out = []
    c = data.csc
    for name, rows, attr in (("csc_contact_sources", c.sources, "source"),
                             ("csc_contact_outcomes", c.outcomes, "outcome")):
        total = sum(r.count for r in rows)
        for r in rows:
            if r.percent is None or not total:
                continue
            computed = r.count / total
            if abs(computed - r.percent) > PCT_TOLERANCE:
                out.append(Finding("error", "percent-vs-count", _file(name),
                                   f"'{getattr(r, attr)}' is published as {r.percent:.1%} of the total, but "
                                   f"{r.count:,} of {total:,} is {computed:.1%}.", r._row, "percent",
                                   f"{r.percent:.1%}", f"{computed:.1%}", owner_of(data, name)))
    for m in data.asc.monthly:
        if m.conversion_rate is None or not m.concerns:
            continue
        computed = m.enquiries / m.concerns
        if abs(computed - m.conversion_rate) > PCT_TOLERANCE:
            out.append(Finding("error", "percent-vs-count", _file("asc_monthly"),
                               f"The conversion rate for {m.month:%B %Y} is published as {m.conversion_rate:.0%}, "
                               f"but {m.enquiries} enquiries from {m.concerns} concerns is {computed:.0%}.",
                               m._row, "conversion_rate", f"{m.conversion_rate:.0%}", f"{computed:.0%}",
                               owner_of(data, "asc_monthly")))
    for r in data.asc.abuse_types:
        computed = data.asc.type_change(r)
        if r.change is None or computed is None:
            continue
        if abs(computed - r.change) > PCT_TOLERANCE:
            out.append(Finding("error", "change-vs-counts", _file("asc_abuse_types"),
                               f"The change for '{r.abuse_type}' is published as {r.change:.0%}, but "
                               f"{r.previous_year} to {r.current_year} is {computed:.0%}.", r._row, "change",
                               f"{r.change:.0%}", f"{computed:.0%}", owner_of(data, "asc_abuse_types")))
    return out


def ranks(data) -> list[Finding]:
    """Rank order against values: rank 1 has the largest count."""
    out = []
    issues = sorted(data.csc.issues, key=lambda r: r.rank)
    for above, below in zip(issues, issues[1:]):
        if below.count > above.count:
            out.append(Finding("error", "rank-order", _file("csc_presenting_issues"),
                               f"'{below.issue}' is ranked {below.rank} with {below.count:,}, more than "
                               f"'{above.issue}' ranked {above.rank} with {above.count:,}.", below._row, "rank",
                               str(below.rank), f"above rank {above.rank}", owner_of(data, "csc_presenting_issues")))
    return out


DATED = (("csa_events", "date"), ("csa_event_attendance", "date"), ("adult_training_sessions", "date"),
         ("meetings", "meeting"), ("lado_meetings", "month"), ("lado_sessions", "date"),
         ("asc_monthly", "month"))


def dates(data) -> list[Finding]:
    """Every date inside the reporting period, unless its row says it is forward-looking."""
    out = []
    start, end = data.meta.period_start, data.meta.period_end
    for name, col in DATED:
        ds = BY_NAME[name]
        seen = set()
        for r in data.rows(name):
            d = getattr(r, col)
            if d is None or not isinstance(d, dt.date):
                continue
            if ds.forward_looking_column and getattr(r, ds.forward_looking_column):
                continue
            month_col = ds.columns[[c.name for c in ds.columns].index(col)].type == "month" or isinstance(d, Month)
            inside = (start.replace(day=1) <= d <= end) if month_col else (start <= d <= end)
            if not inside and (d, name) not in seen:
                seen.add((d, name))
                shown = f"{d:%B %Y}" if month_col else f"{d:%-d %B %Y}"
                out.append(Finding("warning", "date-outside-period", ds.filename,
                                   f"{shown} is outside the reporting period ({data.meta.period_label}). If it is "
                                   "right, mark the row as forward-looking; if not, correct the year.", r._row, col,
                                   shown, None, owner_of(data, name)))
    return out


def _norm_total(text: str) -> str:
    return re.sub(r"\s+", "", text.replace("½", "1/2"))


def attendance(data) -> list[Finding]:
    """Published n/m attendance totals against the marks, and a mark for every meeting."""
    out = []
    for m in data.attendance:
        for a in m.members:
            if a.stated is not None and _norm_total(a.stated) != a.total:
                out.append(Finding("error", "total-vs-marks", _file("attendance_totals"),
                                   f"{a.member} at {m.board.key} is published as {a.stated}, but the meeting "
                                   f"marks give {a.total}.", None, "stated", a.stated, a.total,
                                   data.agencies.canonical(a.member)))
            if None in a.marks:
                out.append(Finding("warning", "attendance-missing", _file("attendance"),
                                   f"{a.member} has no attendance mark for every {m.board.key} meeting.", a.row,
                                   "attended", None, None, data.agencies.canonical(a.member)))
    return out


def check_data(data, report=None) -> list[Finding]:
    """Every data check. `report`: the Report already built from `data`, if any (saves a rebuild)."""
    out: list[Finding] = []
    for check in (stated_vs_computed, breakdowns, percentages, ranks, dates, attendance, check_previous_year,
                  check_placeholders):
        out.extend(check(data))
    report = report if report is not None else report_or_none(data)
    out.extend(check_theme(data, report))
    out.extend(check_sources(data, report))
    out.extend(check_missing(data, report))
    return out

