"""Board meeting attendance: one matrix per board, member x meeting, with n/m totals.

A meeting is dated (`2023-05-10`) or, in older inputs, given by its month (`2023-05`, a
Month). An attendance row names its meeting the same way: by date, or by month while the
board met once that month. `attendance_problems` says what does not fit: a row naming no
meeting, or one the month cannot tell apart, and a member recorded twice at one meeting."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..dates import DateStyle
from .month import Month


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
class Meeting:
    """A meeting of a board: its row of meetings.csv, with the label its table prints."""

    board: str
    meeting: dt.date  # a date, or a Month
    label: str
    _row: int


@dataclass(frozen=True, eq=False)
class AttendanceMatrix:
    """A board's attendance: its meetings and each member's marks."""

    board: object  # model.report.Board
    meetings: tuple[Meeting, ...]
    members: tuple[MemberAttendance, ...]


def meeting_label(row, dates: DateStyle) -> str:
    """The meeting's label as meetings.csv gives it, else its date or month in the theme's
    formats ("10 May 2023", "May-23")."""
    if row.label:
        return row.label
    return dates.label(row.meeting, month=isinstance(row.meeting, Month))


def _when(d: dt.date) -> str:
    return f"{d:%Y-%m}" if isinstance(d, Month) else d.isoformat()


def matching(held, ref: dt.date) -> list[int]:
    """The indexes of a board's meetings that an attendance row's meeting (a date or a Month) names."""
    if isinstance(ref, Month):
        return [i for i, m in enumerate(held) if (m.meeting.year, m.meeting.month) == (ref.year, ref.month)]
    return [i for i, m in enumerate(held) if m.meeting == ref or (
        isinstance(m.meeting, Month) and (m.meeting.year, m.meeting.month) == (ref.year, ref.month))]


def attendance_problems(meetings, records) -> list[tuple[str, int, str, str]]:
    """(dataset, row, column, message) for each meeting listed twice, each attendance row that
    names no meeting of its board or cannot tell two apart, and each member recorded twice at a meeting."""
    out = []
    by_board: dict[str, list] = {}
    for m in meetings:
        held = by_board.setdefault(m.board, [])
        same = [h for h in held if matching([h], m.meeting) or matching([m], h.meeting)]
        if same and (not isinstance(m.meeting, Month) and not isinstance(same[0].meeting, Month)):
            out.append(("meetings", m._row, "meeting", f"board {m.board}'s meeting of {_when(m.meeting)} is "
                        f"listed twice (rows {same[0]._row} and {m._row}): keep one"))
        elif same:
            out.append(("meetings", m._row, "meeting", f"board {m.board} has two meetings in "
                        f"{m.meeting:%B %Y} (rows {same[0]._row} and {m._row}): give each meeting's date, "
                        "like 2023-05-10"))
        held.append(m)
    seen: dict[tuple, int] = {}
    for r in records:
        held = by_board.get(r.board, [])
        found = matching(held, r.meeting)
        if not found:
            out.append(("attendance", r._row, "meeting", f"board {r.board} has no meeting "
                        f"{'in' if isinstance(r.meeting, Month) else 'on'} {_when(r.meeting)} in meetings.csv"))
            continue
        if len(found) > 1:
            out.append(("attendance", r._row, "meeting", f"board {r.board} met {len(found)} times in "
                        f"{r.meeting:%B %Y}: give the meeting's date (" + ", ".join(
                            _when(held[i].meeting) for i in found) + ")"))
            continue
        key = (r.board, r.member.strip().casefold(), found[0])
        if key in seen:
            out.append(("attendance", r._row, "member", f"{r.member} at board {r.board}'s meeting of "
                        f"{_when(held[found[0]].meeting)} is recorded twice (rows {seen[key]} and {r._row}): "
                        "keep one"))
        else:
            seen[key] = r._row
    return out


def attendance_matrices(data) -> list[AttendanceMatrix]:
    out = []
    records = data.rows("attendance")
    stated = {(t.board, t.member): t.stated for t in data.rows("attendance_totals")}
    for board in data.meta.boards:
        rows_held = [m for m in data.rows("meetings") if m.board == board.key]  # in the order the inputs list them
        held = tuple(Meeting(m.board, m.meeting, meeting_label(m, data.meta.theme.dates), m._row) for m in rows_held)
        rows = [r for r in records if r.board == board.key]
        if not held and not rows:
            continue
        listed = [m.member for m in data.rows("board_members") if m.board == board.key]
        members = list(dict.fromkeys([*listed, *(r.member for r in rows)]))
        mats = []
        for name in members:
            marks: list[bool | None] = [None] * len(held)
            mine = [r for r in rows if r.member == name]
            for r in mine:
                found = matching(held, r.meeting)
                if len(found) == 1:
                    marks[found[0]] = r.attended
            first = min((r._row for r in mine), default=0)
            mats.append(MemberAttendance(name, tuple(marks), stated.get((board.key, name)), first))
        out.append(AttendanceMatrix(board, held, tuple(mats)))
    return out
