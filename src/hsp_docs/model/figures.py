"""A figure: the value the library computes, beside the value the source states."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..formatting import format_number

TO_BE_COMPLETED = "[to be completed]"
"""What prose shows for a figure with no data and no stated value: a gap to fill before publishing.
(Tables keep the spreadsheet standard's [x], "not available".)"""


@dataclass(frozen=True)
class Stated:
    """A figure as published: its text and, where it reads as a number, that number."""

    key: str
    text: str
    number: float | None
    row: int | None = None


def parse_stated(key: str, text: str, row: int | None = None) -> Stated:
    s = text.strip().replace(",", "").replace("£", "")
    pct = s.endswith("%")
    try:
        number = float(s.rstrip("%"))
        if pct:
            number /= 100
    except ValueError:
        number = None
    return Stated(key, text.strip(), number, row)


@dataclass(frozen=True)
class Figure:
    """A figure for prose: prints as published where the source states it, else as computed."""

    key: str
    value: float | int | Decimal | None
    kind: str = "count"  # count, percent, money
    stated: Stated | None = None
    dp: int = 0

    def __str__(self) -> str:
        if self.stated is not None:
            return self.stated.text
        if self.value is None:
            return TO_BE_COMPLETED
        return format_number(self.value, self.kind, self.dp)

    @property
    def abs(self) -> Figure:
        """The figure without its sign, for prose that says the direction in words:
        "contacts {{ lado.contacts_change.word('rose', 'fell') }} by {{ lado.contacts_change.abs }}"."""
        stated = self.stated and Stated(self.key, self.stated.text.lstrip("+-−"),
                                        None if self.stated.number is None else abs(self.stated.number),
                                        self.stated.row)
        value = None if self.value is None else -self.value if self.value < 0 else self.value
        return Figure(self.key, value, self.kind, stated, self.dp)

    def word(self, up: str, down: str, same: str = "did not change") -> str:
        """One of three words by the figure's sign (a change): up, down or same; [to be completed] if unknown."""
        number = self.stated.number if self.stated is not None and self.stated.number is not None else self.value
        if number is None:
            return TO_BE_COMPLETED
        return up if number > 0 else down if number < 0 else same

    @property
    def missing(self) -> bool:
        """Neither computed nor stated: the prose shows [to be completed]."""
        return self.value is None and self.stated is None

    @property
    def computed(self) -> str:
        return format_number(self.value, self.kind, self.dp)


class FigureBook:
    """Makes Figures, attaching the stated value of the same key, and records which keys exist."""

    def __init__(self, stated: dict[str, Stated]):
        self.stated = stated
        self.known: dict[str, Figure] = {}
        self.stated_only_keys: set[str] = set()  # figures no dataset gives: stated_figures.csv alone

    def __call__(self, key: str, value, kind: str = "count", dp: int = 0, *, stated=...) -> Figure:
        """A figure with this year's stated value of its key; or with `stated` given (a previous-year
        figure taken from last year's inputs carries last year's statement, not this year's)."""
        f = Figure(key, value, kind, self.stated.get(key) if stated is ... else stated, dp)
        self.known[key] = f
        return f

    def stated_only(self, key: str, kind: str = "count", dp: int = 0) -> Figure:
        """A figure no dataset gives: it comes from stated_figures.csv alone."""
        self.stated_only_keys.add(key)
        return self(key, None, kind, dp)
