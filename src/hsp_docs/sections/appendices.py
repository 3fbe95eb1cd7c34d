"""Appendices: budget outturn, meeting attendance and the record-level tables report.toml
declares (the children's and adults' social care data have their own modules)."""
from __future__ import annotations

from ..labels import Labels
from ..model.month import Month
from ..parts import NOT_APPLICABLE, Column, Spread, Table
from .declare import PARTS, table
from .shapes import Slot, agency_names, labelled_table


@table("budget_outturn", datasets="budget", owner="budget", what="the budget outturn table",
       title="Budget outturn {current_year}",
       columns={"category": "Category", "line": "Budget line", "amount": "Outturn"}, units={"amount": "£"},
       rows={"expenditure": "Expenditure", "total_expenditure": "Total expenditure", "net": "Net",
             "net_expenditure": "Net expenditure", "surplus": "Surplus"})
def budget_outturn(data, lab: Labels) -> Table:
    """The budget lines by category (report.toml's [[budget.categories]]), each category's total,
    total expenditure, and the net expenditure (or the surplus, worded by its own label)."""
    b = data.budget
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
    return labelled_table(lab, slots, rows, total_rows=frozenset(bold))


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


@table("attendance", datasets="meetings attendance board_members", owner="attendance", per_board=True,
       what="the tables of board meeting attendance",
       title="Attendance at {board} meetings",
       columns={"member": "Member", "total": "Total"},
       notes={"marks": "1 = attended, 0 = did not attend; Total = meetings attended / meetings held."},
       fields=("board", "board_key"), names="register")
def attendance(data, labels: Labels) -> list[Table]:
    """One table per board: its members (as the register names them, unless the labels say
    `names = "as written"`), a column per meeting and each member's n/m total."""
    tables = []
    for m in data.attendance:
        lab = labels.with_values(board=m.board.name, board_key=m.board.key)
        names = agency_names(data, [a.member for a in m.members], lab)
        slots = [Slot("member"), *(Slot("meeting", "count", header=mt.label) for mt in m.meetings),
                 Slot("total", "fraction")]  # n/m: right-aligned
        rows = [[name] + [NOT_APPLICABLE if x is None else int(x) for x in a.marks] + [a.total]
                for name, a in zip(names, m.members)]
        tables.append(labelled_table(lab, slots, rows, agency_slot="member", spread=_meetings_spread(m.meetings),
                                     key=PARTS[lab.part].board_table(m.board.key)))
    return tables


def record_table(a, in_report: bool = True) -> Table:
    """A record-level appendix (model.appendices.AppendixTable) as a table of the report, or of
    the workbook alone (whose notes say so)."""
    cols = [Column(c.name, c.kind, unit=c.unit, dp=c.places(r[i] for r in a.rows)) for i, c in enumerate(a.columns)]
    notes = [*a.notes, *([] if in_report else ["Published in this workbook only: the report does not print it."])]
    return Table(a.key, a.title, cols, [list(r) for r in a.rows], notes=notes, source=a.source,
                 landscape=a.landscape)

