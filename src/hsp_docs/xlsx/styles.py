"""The workbook house style, defined in code as openpyxl NamedStyles.

Why code and not a template workbook: openpyxl cannot reliably copy styles (named styles,
table styles, the theme) from one workbook into a new one, and building each workbook *from*
a template would drag the template's sheets, defined names and properties along. A handful of
NamedStyles here keeps the house style in one place; they show in Excel's "Cell Styles"
gallery under these names, so a partner editing a pack can reuse them.

Styles are registered lazily and once per workbook; a data cell gets a precomputed style array
(one copy per cell, no Font/Alignment object built per cell).
"""
from __future__ import annotations

from openpyxl.styles import Alignment, Color, Font, NamedStyle, Protection

from ..parts import Column

TABLE_STYLE = "TableStyleLight1"  # black bold header, light banding: readable without colour

DATE_FORMAT = "d mmm yyyy"
LONG_DATE_FORMAT = "d mmmm yyyy"
MONTH_FORMAT = "mmm yyyy"

_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="top", wrap_text=True)


FONT = "Calibri"  # the workbook's Normal font: column widths are measured in its digits


def _font(*, bold: bool = False, size: float | None = None, **kw) -> Font:
    return Font(name=FONT, family=2, scheme="minor", sz=size or 11, b=bold or None, **kw)


def number_format(column: Column) -> str:
    """The Excel number format for a column's kind and decimal places."""
    decimals = "." + "0" * column.dp if column.dp > 0 else ""
    if column.kind == "count":
        return f"#,##0{decimals}"
    if column.kind == "money":
        return f"£#,##0{decimals}"
    if column.kind == "percent":
        return f"0{decimals}%"
    if column.kind == "date":
        return DATE_FORMAT
    if column.kind == "month":
        return MONTH_FORMAT
    return "General"


def _style(name: str, *, bold: bool = False, size: float | None = None, fmt: str = "General",
           wrap: bool = False, right: bool = False, unlocked: bool = False) -> NamedStyle:
    font = _font(bold=bold, size=size)
    alignment = _RIGHT if right else _WRAP if wrap else _TOP
    return NamedStyle(name=name, font=font, alignment=alignment, number_format=fmt,
                      protection=Protection(locked=False) if unlocked else Protection())


# Fixed styles: name -> factory. Data styles are made on demand by StyleBook.data().
TITLE = "Sheet title"
TEXT = "Sheet text"
LABEL = "Sheet label"
HEADER = "Table header"
HEADER_NUMBER = "Table header number"  # right-aligned over a column of numbers
CELL_TEXT = "Cell text"
CELL_WRAP = "Cell text wrapped"
ENTRY = "Entry cell"
ENTRY_DATE = "Entry date"
COVER_DATE = "Cover date"
LINK = "Hyperlink"  # Excel's built-in name, so it matches the gallery's "Hyperlink"

_FIXED = {
    TITLE: lambda: _style(TITLE, bold=True, size=14),
    TEXT: lambda: NamedStyle(name=TEXT, font=_font()),
    LABEL: lambda: _style(LABEL, bold=True),
    HEADER: lambda: _style(HEADER, bold=True, wrap=True),
    HEADER_NUMBER: lambda: _style(HEADER_NUMBER, bold=True, right=True),
    CELL_TEXT: lambda: _style(CELL_TEXT),
    CELL_WRAP: lambda: _style(CELL_WRAP, wrap=True),
    ENTRY: lambda: _style(ENTRY, wrap=True, unlocked=True),
    ENTRY_DATE: lambda: _style(ENTRY_DATE, fmt=DATE_FORMAT, unlocked=True),
    LINK: lambda: NamedStyle(name=LINK, builtinId=8, font=_font(color=Color(theme=10), u="single"),
                             alignment=_TOP),
    COVER_DATE: lambda: NamedStyle(name=COVER_DATE, number_format=LONG_DATE_FORMAT, font=_font(),
                                   alignment=Alignment(horizontal="left")),
}


class StyleBook:
    """The named styles of one workbook, registered on first use."""

    def __init__(self, workbook):
        self.workbook = workbook
        self._arrays: dict[str, object] = {}

    def name(self, name: str) -> str:
        """Register a fixed style if needed; return its name."""
        if name not in self._arrays:
            style = _FIXED[name]()
            self.workbook.add_named_style(style)
            self._arrays[name] = style.as_tuple()
        return name

    def data(self, column: Column, *, total: bool = False, wrap: bool = False) -> str:
        """The style for a data cell of this column: number format by kind and dp, bold totals.

        Numbers (and the shorthand that stands in for them) are right-aligned."""
        right = column.numeric
        if right:
            fmt, name = number_format(column), f"Cell {column.kind} {column.dp}dp"
        elif column.kind in {"date", "month"}:
            fmt, name = number_format(column), f"Cell {column.kind}"
        else:
            fmt, name = "General", CELL_WRAP if wrap else CELL_TEXT
        if total:
            name += " total"
        if name not in self._arrays:
            style = _style(name, bold=total, fmt=fmt, wrap=wrap and fmt == "General", right=right)
            self.workbook.add_named_style(style)
            self._arrays[name] = style.as_tuple()
        return name

    def array(self, name: str):
        """The registered style array of a style name (copied into each cell that uses it)."""
        if name not in self._arrays:
            self.name(name)
        return self._arrays[name]
