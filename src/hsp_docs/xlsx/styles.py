"""The workbook house style, defined in code as named cell styles, and written as xl/styles.xml.

Why code and not a template workbook: building each workbook *from* a template would drag the
template's sheets, defined names and properties along, and copying styles between workbooks
is unreliable. A handful of named styles here keeps the house style in one place; they show in
Excel's "Cell Styles" gallery under these names, so a partner editing a pack can reuse them.

Styles are registered lazily, once per workbook. A cell refers to its style by index (an `xf`
in styles.xml): the writer looks the index up once per style, never builds a style per cell.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..dates import DEFAULT_DATES, DateStyle
from ..ooxml.xml import esc
from ..parts import Column

TABLE_STYLE = "TableStyleLight1"  # black bold header, light banding: readable without colour
FONT = "Calibri"  # the workbook's Normal font: column widths are measured in its digits


# Excel's built-in number formats that we use (a custom format gets an id from 164 up).
BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}

# Fonts, by index in styles.xml: Normal, bold, title, hyperlink.
_FONTS = (
    f'<font><sz val="11"/><color theme="1"/><name val="{FONT}"/><family val="2"/><scheme val="minor"/></font>',
    f'<font><b/><sz val="11"/><color theme="1"/><name val="{FONT}"/><family val="2"/><scheme val="minor"/></font>',
    f'<font><b/><sz val="14"/><color theme="1"/><name val="{FONT}"/><family val="2"/><scheme val="minor"/></font>',
    f'<font><u/><sz val="11"/><color theme="10"/><name val="{FONT}"/><family val="2"/><scheme val="minor"/></font>',
)
PLAIN, BOLD, BIG, LINKED = range(4)
ENTRY_FILL = 2  # a pale yellow fill (and a thin border) for the cells a reader fills in
_FILLS = ('<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>',
          '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/>'
          '</patternFill></fill>')
_BORDERS = ('<border><left/><right/><top/><bottom/><diagonal/></border>',
            '<border><left style="thin"><color rgb="FF7F7F7F"/></left><right style="thin"><color rgb="FF7F7F7F"/>'
            '</right><top style="thin"><color rgb="FF7F7F7F"/></top><bottom style="thin"><color rgb="FF7F7F7F"/>'
            '</bottom><diagonal/></border>')


def number_format(column: Column, dates: DateStyle = DEFAULT_DATES) -> str:
    """The Excel number format for a column's kind and decimal places; a date or month in the
    theme's format (hsp_docs.dates writes them as Excel does)."""
    decimals = "." + "0" * column.dp if column.dp > 0 else ""
    if column.kind == "count":
        return f"#,##0{decimals}"
    if column.kind == "money":
        return f"£#,##0{decimals}"
    if column.kind == "percent":
        return f"0{decimals}%"
    if column.kind == "date":
        return dates.date
    if column.kind == "month":
        return dates.month
    return "General"


@dataclass(frozen=True, eq=False)
class Style:
    """A named cell style: font, number format, alignment, and whether the cell is locked."""

    name: str
    font: int = PLAIN
    fmt: str = "General"
    horizontal: str | None = None  # None, "left", "right"
    vertical: str | None = "top"
    wrap: bool = False
    unlocked: bool = False
    builtin_id: int | None = None  # Excel's own styles (Hyperlink is 8)
    fill: int = 0  # index in styles.xml's fills: ENTRY_FILL shades the cells left to fill in

    def alignment_xml(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in (("horizontal", self.horizontal), ("vertical", self.vertical),
                                                     ("wrapText", "1" if self.wrap else None)) if v)
        return f"<alignment{attrs}/>" if attrs else ""


def _style(name: str, *, bold: bool = False, size: float | None = None, fmt: str = "General",
           wrap: bool = False, right: bool = False, unlocked: bool = False) -> Style:
    font = BIG if size else BOLD if bold else PLAIN
    fill = ENTRY_FILL if unlocked else 0
    if right:
        return Style(name, font, fmt, horizontal="right", wrap=True, unlocked=unlocked, fill=fill)
    return Style(name, font, fmt, wrap=wrap, unlocked=unlocked, fill=fill)


# Fixed styles: name -> factory. Data styles are made on demand by StyleBook.data().
TITLE = "Sheet title"
TEXT = "Sheet text"
TEXT_WRAP = "Sheet text wrapped"
LINK_WRAP = "Hyperlink wrapped"
LABEL = "Sheet label"
HEADER = "Table header"
HEADER_NUMBER = "Table header number"  # right-aligned over a column of numbers
CELL_TEXT = "Cell text"
CELL_WRAP = "Cell text wrapped"
ENTRY = "Entry cell"
ENTRY_DATE = "Entry date"
COVER_DATE = "Cover date"
LINK = "Hyperlink"  # Excel's built-in name, so it matches the gallery's "Hyperlink"

