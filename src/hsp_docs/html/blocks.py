"""A section's blocks as HTML, mirroring the Word writer (hsp_docs.docx.writer): headings with
their numbers and anchors, paragraphs, nested lists, links, footnote references, images with
their alt text, tables and charts.

Every piece is markupsafe.Markup, and every string from the report goes in through escape(),
so text from the inputs is only ever text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ..parts import ChartBlock, Heading, ImageBlock, Paragraph, Run, Section, TableBlock
from ..theme import DEFAULT_THEME, Theme
from .charts import chart_figure
from .tables import report_table

SAFE_SCHEMES = {"http", "https", "mailto"}
PX_PER_CM = 96 / 2.54


@dataclass(eq=False)
class ContentsEntry:
    """A line of the contents: a section (level 1) or one of its main headings (level 2), as in
    the Word report's contents."""

    level: int
    text: str
    anchor: str


@dataclass(eq=False)
class Page:
    """What writing the sections collects: anchors in use, footnotes, contents, image files."""

    ids: set[str] = field(default_factory=set)
    notes: list[Markup] = field(default_factory=list)
    contents: list[ContentsEntry] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)  # path under html/ -> bytes
    theme: Theme = DEFAULT_THEME  # the report's house style (its charts' colours)

    def anchor(self, text: str) -> str:
        """A unique id made from the text: lower-case letters, digits and hyphens. The ids the
        page gives by number (table-3, figure-5-title, fn-2, fnref-2) are never made here."""
        base = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "part"
        if re.match(r"(table|figure|fn|fnref)-\d", base):
            base = "heading-" + base
        anchor, n = base, 1
        while anchor in self.ids:
            n += 1
            anchor = f"{base}-{n}"
        self.ids.add(anchor)
        return anchor

    def footnote(self, body: Markup) -> Markup:
        """Register a note; the reference links to it and it links back (fn-N / fnref-N)."""
        self.notes.append(body)
        n = len(self.notes)
        return Markup(f'<sup class="fnref"><a href="#fn-{n}" id="fnref-{n}" aria-label="Footnote {n}">{n}</a></sup>')


def runs_html(runs: list[Run], page: Page) -> Markup:
    out = []
    for r in runs:
        if r.footnote is not None:
            out.append(page.footnote(runs_html(r.footnote, page)))
            continue
        piece = escape(r.text)
        if r.url and urlsplit(r.url).scheme.lower() in SAFE_SCHEMES:
            piece = Markup('<a href="{}">{}</a>').format(r.url, piece)
        out.append(Markup("<strong>{}</strong>").format(piece) if r.bold and r.text.strip() else piece)
    return Markup("").join(out)


def nested_list(items: list[tuple[int, Markup]]) -> Markup:
    """(level, content) items as nested `ul` lists; a level never opens more than one deeper
    than the item before it (bullet points, and the contents)."""
    out, depth = [], 0
    for level, content in items:
        level = max(1, min(level, depth + 1))
        if level > depth:
            out.append("<ul>")
            depth = level
        else:
            out.append("</li>")
            while depth > level:
                out.append("</ul></li>")
                depth -= 1
        out.append(f"<li>{escape(content)}")
    out.append("</li>")
    while depth > 1:
        out.append("</ul></li>")
        depth -= 1
    out.append("</ul>\n")
    return Markup("".join(out))


def list_html(items: list[Paragraph], page: Page) -> Markup:
    return nested_list([(p.bullet_level, runs_html(p.runs, page)) for p in items])


def image_html(block: ImageBlock, page: Page) -> Markup:
    """The picture, copied beside the page as images/<key>.<ext>, with its alt text; its width
    is the Word report's (a plain attribute, so the page keeps it without CSS)."""
    suffix = PurePosixPath(block.filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
    path = f"images/{page.anchor('image-' + block.key)}{suffix}"
    page.images[path] = block.data
    img = Markup('<img src="{}" alt="{}" width="{}">').format(path, block.alt, round(block.width_cm * PX_PER_CM))
    if block.placeholder_label:  # a stand-in: the label under it, as in the Word report
        return Markup('<figure class="image placeholder">{}<figcaption>{}</figcaption></figure>\n').format(
            img, block.placeholder_label)
    return Markup('<p class="image">{}</p>\n').format(img)


def heading_html(level: int, runs: list[Run], page: Page, number: str = "", contents_level: int = 0) -> Markup:
    """An `h2`–`h6` with an anchor; `contents_level` puts it in the contents (footnote marks left out)."""
    plain = "".join(r.text for r in runs if r.footnote is None).strip()
    anchor = page.anchor(f"{number} {plain}" if number else plain)
    if contents_level:
        page.contents.append(ContentsEntry(contents_level, f"{number} {plain}".strip(), anchor))
    num = Markup('<span class="heading-number">{}</span> ').format(number) if number else ""
    return Markup('<h{0} id="{1}">{2}{3}</h{0}>\n').format(level, anchor, num, runs_html(runs, page))


def section_html(section: Section, number: int, page: Page) -> Markup:
    """A numbered section: its `h2` and its blocks. Headings inside it go one level below the
    section's (## is h3), and never skip a level: a '###' straight after the section's
    heading is written as h3."""
    head = heading_html(2, [Run(section.title)], page, f"{number}.", contents_level=1)
    out = [Markup('<section aria-labelledby="{}">\n').format(page.contents[-1].anchor), head]
    last_level = 2
    bullets: list[Paragraph] = []

    def flush():
        if bullets:
            out.append(list_html(bullets, page))
            bullets.clear()

    for b in section.blocks:
        if isinstance(b, Paragraph) and b.bullet_level:
            bullets.append(b)
            continue
        flush()
        if isinstance(b, Heading):
            level = min(b.level + 1, last_level + 1, 6)
            out.append(heading_html(level, b.runs, page, contents_level=2 if b.level <= 2 else 0))
            last_level = level
        elif isinstance(b, Paragraph):
            out.append(Markup("<p>{}</p>\n").format(runs_html(b.runs, page)))
        elif isinstance(b, ImageBlock):
            out.append(image_html(b, page))
        elif isinstance(b, TableBlock):
            out.append(report_table(b.table))
        elif isinstance(b, ChartBlock):
            out.append(chart_figure(b.chart, page.theme))
    flush()
    out.append(Markup("</section>\n"))
    return Markup("").join(out)
