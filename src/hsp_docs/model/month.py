"""A month named without a day, where the inputs may give a date or a month."""
from __future__ import annotations

import datetime as dt


class Month(dt.date):
    """A month given without a day (`2023-05`), where a date may be given: kept as its first day."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Month({self:%Y-%m})"
