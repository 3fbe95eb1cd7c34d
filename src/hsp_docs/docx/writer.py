"""The Word writer: fills the master template (docxtpl) and writes the sections into it.

Composition, numbering, the contents page, footnotes, images, charts and document
properties are all done here; section builders only describe content.
"""
from __future__ import annotations

import contextlib
import copy
import io
from dataclasses import dataclass, field
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm
from docxtpl import DocxTemplate

from ..parts import ChartBlock, Heading, ImageBlock, Paragraph, Report, Run, Section, TableBlock
from ..resources import template
from ..sections.narrative import environment
from ..soffice import Office, heading_pages, to_pdf
from .charts import chart_run, default_height_emu
from .contents import ContentsRender, pages_from_outline
from .cover import cover_pictures, finish_cover
from .footnotes import Footnotes
from .house_style import apply_theme
from .splice import SPLICE_ROWS, Splices
from .tables import LANDSCAPE_WIDTH_TWIPS, TEXT_WIDTH_TWIPS, table_element
from .xml import element, field_runs, ppr, rpr, t, text_runs

SHORT_LANDSCAPE_ROWS = 8  # a landscape table this short shares its page with the next part
LANDSCAPE_CHART_EMU = 9 * 360000  # a chart up to 9 cm tall shares a landscape page with a short table,
SHARED_CHART_EMU = 7 * 360000  # drawn at most 7 cm tall there, so both parts' notes and source lines fit
SPACE_AFTER_TABLE = 240  # twips (12 pt) above a paragraph that follows a table with no note
PROBE_TABLE_ROWS = 50  # contents_probe keeps a table after the last contents heading up to this long

STYLE_NAMES = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "List Bullet", "List Bullet 2",
               "List Bullet 3", "Caption", "Table Text", "Table Note", "Footnote Text", "Footnote Reference",
               "Hyperlink", "TOC 1", "TOC 2", "TOC 3", "Normal")


def master_template() -> Path:
    """The master template, templates/docx/master.docx, as bundled (see hsp_docs.resources)."""
    return template("docx", "master.docx")


def _style_ids(doc) -> dict[str, str]:
    """Style name -> style id for the styles the writer uses, read in one pass over styles.xml."""
    out = {}
    for el in doc.styles.element.iterfind(qn("w:style")):
        name = el.find(qn("w:name"))
        if name is not None:
            out[name.get(qn("w:val"))] = el.get(qn("w:styleId"))
    lower = {k.lower(): v for k, v in out.items()}  # Word stores built-in names in lower case
    return {n: out.get(n) or lower[n.lower()] for n in STYLE_NAMES if n in out or n.lower() in lower}


def runs_xml(runs: list[Run], part, footnotes: Footnotes, styles: dict[str, str]) -> str:
    """The runs of a paragraph (or of a footnote, in `footnotes.part`): bold, links, and real
    footnotes whose notes are added to `footnotes`."""
    out = []
    for r in runs:
        if r.footnote is not None:
            out.append(footnotes.add(runs_xml(r.footnote, footnotes.part, footnotes, styles), styles))
        elif r.url:
            rid = part.relate_to(r.url, RT.HYPERLINK, is_external=True)
            out.append(f'<w:hyperlink r:id="{rid}" w:history="1">'
                       f'{text_runs(r.text, rpr(styles["Hyperlink"], r.bold))}</w:hyperlink>')
        else:
            out.append(text_runs(r.text, rpr(None, r.bold)))
    return "".join(out)


def paragraph_xml(p: Paragraph, runs: str, styles: dict[str, str], keep_next: bool = False,
                  after_table: bool = False) -> str:
    """A body paragraph or list item, in the master's List Bullet styles; `keep_next` keeps it
    with what follows, `after_table` gives it room above (SPACE_AFTER_TABLE)."""
    style = p.style
    if p.bullet_level:
        style = styles[("List Bullet", "List Bullet 2", "List Bullet 3")[p.bullet_level - 1]]
    space = f'<w:spacing w:before="{SPACE_AFTER_TABLE}"/>' if after_table else ""
    return f"<w:p>{ppr(style, keep_next=keep_next, extra=space)}{runs}</w:p>"


