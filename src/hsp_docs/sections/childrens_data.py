"""Children's social care data: contacts per quarter, sources, presenting issues, outcomes."""
from __future__ import annotations

from ..parts import Chart, Column, Derived, Series, Table


def contacts_quarterly(data) -> Table:
    rows = [[q.quarter, q.contacts, q.mashed] for q in data.csc.quarterly]
    cols = [Column("Quarter"), Column("Number of contacts", "count", person_count=True),
            Column("Number of contacts that were MASHed", "count", person_count=True)]
    return Table("csc_contacts_quarterly", "Number of contacts processed each quarter", cols, rows,
                 notes=["MASHed: contacts passed to the Multi-Agency Safeguarding Hub (MASH)."])


def share_table(key: str, title: str, name_header: str, count_header: str, rows, name_attr: str,
                total: bool = True, rank: bool = False) -> Table:
    """Named counts with their published share, and a computed total row."""
    out = [([r.rank] if rank else []) + [getattr(r, name_attr), r.count, r.percent] for r in rows]
    cols = ([Column("Rank", "count")] if rank else []) + [
        Column(name_header), Column(count_header, "count", person_count=True), Column("%", "percent", dp=1)]
    bold: frozenset[int] = frozenset()
    if total:
        bold = frozenset({len(out)})
        out.append(["Total", sum(r.count for r in rows), None if rank else ""])
        out[-1][-1] = ""
    return Table(key, title, cols, out, total_rows=bold, notes=["% as published by children's social care."],
                 derived=[Derived(len(cols) - 1, "share", (len(cols) - 2,))])


def count_chart(key: str, title: str, rows, name_attr: str, noun: str, limit: int | None = None) -> Chart:
    """A horizontal bar chart of named counts, largest first as listed."""
    rows = list(rows)[:limit] if limit else list(rows)
    desc = ", ".join(f"{getattr(r, name_attr)} {r.count:,}" for r in rows[:5])
    return Chart(key, title, "bar", [getattr(r, name_attr) for r in rows], [Series(noun.capitalize(),
                                                                                  [r.count for r in rows])],
                 alt=f"Bar chart of {title[0].lower() + title[1:]}. The largest are {desc}.",
                 value_axis_title=f"Number of {noun}", category_axis_title="", person_count=True)


OUTCOMES_TITLE = "Outcomes of completed contacts, year to date"


def parts(data) -> dict:
    c = data.csc
    return {
        "table:csc_contacts_quarterly": contacts_quarterly(data),
        "table:csc_contact_sources": share_table("csc_contact_sources", "Sources of contacts, year to date",
                                                 "Contacts YTD - Contact Source", "Count", c.sources, "source"),
        "chart:csc_contact_sources": count_chart("csc_contact_sources", "Sources of contacts, year to date",
                                                 c.sources, "source", "contacts", limit=10),
        "table:csc_presenting_issues": share_table("csc_presenting_issues", "Top 10 presenting issues, year to date",
                                                   "Presenting Issues YTD", "No.", c.issues, "issue",
                                                   total=False, rank=True),
        "chart:csc_presenting_issues": count_chart("csc_presenting_issues", "Top 10 presenting issues, year to date",
                                                   c.issues, "issue", "contacts"),
        "table:csc_abuse_neglect": share_table("csc_abuse_neglect", "Abuse and neglect presenting issues",
                                               "*Totalled Abuse and Neglect", "No.", c.abuse_neglect, "category"),
        "table:csc_contact_outcomes": share_table("csc_contact_outcomes", OUTCOMES_TITLE,
                                                  "Completed Contacts Outcomes YTD*", "Count", c.outcomes, "outcome"),
        "chart:csc_contact_outcomes": count_chart("csc_contact_outcomes", OUTCOMES_TITLE,
                                                  c.outcomes, "outcome", "contacts", limit=6),
    }
