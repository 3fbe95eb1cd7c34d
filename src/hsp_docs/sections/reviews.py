"""The reviews table: each review of reviews.csv with its findings and the actions taken, printed
from the data (a narrative places it with [[table: reviews]]). Placing it places every review
whose own `section` column is empty, for `hsp-docs check --statutory`."""
from __future__ import annotations

from ..parts import NOT_APPLICABLE, Column, Table

TYPES = {"sar": "Safeguarding adults review", "cspr": "Child safeguarding practice review",
         "rapid review": "Rapid review", "learning review": "Learning review",
         "national review": "National child safeguarding practice review", "other": "Other review"}


def reviews_table(data) -> Table:
    cols = [Column("Review"), Column("Type"), Column("Status"), Column("Concluded", "date"), Column("Findings"),
            Column("Actions taken")]
    rows = [[r.review, TYPES.get(r.type, r.type), r.status.capitalize(),
             r.concluded if r.concluded else NOT_APPLICABLE if r.status == "ongoing" else None,
             r.findings, r.actions] for r in data.rows("reviews")]
    return Table("reviews", f"Reviews concluded or ongoing, {data.meta.current_year}", cols, rows,
                 landscape=True, source="reviews.csv")


def parts(data) -> dict:
    return {"table:reviews": reviews_table(data)}
