"""Training and development: the CSA events and the multi-agency courses."""
from __future__ import annotations

from ..labels import Labels
from ..parts import Table
from .declare import table
from .shapes import Slot, agency_names, labelled_table


@table("csa_events", datasets="csa_events csa_event_attendance", owner="training",
       what="the table of child sexual abuse training events",
       title="Child sexual abuse training events and attendance by organisation",
       columns={"date": "Date", "course": "Training course", "host": "Host", "organisation": "Organisation",
                "attended": "Attended"},
       rows={"total": "Total"}, names="register")
def csa_events(data, lab: Labels) -> Table:
    """One group of rows per event (its date, course and host printed once, on its first row),
    its organisations beneath; each course's web address from csa_events.csv as a note."""
    t = data.training
    total = lab.row("total")
    rows, totals = [], []
    for event, orgs in t.csa_event_rows():
        about = [event.date, event.course, event.host or ""]
        for a, name in zip(orgs, agency_names(data, [a.organisation for a in orgs], lab)):
            rows.append([*about, name, a.attended])
        totals.append(len(rows))
        rows.append([*about, total, sum(a.attended for a in orgs)])
    slots = [Slot("date", "date"), Slot("course"), Slot("host"), Slot("organisation"),
             Slot("attended", "count", person_count=True)]
    omit = {"host"} & data.blank_columns("csa_events")
    events = labelled_table(lab, slots, rows, omit, agency_slot="organisation", total_rows=frozenset(totals),
                            group_columns=3 - len(omit))
    websites = dict.fromkeys((e.course, e.website) for e in t.csa_events if e.website)
    events.notes += [f"{course}: {website}" for course, website in websites]
    return events


@table("multi_agency_courses", datasets="training_courses", owner="training", in_packs=True,
       what="the table of multi-agency training courses",
       title="Multi-agency training courses {current_year}",
       columns={"course": "Course", "delegates": "Delegates", "attended": "Attended", "not_attended": "Did not attend"},
       rows={"total": "Total"})
def multi_agency_courses(data, lab: Labels) -> Table:
    t = data.training
    rows = [[c.course, c.delegates, c.attended, c.not_attended] for c in t.courses]
    rows.append([lab.row("total"), t.delegates.value, t.attended.value, t.not_attended.value])
    # a course's attendance: published, about no one in particular
    slots = [Slot("course"), *(Slot(n, "count") for n in ("delegates", "attended", "not_attended"))]
    return labelled_table(lab, slots, rows, total_rows=frozenset({len(rows) - 1}), row_sums=[(1, [2, 3])])
