"""Children's social care data: contacts per quarter, sources, presenting issues, outcomes."""
from __future__ import annotations

from ..formatting import thousands
from ..labels import Labels
from ..parts import Chart, Derived, Table
from .declare import chart, table
from .shapes import Slot, labelled_chart, labelled_table

_SHARE_NOTE = {"percent": "Percentages as published."}
_CONTACTS = {"series": {"count": "Contacts"}, "axes": {"value": "Number of contacts", "category": ""}}


@table("csc_contacts_quarterly", datasets="csc_contacts_quarterly", owner="csc", in_packs=True,
       what="the table of children's social care contacts by quarter",
       title="Contacts by quarter",
       columns={"quarter": "Quarter", "contacts": "Contacts",
                "mashed": "Contacts passed to the multi-agency safeguarding hub"})
def contacts_quarterly(data, lab: Labels) -> Table:
    rows = [[q.quarter, q.contacts, q.mashed] for q in data.csc.quarterly]
    slots = [Slot("quarter"), Slot("contacts", "count", person_count=True), Slot("mashed", "count", person_count=True)]
    return labelled_table(lab, slots, rows, omit=data.blank_columns("csc_contacts_quarterly"))


def share_table(data, lab: Labels, rows, name_attr: str, total: bool = True, rank: bool = False) -> Table:
    """Named counts with their published share (left out when none is given), and a computed total
    row; the dataset is the part's own (its key)."""
    out = [([r.rank] if rank else []) + [getattr(r, name_attr), r.count, r.percent] for r in rows]
    slots = ([Slot("rank", "count")] if rank else []) + [
        Slot(name_attr), Slot("count", "count", person_count=True), Slot("percent", "percent", dp=1)]
    bold: frozenset[int] = frozenset()
    if total:
        bold = frozenset({len(out)})
        out.append([lab.row("total"), sum(r.count for r in rows), ""])
    share = Derived(len(slots) - 1, "share", (len(slots) - 2,))  # left out with an empty percent column
    return labelled_table(lab, slots, out, omit=data.blank_columns(lab.key), total_rows=bold, derived=[share])


def count_chart(lab: Labels, rows, name_attr: str, limit: int | None = None) -> Chart:
    """A horizontal bar chart of named counts, largest first as listed."""
    rows = list(rows)[:limit] if limit else list(rows)
    desc = ", ".join(f"{getattr(r, name_attr)} {thousands(r.count)}" for r in rows[:5])
    return labelled_chart(lab, "bar", [getattr(r, name_attr) for r in rows], [("count", [r.count for r in rows])],
                          f"The largest are {desc}.", person_count=True)


@table("csc_contact_sources", datasets="csc_contact_sources", owner="csc",
       what="the table of sources of contacts",
       title="Sources of contacts, year to date",
       columns={"source": "Source", "count": "Contacts", "percent": "%"}, rows={"total": "Total"}, notes=_SHARE_NOTE)
def contact_sources(data, lab: Labels) -> Table:
    return share_table(data, lab, data.csc.sources, "source")


@chart("csc_contact_sources", datasets="csc_contact_sources", owner="csc",
       what="the chart of sources of contacts",
       title="Sources of contacts, year to date", **_CONTACTS)
def contact_sources_chart(data, lab: Labels) -> Chart:
    return count_chart(lab, data.csc.sources, "source", limit=10)


@table("csc_presenting_issues", datasets="csc_presenting_issues", owner="csc",
       what="the table of the top presenting issues",
       title="Top presenting issues, year to date",
       columns={"rank": "Rank", "issue": "Presenting issue", "count": "Contacts", "percent": "%"}, notes=_SHARE_NOTE)
def presenting_issues(data, lab: Labels) -> Table:
    return share_table(data, lab, data.csc.issues, "issue", total=False, rank=True)


@chart("csc_presenting_issues", datasets="csc_presenting_issues", owner="csc",
       what="the chart of the top presenting issues",
       title="Top presenting issues, year to date", **_CONTACTS)
def presenting_issues_chart(data, lab: Labels) -> Chart:
    return count_chart(lab, data.csc.issues, "issue")


@table("csc_abuse_neglect", datasets="csc_abuse_neglect", owner="csc",
       what="the table of abuse and neglect issues",
       title="Abuse and neglect presenting issues",
       columns={"category": "Category", "count": "Contacts", "percent": "%"}, rows={"total": "Total"},
       notes=_SHARE_NOTE)
def abuse_neglect(data, lab: Labels) -> Table:
    return share_table(data, lab, data.csc.abuse_neglect, "category")


@table("csc_contact_outcomes", datasets="csc_contact_outcomes", owner="csc",
       what="the table of contact outcomes",
       title="Outcomes of completed contacts, year to date",
       columns={"outcome": "Outcome", "count": "Contacts", "percent": "%"}, rows={"total": "Total"},
       notes=_SHARE_NOTE)
def contact_outcomes(data, lab: Labels) -> Table:
    return share_table(data, lab, data.csc.outcomes, "outcome")


@chart("csc_contact_outcomes", datasets="csc_contact_outcomes", owner="csc",
       what="the chart of contact outcomes",
       title="Outcomes of completed contacts, year to date", **_CONTACTS)
def contact_outcomes_chart(data, lab: Labels) -> Chart:
    return count_chart(lab, data.csc.outcomes, "outcome", limit=6)
