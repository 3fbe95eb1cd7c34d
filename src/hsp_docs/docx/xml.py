"""The small raw-OOXML layer of the Word writer: runs, paragraphs, fields (escaping: hsp_docs.ooxml.xml).

Everything here writes children in the order the schema requires (pPr before runs; in
rPr: rStyle, rFonts, b, i, ..., color, sz, vertAlign), so callers never think about it.
"""
from __future__ import annotations

import re

from docx.oxml import parse_xml

from ..ooxml.xml import esc

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}"'
_FIRST_TAG = re.compile(r"^<([\w:]+)")


def t(text: str) -> str:
    """A w:t element: escaped, keeping leading, trailing and doubled spaces (cheap when there is
    nothing to escape, as table cells of numbers)."""
    text = esc(text)
    if text[:1].isspace() or text[-1:].isspace() or "  " in text:
        return f'<w:t xml:space="preserve">{text}</w:t>'
    return f"<w:t>{text}</w:t>"


def text_runs(text: str, rpr: str = "") -> str:
    """Runs for text that may contain tabs and line breaks."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(f"<w:r>{rpr}<w:br/></w:r>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                out.append(f"<w:r>{rpr}<w:tab/></w:r>")
            if chunk:
                out.append(f"<w:r>{rpr}{t(chunk)}</w:r>")
    return "".join(out)


def rpr(style: str | None = None, bold: bool = False) -> str:
    inner = (f'<w:rStyle w:val="{style}"/>' if style else "") + ("<w:b/><w:bCs/>" if bold else "")
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def ppr(style: str | None = None, jc: str | None = None, keep_next: bool = False, extra: str = "") -> str:
    inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:keepNext/>" if keep_next else "") + extra + (
        f'<w:jc w:val="{jc}"/>' if jc else "")
    return f"<w:pPr>{inner}</w:pPr>" if inner else ""


def field_runs(instr: str, result: str, rpr_xml: str = "") -> str:
    """A complex field with its result already filled in."""
    return (f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{rpr_xml}<w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{rpr_xml}{t(result)}</w:r>"
            f'<w:r>{rpr_xml}<w:fldChar w:fldCharType="end"/></w:r>')


def element(xml: str):
    """Parse one element written without namespace declarations."""
    return parse_xml(_FIRST_TAG.sub(rf"<\1 {NSDECL}", xml, count=1))
