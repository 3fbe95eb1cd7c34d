"""The Word report: fidelity to the published report, validity, and real Word features."""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import zipfile

import pytest
from lxml import etree

from conftest import IN_CI, SEED, SHARED, need_shared, need_tool, validate_ooxml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}


@pytest.fixture(scope="module")
def docx_path(built):
    return built / "report.docx"


@pytest.fixture(scope="module")
def document(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        return {n: z.read(n) for n in z.namelist()}


def xml(document, name):
    return etree.fromstring(document[name])


def test_fidelity_to_the_published_report(docx_path):
    """At least 98% of the seed's sentences, and 97% of its table cells, appear in the built report."""
    tool = need_shared(SHARED / "tools" / "fidelity.py")
    need_shared(SEED)
    out = subprocess.run([sys.executable, str(tool), str(SEED), str(docx_path)], capture_output=True, text=True,
                         check=True).stdout.strip().splitlines()[-1]
    m = re.match(r"prose ([\d.]+)% \((\d+)/(\d+)\) tables ([\d.]+)% \((\d+)/(\d+)\)", out)
    assert m, out
    assert float(m.group(1)) >= 98.0, out
    assert float(m.group(4)) >= 97.0, out


def test_report_passes_the_ooxml_validator(docx_path):
    assert "0 error(s) -> OK" in validate_ooxml(docx_path)


def test_sections_in_order_with_numbered_headings(document, default_data):
    body = xml(document, "word/document.xml")
    h1 = ["".join(p.itertext()) for p in body.iterfind(".//w:p", NS)
          if p.find("w:pPr/w:pStyle", NS) is not None and p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Heading1"]
    assert h1 == [s.title for s in default_data.meta.sections]
    styles = xml(document, "word/styles.xml")
    heading1 = styles.find(".//w:style[@w:styleId='Heading1']", NS)
    assert heading1.find("w:pPr/w:numPr/w:numId", NS) is not None  # numbered by Word, not typed


def test_real_footnotes_fourteen_in_the_chairs_report(document):
    notes = xml(document, "word/footnotes.xml").findall("w:footnote", NS)
    real = [n for n in notes if n.get(f"{{{W}}}type") is None]
    refs = xml(document, "word/document.xml").findall(".//w:footnoteReference", NS)
    assert len(real) == len(refs) == 14
    assert "Care Act 2014 Sec 43 and Schedule 2." in "".join(real[0].itertext())


def test_every_table_has_caption_and_repeating_header_row(document, default_report):
    body = xml(document, "word/document.xml")
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) == len(default_report.tables())
    for tbl, table in zip(tables, default_report.tables()):
        first = tbl.find("w:tr", NS)
        assert first.find("w:trPr/w:tblHeader", NS) is not None
        prev = tbl.getprevious()
        caption = "".join(x.text or "" for x in prev.iter(f"{{{W}}}t"))  # the SEQ field's result, not its code
        assert caption == f"Table {table.number}: {table.title}"
        headers = ["".join(tc.itertext()) for tc in first.findall("w:tc", NS)]
        assert headers == [c.header for c in table.columns] and all(headers)
        assert tbl.find(".//w:gridSpan", NS) is None and tbl.find(".//w:vMerge", NS) is None


def test_numbers_right_aligned_with_separators_and_money_in_pounds(document, default_report):
    body = xml(document, "word/document.xml")
    budget = next(t for t in default_report.tables() if t.key == "budget_outturn")
    tbl = body.findall(".//w:tbl", NS)[budget.number - 1]
    cells = tbl.findall("w:tr", NS)[1].findall("w:tc", NS)
    assert "".join(cells[-1].itertext()) == "£40,000"
    assert cells[-1].find("w:p/w:pPr/w:jc", NS).get(f"{{{W}}}val") == "right"


def test_wide_table_in_a_landscape_section(document):
    body = xml(document, "word/document.xml")
    orients = [s.find("w:pgSz", NS).get(f"{{{W}}}orient") for s in body.iter(f"{{{W}}}sectPr")]
    assert "landscape" in orients and orients[-1] is None


def test_images_have_alt_text(document):
    body = xml(document, "word/document.xml")
    docprs = body.findall(".//wp:docPr", NS)
    assert docprs, "no images or charts"
    decorative = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
    for d in docprs:
        descr = d.get("descr") or ""
        if d.find(f".//{decorative}") is not None:  # the cover's panel: marked decorative, so no alt text
            assert descr == "" and d.get("name") == "Cover panel"
            continue
        assert len(descr) > 15 and not re.search(r"\.(png|jpe?g|gif)$", descr, re.I)
    ids = [d.get("id") for d in docprs]
    assert len(ids) == len(set(ids))


def test_contents_is_a_filled_toc_field(document):
    body = xml(document, "word/document.xml")
    instr = " ".join(x.text for x in body.iter(f"{{{W}}}instrText"))
    assert "TOC \\o" in instr
    links = body.findall(".//w:hyperlink[@w:anchor]", NS)
    assert len(links) > 20
    names = {b.get(f"{{{W}}}name") for b in body.iter(f"{{{W}}}bookmarkStart")}
    assert all(link.get(f"{{{W}}}anchor") in names for link in links)


def test_core_properties(document, default_data):
    core = etree.fromstring(document["docProps/core.xml"])
    text = {el.tag.split("}")[1]: el.text for el in core}
    assert text["title"] == f"{default_data.meta.partnership} {default_data.meta.title}"
    assert text["language"] == "en-GB" and text["subject"] and text["creator"]


def test_bullets_are_real_list_formatting(document):
    body = xml(document, "word/document.xml")
    styles = [s.get(f"{{{W}}}val") for s in body.iterfind(".//w:pPr/w:pStyle", NS)]
    assert styles.count("ListBullet") > 100
    assert not any("".join(p.itertext()).startswith(("·", "•")) for p in body.iter(f"{{{W}}}p"))


def test_pandoc_reads_headings_and_footnotes(docx_path):
    pandoc = need_tool("pandoc")
    md = subprocess.run([pandoc, "-f", "docx", "-t", "markdown", str(docx_path)], capture_output=True,
                        text=True, check=True).stdout
    assert re.search(r"^# .*Introduction", md, re.M)
    assert md.count("[^") >= 28  # 14 references and 14 notes
    plain = subprocess.run([pandoc, "-f", "docx", "-t", "plain", str(docx_path)], capture_output=True,
                           text=True, check=True).stdout
    assert "Care Act 2014 Sec 43 and Schedule 2." in plain


def test_libreoffice_converts_to_pdf(docx_path, tmp_path):
    from hsp_docs.soffice import to_pdf

    soffice = need_tool("soffice")
    pdf = to_pdf(soffice, docx_path.read_bytes())
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    pdftotext = need_tool("pdftotext")
    (tmp_path / "r.pdf").write_bytes(pdf)
    text = subprocess.run([pdftotext, str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Learning from reviews" in text and "Table 1:" in text


def test_contents_page_numbers_from_libreoffice(default_report):
    """The contents' page numbers come from rendering the report only up to its last contents
    heading (contents_probe): they must be the pages the headings land on in the whole report."""
    from hsp_docs.docx.writer import WordWriter, contents_probe, render_report, toc_pages

    soffice = need_tool("soffice")
    probe = contents_probe(default_report)
    assert len(probe.sections[-1].blocks) < len(default_report.sections[-1].blocks)
    data, _, notes = render_report(default_report, soffice=soffice)
    assert any("filled in for 47 of 47" in n for n in notes), notes
    body = etree.fromstring(zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml"))
    written = {}
    runs = list(body.iter(f"{{{W}}}r"))
    for i, r in enumerate(runs):
        instr = r.find("w:instrText", NS)
        if instr is not None and "PAGEREF" in instr.text:
            written[instr.text.split()[1]] = "".join(runs[i + 2].itertext())
    writer = WordWriter(default_report)
    writer.write()
    actual, _ = toc_pages(data, writer.state.toc, soffice)  # where the headings are in the whole report
    assert len(written) == 47 and written == actual


def test_one_section_builds_into_a_document_of_its_own(default_data, tmp_path):
    import hsp_docs

    path = tmp_path / "training.docx"
    hsp_docs.build_report(default_data, path, sections=["training"])
    validate_ooxml(path)
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    h1 = ["".join(p.itertext()) for p in body.iterfind(".//w:p", NS)
          if p.find("w:pPr/w:pStyle", NS) is not None and p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Heading1"]
    assert h1 == ["Training and Development"]
    assert len(body.findall(".//w:tbl", NS)) == 2
    with pytest.raises(ValueError, match="no section 'nonsense'"):
        hsp_docs.build_report(default_data, tmp_path / "x.docx", sections=["nonsense"])


def test_column_widths_keep_header_words_codes_and_numbers_whole(default_report):
    """Measured with Liberation Sans (Arial's metrics): every column is at least as wide as its
    longest bold header word and, for numbers, dates and short codes, its widest cell, plus
    Word's cell margins; so LibreOffice and Word never break "Grand Total" as "Gran / d"."""
    from PIL import ImageFont

    from hsp_docs.docx.tables import LANDSCAPE_WIDTH_TWIPS, TEXT_WIDTH_TWIPS, _widths
    from hsp_docs.parts import Column, Table

    fonts = {}
    for bold in (False, True):
        found = subprocess.run(["fc-match", "-f", "%{file}", f"Liberation Sans:{'bold' if bold else 'regular'}"],
                               capture_output=True, text=True).stdout
        if "LiberationSans" not in found:
            (pytest.fail if IN_CI else pytest.skip)("Liberation Sans (fonts-liberation2) is not installed")
        fonts[bold] = ImageFont.truetype(found, 200)  # 10 pt: one pixel per twip
    margins = 216  # Word's default cell margins, left and right
    codes = Table("codes", "Case audits", [Column("Audit"), Column("Completed", "date"), Column("Theme")],
                  [[f"KV-AUD-{i:03d}", dt.date(2023, 9, 22), "Children missing education"] for i in range(40)])
    for table in [*default_report.tables(), codes]:
        widths = _widths(table, LANDSCAPE_WIDTH_TWIPS if table.landscape else TEXT_WIDTH_TWIPS)
        texts = table.cell_texts()
        for i, (col, width) in enumerate(zip(table.columns, widths)):
            words = [fonts[True].getlength(w) for w in col.header.split()]
            cells = [fonts[False].getlength(row[i]) for row in texts if row[i]]
            whole = cells if col.numeric or col.kind in ("date", "month") else \
                [fonts[False].getlength(row[i]) for row in texts if row[i] and " " not in row[i]
                 and len(row[i]) <= 12]
            need = max(words + whole) + margins
            assert width >= need, (table.key, col.header, width, round(need))


def test_a_large_table_is_spliced_in_as_text_and_gives_the_same_document(monkeypatch, tmp_path):
    """Tables over SPLICE_ROWS join document.xml as text when the package is saved, never as an
    lxml tree: the document must be the one the tree path gives, element for element."""
    import io

    from docx import Document
    from hsp_docs.docx import splice, writer
    from hsp_docs.parts import Column, Report, Section, Table, TableBlock
    from hsp_docs.theme import DEFAULT_THEME

    meta = type("Meta", (), dict(partnership="P", title="T", period_label="2022-23", current_year="2022-23",
                                 publication_date=dt.date(2023, 10, 1), author="A", language="en-GB", boards=(),
                                 theme=DEFAULT_THEME, contact="", accessible_formats="", copyright=""))
    rows = [[f"C{i:05d} & <co>", dt.date(2022, 4, 1) + dt.timedelta(days=i % 365), i % 7, None if i % 9 else 0.25]
            for i in range(1500)]
    table = Table("contacts", "Contacts", [Column("Ref"), Column("Date", "date"), Column("Children", "count"),
                                           Column("Share", "percent")], rows, notes=["One row per contact."])
    report = Report(meta, [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    spliced, _, _ = writer.render_report(report)
    monkeypatch.setattr(writer, "SPLICE_ROWS", 10_000)
    built, _, _ = writer.render_report(report)

    def document(blob):
        return etree.tostring(etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml")),
                              method="c14n")

    assert b"hsp-docs-table-" not in document(spliced)
    assert document(spliced) == document(built)
    assert len(Document(io.BytesIO(spliced)).tables[0].rows) == 1501
    (tmp_path / "spliced.docx").write_bytes(spliced)
    validate_ooxml(tmp_path / "spliced.docx")
    assert splice.SPLICE_ROWS < len(rows)


def test_csa_events_table_is_grouped_by_event(document, default_data):
    """Table 1 prints each event's date, course and host once, on its first row, with its
    organisations beneath (no merged cells), each event kept on one page; each course's website
    from csa_events.csv is a note."""
    body = xml(document, "word/document.xml")
    table = next(t for t in body.iterfind(".//w:tbl", NS)
                 if t.find("w:tblPr/w:tblCaption", NS).get(f"{{{W}}}val").startswith("Table 1:"))
    rows = [["".join(c.itertext()) for c in tr.iterfind("w:tc", NS)] for tr in table.iterfind("w:tr", NS)][1:]
    events, attendance = default_data.training.csa_events, default_data.training.csa_attendance
    firsts = [r for r in rows if r[1]]
    assert [r[1] for r in firsts] == [e.course for e in events]  # the course once per event
    assert [r[2] for r in firsts] == [e.host or "" for e in events]
    assert len(rows) == len(attendance) + len(events)  # each organisation, and a total per event
    assert [r[3] for r in rows if r[3] in {a.organisation for a in attendance}] == [a.organisation for a in attendance]
    assert table.find(".//w:gridSpan", NS) is None and table.find(".//w:vMerge", NS) is None
    # each event keeps together on a page: every row but an event's last keeps with the next
    kept = [tr.find("w:tc/w:p/w:pPr/w:keepNext", NS) is not None for tr in table.iterfind("w:tr", NS)][1:]
    lasts = [i for i in range(len(rows)) if i == len(rows) - 1 or rows[i + 1][1]]
    assert [i for i, k in enumerate(kept) if not k] == lasts
    note = "".join(table.getnext().itertext())
    assert all(f"{e.course}: {e.website}" in note for e in events)


def test_the_contents_tightens_only_where_that_saves_a_page():
    """The template's spacing where the contents fills its pages; none between lines (and a point
    smaller) where that keeps a few lines from spilling onto another page."""
    from hsp_docs.docx.writer import TocEntry, contents_layout

    def entries(n):
        return [TocEntry(1 if i % 7 == 0 else 2, f"Heading number {i}", f"_Toc{i}") for i in range(n)]
    assert contents_layout(entries(20), 11).spacing == {}  # fits one page either way
    tight = contents_layout(entries(46), 11)  # about a page and a few lines, roomy; one page, tight
    assert tight.spacing[2] == '<w:spacing w:before="0" w:after="0"/>' and 'w:sz w:val="20"' in tight.rpr
    assert contents_layout(entries(120), 11).spacing == {}  # three pages either way


def test_the_cover_carries_the_logo_and_an_optional_picture_from_the_inputs(inputs_copy, tmp_path):
    """[cover] in report.toml: the logo and a cover picture on the first page, with their alt text;
    without [cover], no picture and no gap on the cover."""
    from hsp_docs.build import build_all
    from hsp_docs.inputs.loader import load_inputs

    toml = inputs_copy / "report.toml"
    (inputs_copy / "images" / "cover.png").write_bytes((inputs_copy / "images" / "logo.png").read_bytes())
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        "[chair]", 'image = "images/cover.png"\nimage_alt = "Children playing in a Harrow park"\n\n[chair]', 1),
        encoding="utf-8")
    build_all(load_inputs(inputs_copy), tmp_path / "with", soffice=None)
    body = zipfile.ZipFile(tmp_path / "with" / "report.docx").read("word/document.xml").decode("utf-8")
    cover = body[:body.index("Contents")]
    assert 'descr="Placeholder image, a stand-in: replace with the partnership' in cover  # the logo, a stand-in
    assert 'descr="Children playing in a Harrow park"' in cover
    assert cover.count("<wp:docPr") == 3 and 'name="Cover panel" descr=""' in cover  # and the theme's panel
    assert cover.index("Harrow Safeguarding Partnership</w:t>") < cover.index("Children playing")
    assert "Published 16 October 2023" in cover
    toml.write_text(re.sub(r"\[cover\][^\[]*", "", toml.read_text(encoding="utf-8")), encoding="utf-8")
    build_all(load_inputs(inputs_copy), tmp_path / "without", soffice=None)
    body = zipfile.ZipFile(tmp_path / "without" / "report.docx").read("word/document.xml").decode("utf-8")
    cover = body[:body.index("Contents")]
    assert cover.count("<wp:docPr") == 1 and "PLACEHOLDER" not in cover and "{%" not in cover  # the panel alone
    validate_ooxml(tmp_path / "with" / "report.docx", tmp_path / "without" / "report.docx")


def test_attendance_totals_line_up_on_the_right(document, default_report):
    """The n/m totals of the attendance tables (meetings attended of those held) are right-aligned,
    under a right-aligned header, like the numbers beside them."""
    body = xml(document, "word/document.xml")
    attendance = [t for t in default_report.tables() if t.key.startswith("attendance_")]
    assert attendance and all(t.columns[-1].kind == "fraction" for t in attendance)
    for t in attendance:
        tbl = next(x for x in body.iterfind(".//w:tbl", NS)
                   if x.find("w:tblPr/w:tblCaption", NS).get(f"{{{W}}}val") == t.caption)
        last = [tr.findall("w:tc", NS)[-1] for tr in tbl.iterfind("w:tr", NS)]
        assert all(tc.find("w:p/w:pPr/w:jc", NS).get(f"{{{W}}}val") == "right" for tc in last)
