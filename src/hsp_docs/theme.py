"""The house style: fonts, sizes, colours, month and date formats, the logo and the cover's
panel, set by configuration and read by every writer.

One `Theme` object is the only place the report's colours and fonts live: the Word writer
(its styles and table header rows, `docx/house_style.py`), the one chart writer of the Word report
and the workbook (`ooxml/chart.py`) and the HTML edition (`html/style.py`,
`html/charts.py`) all read it. A partnership sets its own in report.toml's `[theme]` table, or
in a `theme.toml` beside report.toml (report.toml's `[theme]` wins where both give a key);
anything not set keeps the default below, the Harrow report's look.

The default palette alternates dark and mid tones, so that each chart colour has at least 3:1
contrast against the white background and against the colours next to it (WCAG 1.4.11);
`contrast_ratio` is the one WCAG formula in the package. `theme_problems` is what `hsp-docs
check` reports about a configured theme's colours, and `series_problems` what it reports about
the series each chart of the report draws side by side. Months and dates are written by
`Theme.dates` (hsp_docs.dates), the cover's panel drawn by hsp_docs.cover_art.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields

from .dates import DEFAULT_DATE_FORMAT, DEFAULT_MONTH_FORMAT, DateStyle, format_problem

TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text against its background
GRAPHIC_CONTRAST = 3.0  # WCAG 1.4.11: chart colours against the background and each other

_HEX = re.compile(r"[0-9A-Fa-f]{6}")

# Lines are told apart by more than colour: each palette slot also has a marker (solid shapes
# only, which stay visible at any size) and a dash style, in every chart writer.
MARKERS = ("circle", "square", "triangle", "diamond")
DASHES = ("solid", "dash", "sysDot", "lgDash", "dashDot", "lgDashDot", "sysDash", "lgDashDotDot")


@dataclass(frozen=True)
class Theme:
    """Fonts (names and point sizes) and colours (RRGGBB) of every output."""

    font: str = "Arial"  # body text, tables, charts
    heading_font: str = "Arial"
    body_size: float = 11.0  # pt
    chart_text_size: float = 9.0  # pt
    text: str = "262626"  # chart and page text
    background: str = "FFFFFF"
    heading_colour: str = "1F3864"  # headings, captions, the title
    table_header_fill: str = "1F3864"
    table_header_text: str = "FFFFFF"
    palette: tuple[str, ...] = ("1F3864", "E36C0A", "4B1F6F", "00968F", "6B1D1D", "6A9A3A", "1E3F1A", "3A89C9")
    axis_line: str = "808080"
    gridline: str = "D9D9D9"
    focus: str = "C55A11"  # the HTML edition's focus ring (4.3:1 on white)
    placeholder: str = "C00000"  # the label under a stand-in picture (5.9:1 on white)
    chapter_new_page: bool = True  # each numbered section starts on a new page
    contents_levels: int = 2  # the heading levels the contents lists (1 to 3)
    month_format: str = DEFAULT_MONTH_FORMAT  # a month in tables, charts and labels: "Apr-22" (hsp_docs.dates)
    date_format: str = DEFAULT_DATE_FORMAT  # a day on the cover, in tables and words: "16 October 2023"
    cover_panel: bool = True  # the cover's decorative panel in the theme's colours (hsp_docs.cover_art)
    logo: str = ""  # the partnership's logo, a file in the inputs folder, where report.toml's [cover] names none
    logo_alt: str = ""  # its alternative text

    def series_colour(self, slot: int) -> str:
        """The colour of a series' slot (see parts.Report.key_colours): the same name, the same colour."""
        return self.palette[slot % len(self.palette)]

    @property
    def dates(self) -> DateStyle:
        """The month and date formats, as one formatter (hsp_docs.dates)."""
        return DateStyle(self.month_format, self.date_format)

    @property
    def body_half_points(self) -> int:
        return round(self.body_size * 2)

    @property
    def chart_text_hundredths(self) -> int:
        return round(self.chart_text_size * 100)


DEFAULT_THEME = Theme()
MAX_CONTENTS_LEVELS = 3  # the master template's contents styles: TOC 1 to TOC 3
COLOUR_KEYS = ("text", "background", "heading_colour", "table_header_fill", "table_header_text", "axis_line",
               "gridline", "focus", "placeholder")


