"""Appendices: budget outturn, meeting attendance, the structure diagram, and the children's
and adults' social care data (their own modules)."""
from __future__ import annotations

from . import adults_data, childrens_data
from ..parts import NOT_APPLICABLE, Column, Table


def budget_outturn(data) -> Table:
    b = data.budget
    labels = {"income": "Total Income", "staffing": "Total Staffing & consultancy expenditure",
              "delivery": "Total Delivery Costs"}
    totals = {"income": b.total_income, "staffing": b.total_staffing, "delivery": b.total_delivery}
    rows, bold = [], set()
    for cat in b.CATEGORIES:
        for line in b.lines_in(cat):
            rows.append([cat.title(), line.line, line.amount])
        bold.add(len(rows))
        rows.append([cat.title(), labels[cat], totals[cat].value])
    bold.add(len(rows))
    rows.append(["Expenditure", "Total Expenditure", b.total_expenditure.value])
    bold.add(len(rows))
    rows.append(["Net", f"Net Expenditure funded by {b.funder}", b.net_expenditure.value])
    cols = [Column("Category"), Column("Budget line"), Column("Outturn", "money", unit="£")]
    return Table("budget_outturn", f"{data.meta.partnership} budget outturn {data.meta.current_year}", cols, rows,
                 total_rows=frozenset(bold))


def attendance(data) -> list[Table]:
    tables = []
    for m in data.attendance:
        cols = [Column(m.board.name)] + [Column(mt.label, "count") for mt in m.meetings] + [Column("Total")]
        rows = [[a.member] + [NOT_APPLICABLE if x is None else int(x) for x in a.marks] + [a.total]
                for a in m.members]
        t = Table(f"attendance_{m.board.key}", f"Attendance at {m.board.name} ({m.board.key}) meetings", cols,
                  rows, notes=["1 = attended, 0 = did not attend; Total = meetings attended / meetings held."],
                  agency_column=m.board.name)
        tables.append(t)
    return tables


def parts(data) -> dict:
    out = {"table:budget_outturn": budget_outturn(data), "table:attendance": attendance(data)}
    if "partnership_structure" in data.images:
        out["image:partnership_structure"] = data.images["partnership_structure"]
    out.update(childrens_data.parts(data))
    out.update(adults_data.parts(data))
    return out
