"""Appendices: budget outturn, meeting attendance, the structure diagram, the record-level
tables report.toml declares, and the children's and adults' social care data (their own modules)."""
from __future__ import annotations

from ..inputs.values import Month
from ..parts import NOT_APPLICABLE, Column, Spread, Table
from . import adults_data, childrens_data
from .shapes import Slot, agency_names, labelled_table


def budget_outturn(data) -> Table:
    """The budget lines by category (report.toml's [[budget.categories]]), each category's total,
    total expenditure, and the net expenditure (or the surplus, worded by its own label)."""
    b = data.budget
    lab = data.labels("table:budget_outturn")
    rows, bold = [], set()
    for cat in b.categories:
        for line in b.lines_in(cat.key):
            rows.append([cat.name, line.line, line.amount])
        bold.add(len(rows))
        rows.append([cat.name, cat.total_label, b.totals[cat.key].value])
    bold.add(len(rows))
    rows.append([lab.row("expenditure"), lab.row("total_expenditure"), b.total_expenditure.value])
    bold.add(len(rows))
    net = b.net_expenditure.value
    if net is not None and net < 0:  # income exceeds expenditure: a surplus, printed as a positive amount
        rows.append([lab.row("net"), lab.row("surplus"), -net])
    else:
        rows.append([lab.row("net"), lab.row("net_expenditure"), net])
    slots = [Slot("category"), Slot("line"), Slot("amount", "money")]
    return labelled_table(lab, "budget_outturn", slots, rows, total_rows=frozenset(bold))


def _meetings_spread(meetings) -> Spread:
    """The meetings spread across an attendance table's columns, for the workbook's tidy view: a
    row per member and meeting (dated, or a month where the inputs give only the month), and each
    member's n/m total as meetings attended and meetings held."""
    n = len(meetings)
    months = all(isinstance(mt.meeting, Month) for mt in meetings)
    dimension = Column("Meeting", "month") if months else Column("Meeting date", "date")
    return Spread(dimension, tuple(range(1, n + 1)), tuple(mt.meeting for mt in meetings),
                  measure=Column("Meetings attended", "count"), summaries=((n + 1, "Total"),),
                  denominator=Column("Meetings held", "count"))


def attendance(data) -> list[Table]:
    """One table per board: its members (as the register names them, unless the labels say
    `names = "as written"`), a column per meeting and each member's n/m total."""
    tables = []
    for m in data.attendance:
        lab = data.labels("table:attendance", board=m.board.name, board_key=m.board.key)
        names = agency_names(data, [a.member for a in m.members], lab)
        slots = [Slot("member"), *(Slot("meeting", "count", header=mt.label) for mt in m.meetings),
                 Slot("total", "fraction")]  # n/m: right-aligned
        rows = [[name] + [NOT_APPLICABLE if x is None else int(x) for x in a.marks] + [a.total]
                for name, a in zip(names, m.members)]
        tables.append(labelled_table(lab, f"attendance_{m.board.key}", slots, rows, agency_slot="member",
                                     spread=_meetings_spread(m.meetings)))
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
