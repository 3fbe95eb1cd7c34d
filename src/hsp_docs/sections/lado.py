"""Allegations against staff and volunteers (LADO): four charts of the year's activity."""
from __future__ import annotations

from ..parts import Chart, Series
from .shapes import chart_alt, labelled_chart


def lado_contacts(data) -> Chart:
    """Contacts and referrals (the categories) for each year (the series)."""
    rows = data.lado.by_year
    lab = data.labels("chart:lado_contacts")
    series = [Series(r.year, [r.contacts, r.referrals]) for r in rows]
    desc = "; ".join(f"{r.year}: {r.contacts} contacts and {r.referrals} referrals" for r in rows)
    return Chart("lado_contacts", lab.title, "column", [lab.row("contacts"), lab.row("referrals")], series,
                 alt=chart_alt(lab, "column", f"{desc}."), value_axis_title=lab.axis("value"),
                 category_axis_title=lab.axis("category"), notes=lab.notes(), source=lab.source, person_count=True)


def lado_referral_settings(data) -> Chart:
    rows = data.lado.settings
    desc = ", ".join(f"{r.setting} {r.referrals}" for r in rows)
    return labelled_chart(data.labels("chart:lado_referral_settings"), "lado_referral_settings", "bar",
                          [r.setting for r in rows], [("referrals", [r.referrals for r in rows])], f"{desc}.",
                          person_count=True)


def lado_meetings(data) -> Chart:
    rows = data.lado.meetings_by_month
    desc = f"{data.lado.strategy_meetings.computed} strategy and {data.lado.evaluation_meetings.computed} " \
           "evaluation meetings in all."
    return labelled_chart(data.labels("chart:lado_meetings"), "lado_meetings", "column",
                          [data.meta.theme.dates.month_label(r.month) for r in rows],
                          [("strategy", [r.strategy for r in rows]), ("evaluation", [r.evaluation for r in rows])],
                          desc)


def lado_outcomes(data) -> Chart:
    rows = data.lado.outcomes
    desc = ", ".join(f"{r.outcome} {r.count}" for r in rows)
    return labelled_chart(data.labels("chart:lado_outcomes"), "lado_outcomes", "bar", [r.outcome for r in rows],
                          [("count", [r.count for r in rows])], f"{desc}.", person_count=True)


def parts(data) -> dict:
    return {f"chart:{f.__name__}": f(data) for f in (lado_contacts, lado_referral_settings, lado_meetings,
                                                    lado_outcomes)}
