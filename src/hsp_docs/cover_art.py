"""The cover's decorative panel: bands in the theme's colours, drawn here as a PNG.

The lower part of the cover would otherwise be blank when no cover picture is given (none
ships: a stock photo would be a fake). The panel is abstract (a light band, a thin accent
stripe and a deep band, each with a rising diagonal edge) and purely decorative: Word marks
it so and the HTML edition gives it `alt=""`, so screen readers pass it by. Its colours are the
theme's (`heading_colour`, the palette's first other colour, and a tint of the heading
colour), so a partnership's own theme restyles it; `cover_panel = false` leaves it out.

The PNG is written with zlib alone (no imaging library at run time): rows of flat colour, with
the diagonal edges anti-aliased, compress to a few kilobytes.
"""
from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache

from .theme import Theme

DPI = 150
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Band:
    """Everything below a straight edge from (0, left) to (width, right), heights as fractions of the panel."""

    colour: str  # RRGGBB
    left: float
    right: float


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def tint(colour: str, towards: str, share: float) -> str:
    """`colour` mixed with `towards` (share 0 keeps it, 1 gives `towards`), as RRGGBB."""
    a, b = _rgb(colour), _rgb(towards)
    return "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def panel_bands(theme: Theme) -> tuple[Band, ...]:
    """The panel's bands, back to front, in the theme's colours."""
    deep = theme.heading_colour
    accent = next((c for c in theme.palette if c.upper() != deep.upper()), theme.palette[-1])
    return (Band(tint(deep, theme.background, 0.86), 0.34, 0.0),
            Band(accent, 0.55, 0.2),
            Band(deep, 0.6, 0.27))


def _row(y: float, width: int, bands: tuple[Band, ...], background: tuple[int, int, int],
         height: int) -> bytes:
    """One row of pixels (y: the row's top, in pixels): each band covers what is below its edge,
    the pixels its edge crosses in the share they are covered."""
    row = bytearray(bytes(background) * width)
    for band in bands:
        colour = _rgb(band.colour)
        top, bottom = band.left * height, band.right * height  # the edge's height at x = 0 and at x = width
        slope = (bottom - top) / width
        for x in _crossed(y, width, top, slope):
            edge = top + slope * (x + 0.5)
            share = min(1.0, max(0.0, y + 1 - edge))
            if share >= 1.0:
                row[3 * x:] = bytes(colour) * (width - x)
                break
            if share > 0:
                old = row[3 * x:3 * x + 3]
                row[3 * x:3 * x + 3] = bytes(round(o + (c - o) * share) for o, c in zip(old, colour))
    return bytes(row)


def _crossed(y: float, width: int, top: float, slope: float) -> range:
    """The columns from where a rising edge (slope < 0) first reaches row y to the panel's right side."""
    if slope >= 0:
        return range(0, width)
    start = int(max(0.0, (y + 1 - top) / slope - 1))
    return range(min(start, width), width)


@lru_cache(maxsize=8)
def _png(width: int, height: int, bands: tuple[Band, ...], background: str) -> bytes:
    bg = _rgb(background)
    raw = b"".join(b"\x00" + _row(y, width, bands, bg, height) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    dpm = round(DPI / MM_PER_INCH * 1000)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", struct.pack(">IIB", dpm, dpm, 1))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def panel_png(theme: Theme, width_mm: float, height_mm: float) -> bytes:
    """The panel as a PNG of width_mm by height_mm (at 150 dpi)."""
    width, height = (max(8, round(v / MM_PER_INCH * DPI)) for v in (width_mm, height_mm))
    return _png(width, height, panel_bands(theme), theme.background)
