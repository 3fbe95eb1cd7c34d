"""Base for a family of datasets that exposes named Figures to the narrative."""
from __future__ import annotations

from ..disclosure.facts import total_of
from .figures import Figure


class Family:
    def figures(self) -> dict[str, Figure]:
        return {k: v for k, v in vars(self).items() if isinstance(v, Figure)}


def change(previous, current) -> float | None:
    """Fractional change from previous to current, or None when it cannot be computed."""
    if previous in (None, 0) or current is None:
        return None
    return (current - previous) / previous


def share(part, whole) -> float | None:
    if part is None or not whole:
        return None
    return part / whole


def total(values) -> int | float | None:
    """The sum of a dataset's column; None (not yet known) when the dataset has no rows, or a value
    is missing, so a draft year shows [to be completed] rather than 0."""
    values = list(values)
    if not values or any(v is None for v in values):
        return None
    return total_of(values)
