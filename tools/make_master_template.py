"""Generate templates/docx/master.docx: the house style, cover, contents and page furniture.

The master is a docxtpl template: the cover and header carry {{ partnership }}, {{ title }} and
{{ period }}. `[[TOC]]` and `[[BODY]]` mark where the contents and the sections go. A comms
team may restyle the file in Word (fonts, colours, cover) as long as those markers stay.

    python tools/make_master_template.py
"""
from __future__ import annotations

from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from docx import Document

FONT = "Arial"  # metric-compatible with Liberation Sans, so pages break alike in Word and LibreOffice
NAVY = RGBColor(0x1F, 0x38, 0x64)  # 11.9:1 on white
GREY = RGBColor(0x40, 0x40, 0x40)
OUT = Path(__file__).resolve().parents[1] / "templates" / "docx" / "master.docx"


def font(style, size=None, bold=None, color=None):
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color


def spacing(style, before=0, after=8, line=1.15, keep_next=False):
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    pf.line_spacing = line
    if keep_next:
        pf.keep_with_next = True


def heading_numbering(doc):
    """Number Heading 1 as '1.', '2.', … through the numbering part."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Heading1"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr>'
        "</w:lvl></w:abstractNum>")
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    ppr = doc.styles["Heading 1"].element.get_or_add_pPr()
    ppr.insert(0, parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="90"/></w:numPr>'))
    # numPr must come after keepNext/keepLines/pageBreakBefore/framePr/widowControl in pPr
    order = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr"]
    kids = sorted(list(ppr), key=lambda e: order.index(e.tag.split("}")[1]) if e.tag.split("}")[1] in order
                  else len(order))
    for k in kids:
        ppr.remove(k)
    for k in kids:
        ppr.append(k)


def add_style(doc, name, kind, base=None):
    try:
        return doc.styles[name]
    except KeyError:
        s = doc.styles.add_style(name, kind)
        if base:
            s.base_style = doc.styles[base]
        return s


def field(paragraph, instr, result=""):
    p = paragraph._p
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>{result}</w:t></w:r>'))
    p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))


def main() -> None:
    doc = Document()
    st = doc.styles
    # language and default font for the whole document
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
        rpr_default.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), "en-GB")

    font(st["Normal"], 11, color=RGBColor(0, 0, 0))
    spacing(st["Normal"], 0, 8, 1.15)
    for name, size, before, after in (("Title", 32, 0, 12), ("Subtitle", 20, 0, 12), ("Heading 1", 18, 18, 10),
                                      ("Heading 2", 14, 14, 6), ("Heading 3", 12, 12, 4), ("Heading 4", 11, 10, 4)):
        s = st[name]
        font(s, size, True, NAVY)
        s.font.italic = False
        spacing(s, before, after, 1.0, keep_next=True)
    st["Title"].paragraph_format.space_before = Pt(48)
    heading_numbering(doc)

    for name in ("List Bullet", "List Bullet 2", "List Bullet 3"):
        font(st[name], 11)
        spacing(st[name], 0, 4, 1.15)
    cap = st["Caption"]
    font(cap, 11, True, NAVY)
    cap.font.italic = False
    spacing(cap, 10, 4, 1.0, keep_next=True)

    table_text = add_style(doc, "Table Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    font(table_text, 10)
    spacing(table_text, 0, 0, 1.0)
    note = add_style(doc, "Table Note", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    font(note, 10, color=GREY)
    spacing(note, 2, 10, 1.0)
    fn_text = add_style(doc, "Footnote Text", WD_STYLE_TYPE.PARAGRAPH, "Normal")
    font(fn_text, 9)
    spacing(fn_text, 0, 2, 1.0)
    fn_ref = add_style(doc, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
    fn_ref.font.superscript = True
    link = add_style(doc, "Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)  # 5.9:1 on white
    link.font.underline = True
    for i in (1, 2, 3):
        toc = add_style(doc, f"TOC {i}", WD_STYLE_TYPE.PARAGRAPH, "Normal")
        font(toc, 11, bold=(i == 1))
        toc.paragraph_format.left_indent = Cm(0.6 * (i - 1))
        spacing(toc, 4 if i == 1 else 0, 2, 1.0)
    toc_heading = st["TOC Heading"]
    toc_heading.base_style = st["Normal"]  # not Heading 1: the contents page is not numbered
    font(toc_heading, 18, True, NAVY)
    spacing(toc_heading, 0, 12, 1.0, keep_next=True)

    # page set-up: A4 portrait, 2.54 cm margins, a different first page for the cover
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Cm(2.54))
    sec.different_first_page_header_footer = True
    hp = sec.header.paragraphs[0]
    hp.text = "{{ partnership }}: {{ title }}"
    hp.style = st["Normal"]
    hp.runs[0].font.size = Pt(9)
    hp.runs[0].font.color.rgb = GREY
    fp = sec.footer.paragraphs[0]
    fp.alignment = 1
    fp.add_run("Page ")
    field(fp, "PAGE", "1")

    # cover: the logo (when report.toml's [cover] names one), partnership, title, period, an
    # optional picture, the publication date; a stand-in picture's label under it
    def cover_picture(name: str) -> None:
        doc.add_paragraph(f"{{%p if {name} %}}")
        doc.add_paragraph(f"{{{{ {name} }}}}", style="Normal")
        doc.add_paragraph(f"{{%p if {name}_label %}}")
        label = doc.add_paragraph(style="Normal").add_run(f"{{{{ {name}_label }}}}")
        label.bold = True  # in the theme's placeholder colour (hsp-docs sets it from the theme)
        label.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
        doc.add_paragraph("{%p endif %}")
        doc.add_paragraph("{%p endif %}")

    cover_picture("logo")
    doc.add_paragraph("{{ partnership }}", style="Title")
    doc.add_paragraph("{{ title }}", style="Subtitle")
    doc.add_paragraph("{{ period }}", style="Normal")
    cover_picture("cover_image")
    doc.add_paragraph("Published {{ published }}", style="Normal")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Contents", style="TOC Heading")
    doc.add_paragraph("[[TOC]]")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("[[BODY]]")
    # drop the empty first paragraph python-docx's blank document may start with
    body = doc.element.body
    first = body[0]
    if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
        body.remove(first)
    # python-docx's blank document carries 100 table styles (340 kB of styles.xml, parsed on every
    # build); our tables are formatted directly, so keep only the default table style
    for style in list(doc.styles.element.iterfind(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:default")) != "1":
            doc.styles.element.remove(style)
    # parts of python-docx's blank document that Word does not need: fewer parts to load per build
    for rel in list(doc.part.rels.values()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            doc.part.drop_rel(rel.rId)
    for rel in list(doc.part.package.rels.values()):
        if rel.reltype.endswith(("/thumbnail", "/customXml")):
            doc.part.package.rels.pop(rel.rId)
    props = doc.core_properties
    props.title = "{{ partnership }} {{ title }}"
    props.author = ""
    props.language = "en-GB"
    props.comments = "House-style master template for hsp-docs"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
