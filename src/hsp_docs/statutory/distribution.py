"""Who must receive the published report, and by when: the chosen profiles' recipients (the
Care Act's four for a Safeguarding Adults Board; the national panel and the What Works centre
for a children's partnership) and any the partnership adds in report.toml."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..parts import NOT_APPLICABLE, Column, Table
from .catalogue import Profile, Recipient
from .config import LOCAL_SOURCE, chosen_profiles

TITLE = "Distribution: who must receive the published report"


@dataclass(frozen=True)
class Delivery:
    """One recipient of the published report, with its deadline."""

    recipient: Recipient
    required_by: str  # a profile's id, or "report.toml"
    deadline: dt.date | None


def distribution(data, profiles: list[Profile]) -> list[Delivery]:
    """Each chosen profile's recipients, then the partnership's own, each once, with its deadline
    where the source sets one (days after the publication date)."""
    out: list[Delivery] = []
    seen: set[str] = set()
    pub = data.meta.publication_date
    pairs = [(p.id, r) for p in profiles for r in p.recipients]
    pairs += [(LOCAL_SOURCE, r) for r in data.meta.statutory.recipients]
    for required_by, r in pairs:
        if r.name.casefold() in seen:
            continue
        seen.add(r.name.casefold())
        out.append(Delivery(r, required_by, pub + dt.timedelta(days=r.within_days) if r.within_days else None))
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day where it has no such day)."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def publish_by(profile: Profile, meta) -> dt.date | None:
    """The date a profile's report is due for this period, where the profile sets a limit."""
    return add_months(meta.period_end, profile.publish_within_months) if profile.publish_within_months else None


def publication_lines(profiles: list[Profile], meta) -> list[str]:
    """For each profile, when its report is due, in words and (where it sets a limit) as a date."""
    out = []
    for p in profiles:
        if p.publish:
            due = publish_by(p, meta)
            out.append(f"{p.document.split(',')[0]}: {p.publish}"
                       + (f" For this period, by {meta.theme.dates.date_label(due)}." if due else ""))
    return out


def distribution_table(data):
    """The distribution list as a Table for the workbook's Distribution sheet (None: nobody listed);
    its notes say when each profile's report is due."""
    profiles = chosen_profiles(data)
    rows = [[d.recipient.name, d.required_by, d.recipient.source, d.recipient.when,
             d.deadline or NOT_APPLICABLE] for d in distribution(data, profiles)]
    if not rows:
        return None
    columns = [Column("Recipient"), Column("Required by"), Column("Source"), Column("When"),
               Column("Deadline", "date")]
    return Table("distribution", TITLE, columns, rows, notes=publication_lines(profiles, data.meta),
                 dates=data.meta.theme.dates)
