"""Priorities as data: priorities.csv lists the partnership's agreed priorities with the year's
progress on each. A priority with little or no progress must carry its analysis (why, and what
next), and every priority is placed in a section of the report (its `section` column)."""
from __future__ import annotations

from ..checks.findings import Finding
from ..checks.owners import owner_of
from .placement import placement_problem

FILE = "priorities.csv"
STALLED = "little or no progress"


def check_priorities(data, shown: dict[str, str]) -> list[Finding]:
    severity = "warning" if data.meta.draft else "error"
    owner = owner_of(data, "priorities")
    out = []
    for r in data.rows("priorities"):
        placed = placement_problem(r.section, data.meta, shown)
        if placed:
            out.append(Finding(severity, "priority-not-placed", FILE, f"'{r.priority}': {placed}", r._row,
                               "section", owner=owner))
        if r.progress == STALLED and not r.analysis:
            out.append(Finding(severity, "priority-no-analysis", FILE, f"'{r.priority}' made {STALLED}, but no "
                               "analysis of why (and what next) is given.", r._row, "analysis", owner=owner))
    return out
