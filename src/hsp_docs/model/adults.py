"""Adult social care: safeguarding concerns, enquiries, outcomes and risk.

Previous-year figures (the types of abuse, last year's concerns and enquiries, Making
Safeguarding Personal and risk outcomes) come from last year's inputs folder when it sits
beside this one (see model/previous.py), else from this year's previous-year columns.
"""
from __future__ import annotations

from .family import Family, change, share, total
from .previous import find_year


class AdultSocialCare(Family):
    def __init__(self, data):
        f = data.figures
        meta = data.meta
        prior = data.prior
        self.monthly = data.rows("asc_monthly")
        self.abuse_types = prior.with_last_year("asc_abuse_types", "abuse_type")
        self.age_groups = data.rows("asc_age_groups")
        self.five_year = prior.five_year(data.rows("asc_five_year"))
        self.msp_outcomes = prior.with_last_year("asc_msp_outcomes", "outcome")
        self.risk_outcomes = prior.with_last_year("asc_risk_outcomes", "outcome")
        n = len(self.monthly)
        concerns = total(m.concerns for m in self.monthly)
        enquiries = total(m.enquiries for m in self.monthly)
        concluded = total(m.concluded for m in self.monthly)
        self.concerns = f("asc.concerns", concerns)
        self.enquiries = f("asc.enquiries", enquiries)
        self.concluded = f("asc.concluded", concluded)
        self.average_concerns = f("asc.average_concerns", round(concerns / n) if n else None)
        self.average_enquiries = f("asc.average_enquiries", round(enquiries / n) if n else None)
        self.average_concluded = f("asc.average_concluded", round(concluded / n) if n else None)
        cur = find_year(self.five_year, meta.current_year)
        prev = find_year(self.five_year, meta.previous_year)
        self.current = cur
        self.previous = prev

        def fall(attr):
            c = change(getattr(prev, attr, None), getattr(cur, attr, None))
            return None if c is None else -c

        self.concerns_reduction = f("asc.concerns_reduction", fall("concerns"), "percent")
        self.enquiries_reduction = f("asc.enquiries_reduction", fall("enquiries"), "percent")
        self.concerns_per_100k_reduction = f("asc.concerns_per_100k_reduction",
                                             fall("concerns_per_100k_local"), "percent")
        self.enquiries_per_100k_reduction = f("asc.enquiries_per_100k_reduction",
                                              fall("enquiries_per_100k_local"), "percent")
        self.conversion_rate = f("asc.conversion_rate", share(enquiries, concerns), "percent")
        previous_rate = share(getattr(prev, "enquiries", None), getattr(prev, "concerns", None))
        self.previous_conversion_rate = prior.figure_for(
            "asc.previous_conversion_rate", "asc.conversion_rate", previous_rate, "percent",
            prior.uses_folder("asc_five_year") or prior.uses_folder("asc_monthly"))
        types = self.abuse_types
        prev_total = sum(r.previous_year or 0 for r in types) if types else None  # a new type: none last year
        cur_total = total(r.current_year for r in types)
        # the total of this table's previous-year column (last year's own total may cover types
        # this year does not list: check_previous_year reports those)
        self.abuse_types_previous_total = f("asc.abuse_types_previous_total", prev_total)
        self.abuse_types_total = f("asc.abuse_types_total", cur_total)
        c = change(prev_total, cur_total)
        self.abuse_types_reduction = f("asc.abuse_types_reduction", None if c is None else -c, "percent")
        self.asked_outcomes = f.stated_only("asc.asked_outcomes", "percent")
        self.previous_asked_outcomes = prior.figure_for("asc.previous_asked_outcomes", "asc.asked_outcomes",
                                                      None, "percent", stated_only=True)
        self.risk_identified = f.stated_only("asc.risk_identified", "percent")
        self.previous_risk_identified = prior.figure_for("asc.previous_risk_identified", "asc.risk_identified",
                                                       None, "percent", stated_only=True)

    @staticmethod
    def month_conversion(row) -> float | None:
        return share(row.enquiries, row.concerns)

    @staticmethod
    def type_change(row) -> float | None:
        return change(row.previous_year, row.current_year)
