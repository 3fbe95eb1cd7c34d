"""Charts as inline SVG, drawn from the same Chart parts as the Word and Excel charts, in the same
theme (hsp_docs.theme: palette, text and grid colours, font) with the Word charts' markers and
dash styles; each series in its palette slot (parts.Report.key_colours).

Each chart is a `figure`: its caption, an `svg` with role="img", a `title` and a `desc` (the
chart's alt text) that name it for screen readers, data labels where the Word chart has them,
and the chart's data as a table in a `details` element beside it, so no reader loses a number.
The SVG uses presentation attributes only (no style attributes), so the page's Content
Security Policy, which allows no inline style, draws it as it is.
"""
from __future__ import annotations

import math
from collections.abc import Callable

from markupsafe import Markup

from ..partdata import chart_values, check_chart, line_label_positions, number
from ..parts import Chart, format_cell
from ..theme import DASHES, DEFAULT_THEME, MARKERS, Theme
from .svg import group, nice_scale, num, tag, text_lines, wrap
from .tables import notes_html, table_region

WIDTH = 600
FONT_SIZE = 12  # px, axis and category text
LABEL_SIZE = 11  # px, data labels
CHAR_W = 6.4  # px: the average width of a character of 12 px Arial, for wrapping labels
LINE_H = 14
# SVG dash patterns for the Word charts' DrawingML dash styles, in the same order.
DASH_ARRAYS = {"solid": None, "dash": "8 4", "sysDot": "2 3", "lgDash": "14 5", "dashDot": "8 4 2 4",
               "lgDashDot": "14 5 2 5", "sysDash": "5 3", "lgDashDotDot": "14 5 2 5 2 5"}


def colour(theme: Theme, slot: int) -> str:
    """A series' (or a slice's) colour: its palette slot (parts.Report.key_colours) in the theme."""
    return "#" + theme.series_colour(slot)


def value_formatter(chart: Chart) -> Callable[[object], str]:
    """Values printed as the chart's data table prints them (one Column for every series)."""
    column = chart.data_table().columns[1]
    return lambda v: format_cell(v, column)


def _ticks(chart: Chart) -> list[float]:
    values = chart_values(chart) or [0.0]
    percent = "%" in chart.number_format
    dp = 1 if chart.number_format.endswith(".0%") else 0
    return nice_scale(min(values), max(values), whole=not percent, min_step=10 ** -(dp + 2) if percent else 0)


def _text(content, x: float, y: float, anchor: str = "start", size: int = FONT_SIZE, **attrs) -> Markup:
    return tag("text", content, x=float(x), y=float(y), text_anchor=None if anchor == "start" else anchor,
               font_size=None if size == FONT_SIZE else size, **attrs)


def _marker(name: str, x: float, y: float, fill: str) -> Markup:
    """A line chart's point marker, one shape per series (as the Word chart's marker symbols)."""
    r = 4.0
    if name == "circle":
        return tag("circle", cx=float(x), cy=float(y), r=r, fill=fill)
    if name == "square":
        return tag("rect", x=float(x - r), y=float(y - r), width=2 * r, height=2 * r, fill=fill)
    if name in ("x", "plus"):
        d = (f"M{num(x - r)} {num(y - r)}L{num(x + r)} {num(y + r)}M{num(x - r)} {num(y + r)}L{num(x + r)} {num(y - r)}"
             if name == "x" else f"M{num(x - r)} {num(y)}H{num(x + r)}M{num(x)} {num(y - r)}V{num(y + r)}")
        return tag("path", d=d, stroke=fill, stroke_width=2.0, fill="none")
    if name == "dash":
        return tag("rect", x=float(x - r), y=float(y - 1.5), width=2 * r, height=3.0, fill=fill)
    points = {"triangle": [(0, -1.2), (1.1, 0.9), (-1.1, 0.9)], "diamond": [(0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)],
              "star": [(math.sin(a * math.pi / 5) * (1.4 if a % 2 == 0 else 0.6),
                        -math.cos(a * math.pi / 5) * (1.4 if a % 2 == 0 else 0.6)) for a in range(10)]}[name]
    d = "M" + "L".join(f"{num(x + px * r)} {num(y + py * r)}" for px, py in points) + "Z"
    return tag("path", d=d, fill=fill)


