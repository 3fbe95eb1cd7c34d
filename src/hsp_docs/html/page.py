"""The page: head (language, title, Content Security Policy, stylesheet), skip link, title, the
other formats to download, the contents, the numbered sections, the notes, and the footer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from ..cover_art import panel_png
from ..parts import Report
from ..theme import Theme
from .blocks import ContentsEntry, Page, nested_list, section_html
from .style import stylesheet

# Nothing external, no script, no inline style: only this folder's stylesheet and images.
CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
DOWNLOAD_LABELS = {"report.docx": "The report as a Word document", "report.pdf": "The report as a PDF",
                   "datapack.xlsx": "The figures as an Excel workbook",
                   "datapack-long.csv": "Every figure as one row of a CSV file (long format)",
                   "datapack-long.parquet": "Every figure as one row of a Parquet file (long format)"}


@dataclass(frozen=True)
class Download:
    """Another output of the build, linked from the page (it sits one folder up: out/)."""

    filename: str
    size: int

    @property
    def label(self) -> str:
        return DOWNLOAD_LABELS.get(self.filename, self.filename)

    @property
    def size_text(self) -> str:
        if self.size < 1024 * 1024:
            return f"{max(1, round(self.size / 1024)):,} KB"
        return f"{self.size / 1024 / 1024:,.1f} MB"


def _downloads(downloads: list[Download]) -> Markup:
    if not downloads:
        return Markup("")
    items = Markup("").join(
        Markup('<li><a href="../{}" type="{}">{}</a> ({}, {})</li>').format(
            d.filename, _MEDIA_TYPES.get(d.filename.rsplit(".", 1)[-1], "application/octet-stream"), d.label,
            d.filename, d.size_text) for d in downloads)
    return Markup('<nav class="downloads" aria-label="Other formats"><ul>{}</ul></nav>\n').format(items)


_MEDIA_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "pdf": "application/pdf"}


def _contents(page: Page) -> Markup:
    items = [(e.level, Markup('<a href="#{}">{}</a>').format(e.anchor, e.text)) for e in page.contents]
    return Markup('<nav class="contents" aria-labelledby="contents-heading">\n<h2 id="contents-heading">Contents</h2>\n'
                  "{}</nav>\n").format(nested_list(items))


def _notes(page: Page) -> Markup:
    if not page.notes:
        return Markup("")
    items = Markup("").join(
        Markup('<li id="fn-{0}">{1} <a href="#fnref-{0}" class="fnback">Back to text'
               '<span class="visually-hidden"> of note {0}</span></a></li>\n').format(n, body)
        for n, body in enumerate(page.notes, 1))
    return Markup('<section class="footnotes" aria-labelledby="notes">\n<h2 id="notes">Notes</h2>\n<ol>\n{}</ol>\n'
                  "</section>\n").format(items)


COVER_HEIGHTS_PX = {"logo": 83, "cover_image": 265}  # the Word cover's 22 mm and 70 mm at 96 px to the inch
PANEL_MM = (210, 32)  # the decorative band under the masthead: the Word cover panel's look, wider than tall


def cover_picture(img, page: Page) -> Markup:
    """The logo or cover picture (a model Image) copied beside the page, with the alt text the
    documents carry; under a stand-in, its PLACEHOLDER label, visible, as on the Word cover."""
    suffix = PurePosixPath(img.filename).suffix.lower()
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ""
    path = f"images/{page.anchor('cover-' + img.key)}{suffix}"
    page.images[path] = img.data
    tag = Markup('<img src="{}" alt="{}" height="{}">').format(path, img.published_alt, COVER_HEIGHTS_PX[img.key])
    role = img.key.replace("_", "-")
    if img.placeholder:
        return Markup('<figure class="cover-picture {} placeholder">{}<figcaption>{}</figcaption></figure>\n').format(
            role, tag, img.placeholder_label)
    return Markup('<p class="cover-picture {}">{}</p>\n').format(role, tag)


def cover_panel(theme: Theme, page: Page) -> Markup:
    """The theme's decorative band (hsp_docs.cover_art): alt="", so screen readers pass it by."""
    if not theme.cover_panel:
        return Markup("")
    path = "images/cover-panel.png"
    page.images[path] = panel_png(theme, *PANEL_MM)
    return Markup('<img class="cover-panel" src="{}" alt="" width="{}" height="{}">\n').format(
        path, round(PANEL_MM[0] / 25.4 * 96), round(PANEL_MM[1] / 25.4 * 96))


def page_html(report: Report, downloads: list[Download] | None = None) -> tuple[Markup, Page]:
    """The whole page, and what it collected on the way (images to copy beside it)."""
    m = report.meta
    page = Page(theme=m.theme)
    page.ids.update({"main", "contents-heading", "notes"})
    logo, picture = (cover_picture(report.cover[k], page) if k in report.cover else Markup("")
                     for k in ("logo", "cover_image"))
    sections = Markup("").join(section_html(s, i, page) for i, s in enumerate(report.sections, 1))
    notes = _notes(page)
    if page.notes:
        page.contents.append(ContentsEntry(1, "Notes", "notes"))
    lang = m.language if LANGUAGE_TAG.fullmatch(m.language or "") else "en-GB"
    html = Markup(
        '<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{partnership} {title}</title>\n"
        '<meta name="description" content="Annual report of the {partnership}, {period}">\n'
        '<link rel="stylesheet" href="style.css">\n</head>\n<body>\n'
        '<a class="skip-link" href="#main">Skip to the report</a>\n'
        '<header class="masthead">\n{logo}<h1>{partnership} <span class="subtitle">{title}</span></h1>\n'
        "<p>{period}</p>\n{picture}<p>Published {published}</p>\n{downloads}{panel}</header>\n"
        "{contents}"
        '<main id="main" tabindex="-1">\n{sections}{notes}</main>\n'
        "<footer>\n<p>{author}. Contact: {contact}.</p>\n</footer>\n</body>\n</html>\n").format(
        lang=lang, csp=Markup(CSP), partnership=m.partnership, title=m.title, period=m.period_label,
        published=m.theme.dates.date_label(m.publication_date), downloads=_downloads(downloads or []),
        logo=logo, picture=picture, panel=cover_panel(m.theme, page), contents=_contents(page),
        sections=sections, notes=notes, author=m.author, contact=m.contact)
    return html, page


def render_site(report: Report, downloads: list[Download] | None = None) -> dict[str, bytes]:
    """The HTML edition's files, by path under the html folder: index.html, style.css and the
    images. Nothing is written here (see hsp_docs.html.write_site)."""
    html, page = page_html(report, downloads)
    return {"style.css": stylesheet(report.meta.theme).encode("utf-8"), **page.images,
            "index.html": html.encode("utf-8")}
