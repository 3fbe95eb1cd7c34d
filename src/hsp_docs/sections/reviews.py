"""The reviews table: each review of reviews.csv with its findings and the actions taken, printed
from the data (a narrative places it with [[table: reviews]]). Placing it places every review
whose own `section` column is empty, for `hsp-docs check --statutory`."""
from __future__ import annotations

from ..parts import NOT_APPLICABLE, Table
from .shapes import Slot, labelled_table


def reviews_table(data) -> Table:
    """Each review, its type named by the labels' rows (a type they do not name prints as written)."""
    lab = data.labels("table:reviews")
    rows = [[r.review, lab.row_or(r.type, r.type), r.status.capitalize(),
             r.concluded if r.concluded else NOT_APPLICABLE if r.status == "ongoing" else None,
             r.findings, r.actions] for r in data.rows("reviews")]
    slots = [Slot("review"), Slot("type"), Slot("status"), Slot("concluded", "date"), Slot("findings"),
             Slot("actions")]
    return labelled_table(lab, "reviews", slots, rows, landscape=True)


def parts(data) -> dict:
    return {"table:reviews": reviews_table(data)}
