"""Adult social care: safeguarding concerns, enquiries, outcomes and risk."""
from __future__ import annotations

from .family import Family, change, share


class AdultSocialCare(Family):
    def __init__(self, data):
        f = data.figures
        meta = data.meta
        self.monthly = data.rows("asc_monthly")
        self.abuse_types = data.rows("asc_abuse_types")
        self.age_groups = data.rows("asc_age_groups")
        self.five_year = data.rows("asc_five_year")
        self.msp_outcomes = data.rows("asc_msp_outcomes")
        self.risk_outcomes = data.rows("asc_risk_outcomes")
        n = len(self.monthly)
        concerns = sum(m.concerns for m in self.monthly)
        enquiries = sum(m.enquiries for m in self.monthly)
        concluded = sum(m.concluded for m in self.monthly)
        self.concerns = f("asc.concerns", concerns)
        self.enquiries = f("asc.enquiries", enquiries)
        self.concluded = f("asc.concluded", concluded)
        self.average_concerns = f("asc.average_concerns", round(concerns / n) if n else None)
        self.average_enquiries = f("asc.average_enquiries", round(enquiries / n) if n else None)
        self.average_concluded = f("asc.average_concluded", round(concluded / n) if n else None)
        by_year = {r.year: r for r in self.five_year}
        cur, prev = by_year.get(meta.current_year), by_year.get(meta.previous_year)
        self.current = cur
        self.previous = prev

        def fall(attr):
            c = change(getattr(prev, attr, None), getattr(cur, attr, None))
            return None if c is None else -c

        self.concerns_reduction = f("asc.concerns_reduction", fall("concerns"), "percent")
        self.enquiries_reduction = f("asc.enquiries_reduction", fall("enquiries"), "percent")
        self.concerns_per_100k_reduction = f("asc.concerns_per_100k_reduction",
                                             fall("concerns_per_100k_harrow"), "percent")
        self.enquiries_per_100k_reduction = f("asc.enquiries_per_100k_reduction",
                                              fall("enquiries_per_100k_harrow"), "percent")
        self.conversion_rate = f("asc.conversion_rate", share(enquiries, concerns), "percent")
        self.previous_conversion_rate = f("asc.previous_conversion_rate",
                                          share(getattr(prev, "enquiries", None), getattr(prev, "concerns", None)),
                                          "percent")
        prev_total = sum(r.previous_year or 0 for r in self.abuse_types)
        cur_total = sum(r.current_year for r in self.abuse_types)
        self.abuse_types_previous_total = f("asc.abuse_types_previous_total", prev_total)
        self.abuse_types_total = f("asc.abuse_types_total", cur_total)
        c = change(prev_total, cur_total)
        self.abuse_types_reduction = f("asc.abuse_types_reduction", None if c is None else -c, "percent")
        self.asked_outcomes = f("asc.asked_outcomes", None, "percent")
        self.previous_asked_outcomes = f("asc.previous_asked_outcomes", None, "percent")
        self.risk_identified = f("asc.risk_identified", None, "percent")
        self.previous_risk_identified = f("asc.previous_risk_identified", None, "percent")

    @staticmethod
    def month_conversion(row) -> float | None:
        return share(row.enquiries, row.concerns)

    @staticmethod
    def type_change(row) -> float | None:
        return change(row.previous_year, row.current_year)
