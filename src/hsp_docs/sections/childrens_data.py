"""Children's social care data: contacts per quarter, sources, presenting issues, outcomes."""
from __future__ import annotations

from ..formatting import thousands
from ..parts import Chart, Derived, Table
from .shapes import Slot, labelled_chart, labelled_table


def contacts_quarterly(data) -> Table:
    rows = [[q.quarter, q.contacts, q.mashed] for q in data.csc.quarterly]
    slots = [Slot("quarter"), Slot("contacts", "count", person_count=True), Slot("mashed", "count", person_count=True)]
    return labelled_table(data.labels("table:csc_contacts_quarterly"), "csc_contacts_quarterly", slots, rows,
                          omit=data.blank_columns("csc_contacts_quarterly"))


def share_table(data, dataset: str, rows, name_attr: str, total: bool = True, rank: bool = False) -> Table:
    """Named counts with their published share (left out when none is given), and a computed total row."""
    lab = data.labels(f"table:{dataset}")
    out = [([r.rank] if rank else []) + [getattr(r, name_attr), r.count, r.percent] for r in rows]
    slots = ([Slot("rank", "count")] if rank else []) + [
        Slot(name_attr), Slot("count", "count", person_count=True), Slot("percent", "percent", dp=1)]
    bold: frozenset[int] = frozenset()
    if total:
        bold = frozenset({len(out)})
        out.append([lab.row("total"), sum(r.count for r in rows), ""])
    share = Derived(len(slots) - 1, "share", (len(slots) - 2,))  # left out with an empty percent column
    return labelled_table(lab, dataset, slots, out, omit=data.blank_columns(dataset), total_rows=bold,
                          derived=[share])


def count_chart(data, dataset: str, rows, name_attr: str, limit: int | None = None) -> Chart:
    """A horizontal bar chart of named counts, largest first as listed."""
    rows = list(rows)[:limit] if limit else list(rows)
    desc = ", ".join(f"{getattr(r, name_attr)} {thousands(r.count)}" for r in rows[:5])
    return labelled_chart(data.labels(f"chart:{dataset}"), dataset, "bar", [getattr(r, name_attr) for r in rows],
                          [("count", [r.count for r in rows])], f"The largest are {desc}.", person_count=True)


def parts(data) -> dict:
    c = data.csc
    return {
        "table:csc_contacts_quarterly": contacts_quarterly(data),
        "table:csc_contact_sources": share_table(data, "csc_contact_sources", c.sources, "source"),
        "chart:csc_contact_sources": count_chart(data, "csc_contact_sources", c.sources, "source", limit=10),
        "table:csc_presenting_issues": share_table(data, "csc_presenting_issues", c.issues, "issue", total=False,
                                                   rank=True),
        "chart:csc_presenting_issues": count_chart(data, "csc_presenting_issues", c.issues, "issue"),
        "table:csc_abuse_neglect": share_table(data, "csc_abuse_neglect", c.abuse_neglect, "category"),
        "table:csc_contact_outcomes": share_table(data, "csc_contact_outcomes", c.outcomes, "outcome"),
        "chart:csc_contact_outcomes": count_chart(data, "csc_contact_outcomes", c.outcomes, "outcome", limit=6),
    }