@dataclass(eq=False)
class TocEntry:
    """A contents line: a heading, its bookmark and, once known, its page."""

    level: int
    text: str
    bookmark: str
    page: str = ""


@dataclass(eq=False)
class _State:
    """Counters and the contents, shared by one writer's blocks."""

    toc: list[TocEntry] = field(default_factory=list)
    bookmark_id: int = 0
    docpr_id: int = 1000


@dataclass(eq=False)
class _Flow:
    """Where the page flow is: in a landscape section or not, whether a short landscape table
    holds it open for the next part, and how many charts share its page."""

    landscape: bool = False
    hold: bool = False
    charts: int = 0
    first_break: bool = True  # no section break yet (the first keeps the cover's title page)


def _leads_into_landscape(blocks: list, k: int, reach: int = 3) -> bool:
    """True when block k is a heading or paragraph that, with at most `reach` such blocks, leads
    straight into a landscape table (so it belongs on that table's page, not alone before it);
    or a chart straight before a short landscape table, which both fit on one landscape page
    (the monthly chart and the table of its figures)."""
    for j in range(k, min(len(blocks), k + reach + 1)):
        b = blocks[j]
        if isinstance(b, TableBlock):
            return j > k and b.table.landscape
        if isinstance(b, ChartBlock):  # with at most its heading before it: earlier words stay where they are
            return j - k <= 1 and _chart_beside_table(blocks, j)
        if not isinstance(b, (Heading, Paragraph)):
            return False
    return False


def _chart_beside_table(blocks: list, j: int) -> bool:
    """Block j is a chart of standard height straight before a short landscape table."""
    following = blocks[j + 1] if j + 1 < len(blocks) else None
    return (isinstance(following, TableBlock) and following.table.landscape
            and len(following.table.rows) <= SHORT_LANDSCAPE_ROWS
            and default_height_emu(blocks[j].chart) <= LANDSCAPE_CHART_EMU)


def _ends_part(blocks: list, k: int) -> bool:
    """Block k ends a part a landscape section holds: a table, or a chart not leading into one."""
    b = blocks[k]
    return isinstance(b, TableBlock) or (isinstance(b, ChartBlock) and not _chart_beside_table(blocks, k))


def _set_orientation(sect, landscape: bool) -> None:
    """Turn a w:sectPr's page to landscape or portrait."""
    size = sect.find(qn("w:pgSz"))
    w, h = int(size.get(qn("w:w"))), int(size.get(qn("w:h")))
    size.set(qn("w:w"), str(max(w, h) if landscape else min(w, h)))
    size.set(qn("w:h"), str(min(w, h) if landscape else max(w, h)))
    if landscape:
        size.set(qn("w:orient"), "landscape")
    elif size.get(qn("w:orient")) is not None:
        del size.attrib[qn("w:orient")]


