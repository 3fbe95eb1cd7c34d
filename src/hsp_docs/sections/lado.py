"""Allegations against staff and volunteers (LADO): four charts of the year's activity."""
from __future__ import annotations

from ..labels import Labels
from ..parts import Chart, Series
from .declare import chart
from .shapes import chart_alt, labelled_chart


@chart("lado_contacts", datasets="lado_contacts", owner="lado", in_packs=True,
       what="the chart of LADO contacts and referrals by year",
       title="LADO contacts and referrals received, by year",
       rows={"contacts": "Contacts", "referrals": "Referrals"},
       axes={"value": "Number of contacts or referrals", "category": ""})
def lado_contacts(data, lab: Labels) -> Chart:
    """Contacts and referrals (the categories) for each year (the series)."""
    rows = data.lado.by_year
    series = [Series(r.year, [r.contacts, r.referrals]) for r in rows]
    desc = "; ".join(f"{r.year}: {r.contacts} contacts and {r.referrals} referrals" for r in rows)
    return Chart(lab.key, lab.title, "column", [lab.row("contacts"), lab.row("referrals")], series,
                 alt=chart_alt(lab, "column", f"{desc}."), value_axis_title=lab.axis("value"),
                 category_axis_title=lab.axis("category"), notes=lab.notes(), source=lab.source, person_count=True)


@chart("lado_referral_settings", datasets="lado_referral_settings", owner="lado",
       what="the chart of LADO referrals by type of setting",
       title="LADO referrals by type of setting",
       series={"referrals": "Referrals"}, axes={"value": "Number of referrals", "category": "Setting"})
def lado_referral_settings(data, lab: Labels) -> Chart:
    rows = data.lado.settings
    desc = ", ".join(f"{r.setting} {r.referrals}" for r in rows)
    return labelled_chart(lab, "bar", [r.setting for r in rows], [("referrals", [r.referrals for r in rows])],
                          f"{desc}.", person_count=True)


@chart("lado_meetings", datasets="lado_meetings", owner="lado",
       what="the chart of LADO strategy and evaluation meetings",
       title="LADO strategy and evaluation meetings by month",
       series={"strategy": "Strategy meetings", "evaluation": "Evaluation meetings"},
       axes={"value": "Number of meetings", "category": "Month"})
def lado_meetings(data, lab: Labels) -> Chart:
    rows = data.lado.meetings_by_month
    desc = f"{data.lado.strategy_meetings.computed} strategy and {data.lado.evaluation_meetings.computed} " \
           "evaluation meetings in all."
    return labelled_chart(lab, "column", [data.meta.theme.dates.month_label(r.month) for r in rows],
                          [("strategy", [r.strategy for r in rows]), ("evaluation", [r.evaluation for r in rows])],
                          desc)


@chart("lado_outcomes", datasets="lado_outcomes", owner="lado", in_packs=True,
       what="the chart of the outcomes of allegations",
       title="Outcomes of allegations",
       series={"count": "Cases"}, axes={"value": "Number of cases", "category": "Outcome"})
def lado_outcomes(data, lab: Labels) -> Chart:
    rows = data.lado.outcomes
    desc = ", ".join(f"{r.outcome} {r.count}" for r in rows)
    return labelled_chart(lab, "bar", [r.outcome for r in rows], [("count", [r.count for r in rows])], f"{desc}.",
                          person_count=True)
