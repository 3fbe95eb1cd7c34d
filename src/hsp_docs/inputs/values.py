"""Parse one cell of input into a typed value, or say what was expected."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from ..model.month import Month

EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
# ISO dates and months, the form the bundled inputs use, are read without strptime (whose first
# call compiles its locale's patterns); every other accepted form goes through strptime below.
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


class BadValue(ValueError):
    """A cell did not hold what its column expects."""

    def __init__(self, expected: str, got: object):
        self.expected = expected
        self.got = got
        super().__init__(f"expected {expected}, got {got!r}")


def _number_text(raw: str, *, allow_pound: bool = False) -> str:
    s = raw.strip().replace("\u00a0", "").replace(" ", "")
    if allow_pound:
        s = s.replace("£", "")
    if s.startswith("(") and s.endswith(")"):
        s = "-" + s[1:-1]
    return s


def excel_precision(value: float) -> float:
    """Keep 15 significant digits, as Excel does, so CSV and workbook inputs load alike."""
    return float(f"{value:.15g}")


def parse_count(raw: object) -> int:
    expected = "a whole number >= 0"
    if isinstance(raw, bool):
        raise BadValue(expected, raw)
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not raw.is_integer():
            raise BadValue(expected, raw)
        value = int(raw)
    else:
        s = _number_text(str(raw))
        if not _NUMBER.match(s) or "." in s:
            raise BadValue(expected, raw)
        digits = s.replace(",", "")
        if len(digits.lstrip("+-0")) > 15:  # before int(): a 5,000-digit string is refused cheaply
            raise BadValue(expected + " of at most 15 digits (what a spreadsheet keeps)", _short(raw))
        value = int(digits)
    if value < 0:
        raise BadValue(expected, raw)
    if value >= 10**15:
        raise BadValue(expected + " of at most 15 digits (what a spreadsheet keeps)", _short(raw))
    return value


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text):,} characters)"


def parse_money(raw: object) -> Decimal:
    expected = "an amount in pounds, like 1,250 or £1,250.50"
    if isinstance(raw, bool):
        raise BadValue(expected, raw)
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    s = _number_text(str(raw), allow_pound=True)
    if not _NUMBER.match(s):
        raise BadValue(expected, raw)
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation:
        raise BadValue(expected, raw) from None
    if abs(value) >= Decimal("1e12"):
        raise BadValue(expected, raw)
    return value


def parse_percent(raw: object) -> float:
    """'26.5%' -> 0.265; a bare number is taken as a fraction (Excel stores 26.5% as 0.265)."""
    expected = "a percentage like 26.5% (or a fraction like 0.265)"
    if isinstance(raw, bool):
        raise BadValue(expected, raw)
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        s = str(raw).strip().replace(" ", "")
        is_pct = s.endswith("%")
        s = s.rstrip("%")
        if not _NUMBER.match(s):
            raise BadValue(expected, raw)
        number = Decimal(s.replace(",", ""))
        value = float(number / 100 if is_pct else number)
    if not -100 <= value <= 100:
        raise BadValue(expected, raw)
    return excel_precision(value)


def parse_proportion(raw: object) -> float:
    expected = "a fraction between 0 and 1"
    try:
        value = float(raw) if not isinstance(raw, bool) else None  # type: ignore[arg-type]  # bad raw: BadValue
    except (TypeError, ValueError):
        value = None
    if value is None or not 0 <= value <= 1:
        raise BadValue(expected, raw)
    return excel_precision(value)


def parse_date(raw: object) -> dt.date:
    expected = "a date like 2022-12-31 or 31/12/2022"
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if 1 <= raw < 2958466:
            return EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise BadValue(expected, raw)
    s = str(raw).strip()
    iso = _ISO_DATE.fullmatch(s)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            raise BadValue(expected, raw) from None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    if re.fullmatch(r"\d{5}", s):
        return parse_date(int(s))
    raise BadValue(expected, raw)


def parse_month(raw: object) -> dt.date:
    """A month, kept as the date of its first day."""
    expected = "a month like 2022-07"
    if isinstance(raw, (dt.date, dt.datetime, int, float)) and not isinstance(raw, bool):
        d = parse_date(raw)
        return d.replace(day=1)
    s = str(raw).strip()
    iso = _ISO_MONTH.fullmatch(s)
    if iso and 1 <= int(iso.group(2)) <= 12:
        return dt.date(int(iso.group(1)), int(iso.group(2)), 1)
    for fmt in ("%m/%Y", "%b-%y", "%B %Y", "%b %Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    try:
        return parse_date(s).replace(day=1)
    except BadValue:
        raise BadValue(expected, raw) from None


def parse_meeting(raw: object) -> dt.date:
    """A meeting's date (`2023-05-10`); or, as older inputs give it, its month (`2023-05`), a Month."""
    if isinstance(raw, (dt.date, dt.datetime, int, float)) and not isinstance(raw, bool):
        return parse_date(raw)
    s = str(raw).strip()
    try:
        return parse_date(s)
    except BadValue:
        pass
    try:
        m = parse_month(s)
    except BadValue:
        raise BadValue("a date like 2023-05-10 (or a month like 2023-05)", raw) from None
    return Month(m.year, m.month, 1)


def parse_yesno(raw: object) -> bool:
    expected = "1 or 0 (or yes/no)"
    s = str(raw).strip().lower()
    if isinstance(raw, bool):
        return raw
    if s in {"1", "1.0", "yes", "y", "true"}:
        return True
    if s in {"0", "0.0", "no", "n", "false"}:
        return False
    raise BadValue(expected, raw)


def parse_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, (dt.datetime, dt.date)):
        raw = raw.isoformat()[:10]
    return str(raw).strip()


PARSERS = {
    "text": parse_text,
    "count": parse_count,
    "money": parse_money,
    "percent": parse_percent,
    "proportion": parse_proportion,
    "date": parse_date,
    "month": parse_month,
    "meeting": parse_meeting,
    "yesno": parse_yesno,
}


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")
