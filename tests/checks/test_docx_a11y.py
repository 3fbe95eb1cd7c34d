"""Accessibility checks on .docx files: each rule fails on a minimal bad document and passes
on a good one; our own report passes, and breaking it makes `check` fail."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt, RGBColor

from docx import Document
from hsp_docs.checks.docx_a11y import check_docx, contrast


def png() -> bytes:
    from PIL import Image  # Pillow comes with python-pptx

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(buf, "PNG")
    return buf.getvalue()


def good_doc() -> Document:
    doc = Document()
    doc.core_properties.title = "A report"
    doc.core_properties.language = "en-GB"
    st = doc.styles["Normal"]
    st.font.name = "Arial"
    st.font.size = Pt(11)
    for name in ("Heading 1", "Heading 2", "Heading 3", "Caption"):  # the default template's blue is 4.1:1
        doc.styles[name].font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
    doc.add_heading("Title", 1)
    doc.add_paragraph("Body text.")
    return doc


def checks_of(doc, tmp_path) -> set[str]:
    path = tmp_path / "t.docx"
    doc.save(path)
    return {f.check for f in check_docx(path)}


def test_good_document_passes(tmp_path):
    assert checks_of(good_doc(), tmp_path) == set()


def test_missing_title(tmp_path):
    doc = good_doc()
    doc.core_properties.title = ""
    assert checks_of(doc, tmp_path) == {"title"}


def test_skipped_heading_level(tmp_path):
    doc = good_doc()
    doc.add_heading("Deep", 3)
    assert checks_of(doc, tmp_path) == {"heading-order"}
    doc2 = good_doc()
    doc2.add_heading("Next", 2)
    doc2.add_heading("Deeper", 3)
    assert checks_of(doc2, tmp_path) == set()


@pytest.mark.parametrize("descr,bad", [("", True), ("chart1.png", True), ("Picture 3", True),
                                       ("Photograph of the chair at the annual conference", False)])
def test_image_alt_text(tmp_path, descr, bad):
    doc = good_doc()
    doc.add_picture(io.BytesIO(png()))
    doc.inline_shapes[0]._inline.docPr.set("descr", descr)
    assert ("alt-text" in checks_of(doc, tmp_path)) is bad


def _table(doc, header=True, caption=True, merge=False):
    if caption:
        doc.add_paragraph("Table 1: Figures", style="Caption")
    t = doc.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "Name", "Count"
    t.cell(1, 0).text, t.cell(1, 1).text = "A", "1"
    if header:
        t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    if merge:
        t.cell(1, 0).merge(t.cell(1, 1))
    return t


def test_table_rules(tmp_path):
    doc = good_doc()
    _table(doc)
    assert checks_of(doc, tmp_path) == set()
    doc = good_doc()
    _table(doc, header=False)
    assert checks_of(doc, tmp_path) == {"table-header"}
    doc = good_doc()
    _table(doc, caption=False)
    assert checks_of(doc, tmp_path) == {"table-caption"}
    doc = good_doc()
    _table(doc, merge=True)
    assert checks_of(doc, tmp_path) == {"merged-cells"}
    doc = good_doc()
    t = _table(doc)
    t.cell(0, 1).text = ""
    assert checks_of(doc, tmp_path) == {"table-header"}


def _link(doc, text):
    p = doc.add_paragraph()
    rid = doc.part.relate_to("https://example.org/page", "http://schemas.openxmlformats.org/officeDocument/2006/"
                             "relationships/hyperlink", is_external=True)
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>{text}</w:t></w:r></w:hyperlink>'))


@pytest.mark.parametrize("text,bad", [("click here", True), ("https://example.org/page", True),
                                      ("the Ofsted inspection report", False)])
def test_link_text(tmp_path, text, bad):
    doc = good_doc()
    _link(doc, text)
    assert ("link-text" in checks_of(doc, tmp_path)) is bad


def test_body_text_size_font_and_alignment(tmp_path):
    doc = good_doc()
    doc.styles["Normal"].font.size = Pt(10)
    assert checks_of(doc, tmp_path) == {"body-text"}
    doc = good_doc()
    doc.styles["Normal"].font.name = "Times New Roman"
    assert checks_of(doc, tmp_path) == {"body-text"}
    doc = good_doc()
    doc.add_paragraph("Justified.").alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    assert checks_of(doc, tmp_path) == {"body-text"}


def test_text_contrast(tmp_path):
    assert round(contrast("767676", "FFFFFF"), 1) == 4.5
    doc = good_doc()
    doc.add_paragraph().add_run("pale").font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    assert checks_of(doc, tmp_path) == {"contrast"}
    doc = good_doc()
    doc.add_paragraph().add_run("dark").font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    assert checks_of(doc, tmp_path) == set()


def test_our_report_passes(built):
    assert check_docx(built / "report.docx") == []


def test_breaking_our_report_fails_check(built, tmp_path):
    """Remove one chart's alt text and one table's header mark: `check` must say so."""
    src = zipfile.ZipFile(built / "report.docx")
    xml = src.read("word/document.xml").decode()
    m = re.search(r'(<wp:docPr id="\d+" name="Chart[^"]*" descr=")([^"]+)"', xml)
    assert m, "no chart docPr found"
    xml = xml.replace(m.group(0), m.group(1) + '"', 1)
    xml = xml.replace("<w:tblHeader/>", "", 1)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as z:
        for n in src.namelist():
            z.writestr(n, xml if n == "word/document.xml" else src.read(n))
    checks = {f.check for f in check_docx(broken)}
    assert {"alt-text", "table-header"} <= checks
    from click.testing import CliRunner

    from hsp_docs.cli import main

    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 1 and "alternative text" in result.output
