"""A section's words written as a Word template (narrative/<section>.docx): the master's styles,
so it looks like the report, headings in the Heading styles, list items in the List Bullet
styles, real footnotes, and template tags and placements as the text a comms officer edits."""
from __future__ import annotations

import io
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

import docx

from ..parts import Heading, Paragraph
from .footnotes import Footnotes
from .writer import _style_ids, master_template, paragraph_xml, runs_xml
from .xml import element, ppr


def word_template_bytes(blocks: list[Heading | Paragraph], master: Path | None = None) -> bytes:
    """The .docx bytes of a section template holding `blocks` (template text, not rendered)."""
    doc = docx.Document(str(master or master_template()))
    body = doc.element.body
    sectpr = body.find(qn("w:sectPr"))
    for el in list(body):
        if el is not sectpr:
            body.remove(el)
    if sectpr is not None:  # no cover page, header or footer: this is one section's words
        for tag in ("w:headerReference", "w:footerReference", "w:titlePg"):
            for ref in sectpr.findall(qn(tag)):
                sectpr.remove(ref)
    for rel in [r for r in doc.part.rels.values() if r.reltype.endswith(("/header", "/footer"))]:
        doc.part.drop_rel(rel.rId)
    styles = _style_ids(doc)
    footnotes = Footnotes(doc.part)
    xml = []
    for b in blocks:
        runs = runs_xml(b.runs, doc.part, footnotes, styles)
        if isinstance(b, Heading):
            xml.append(f"<w:p>{ppr(styles[f'Heading {min(b.level, 4)}'])}{runs}</w:p>")
        else:
            xml.append(paragraph_xml(b, runs, styles))
    for el in list(element(f"<w:body>{''.join(xml)}</w:body>")):
        if sectpr is not None:
            sectpr.addprevious(el)
        else:
            body.append(el)
    footnotes.finish()
    doc.core_properties.title = ""
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def with_first_paragraph(template: bytes, text: str) -> bytes:
    """A Word template with a body-text paragraph saying `text` put before its first paragraph
    (new-year's "[to be completed: …]" line)."""
    doc = docx.Document(io.BytesIO(template))
    first = next((p for p in doc.paragraphs), None)
    if first is None:
        doc.add_paragraph(text)
    else:
        first.insert_paragraph_before(text, style=doc.styles.default(WD_STYLE_TYPE.PARAGRAPH))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
