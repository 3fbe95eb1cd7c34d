"""Training and development: the CSA events and the multi-agency courses."""
from __future__ import annotations

from ..parts import Column, Table


def csa_events(data) -> Table:
    t = data.training
    rows, totals = [], []
    for event, orgs in t.csa_event_rows():
        for a in orgs:
            rows.append([event.date, event.course, event.host or "", a.organisation, a.attended])
        totals.append(len(rows))
        rows.append([event.date, event.course, event.host or "", "Total", sum(a.attended for a in orgs)])
    cols = [Column("Date", "date"), Column("Training course"), Column("Host"),
            Column("Organisation/setting attendance"), Column("No. attended", "count", person_count=True)]
    return Table("csa_events", "Child sexual abuse training events and attendance by organisation", cols, rows,
                 total_rows=frozenset(totals), agency_column="Organisation/setting attendance")


def multi_agency_courses(data) -> Table:
    t = data.training
    rows = [[c.course, c.delegates, c.attended, c.not_attended] for c in t.courses]
    rows.append(["Total", t.delegates.value, t.attended.value, t.not_attended.value])
    cols = [Column("Name"), Column("Delegate No", "count"), Column("Attended", "count"),
            Column("Not Attended", "count")]  # a course's attendance: published, about no one in particular
    return Table("multi_agency_courses", f"Multi-agency training courses {data.meta.current_year}", cols, rows,
                 total_rows=frozenset({len(rows) - 1}), row_sums=[(1, [2, 3])])


def parts(data) -> dict:
    return {"table:csa_events": csa_events(data), "table:multi_agency_courses": multi_agency_courses(data)}
