"""A small SVG writer for the charts of the HTML edition: elements with escaped attributes and
text, numbers written short, the value scale of an axis, and labels wrapped onto lines.

No SVG library is used: the charts need about six element kinds (rect, line, polyline, path,
text, g), and a library (svgwrite, drawsvg) would add a dependency to write them while leaving
the layout, which is the real work, to us. Everything here returns markupsafe.Markup, so a
string from the data is always escaped on its way in and never becomes markup.
"""
from __future__ import annotations

import math
import textwrap

from markupsafe import Markup, escape


def num(v: float) -> str:
    """A coordinate written short: at most one decimal, no trailing zeros."""
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _attrs(attrs: dict) -> str:
    out = []
    for k, v in attrs.items():
        if v is None or v is False:
            continue
        name = k.rstrip("_").replace("_", "-")
        value = num(v) if isinstance(v, float) else v
        out.append(f' {name}="{escape(value)}"')
    return "".join(out)


def tag(name: str, content: str | None = None, /, **attrs) -> Markup:
    """`<name attrs>content</name>`, or `<name attrs/>` without content. Attribute names take
    '-' for '_' (font_size -> font-size; class_ -> class). Content that is not Markup is escaped."""
    if content is None:
        return Markup(f"<{name}{_attrs(attrs)}/>")
    return Markup(f"<{name}{_attrs(attrs)}>{escape(content)}</{name}>")


def group(children, /, **attrs) -> Markup:
    return tag("g", Markup("").join(children), **attrs)


def text_lines(lines: list[str], x: float, y: float, line_height: float, /, **attrs) -> Markup:
    """A text element of one or more lines (tspans), the first line's baseline at y."""
    if len(lines) == 1:
        return tag("text", lines[0], x=float(x), y=float(y), **attrs)
    spans = Markup("").join(tag("tspan", line, x=float(x), dy=None if i == 0 else float(line_height))
                            for i, line in enumerate(lines))
    return tag("text", spans, x=float(x), y=float(y), **attrs)


def wrap(label: str, chars: int, max_lines: int = 4) -> list[str]:
    """A label broken into lines of about `chars` characters; a long last line ends in '…'
    (the full label is in the chart's data table and its description)."""
    lines = textwrap.wrap(str(label), max(3, chars), break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: max(1, chars - 1)].rstrip() + "…"
    return lines


def nice_scale(low: float, high: float, whole: bool, min_step: float = 0.0, target: int = 5) -> list[float]:
    """Tick values for an axis covering low..high (and 0): steps of 1, 2 or 5 times a power of
    ten, about `target` of them; `whole` keeps steps whole numbers (counts of things)."""
    low, high = min(0.0, low), max(0.0, high)
    if high == low:
        high = low + 1
    raw = (high - low) / target
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    step = max(step, min_step, 1.0 if whole else 0.0)
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round(i * step, 10) for i in range(first, last + 1)]