def _legend(chart: Chart, top: float, theme: Theme) -> tuple[Markup, float]:
    """A key of the series (for more than one), on rows across the top; returns it and its height."""
    if len(chart.series) < 2:
        return Markup(""), 0.0
    items, x, y = [], 0.0, top + 12
    for i, s in enumerate(chart.series):
        w = 22 + len(str(s.name)) * CHAR_W + 18
        if x and x + w > WIDTH:
            x, y = 0.0, y + 20
        slot = chart.series_slot(i)
        if chart.kind == "line":
            key = group([tag("line", x1=x, y1=y - 4, x2=x + 18, y2=y - 4, stroke=colour(theme, slot),
                             stroke_width=2.5, stroke_dasharray=DASH_ARRAYS[DASHES[slot % len(DASHES)]]),
                         _marker(MARKERS[slot % len(MARKERS)], x + 9, y - 4, colour(theme, slot))])
        else:
            key = tag("rect", x=x, y=y - 11, width=14.0, height=14.0, fill=colour(theme, slot))
        items.append(key + _text(s.name, x + 22, y))
        x += w
    return group(items, class_="legend"), y + 12 - top


def _horizontal_bars(chart: Chart, fmt, theme: Theme) -> tuple[Markup, float]:
    n_ser = len(chart.series)
    label_w = min(210.0, max(60.0, max(len(str(c)) for c in chart.categories) * CHAR_W + 8))
    labels = [wrap(c, int((label_w - 8) / CHAR_W)) for c in chart.categories]
    bar_h = 18.0 if n_ser == 1 else 13.0
    bands = [max(len(lines) * LINE_H + 8, n_ser * bar_h + 10) for lines in labels]
    legend, legend_h = _legend(chart, 0, theme)
    top = legend_h + 8
    x0, x1 = label_w + 10, WIDTH - 60.0
    ticks = _ticks(chart)
    at = lambda v: x0 + (v - ticks[0]) / (ticks[-1] - ticks[0]) * (x1 - x0)  # noqa: E731
    bottom = top + sum(bands)
    parts = [legend]
    for t in ticks:
        parts.append(tag("line", x1=at(t), y1=top, x2=at(t), y2=bottom, stroke="#" + theme.gridline))
        parts.append(_text(fmt(t), at(t), bottom + 16, "middle"))
    y = top
    for i, band in enumerate(bands):
        first = y + (band - n_ser * bar_h) / 2
        for k, s in enumerate(chart.series):
            v = number(s.values[i])
            if v is None:
                continue
            by = first + k * bar_h
            parts.append(tag("rect", x=min(at(0), at(v)), y=by, width=abs(at(v) - at(0)), height=bar_h - 2,
                             fill=colour(theme, chart.series_slot(k))))
            if chart.data_labels:
                parts.append(_text(fmt(v), at(v) + (4 if v >= 0 else -4), by + bar_h / 2 + 3,
                                   "start" if v >= 0 else "end", LABEL_SIZE))
        lines = labels[i]
        parts.append(text_lines(lines, x0 - 8, y + band / 2 + 4 - (len(lines) - 1) * LINE_H / 2, LINE_H,
                                text_anchor="end"))
        y += band
    parts.append(tag("line", x1=at(0), y1=top, x2=at(0), y2=bottom, stroke="#" + theme.axis_line))
    height = bottom + 24
    if chart.value_axis_title:
        parts.append(_text(chart.value_axis_title, (x0 + x1) / 2, bottom + 38, "middle"))
        height += 18
    return Markup("").join(parts), height


