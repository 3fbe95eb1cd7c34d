"""Statistical disclosure control for tables of counts of people.

Primary suppression: a person count from 1 to the threshold is shown as [c]. Secondary
suppression: a line (a column within a group that has a total row, or a row whose total
column is the sum of other columns) with exactly one hidden cell would let anyone recover it
by subtraction, so the smallest other non-zero count in that line is hidden too, until no line
has exactly one. Zeros are never hidden (a true zero discloses nothing about a person), and
money, meetings and course counts are not person counts, so they are never hidden.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from ..parts import CONFIDENTIAL, Table

DEFAULT_THRESHOLD = 4


@dataclass(frozen=True)
class Rule:
    """The small-number suppression rule, as the pack cover states it."""

    threshold: int = DEFAULT_THRESHOLD

    @property
    def description(self) -> str:
        return (f"Counts of people from 1 to {self.threshold} are shown as [c] (confidential), and so is at "
                "least one other count in the same row or column, so that a hidden count cannot be worked out "
                "from a total. Zeros, money, meetings and course counts are not hidden.")


def _lines(table: Table) -> list[list[tuple[int, int]]]:
    """Groups of cells whose values add up: columns within total-row groups, and row sums."""
    lines = []
    person_cols = [i for i, c in enumerate(table.columns) if c.person_count]
    start = 0
    for r in sorted(table.total_rows):
        for c in person_cols:
            lines.append([(i, c) for i in range(start, r + 1)])
        start = r + 1
    for total_col, parts in table.row_sums:
        for r in range(len(table.rows)):
            lines.append([(r, total_col)] + [(r, c) for c in parts])
    return lines


def _is_count(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def suppress(table: Table, rule: Rule = Rule()) -> Table:
    """A copy of the table with small person counts, and what would reveal them, shown as [c]."""
    out = copy.copy(table)
    rows = [list(r) for r in table.rows]
    hidden: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            col = table.column_for(r, c)
            if col.person_count and _is_count(v) and 1 <= v <= rule.threshold:
                hidden.add((r, c))
    lines = _lines(table)
    changed = True
    while changed:
        changed = False
        for line in lines:
            cells = [(r, c) for r, c in line if _is_count(rows[r][c])]
            if sum((r, c) in hidden for r, c in cells) != 1:
                continue
            candidates = [(rows[r][c], r, c) for r, c in cells if (r, c) not in hidden and rows[r][c] != 0]
            if candidates:
                _, r, c = min(candidates)
                hidden.add((r, c))
                changed = True
    for r, c in hidden:
        rows[r][c] = CONFIDENTIAL
    out.rows = rows
    return out
