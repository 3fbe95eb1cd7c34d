"""The theme (hsp_docs.theme) applied to the Word template's styles: the body and heading fonts,
the body text size and colour, and the colour of the headings, captions and title. The master
template's own values are the default theme's, so the default report is unchanged by this."""
from __future__ import annotations

from docx.oxml.ns import qn

from ..theme import Theme

HEADING_STYLES = {"Heading1", "Heading2", "Heading3", "Heading4", "Title", "Subtitle", "Caption", "TOCHeading"}


def apply_theme(styles_element, theme: Theme) -> None:
    """Rewrite the fonts and colours of styles.xml's paragraph and character styles in place."""
    for style in styles_element.iter(qn("w:style")):
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            continue
        sid = style.get(qn("w:styleId"))
        heading = sid in HEADING_STYLES
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")):
            font = theme.heading_font if heading else theme.font
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), font)
        colour = rpr.find(qn("w:color"))
        if colour is not None and heading:
            colour.set(qn("w:val"), theme.heading_colour)
        elif colour is not None and sid == "Normal":
            colour.set(qn("w:val"), theme.text)
        size = rpr.find(qn("w:sz"))
        if sid == "Normal" and size is not None:
            size.set(qn("w:val"), str(theme.body_half_points))
        ppr = style.find(qn("w:pPr"))
        if sid == "Heading1" and ppr is not None and ppr.find(qn("w:pageBreakBefore")) is None \
                and theme.chapter_new_page:  # after pStyle, keepNext, keepLines: the schema's order
            before = [c for c in ppr if c.tag in (qn("w:pStyle"), qn("w:keepNext"), qn("w:keepLines"))]
            ppr.insert(ppr.index(before[-1]) + 1 if before else 0, ppr.makeelement(qn("w:pageBreakBefore"), {}))
