"""Reviews as data: each review in reviews.csv checked against the report's placements.

- a concluded review must have its findings and the actions taken, in a section of the report;
- a review ongoing at the year's end must be listed (placed in a section of the report);
- a finding the board decided not to implement must carry its reason.

A review is placed by its `section` column: the key of a [[sections]] entry of report.toml that
the built report shows; or, with that column empty, by the report's reviews table
([[table: reviews]], printed from this data). These are checked from the data, never by reading
the words.
"""
from __future__ import annotations

from ..checks.findings import Finding
from ..checks.owners import owner_of
from .placement import placement_problem

FILE = "reviews.csv"


def review_label(r) -> str:
    return f"'{r.review}' ({_TYPES.get(r.type, r.type)}, {r.status})"


_TYPES = {"sar": "safeguarding adults review", "cspr": "child safeguarding practice review"}


def in_year(r, meta) -> bool | None:
    """Did a concluded review conclude within the report's period? None when its date is not given."""
    if r.concluded is None:
        return None
    return meta.period_start <= r.concluded <= meta.period_end


def check_reviews(data, shown: dict[str, str], table_in: str | None = None) -> list[Finding]:
    """Problems with each review of reviews.csv. `shown`: key -> title of the sections the report
    shows; `table_in`: the shown section that places [[table: reviews]], which gives every review
    whose section column is empty."""
    meta = data.meta
    severity = "warning" if meta.draft else "error"
    owner = owner_of(data, "reviews")
    out = []

    def add(r, check, column, message, sev=severity):
        out.append(Finding(sev, check, FILE, f"{review_label(r)}: {message}", r._row, column, owner=owner))

    for r in data.rows("reviews"):
        placed = placement_problem(r.section or table_in, meta, shown)
        if placed:
            add(r, "review-not-placed", "section", placed)
        if r.status == "concluded":
            if not r.findings:
                add(r, "review-no-findings", "findings", "concluded, but the report gives no findings for it.")
            if not r.actions:
                add(r, "review-no-actions", "actions", "concluded, but the report gives no actions taken on it.")
            when = in_year(r, meta)
            if when is None:
                add(r, "review-date", "concluded", "no date concluded, so whether it concluded in "
                    f"{meta.current_year} cannot be told.", "warning")
            elif r.concluded > meta.period_end:
                add(r, "review-date", "concluded", f"concluded on {r.concluded:%-d %B %Y}, after the year's end: "
                    "at the end of the year it was ongoing, and the report should list it as such.", "warning")
        elif r.concluded is not None and r.concluded <= meta.period_end:
            add(r, "review-date", "concluded", f"ongoing, but dated concluded {r.concluded:%-d %B %Y}, within "
                "the year: is its status right?", "warning")
        if r.not_implemented and not r.reason:
            add(r, "review-no-reason", "reason", "a finding the board decided not to implement "
                f"({r.not_implemented!r}) has no reason given.")
        elif r.reason and not r.not_implemented:
            add(r, "review-no-reason", "not_implemented", "a reason is given, but not the finding it was for.",
                "warning")
    return out
