"""Training and development: the CSA events and the multi-agency courses."""
from __future__ import annotations

from ..parts import Table
from .shapes import Slot, agency_names, labelled_table


def csa_events(data) -> Table:
    t = data.training
    lab = data.labels("table:csa_events")
    total = lab.row("total")
    rows, totals = [], []
    for event, orgs in t.csa_event_rows():
        for a, name in zip(orgs, agency_names(data, [a.organisation for a in orgs], lab)):
            rows.append([event.date, event.course, event.host or "", name, a.attended])
        totals.append(len(rows))
        rows.append([event.date, event.course, event.host or "", total, sum(a.attended for a in orgs)])
    slots = [Slot("date", "date"), Slot("course"), Slot("host"), Slot("organisation"),
             Slot("attended", "count", person_count=True)]
    omit = {"host"} & data.blank_columns("csa_events")
    return labelled_table(lab, "csa_events", slots, rows, omit, agency_slot="organisation",
                          total_rows=frozenset(totals))


def multi_agency_courses(data) -> Table:
    t = data.training
    lab = data.labels("table:multi_agency_courses")
    rows = [[c.course, c.delegates, c.attended, c.not_attended] for c in t.courses]
    rows.append([lab.row("total"), t.delegates.value, t.attended.value, t.not_attended.value])
    # a course's attendance: published, about no one in particular
    slots = [Slot("course"), *(Slot(n, "count") for n in ("delegates", "attended", "not_attended"))]
    return labelled_table(lab, "multi_agency_courses", slots, rows, total_rows=frozenset({len(rows) - 1}),
                          row_sums=[(1, [2, 3])])


def parts(data) -> dict:
    return {"table:csa_events": csa_events(data), "table:multi_agency_courses": multi_agency_courses(data)}
