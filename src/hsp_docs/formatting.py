"""Numbers as the report prints them: the one place a figure is formatted for display.

The Word tables, the narrative's figures and filters, chart alt text and `check`'s messages all
format through here, so a count, a percentage or an amount of money reads the same everywhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Shorthand:
    """A cell that holds no number, with the spreadsheet standard's code for why."""

    code: str  # "[x]" not available, "[z]" not applicable, "[c]" confidential
    meaning: str

    def __str__(self) -> str:
        return self.code


NOT_AVAILABLE = Shorthand("[x]", "not available")
NOT_APPLICABLE = Shorthand("[z]", "not applicable")
CONFIDENTIAL = Shorthand("[c]", "confidential")
SHORTHANDS = (NOT_AVAILABLE, NOT_APPLICABLE, CONFIDENTIAL)


def format_number(value: float | int | Decimal | None, kind: str = "count", dp: int = 0) -> str:
    """The house format: thousands separators, % to dp places, money in £."""
    if value is None:
        return NOT_AVAILABLE.code
    if kind == "percent":
        return f"{float(value) * 100:,.{dp}f}%"
    if kind == "money":  # whole pounds, with pence where there are any; or always dp places
        v = Decimal(value)
        if v < 0:  # -£1,250, not £-1,250
            return "-" + format_number(-v, kind, dp)
        if dp:
            return f"£{v:,.{dp}f}"
        return f"£{v:,.0f}" if v == v.to_integral_value() else f"£{v:,.2f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{dp}f}"
    return f"{int(value):,}"


def thousands(value: int | float) -> str:
    """A number with thousands separators and its own precision: 1,234; 12.5; 1,234.5."""
    return f"{value:,}"
