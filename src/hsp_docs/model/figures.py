"""A figure: the value the library computes, beside the value the source states."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


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


def format_number(value: float | int | Decimal | None, kind: str = "count", dp: int = 0) -> str:
    """The house format: thousands separators, % to dp places, money in £."""
    if value is None:
        return "[x]"
    if kind == "percent":
        return f"{float(value) * 100:,.{dp}f}%"
    if kind == "money":
        v = Decimal(value)
        return f"£{v:,.0f}" if v == v.to_integral_value() else f"£{v:,.2f}"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.{dp}f}"
    return f"{int(value):,}"


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
        return format_number(self.value, self.kind, self.dp)

    @property
    def computed(self) -> str:
        return format_number(self.value, self.kind, self.dp)


class FigureBook:
    """Makes Figures, attaching the stated value of the same key, and records which keys exist."""

    def __init__(self, stated: dict[str, Stated]):
        self.stated = stated
        self.known: dict[str, Figure] = {}

    def __call__(self, key: str, value, kind: str = "count", dp: int = 0) -> Figure:
        f = Figure(key, value, kind, self.stated.get(key), dp)
        self.known[key] = f
        return f
