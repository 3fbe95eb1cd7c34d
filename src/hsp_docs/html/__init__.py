"""The HTML edition of the report: out/html/index.html with its stylesheet and images, written
from the same Report as the Word report and the workbook (hsp-docs build --html).

    page.py    the page: head, skip link, title, downloads, contents, sections, notes
    blocks.py  headings, paragraphs, lists, links, footnotes, images (mirrors docx/writer.py)
    tables.py  tables with caption, th and scope, in focusable scrolling regions
    charts.py  charts as inline SVG with title, description, data labels and a data table
    svg.py     the small SVG writer the charts use
    style.py   the stylesheet, in the theme's colours
"""
from __future__ import annotations

from pathlib import Path

from ..atomic import write_bytes
from .page import Download, render_site

__all__ = ["Download", "render_site", "write_site"]


def write_site(files: dict[str, bytes], folder: Path) -> list[Path]:
    """Write the files under folder, each to a temporary name then renamed (atomic.write_bytes),
    index.html last: until the new page is in place, the old one still finds its own files,
    and a build that fails before this point has written nothing."""
    paths = []
    for name in sorted(files, key=lambda n: n == "index.html"):
        path = folder / name
        write_bytes(path, files[name])
        paths.append(path)
    return paths
