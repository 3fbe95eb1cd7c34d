"""Allegations against staff and volunteers: the LADO's contacts, referrals, meetings, outcomes."""
from __future__ import annotations

from .family import Family, change, total
from .previous import find_year, year_key


def _contacts_by_year(data) -> tuple:
    """This year's rows of contacts and referrals by year, last year's row taken from last year's
    inputs when they sit beside (see model/previous.py)."""
    rows = list(data.rows("lado_contacts"))
    prior = data.prior
    if not prior.uses_folder("lado_contacts"):
        return tuple(rows)
    last = prior.lado_row()
    mine = find_year(rows, data.meta.previous_year)
    if mine is not None:
        rows[rows.index(mine)] = mine._replace(contacts=last.contacts, referrals=last.referrals)
    else:
        rows.append(last)
        rows.sort(key=lambda r: year_key(r.year) or (0, 0))
    return tuple(rows)


class Lado(Family):
    def __init__(self, data):
        f = data.figures
        meta = data.meta
        self.by_year = _contacts_by_year(data)
        self.settings = data.rows("lado_referral_settings")
        self.meetings_by_month = data.rows("lado_meetings")
        self.outcomes = data.rows("lado_outcomes")
        self.sessions = data.rows("lado_sessions")
        current = find_year(self.by_year, meta.current_year)
        previous = find_year(self.by_year, meta.previous_year)
        if current is None and previous is None and self.by_year:  # years written some other way: by position
            current = self.by_year[-1]
            previous = self.by_year[-2] if len(self.by_year) > 1 else None
        self.current = current
        self.previous = previous
        self.contacts = f("lado.contacts", current.contacts if current else None)
        self.referrals = f("lado.referrals", current.referrals if current else None)
        prior = data.prior
        from_folder = prior.uses_folder("lado_contacts")
        self.previous_contacts = prior.figure_for("lado.previous_contacts", "lado.contacts",
                                                  previous.contacts if previous else None, "count", from_folder)
        self.previous_referrals = prior.figure_for("lado.previous_referrals", "lado.referrals",
                                                   previous.referrals if previous else None, "count", from_folder)

        def rise(attr):
            return change(getattr(previous, attr, None), getattr(current, attr, None))

        self.contacts_change = f("lado.contacts_change", rise("contacts"), "percent")
        self.referrals_change = f("lado.referrals_change", rise("referrals"), "percent")
        strategy = total(m.strategy for m in self.meetings_by_month)
        evaluation = total(m.evaluation for m in self.meetings_by_month)
        self.strategy_meetings = f("lado.strategy_meetings", strategy)
        self.evaluation_meetings = f("lado.evaluation_meetings", evaluation)
        self.meetings = f("lado.meetings", None if strategy is None else strategy + evaluation)
        self.referrals_by_setting = f("lado.referrals_by_setting", total(s.referrals for s in self.settings))
        outcome = {o.outcome.casefold(): o.count for o in self.outcomes}
        self.substantiated = f("lado.substantiated", outcome.get("substantiated"))
        self.unsubstantiated = f("lado.unsubstantiated", outcome.get("unsubstantiated"))
        self.unfounded = f("lado.unfounded", outcome.get("unfounded"))
        self.malicious = f("lado.malicious", outcome.get("malicious"))
        self.ongoing = f.stated_only("lado.ongoing")
        self.within_one_month = f.stated_only("lado.within_one_month", "percent")
        self.within_three_months = f.stated_only("lado.within_three_months", "percent")
