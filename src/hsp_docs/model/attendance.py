"""Board meeting attendance: one matrix per board, member x meeting, with n/m totals."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class MemberAttendance:
    """One member's marks across a board's meetings, and the total the source states."""

    member: str
    marks: tuple[bool | None, ...]  # None: no record for that meeting
    stated: str | None
    row: int

    @property
    def attended(self) -> int:
        return sum(1 for m in self.marks if m)

    @property
    def held(self) -> int:
        return sum(1 for m in self.marks if m is not None)

    @property
    def total(self) -> str:
        return f"{self.attended}/{self.held}"


@dataclass(frozen=True, eq=False)
class AttendanceMatrix:
    """A board's attendance: its meetings and each member's marks."""

    board: object  # model.report.Board
    meetings: tuple  # MeetingsRow
    members: tuple[MemberAttendance, ...]


def attendance_matrices(data) -> list[AttendanceMatrix]:
    out = []
    meetings = data.rows("meetings")
    records = data.rows("attendance")
    stated = {(t.board, t.member): t.stated for t in data.rows("attendance_totals")}
    for board in data.meta.boards:
        held = tuple(m for m in meetings if m.board == board.key)  # in the order the inputs list them
        rows = [r for r in records if r.board == board.key]
        if not held and not rows:
            continue
        listed = [m.member for m in data.rows("board_members") if m.board == board.key]
        members = list(dict.fromkeys([*listed, *(r.member for r in rows)]))
        mats = []
        for name in members:
            mine = {r.meeting: r for r in rows if r.member == name}
            marks = tuple(mine[m.meeting].attended if m.meeting in mine else None for m in held)
            first = min((r._row for r in mine.values()), default=0)
            mats.append(MemberAttendance(name, marks, stated.get((board.key, name)), first))
        out.append(AttendanceMatrix(board, held, tuple(mats)))
    return out