_FIXED: dict = {
    TITLE: lambda: _style(TITLE, bold=True, size=14),
    TEXT: lambda: Style(TEXT, vertical=None),
    TEXT_WRAP: lambda: Style(TEXT_WRAP, wrap=True),
    LINK_WRAP: lambda: Style(LINK_WRAP, LINKED, wrap=True),
    LABEL: lambda: _style(LABEL, bold=True),
    HEADER: lambda: _style(HEADER, bold=True, wrap=True),
    HEADER_NUMBER: lambda: _style(HEADER_NUMBER, bold=True, right=True),
    CELL_TEXT: lambda: _style(CELL_TEXT),
    CELL_WRAP: lambda: _style(CELL_WRAP, wrap=True),
    ENTRY: lambda: _style(ENTRY, wrap=True, unlocked=True),
    ENTRY_DATE: lambda dates: _style(ENTRY_DATE, fmt=dates.date, unlocked=True),
    LINK: lambda: Style(LINK, LINKED, builtin_id=8),
    COVER_DATE: lambda dates: Style(COVER_DATE, fmt=dates.date, horizontal="left", vertical=None),
}


class StyleBook:
    """The named styles of one workbook, registered on first use, and the cell formats (xf
    indexes) that refer to them. `quote` formats add Excel's quote prefix, for text that must
    stay text when edited (it looks like a formula)."""

    def __init__(self, dates: DateStyle = DEFAULT_DATES):
        self.dates = dates  # the theme's month and date formats, for the date cells
        self._styles: dict[str, Style] = {}
        self._xfs: dict[tuple[str, bool], int] = {}  # (style name, quote prefix) -> cellXfs index

    def name(self, name: str) -> str:
        """Register a fixed style if needed; return its name."""
        if name not in self._styles:
            make = _FIXED[name]
            self._styles[name] = make(self.dates) if name in (ENTRY_DATE, COVER_DATE) else make()
        return name

    def data(self, column: Column, *, total: bool = False, wrap: bool = False) -> str:
        """The style for a data cell of this column: number format by kind and dp, bold totals.

        Numbers (and the shorthand that stands in for them) are right-aligned."""
        right = column.numeric
        if right:
            fmt, name = number_format(column), f"Cell {column.kind} {column.dp}dp"
        elif column.kind in {"date", "month"}:
            fmt, name = number_format(column, self.dates), f"Cell {column.kind}"
        else:
            fmt, name = "General", CELL_WRAP if wrap else CELL_TEXT
        if total:
            name += " total"
        if name not in self._styles:
            self._styles[name] = _style(name, bold=total, fmt=fmt, wrap=wrap and fmt == "General", right=right)
        return name

    def xf(self, name: str, quote: bool = False) -> int:
        """The cell format index of a style (registering both as needed)."""
        key = (name, quote)
        index = self._xfs.get(key)
        if index is None:
            if name not in self._styles:
                self.name(name)
            index = self._xfs[key] = len(self._xfs) + 1  # 0 is Normal
        return index

    # --- styles.xml --------------------------------------------------------------------------
    def xml(self) -> str:
        styles = list(self._styles.values())
        style_index = {s.name: i for i, s in enumerate(styles, 1)}  # 0 is Normal
        formats: dict[str, int] = {}
        for s in styles:
            if s.fmt not in BUILTIN_FORMATS and s.fmt not in formats:
                formats[s.fmt] = 164 + len(formats)

        def fmt_id(s: Style) -> int:
            return BUILTIN_FORMATS.get(s.fmt, formats.get(s.fmt, 0))

        def xf(s: Style, extra: str = "", quote: bool = False) -> str:
            align, locked = s.alignment_xml(), '<protection locked="0"/>' if s.unlocked else ""
            applies = (f' applyNumberFormat="{int(s.fmt != "General")}" applyFont="{int(s.font != PLAIN)}"'
                       f' applyAlignment="{int(bool(align))}" applyProtection="{int(s.unlocked)}"')
            q = ' quotePrefix="1"' if quote else ""
            fill = f' fillId="{s.fill}" borderId="{1 if s.fill else 0}" applyFill="{int(bool(s.fill))}"' \
                f' applyBorder="{int(bool(s.fill))}"'
            return (f'<xf numFmtId="{fmt_id(s)}" fontId="{s.font}"{fill}{extra}{q}{applies}>'
                    f"{align}{locked}</xf>")

        num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{esc(code)}"/>' for code, i in formats.items())
        style_xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'] + [xf(s) for s in styles]
        cell_xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        for (name, quote), _ in sorted(self._xfs.items(), key=lambda kv: kv[1]):
            s = self._styles[name]
            cell_xfs.append(xf(s, f' xfId="{style_index[name]}"', quote))
        cell_styles = ['<cellStyle name="Normal" xfId="0" builtinId="0"/>'] + [
            f'<cellStyle name="{esc(s.name)}" xfId="{i}"'
            + (f' builtinId="{s.builtin_id}"' if s.builtin_id is not None else "") + "/>"
            for i, s in enumerate(styles, 1)]
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                + (f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>' if formats else "")
                + f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
                f'<fills count="{len(_FILLS)}">{"".join(_FILLS)}</fills>'
                f'<borders count="{len(_BORDERS)}">{"".join(_BORDERS)}</borders>'
                f'<cellStyleXfs count="{len(style_xfs)}">{"".join(style_xfs)}</cellStyleXfs>'
                f'<cellXfs count="{len(cell_xfs)}">{"".join(cell_xfs)}</cellXfs>'
                f'<cellStyles count="{len(cell_styles)}">{"".join(cell_styles)}</cellStyles>'
                '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" '
                'defaultPivotStyle="PivotStyleLight16"/></styleSheet>')
