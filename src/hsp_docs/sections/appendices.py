"""Appendices: budget outturn, meeting attendance, the structure diagram, the record-level
tables report.toml declares, and the children's and adults' social care data (their own modules)."""
from __future__ import annotations

from ..parts import NOT_APPLICABLE, Column, Spread, Table
from . import adults_data, childrens_data


def budget_outturn(data) -> Table:
    """The budget lines by category (report.toml's [[budget.categories]]), each category's total,
    total expenditure and the net expenditure its funder meets."""
    b = data.budget
    rows, bold = [], set()
    for cat in b.categories:
        for line in b.lines_in(cat.key):
            rows.append([cat.name, line.line, line.amount])
        bold.add(len(rows))
        rows.append([cat.name, cat.total_label, b.totals[cat.key].value])
    bold.add(len(rows))
    rows.append(["Expenditure", "Total Expenditure", b.total_expenditure.value])
    bold.add(len(rows))
    net = f"Net Expenditure funded by {b.funder}" if b.funder else "Net Expenditure"
    rows.append(["Net", net, b.net_expenditure.value])
    cols = [Column("Category"), Column("Budget line"), Column("Outturn", "money", unit="£")]
    return Table("budget_outturn", f"{data.meta.partnership} budget outturn {data.meta.current_year}", cols, rows,
                 total_rows=frozenset(bold))


def attendance(data) -> list[Table]:
    tables = []
    for m in data.attendance:
        cols = [Column(m.board.name)] + [Column(mt.label, "count") for mt in m.meetings] + [Column("Total")]
        rows = [[a.member] + [NOT_APPLICABLE if x is None else int(x) for x in a.marks] + [a.total]
                for a in m.members]
        n = len(m.meetings)
        spread = Spread(Column("Meeting", "month"), tuple(range(1, n + 1)), tuple(mt.meeting for mt in m.meetings),
                        measure=Column("Meetings attended", "count"), summaries=((n + 1, "Total"),),
                        denominator=Column("Meetings held", "count"))
        t = Table(f"attendance_{m.board.key}", f"Attendance at {m.board.name} ({m.board.key}) meetings", cols,
                  rows, notes=["1 = attended, 0 = did not attend; Total = meetings attended / meetings held."],
                  agency_column=m.board.name, spread=spread)
        tables.append(t)
    return tables


def record_table(a, in_report: bool = True) -> Table:
    """A record-level appendix (model.appendices.AppendixTable) as a table of the report, or of
    the workbook alone (whose notes say so)."""
    cols = [Column(c.name, c.kind, unit=c.unit, dp=c.places(r[i] for r in a.rows)) for i, c in enumerate(a.columns)]
    notes = [*a.notes, *([] if in_report else ["Published in this workbook only: the report does not print it."])]
    return Table(a.key, a.title, cols, [list(r) for r in a.rows], notes=notes, source=a.source,
                 landscape=a.landscape)


def parts(data) -> dict:
    out = {"table:budget_outturn": budget_outturn(data), "table:attendance": attendance(data)}
    if "partnership_structure" in data.images:
        out["image:partnership_structure"] = data.images["partnership_structure"]
    out.update(childrens_data.parts(data))
    out.update(adults_data.parts(data))
    return out