class WordWriter:
    """Writes one Report into a filled master template."""

    def __init__(self, report: Report, template: Path | None = None):
        self.report = report
        meta = report.meta
        self.tpl = DocxTemplate(str(template or master_template()))
        context = {"partnership": meta.partnership, "title": meta.title, "period": meta.period_label,
                   "published": meta.theme.dates.date_label(meta.publication_date),
                   **cover_pictures(self.tpl, report.cover)}
        self.tpl.render(context, jinja_env=environment(master=True), autoescape=True)
        finish_cover(self.tpl.docx, report.cover, meta.theme)
        self.doc = self.tpl.docx
        self.part = self.doc.part
        apply_theme(self.doc.styles.element, meta.theme)
        self.styles = _style_ids(self.doc)
        self.footnotes = Footnotes(self.part)
        self.state = _State()
        self.body = self.doc.element.body
        self.final_sectpr = self.body.find(qn("w:sectPr"))
        self.splices = Splices(meta.theme)

    # --- runs and paragraphs -------------------------------------------------------------
    def runs_xml(self, runs: list[Run], part=None) -> str:
        return runs_xml(runs, part or self.part, self.footnotes, self.styles)

    def paragraph(self, p: Paragraph, keep_next: bool = False, after_table: bool = False):
        """A paragraph; `keep_next` keeps it on the page with the table or chart it introduces,
        `after_table` gives it room above when it follows a table directly."""
        return paragraph_xml(p, self.runs_xml(p.runs), self.styles, keep_next=keep_next, after_table=after_table)

    def heading(self, level: int, runs: list[Run], number: str = ""):
        self.state.bookmark_id += 1
        n = self.state.bookmark_id
        name = f"_Toc{n:06d}"
        if level <= self.report.meta.theme.contents_levels:
            text = "".join(r.text for r in runs if r.footnote is None).strip()
            self.state.toc.append(TocEntry(level, f"{number} {text}".strip(), name))
        return (f'<w:p>{ppr(self.styles[f"Heading {level}"])}<w:bookmarkStart w:id="{n}" w:name="{name}"/>'
                f'{self.runs_xml(runs)}<w:bookmarkEnd w:id="{n}"/></w:p>')

    def caption(self, kind: str, number: int, title: str):
        seq = field_runs(f"SEQ {kind} \\* ARABIC", str(number))
        return (f'<w:p>{ppr(self.styles["Caption"], keep_next=True)}<w:r>{t(kind + " ")}</w:r>'
                f'{seq}<w:r>{t(": " + title)}</w:r></w:p>')

    def note(self, text: str):
        return f'<w:p>{ppr(self.styles["Table Note"])}<w:r>{t(text)}</w:r></w:p>'

    def image(self, block: ImageBlock) -> list:
        """The picture's paragraph, and under a stand-in its placeholder label."""
        inline = self.part.new_pic_inline(io.BytesIO(block.data), Cm(block.width_cm), None)
        docpr = inline.find(qn("wp:docPr"))
        self.state.docpr_id += 1
        docpr.set("id", str(self.state.docpr_id))
        docpr.set("name", block.key.replace("_", " ").capitalize())
        docpr.set("descr", block.alt)
        labelled = bool(block.placeholder_label)
        p = element(f"<w:p>{ppr(self.styles['Normal'], keep_next=labelled)}<w:r><w:drawing/></w:r></w:p>")
        p.find(qn("w:r")).find(qn("w:drawing")).append(inline)
        return [p, self.placeholder_label(block.placeholder_label)] if labelled else [p]

    def placeholder_label(self, text: str) -> str:
        """The boxed, bold line under a stand-in picture, in the theme's placeholder colour."""
        red = self.report.meta.theme.placeholder
        border = "".join(f'<w:{side} w:val="single" w:sz="12" w:space="4" w:color="{red}"/>'
                         for side in ("top", "left", "bottom", "right"))
        return (f'<w:p>{ppr(self.styles["Normal"], extra=f"<w:pBdr>{border}</w:pBdr>")}'
                f'<w:r><w:rPr><w:b/><w:color w:val="{red}"/></w:rPr>{t(text)}</w:r></w:p>')

    # --- sections ------------------------------------------------------------------------
    def _section_break(self, before_landscape: bool, title_page: bool = False):
        """A paragraph ending the current section: a portrait one before a landscape table
        (`before_landscape`), else the landscape one after it. Only the first section has a
        title page."""
        sect = copy.deepcopy(self.final_sectpr)
        if not title_page:
            for tp in sect.findall(qn("w:titlePg")):
                sect.remove(tp)
        _set_orientation(sect, landscape=not before_landscape)
        p = element("<w:p><w:pPr/></w:p>")
        p.find(qn("w:pPr")).append(sect)
        return p

    def blocks(self):
        """Every body element, in order: XML text, or an element where one had to be built."""
        flow = _Flow()
        for i, section in enumerate(self.report.sections, 1):
            yield self.heading(1, [Run(section.title)], f"{i}.")
            after_table = False
            for k, b in enumerate(section.blocks):
                if not flow.landscape and _leads_into_landscape(section.blocks, k):
                    # the heading and words (and a chart of its data) introducing a landscape
                    # table go onto its page with it
                    yield self._turn(flow, landscape=True)
                yield from self._block(section.blocks, k, flow, after_table)
                if flow.landscape and not flow.hold and _ends_part(section.blocks, k):
                    yield self._turn(flow, landscape=False)
                after_table = isinstance(b, TableBlock) and not (b.table.notes or b.table.source or b.table.landscape)
            if flow.landscape:  # a held landscape section ends with its chapter
                yield self._turn(flow, landscape=False)
        yield from self.back_page()

    def _block(self, blocks: list, k: int, flow: _Flow, after_table: bool):
        b = blocks[k]
        if isinstance(b, Heading):
            yield self.heading(min(b.level, 4), b.runs)
        elif isinstance(b, Paragraph):
            following = blocks[k + 1] if k + 1 < len(blocks) else None
            introduces = isinstance(following, ChartBlock) or (
                isinstance(following, TableBlock) and not following.table.landscape)
            yield self.paragraph(b, keep_next=introduces, after_table=after_table)
        elif isinstance(b, ImageBlock):
            yield from self.image(b)
        elif isinstance(b, TableBlock):
            yield from self._table(b.table, flow)
        elif isinstance(b, ChartBlock):
            flow.charts += flow.landscape
            shared = flow.landscape and _chart_beside_table(blocks, k)
            height = min(default_height_emu(b.chart), SHARED_CHART_EMU) if shared else None
            yield from self.chart(b, landscape=flow.landscape, height_emu=height)

    def _table(self, tbl, flow: _Flow):
        if tbl.landscape and not flow.landscape:
            yield self._turn(flow, landscape=True)
        yield self.caption("Table", tbl.number, tbl.title)
        if len(tbl.rows) > SPLICE_ROWS:  # a large table joins the document as text at save
            yield self.splices.placeholder(tbl, self.styles, landscape=tbl.landscape)
        else:  # parsed on its own: moving a table out of a batch's wrapper element
            # costs lxml time growing with the square of its size
            yield table_element(tbl, self.styles, tbl.landscape, self.report.meta.theme)
        yield from self.notes_under(tbl.notes, tbl.source)
        # a short wide table alone would leave its landscape page mostly empty: the next part
        # (with its heading and words) shares the page, unless a chart already does
        flow.hold = tbl.landscape and len(tbl.rows) <= SHORT_LANDSCAPE_ROWS and not flow.hold and not flow.charts

    def _turn(self, flow: _Flow, landscape: bool):
        """The section break into a landscape section, or back to portrait. Only the first
        section has a title page."""
        brk = self._section_break(before_landscape=landscape, title_page=flow.first_break and landscape)
        flow.first_break = flow.first_break and not landscape
        flow.landscape, flow.hold, flow.charts = landscape, False, 0
        return brk

    def back_page(self):
        """The back page, from report.toml: who publishes the report and how to reach them, the
        statement on other formats, and the copyright line."""
        m = self.report.meta
        lines = [(m.partnership, True), (f"{m.title}, published {m.theme.dates.date_label(m.publication_date)}",
                                         False)]
        if m.contact:
            lines.append((f"Contact: {m.contact}", False))
        lines += [(m.accessible_formats, False), (m.copyright, False)]
        for k, (text, bold) in enumerate(t_ for t_ in lines if t_[0]):
            extra = "<w:pageBreakBefore/>" if k == 0 else ""
            yield f"<w:p>{ppr(self.styles['Normal'], extra=extra)}{text_runs(text, rpr(None, bold))}</w:p>"

    def chart(self, block: ChartBlock, landscape: bool = False, height_emu: int | None = None):
        """A chart: its caption, the chart (as wide as the page's text; `height_emu`, else its
        default height), its notes and source."""
        ch = block.chart
        yield self.caption("Figure", ch.number, ch.title)
        self.state.docpr_id += 1
        p = element(f"<w:p>{ppr(self.styles['Normal'])}</w:p>")
        width = LANDSCAPE_WIDTH_TWIPS if landscape else TEXT_WIDTH_TWIPS
        p.append(chart_run(self.part, ch, self.state.docpr_id, width_emu=width * 635, height_emu=height_emu,
                           theme=self.report.meta.theme))
        yield p
        yield from self.notes_under(ch.notes, ch.source)

    def notes_under(self, notes: list[str], source: str):
        """A table's or chart's notes, then its source line."""
        for n in notes:
            yield self.note(f"Note: {n}")
        if source:
            yield self.note(f"Source: {source}")

    def write(self, pages: dict[str, str] | None = None) -> bytes:
        anchor = self._anchor("[[BODY]]")
        pending: list[str] = []

        def flush():  # consecutive XML text is parsed once, not block by block
            if pending:
                for el in list(element(f"<w:body>{''.join(pending)}</w:body>")):
                    anchor.addprevious(el)
                pending.clear()

        for block in self.blocks():
            if isinstance(block, str):
                pending.append(block)
            else:
                flush()
                anchor.addprevious(block)
        flush()
        anchor.getparent().remove(anchor)
        if any(isinstance(b, TableBlock) and b.table.landscape for s in self.report.sections for b in s.blocks):
            for tp in self.final_sectpr.findall(qn("w:titlePg")):
                self.final_sectpr.remove(tp)
        self._write_toc(pages or {})
        self.footnotes.finish()
        self._properties()
        buf = io.BytesIO()
        self.doc.save(buf)
        return self.splices.apply(buf.getvalue())

    def _anchor(self, marker: str):
        for p in self.body.iter(qn("w:p")):
            if "".join(x.text or "" for x in p.iter(qn("w:t"))).strip() == marker:
                return p
        raise ValueError(f"the master template has no paragraph '{marker}'")

    def _write_toc(self, pages: dict[str, str]) -> None:
        anchor = self._anchor("[[TOC]]")
        entries = self.state.toc
        levels = self.report.meta.theme.contents_levels
        tab = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9016"/></w:tabs>'
        layout = contents_layout(entries, self.report.meta.theme.body_size)
        paragraphs = []
        for i, e in enumerate(entries):
            begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
                     f' TOC \\o "1-{levels}" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>') if i == 0 else ""
            end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(entries) - 1 else ""
            pageref = field_runs(f"PAGEREF {e.bookmark} \\h", pages.get(e.bookmark, ""), layout.rpr)
            xml = (f'<w:p>{ppr(self.styles[f"TOC {e.level}"], extra=tab + layout.spacing.get(e.level, ""))}{begin}'
                   f'<w:hyperlink w:anchor="{e.bookmark}" w:history="1"><w:r>{layout.rpr}{t(e.text)}</w:r>'
                   f'<w:r>{layout.rpr}<w:tab/></w:r>'
                   f'{pageref}</w:hyperlink>{end}</w:p>')
            paragraphs.append(xml)
        for el in list(element(f"<w:body>{''.join(paragraphs)}</w:body>")):
            anchor.addprevious(el)
        anchor.getparent().remove(anchor)

    def _properties(self) -> None:
        m = self.report.meta
        cp = self.doc.core_properties
        cp.title = f"{m.partnership} {m.title}"
        cp.subject = f"Annual report of the {m.partnership}, {m.period_label}"
        cp.author = m.author
        cp.language = m.language
        cp.keywords = "safeguarding; annual report; " + "; ".join(b.name for b in m.boards)
        cp.comments = "Built by hsp-docs from the inputs for " + m.current_year
        cp.last_modified_by = "hsp-docs"