def _vertical(chart: Chart, fmt, theme: Theme) -> tuple[Markup, float]:
    """Columns, or lines, over categories along the bottom."""
    n_cat, n_ser = len(chart.categories), len(chart.series)
    ticks = _ticks(chart)
    legend, legend_h = _legend(chart, 0, theme)
    top = legend_h + 22
    plot_h = 220.0
    bottom = top + plot_h
    tick_w = max(len(fmt(t)) for t in ticks) * CHAR_W
    x0 = (24 if chart.value_axis_title else 4) + tick_w + 8
    x1 = WIDTH - 12.0
    band = (x1 - x0) / n_cat
    at = lambda v: bottom - (v - ticks[0]) / (ticks[-1] - ticks[0]) * plot_h  # noqa: E731
    # Category labels shrink (to 8 px at least) until their longest word fits the band's width.
    longest = max(len(word) for c in chart.categories for word in str(c).split() or [""]) or 1
    size = max(8.0, min(float(FONT_SIZE), band * 0.92 / (longest * CHAR_W / FONT_SIZE)))
    labels = [wrap(c, int(band / (CHAR_W * size / FONT_SIZE)), 3) for c in chart.categories]
    line_h = LINE_H * size / FONT_SIZE
    parts = [legend]
    for t in ticks:
        parts.append(tag("line", x1=x0, y1=at(t), x2=x1, y2=at(t), stroke="#" + theme.gridline))
        parts.append(_text(fmt(t), x0 - 6, at(t) + 4, "end"))
    if chart.kind == "line":
        parts += _lines(chart, fmt, lambda i: x0 + (i + 0.5) * band, at, theme)
    else:
        width = band * 0.8 / n_ser
        for i in range(n_cat):
            for k, s in enumerate(chart.series):
                v = number(s.values[i])
                if v is None:
                    continue
                x = x0 + i * band + band * 0.1 + k * width
                parts.append(tag("rect", x=x + 0.5, y=min(at(0), at(v)), width=width - 1, height=abs(at(0) - at(v)),
                                 fill=colour(theme, chart.series_slot(k))))
                if chart.data_labels:
                    parts.append(_text(fmt(v), x + width / 2, at(v) - 4 if v >= 0 else at(v) + 14, "middle",
                                       LABEL_SIZE))
    parts.append(tag("line", x1=x0, y1=at(0), x2=x1, y2=at(0), stroke="#" + theme.axis_line))
    for i, lines in enumerate(labels):
        parts.append(text_lines(lines, x0 + (i + 0.5) * band, bottom + 16, line_h, text_anchor="middle",
                                font_size=None if size == FONT_SIZE else num(size)))
    height = bottom + 16 + max(len(lines) for lines in labels) * line_h
    if chart.category_axis_title:
        parts.append(_text(chart.category_axis_title, (x0 + x1) / 2, height + 8, "middle"))
        height += 20
    if chart.value_axis_title:
        cx, cy = 14.0, top + plot_h / 2
        parts.append(_text(chart.value_axis_title, cx, cy, "middle", transform=f"rotate(-90 {num(cx)} {num(cy)})"))
    return Markup("").join(parts), height + 6


def _lines(chart: Chart, fmt, x_of, at, theme: Theme) -> list[Markup]:
    """Each series as a line, broken where a value is missing, with its own marker and dash;
    labels go above the highest point at a category and below the lowest (as in Word)."""
    parts: list[Markup] = []
    sides = line_label_positions(chart)
    for k, s in enumerate(chart.series):
        values = [number(v) for v in s.values]
        d, pen = [], "M"
        for i, v in enumerate(values):
            if v is None:
                pen = "M"
                continue
            d.append(f"{pen}{num(x_of(i))} {num(at(v))}")
            pen = "L"
        slot = chart.series_slot(k)
        parts.append(tag("path", d="".join(d), fill="none", stroke=colour(theme, slot), stroke_width=2.5,
                         stroke_dasharray=DASH_ARRAYS[DASHES[slot % len(DASHES)]]))
        for i, v in enumerate(values):
            if v is None:
                continue
            parts.append(_marker(MARKERS[slot % len(MARKERS)], x_of(i), at(v), colour(theme, slot)))
            if chart.data_labels:
                side = sides[k].get(i, "t")
                if side == "b" and at(v) + 19 > at(0) - 2 >= at(v):  # no room below, above the axis: beside it
                    side = "r"
                x, y, anchor = {"t": (x_of(i), at(v) - 9, "middle"), "b": (x_of(i), at(v) + 19, "middle"),
                                "r": (x_of(i) + 8, at(v) + 4, "start")}[side]
                parts.append(_text(fmt(v), x, y, anchor, LABEL_SIZE))
    return parts