def contrast_ratio(colour: str, against: str = "FFFFFF") -> float:
    """WCAG contrast ratio between two sRGB colours given as RRGGBB."""

    def luminance(h: str) -> float:
        def channel(v: int) -> float:
            c = v / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    hi, lo = sorted((luminance(colour), luminance(against)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _colour(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, str) and _HEX.fullmatch(value.lstrip("#")):
        return value.lstrip("#").upper(), None
    return None, f"[theme] {key} must be a colour as RRGGBB, such as \"1F3864\", got {value!r}"


def _palette(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, list) and len(value) >= 2 and all(
            isinstance(v, str) and _HEX.fullmatch(v.lstrip("#")) for v in value):
        return tuple(v.lstrip("#").upper() for v in value), None
    return None, f"[theme] palette must be a list of at least two RRGGBB colours, got {value!r}"


def _font(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, f"[theme] {key} must be a font name, got {value!r}"


def _text(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, str) and value.strip():
        return value.strip(), None
    return None, f"[theme] {key} must be text, such as \"images/logo.png\", got {value!r}"


def _size(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 6 <= value <= 30:
        return float(value), None
    return None, f"[theme] {key} must be a size in points from 6 to 30, got {value!r}"


def _levels(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_CONTENTS_LEVELS:
        return value, None
    return None, f"[theme] {key} must be a whole number from 1 to {MAX_CONTENTS_LEVELS}, got {value!r}"


def _switch(key: str, value) -> tuple[object, str | None]:
    if isinstance(value, bool):
        return value, None
    return None, f"[theme] {key} must be true or false, got {value!r}"


def _date_format(key: str, value) -> tuple[object, str | None]:
    problem = format_problem(value, day=key == "date_format")
    return (value, None) if problem is None else (None, f"[theme] {key} {problem}")


_READERS = {**{k: _colour for k in COLOUR_KEYS}, "palette": _palette, "font": _font, "heading_font": _font,
            "body_size": _size, "chart_text_size": _size, "contents_levels": _levels, "chapter_new_page": _switch,
            "cover_panel": _switch, "month_format": _date_format, "date_format": _date_format, "logo": _text,
            "logo_alt": _text}


def parse_theme(table: dict) -> tuple[Theme, list[tuple[str, str]]]:
    """A Theme from a `[theme]` table, and (key, sentence) for each key that is wrong (its default kept)."""
    known = [f.name for f in fields(Theme)]
    values: dict = {}
    problems: list[tuple[str, str]] = []
    for key, value in table.items():
        if key not in known:
            problems.append((key, f"[theme] has no setting {key!r} (known: {', '.join(known)})"))
            continue
        read, problem = _READERS[key](key, value)
        if problem is None:
            values[key] = read
        else:
            problems.append((key, problem))
    return Theme(**values), problems


def theme_problems(theme: Theme) -> list[tuple[str, str]]:
    """(severity, sentence) for each colour below WCAG's contrast against its background: text
    4.5:1, chart colours 3:1. (Colours of series side by side in a chart: `series_problems`.)"""
    out: list[tuple[str, str]] = []
    bg = theme.background

    def need(fg: str, back: str, minimum: float, what: str) -> None:
        ratio = contrast_ratio(fg, back)
        if ratio < minimum:
            out.append(("error", f"{what}: #{fg} on #{back} has contrast {ratio:.1f}:1 (needs {minimum:g}:1)."))

    need(theme.text, bg, TEXT_CONTRAST, "[theme] text")
    need(theme.heading_colour, bg, TEXT_CONTRAST, "[theme] heading_colour")
    need(theme.table_header_text, theme.table_header_fill, TEXT_CONTRAST, "[theme] table_header_text")
    need(theme.placeholder, bg, TEXT_CONTRAST, "[theme] placeholder")
    for i, colour in enumerate(theme.palette):
        need(colour, bg, GRAPHIC_CONTRAST, f"[theme] palette colour {i + 1}")
    return out


def adjacent_series(chart) -> list[tuple[str, int, str, int]]:
    """(name, slot, name, slot) for each two series (or pie slices) a chart draws side by side:
    the bars of neighbouring series in each cluster, and neighbouring slices (the last beside the
    first). Lines are left out: they are told apart by their markers and dashes as well as colour."""
    if chart.kind == "pie":
        names = [str(c) for c in chart.categories]
        slots = [chart.point_slot(i) for i in range(len(names))]
        pairs = list(zip(range(len(names)), range(1, len(names))))
        if len(names) > 2:
            pairs.append((len(names) - 1, 0))
    elif chart.kind in ("bar", "column"):
        names = [s.name for s in chart.series]
        slots = [chart.series_slot(i) for i in range(len(names))]
        pairs = list(zip(range(len(names)), range(1, len(names))))
    else:
        return []
    return [(names[a], slots[a], names[b], slots[b]) for a, b in pairs]


def series_problems(charts, theme: Theme) -> list[tuple[str, str]]:
    """(severity, sentence) for each two series drawn side by side in a chart, in the colours
    each series keeps across the report (parts.Report.key_colours), below 3:1 against each other."""
    out: list[tuple[str, str]] = []
    for chart in charts:
        for a, slot_a, b, slot_b in adjacent_series(chart):
            ca, cb = theme.series_colour(slot_a), theme.series_colour(slot_b)
            ratio = contrast_ratio(ca, cb)
            if ratio < GRAPHIC_CONTRAST:
                out.append(("error", f"{chart.caption}: '{a}' (#{ca}) next to '{b}' (#{cb}) has contrast "
                                     f"{ratio:.1f}:1 (series side by side need {GRAPHIC_CONTRAST:g}:1)."))
    return out