CONTENTS_ROOM_PT = 640  # an A4 page's text height (2.54 cm margins) less the contents heading
CONTENTS_GAP_PT = (4, 2)  # the master template's TOC 1 space before; every TOC line's space after
CONTENTS_LINE_CHARS = 80  # characters of 11 pt Arial on a contents line, less its page number


@dataclass(frozen=True)
class ContentsLayout:
    """How the contents' lines are spaced and sized: the template's (roomy) or tighter."""

    spacing: dict[int, str]  # w:spacing by contents level
    rpr: str  # the runs' properties (a smaller size)


def contents_layout(entries: list[TocEntry], size: float) -> ContentsLayout:
    """The template's spacing where the entries fill their pages with it; where taking out the
    room between lines and a point of size fits them on fewer pages, that, so the contents does
    not spill a few lines onto another page."""
    def pages(pt: float, after: float, before: float) -> int:
        per_line = round(CONTENTS_LINE_CHARS * 11 / pt)
        lines = sum(-(-len(e.text) // per_line) for e in entries)
        height = lines * pt * 1.15 + len(entries) * after + sum(before for e in entries if e.level == 1)
        return int(-(-height // CONTENTS_ROOM_PT))
    before, after = CONTENTS_GAP_PT
    if pages(size, after, before) <= pages(size - 1, 0, before / 2):
        return ContentsLayout({}, "")
    none = '<w:spacing w:before="0" w:after="0"/>'
    half = round(size - 1) * 2
    return ContentsLayout({1: f'<w:spacing w:before="{before * 10}" w:after="0"/>', 2: none, 3: none},
                          f'<w:rPr><w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>')


def toc_pages(report_docx: bytes, entries: list[TocEntry], soffice: str | Office) -> tuple[dict[str, str], bytes]:
    """Page numbers for the contents, from one headless LibreOffice render of the built file
    (soffice: a program path or a build's Office), and that render's PDF."""
    pdf = to_pdf(soffice, report_docx)
    return pages_from_outline(heading_pages(pdf), entries), pdf


def contents_probe(report: Report) -> Report:
    """The report up to its last contents heading (the theme's contents levels), for the render that finds the
    headings' pages: nothing after it can move a heading, and a long record-level table there
    (an appendix at the end) would make LibreOffice's layout take minutes."""
    *before, last = report.sections
    levels = report.meta.theme.contents_levels
    cut = max((i for i, b in enumerate(last.blocks) if isinstance(b, Heading) and b.level <= levels), default=-1)
    # headings keep with what follows them: take the headings after it and the block they keep
    # with, unless that is a long table, so the last heading moves as it does in the whole report
    while cut + 1 < len(last.blocks) and isinstance(last.blocks[cut + 1], Heading):
        cut += 1
    if cut + 1 < len(last.blocks):
        follower = last.blocks[cut + 1]
        if not (isinstance(follower, TableBlock) and len(follower.table.rows) > PROBE_TABLE_ROWS):
            cut += 1
    return Report(report.meta, [*before, Section(last.key, last.title, last.blocks[:cut + 1])], report.notes)


def start_contents_render(report: Report, office: Office, template: Path | None = None) -> ContentsRender:
    """The contents' page numbers of `report`: from the cache, or from a LibreOffice render of its
    probe started at once in the background (contents.py)."""
    probe = WordWriter(contents_probe(report), template)
    return ContentsRender(probe.write(), probe.state.toc, office)


@dataclass(eq=False)
class WrittenReport:
    """A written report: its bytes, its notes, and its large tables for the accessibility check."""

    docx: bytes
    notes: list[str]
    splices: Splices


def write_report(report: Report, soffice=None, template: Path | None = None,
                 contents: ContentsRender | None = None) -> WrittenReport:
    """The report written; with LibreOffice, contents page numbers are filled in.
    soffice: a program path or a build's Office; contents: the contents render a build already
    started (contents.py: cached, or running in the background)."""
    if contents is None and not soffice:
        writer = WordWriter(report, template)
        return WrittenReport(writer.write(), ["contents page numbers left for Word to fill (LibreOffice not used)"],
                             writer.splices)
    try:
        if contents is None:
            with Office(soffice) if isinstance(soffice, str) else contextlib.nullcontext(soffice) as office:
                contents = start_contents_render(report, office, template)
                pages = contents.pages()
        else:
            pages = contents.pages()
    except Exception as exc:  # LibreOffice trouble must not fail the build
        writer = WordWriter(report, template)
        return WrittenReport(writer.write(), [f"contents page numbers skipped: {exc}"], writer.splices)
    final = WordWriter(report, template)
    data = final.write(pages)
    how = " (LibreOffice's layout reused: the contents' pages had not changed)" if contents.cached else ""
    return WrittenReport(data, [f"contents page numbers filled in for {len(pages)} of {len(final.state.toc)} "
                                f"headings{how}"], final.splices)


def render_report(report: Report, soffice=None, template: Path | None = None,
                  contents: ContentsRender | None = None):
    """The .docx bytes of a report (write_report). Returns (docx_bytes, None, notes)."""
    written = write_report(report, soffice, template, contents)
    return written.docx, None, written.notes