def _pie(chart: Chart, fmt, theme: Theme) -> tuple[Markup, float]:
    """Slices clockwise from twelve o'clock; a key beside it names each slice with its value and
    share, so colour is never the only cue."""
    values = [max(0.0, number(v) or 0.0) for v in chart.series[0].values]
    total = sum(values) or 1.0
    cx, cy, r = 140.0, 140.0, 120.0
    parts, angle = [], -math.pi / 2
    for i, v in enumerate(values):
        if not v:
            continue
        sweep = v / total * 2 * math.pi
        if sweep >= 2 * math.pi - 1e-9:
            parts.append(tag("circle", cx=cx, cy=cy, r=r, fill=colour(theme, chart.point_slot(i))))
        else:
            def rim(a: float) -> str:
                return f"{num(cx + r * math.cos(a))} {num(cy + r * math.sin(a))}"

            d = f"M{num(cx)} {num(cy)}L{rim(angle)}A{num(r)} {num(r)} 0 {int(sweep > math.pi)} 1 {rim(angle + sweep)}Z"
            parts.append(tag("path", d=d, fill=colour(theme, chart.point_slot(i)), stroke="#" + theme.background,
                             stroke_width=1.5))
        angle += sweep
    y, x = 24.0, 2 * cx + 20
    for i, (cat, v) in enumerate(zip(chart.categories, chart.series[0].values)):
        n = number(v)
        share = "" if n is None else f" ({max(0.0, n) / total:.0%})"
        lines = wrap(f"{cat}: {fmt(v)}{share}", int((WIDTH - x - 22) / CHAR_W), 3) if chart.data_labels \
            else wrap(str(cat), int((WIDTH - x - 22) / CHAR_W), 3)
        parts.append(tag("rect", x=x, y=y - 11, width=14.0, height=14.0, fill=colour(theme, chart.point_slot(i))))
        parts.append(text_lines(lines, x + 22, y, LINE_H))
        y += len(lines) * LINE_H + 8
    return Markup("").join(parts), max(2 * cy, y) + 4


def chart_svg(chart: Chart, id_prefix: str, theme: Theme = DEFAULT_THEME) -> Markup:
    """The chart as an inline `svg` element named by its `title` and described by its `desc`."""
    check_chart(chart)
    fmt = value_formatter(chart)
    draw = {"bar": _horizontal_bars, "pie": _pie}.get(chart.kind, _vertical)
    body, height = draw(chart, fmt, theme)
    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    height = math.ceil(height)
    return tag("svg", tag("title", chart.caption, id=title_id) + tag("desc", chart.alt, id=desc_id) + body,
               xmlns="http://www.w3.org/2000/svg", viewBox=f"0 0 {WIDTH} {height}", width=str(WIDTH),
               height=str(height), role="img", aria_labelledby=f"{title_id} {desc_id}", class_="chart",
               font_family=f"{theme.font}, 'Liberation Sans', sans-serif", font_size=str(FONT_SIZE),
               fill="#" + theme.text)


def chart_figure(chart: Chart, theme: Theme = DEFAULT_THEME) -> Markup:
    """The figure: its caption, the SVG, and its data as a table in a `details` element."""
    fid = f"figure-{chart.number}"
    data = chart.data_table()
    data.notes, data.source = [], ""  # printed under the chart, not again under its data
    summary = Markup('<summary>Data for {} (table)</summary>').format(chart.label)
    table = table_region(data, f"{fid}-data", f"Data for {chart.caption}")
    return Markup('<figure class="chart-figure" id="{fid}">'
                  '<figcaption id="{fid}-caption">{caption}</figcaption>{svg}{notes}'
                  '<details class="chart-data">{summary}{table}</details></figure>\n').format(
        fid=fid, caption=chart.caption, svg=chart_svg(chart, fid, theme),
        notes=Markup(notes_html(chart.notes, chart.source)), summary=summary, table=table)
