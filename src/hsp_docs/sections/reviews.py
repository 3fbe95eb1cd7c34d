"""The reviews table: each review of reviews.csv with its findings and the actions taken, printed
from the data (a narrative places it with [[table: reviews]]). Placing it places every review
whose own `section` column is empty, for `hsp-docs check --statutory`."""
from __future__ import annotations

from ..labels import Labels
from ..parts import NOT_APPLICABLE, Table
from .declare import table
from .shapes import Slot, labelled_table


@table("reviews", datasets="reviews", owner="reviews",
       what="the table of reviews, their findings and the actions taken",
       title="Reviews concluded or ongoing, {current_year}",
       columns={"review": "Review", "type": "Type", "status": "Status", "concluded": "Concluded",
                "findings": "Findings", "actions": "Actions taken"},
       rows={"sar": "Safeguarding adults review", "cspr": "Child safeguarding practice review",
             "rapid review": "Rapid review", "learning review": "Learning review",
             "national review": "National child safeguarding practice review", "other": "Other review"})
def reviews_table(data, lab: Labels) -> Table:
    """Each review, its type named by the labels' rows (a type they do not name prints as written)."""
    rows = [[r.review, lab.row_or(r.type, r.type), r.status.capitalize(),
             r.concluded if r.concluded else NOT_APPLICABLE if r.status == "ongoing" else None,
             r.findings, r.actions] for r in data.rows("reviews")]
    slots = [Slot("review"), Slot("type"), Slot("status"), Slot("concluded", "date"), Slot("findings"),
             Slot("actions")]
    return labelled_table(lab, slots, rows, landscape=True)
