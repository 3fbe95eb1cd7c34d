"""Children's social care: contacts, their sources, presenting issues and outcomes."""
from __future__ import annotations

from ..formatting import format_number
from .family import Family, share, total
from .figures import TO_BE_COMPLETED, Figure, Stated


class ChildrensSocialCare(Family):
    def __init__(self, data):
        f = data.figures
        self._book = f
        self.quarterly = data.rows("csc_contacts_quarterly")
        self.sources = data.rows("csc_contact_sources")
        self.issues = data.rows("csc_presenting_issues")
        self.abuse_neglect = data.rows("csc_abuse_neglect")
        self.outcomes = data.rows("csc_contact_outcomes")
        # the sources of contacts together; without them, the quarters' contacts together
        self.total_contacts = f("csc.total_contacts", total(s.count for s in self.sources) if self.sources
                                else total(q.contacts for q in self.quarterly))
        self.abuse_neglect_total = f("csc.abuse_neglect_total", total(r.count for r in self.abuse_neglect))
        self.outcomes_total = f("csc.outcomes_total", total(r.count for r in self.outcomes))
        self.top_source = max(self.sources, key=lambda s: s.count).source if self.sources else TO_BE_COMPLETED
        self.top_issue = min(self.issues, key=lambda s: s.rank).issue if self.issues else TO_BE_COMPLETED

    def _share(self, key, rows, name_attr, name, total, dp, published=True) -> Figure:
        row = next((r for r in rows if getattr(r, name_attr).casefold() == name.casefold()), None)
        value = share(row.count, total) if row else None
        stated = None
        if published and row is not None and row.percent is not None:
            stated = Stated(key, format_number(row.percent, "percent", 1), row.percent, row._row)
        return Figure(key, value, "percent", stated, dp)

    def source_share(self, name: str) -> Figure:
        total = sum(s.count for s in self.sources)
        return self._share(f"csc.source_share({name})", self.sources, "source", name, total, 1)

    def source_group_share(self, prefix: str) -> Figure:
        total = sum(s.count for s in self.sources)
        part = sum(s.count for s in self.sources if s.source.casefold().startswith(prefix.casefold()))
        return Figure(f"csc.source_group_share({prefix})", share(part, total), "percent", None, 1)

    def issue_share(self, name: str) -> Figure:
        return self._share(f"csc.issue_share({name})", self.issues, "issue", name, None, 1)

    def outcome_share(self, name: str) -> Figure:
        total = sum(o.count for o in self.outcomes)
        return self._share(f"csc.outcome_share({name})", self.outcomes, "outcome", name, total, 0,
                           published=False)
