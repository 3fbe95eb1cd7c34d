"""Allegations against staff and volunteers (LADO): four charts of the year's activity."""
from __future__ import annotations

from ..parts import Chart, Series


def lado_contacts(data) -> Chart:
    rows = data.lado.by_year
    cats = ["Contacts electronically recorded", "Referrals"]
    series = [Series(r.year, [r.contacts, r.referrals]) for r in rows]
    desc = "; ".join(f"{r.year}: {r.contacts} contacts and {r.referrals} referrals" for r in rows)
    return Chart("lado_contacts", "LADO contacts and referrals received, by year", "column", cats, series,
                 alt=f"Column chart comparing LADO contacts and referrals by year. {desc}.",
                 value_axis_title="Number of contacts or referrals", category_axis_title="Measure", person_count=True)


def lado_referral_settings(data) -> Chart:
    rows = data.lado.settings
    desc = ", ".join(f"{r.setting} {r.referrals}" for r in rows)
    return Chart("lado_referral_settings", "Where LADO referrals came from, by type of setting", "bar",
                 [r.setting for r in rows], [Series("Referrals", [r.referrals for r in rows])],
                 alt=f"Bar chart of LADO referrals by type of setting: {desc}.",
                 value_axis_title="Number of referrals", category_axis_title="Setting", person_count=True)


def lado_meetings(data) -> Chart:
    rows = data.lado.meetings_by_month
    cats = [f"{r.month:%B %Y}" for r in rows]
    desc = f"{data.lado.strategy_meetings.computed} strategy and {data.lado.evaluation_meetings.computed} " \
           "evaluation meetings in all"
    return Chart("lado_meetings", "LADO strategy and evaluation meetings by month", "column", cats,
                 [Series("Strategy meetings", [r.strategy for r in rows]),
                  Series("Evaluation meetings", [r.evaluation for r in rows])],
                 alt=f"Column chart of LADO strategy and evaluation meetings held each month: {desc}.",
                 value_axis_title="Number of meetings", category_axis_title="Month")


def lado_outcomes(data) -> Chart:
    rows = data.lado.outcomes
    desc = ", ".join(f"{r.outcome} {r.count}" for r in rows)
    return Chart("lado_outcomes", "Outcomes of allegations", "bar", [r.outcome for r in rows],
                 [Series("Cases", [r.count for r in rows])],
                 alt=f"Bar chart of the outcomes of allegations: {desc}.",
                 value_axis_title="Number of cases", category_axis_title="Outcome", person_count=True)


def parts(data) -> dict:
    return {f"chart:{f.__name__}": f(data) for f in (lado_contacts, lado_referral_settings, lado_meetings,
                                                    lado_outcomes)}
