"""The report's native charts: one per chart of the seed, editable data equal to the model,
alt text and captions, and drawn (not blank) when LibreOffice renders the report."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from lxml import etree
from openpyxl import load_workbook

from conftest import need_tool

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SEED_CHARTS = {"lado_contacts", "lado_referral_settings", "lado_meetings", "lado_outcomes", "asc_concerns_per_100k",
               "asc_enquiries_per_100k", "asc_monthly", "asc_msp_outcomes", "asc_risk_outcomes",
               "csc_contact_sources", "csc_presenting_issues", "csc_contact_outcomes", "asc_concerns_enquiries"}


def _rels(z, part):
    folder, name = part.rsplit("/", 1)
    root = etree.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): r.get("Target") for r in root.iter(f"{{{REL}}}Relationship")}


def charts_in_order(path):
    """(chart XML root, embedded workbook bytes, docPr descr) for each chart, in document order."""
    z = zipfile.ZipFile(path)
    doc = etree.fromstring(z.read("word/document.xml"))
    rels = _rels(z, "word/document.xml")
    out = []
    for inline in doc.iter(f"{{{NS['wp']}}}inline"):
        chart = inline.find(".//c:chart", NS)
        if chart is None:
            continue
        part = "word/" + rels[chart.get(f"{{{NS['r']}}}id")]
        root = etree.fromstring(z.read(part))
        ext = root.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
        target = _rels(z, part)[ext]
        emb = "word/" + re.sub(r"^\.\./", "", target)
        out.append((root, z.read(emb), inline.find("wp:docPr", NS).get("descr")))
    return out


def test_every_seed_chart_is_a_native_chart(default_report):
    assert {c.key for c in default_report.charts()} >= SEED_CHARTS


def test_embedded_workbooks_hold_the_model_values(built, default_report):
    found = charts_in_order(built / "report.docx")
    charts = default_report.charts()
    assert len(found) == len(charts)
    for (root, blob, descr), chart in zip(found, charts):
        assert descr == chart.alt
        ws = load_workbook(io.BytesIO(blob)).active
        rows = list(range(2, 2 + len(chart.categories)))
        if chart.kind == "bar" and len(chart.series) > 1:
            rows.reverse()  # bars of several series: the rows bottom up, as plotted (ooxml.chart.plot_order)
        cats = [ws.cell(r, 1).value for r in rows]
        assert [str(c) for c in cats] == [str(c) for c in chart.categories]
        for j, s in enumerate(chart.series, 2):
            assert ws.cell(1, j).value == s.name
            values = [ws.cell(r, j).value for r in rows]
            assert values == [None if v is None else pytest.approx(v) for v in s.values]


def test_charts_are_drawn_when_rendered(built, tmp_path):
    from PIL import Image

    from hsp_docs.soffice import to_pdf

    soffice = need_tool("soffice")
    pdftoppm = need_tool("pdftoppm")
    pdftotext = need_tool("pdftotext")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(to_pdf(soffice, (built / "report.docx").read_bytes()))
    pages = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    figure_pages = sorted({i + 1 for i, text in enumerate(pages) if re.search(r"^\s*Figure \d+:", text, re.M)})
    assert len(figure_pages) >= 8
    for n in figure_pages:
        subprocess.run([pdftoppm, "-r", "30", "-f", str(n), "-l", str(n), "-png", str(pdf), str(tmp_path / "p")],
                       check=True)
        png = next(tmp_path.glob("p-*.png"))
        img = Image.open(png).convert("RGB")
        px = img.tobytes()
        coloured = sum(1 for i in range(0, len(px), 3) if max(px[i:i + 3]) - min(px[i:i + 3]) > 60)
        png.unlink()
        assert coloured > 200, f"page {n} has a figure caption but no chart drawn"
