"""Allegations against staff and volunteers: the LADO's contacts, referrals, meetings, outcomes."""
from __future__ import annotations

from .family import Family


class Lado(Family):
    def __init__(self, data):
        f = data.figures
        self.by_year = data.rows("lado_contacts")
        self.settings = data.rows("lado_referral_settings")
        self.meetings_by_month = data.rows("lado_meetings")
        self.outcomes = data.rows("lado_outcomes")
        self.sessions = data.rows("lado_sessions")
        current = self.by_year[-1] if self.by_year else None
        previous = self.by_year[-2] if len(self.by_year) > 1 else None
        self.contacts = f("lado.contacts", current.contacts if current else None)
        self.referrals = f("lado.referrals", current.referrals if current else None)
        self.previous_contacts = f("lado.previous_contacts", previous.contacts if previous else None)
        self.previous_referrals = f("lado.previous_referrals", previous.referrals if previous else None)
        strategy = sum(m.strategy for m in self.meetings_by_month)
        evaluation = sum(m.evaluation for m in self.meetings_by_month)
        self.strategy_meetings = f("lado.strategy_meetings", strategy)
        self.evaluation_meetings = f("lado.evaluation_meetings", evaluation)
        self.meetings = f("lado.meetings", strategy + evaluation)
        self.referrals_by_setting = f("lado.referrals_by_setting", sum(s.referrals for s in self.settings))
        outcome = {o.outcome.casefold(): o.count for o in self.outcomes}
        self.substantiated = f("lado.substantiated", outcome.get("substantiated"))
        self.unsubstantiated = f("lado.unsubstantiated", outcome.get("unsubstantiated"))
        self.unfounded = f("lado.unfounded", outcome.get("unfounded"))
        self.malicious = f("lado.malicious", outcome.get("malicious"))
        self.ongoing = f("lado.ongoing", None)
        self.within_one_month = f("lado.within_one_month", None, "percent")
        self.within_three_months = f("lado.within_three_months", None, "percent")
