"""Months and dates as every output writes them: one format for each, set by the theme.

A format is written the way Excel writes number formats, so the same text sets the report's
words, the HTML edition's and the workbook's cell format: `mmm-yy` is "Apr-22", `mmmm yyyy`
"April 2022", `d mmmm yyyy` "1 April 2022", `dd/mm/yyyy` "01/04/2022". The codes are d, dd
(day), ddd, dddd (weekday name), m, mm (month number), mmm, mmmm (month name), yy, yyyy
(year); between them, spaces and the characters - / . , only. Month and weekday names are
English whatever the machine's locale (strftime's %b is not).

`DateStyle` holds the two formats (the theme's `month_format` and `date_format`); `month_of`
reads a month label back (the workbook's tidy view turns a column of them into dates).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CODE = re.compile(r"d{1,4}|m{1,4}|y{4}|y{2}|[ \-/.,]+")
DEFAULT_MONTH_FORMAT = "mmm-yy"  # the seed's month labels: "Apr-22" heads its tables
DEFAULT_DATE_FORMAT = "d mmmm yyyy"  # the seed's dates in words: "31 August 2023"


def _codes(pattern: str) -> list[str] | None:
    """The pattern split into codes and separators, or None when something in it is neither."""
    pieces = _CODE.findall(pattern)
    return pieces if "".join(pieces) == pattern else None


def format_problem(pattern: object, *, day: bool) -> str | None:
    """Why `pattern` cannot be a month format (day=False) or a date format (day=True), or None."""
    example = '"d mmmm yyyy"' if day else '"mmm-yy"'
    if not isinstance(pattern, str) or not pattern.strip():
        return f"must be a format such as {example}"
    pieces = _codes(pattern)
    if pieces is None:
        return (f"must be made of d, m and y codes with spaces or - / . , between them, such as {example}; "
                f"got {pattern!r}")
    has = {p[0] for p in pieces if p[0] in "dmy"}
    days = [p for p in pieces if p in ("d", "dd")]
    if "m" not in has or "y" not in has:
        return f"needs a month (m to mmmm) and a year (yy or yyyy), such as {example}; got {pattern!r}"
    if day and not days:
        return f"needs the day (d or dd), such as {example}; got {pattern!r}"
    if not day and "d" in has:
        return f"is a month's label: leave the day out, such as {example}; got {pattern!r}"
    return None


def format_date(when: dt.date, pattern: str) -> str:
    """`when` written in `pattern` (checked by format_problem)."""
    out = []
    for p in _codes(pattern) or [pattern]:
        out.append(_piece(when, p))
    return "".join(out)


def _piece(when: dt.date, code: str) -> str:
    return {
        "d": str(when.day), "dd": f"{when.day:02d}", "ddd": WEEKDAYS[when.weekday()][:3],
        "dddd": WEEKDAYS[when.weekday()], "m": str(when.month), "mm": f"{when.month:02d}",
        "mmm": MONTHS[when.month - 1][:3], "mmmm": MONTHS[when.month - 1], "yy": f"{when.year % 100:02d}",
        "yyyy": str(when.year),
    }.get(code, code)


def month_of(text: object, pattern: str) -> dt.date | None:
    """The first day of the month that `text`, written in the month format `pattern`, names; else None."""
    pieces = _codes(pattern) if isinstance(text, str) else None
    if not pieces:
        return None
    groups = {"m": r"(?P<m>\d{1,2})", "mm": r"(?P<m>\d{2})", "mmm": r"(?P<b>[A-Za-z]{3})",
              "mmmm": r"(?P<b>[A-Za-z]{3,9})", "yy": r"(?P<y>\d{2})", "yyyy": r"(?P<y>\d{4})"}
    regex = "".join(groups.get(p, re.escape(p)) for p in pieces)
    try:
        found = re.fullmatch(regex, str(text).strip())
    except re.error:  # a code twice (mmm-mmm): no such label
        return None
    if found is None:
        return None
    names = [m[:3].lower() for m in MONTHS]
    parts = found.groupdict()
    month = names.index(parts["b"][:3].lower()) + 1 if parts.get("b", "")[:3].lower() in names else \
        int(parts["m"]) if parts.get("m") else 0
    year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)
    return dt.date(year, month, 1) if 1 <= month <= 12 else None


@dataclass(frozen=True)
class DateStyle:
    """The report's month and date formats (the theme's month_format and date_format)."""

    month: str = DEFAULT_MONTH_FORMAT
    date: str = DEFAULT_DATE_FORMAT

    def month_label(self, when: dt.date) -> str:
        """A month as tables, charts and labels write it: "Apr-22"."""
        return format_date(when, self.month)

    def date_label(self, when: dt.date) -> str:
        """A day as the cover, the tables and the words write it: "16 October 2023"."""
        return format_date(when, self.date)

    def label(self, when: dt.date, month: bool) -> str:
        return self.month_label(when) if month else self.date_label(when)

    def read_month(self, text: object) -> dt.date | None:
        """A month label in this style read back to its first day, else None."""
        return month_of(text, self.month)


DEFAULT_DATES = DateStyle()
