"""Native Word charts: schema-valid, data embedded for Edit Data, accessible, drawn by LibreOffice."""
from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

from conftest import need_tool, validate_ooxml
from docx import Document
from hsp_docs.docx.charts import EMU_PER_CM, chart_run, default_height_emu
from hsp_docs.ooxml.chart import chart_xml
from hsp_docs.ooxml.embedded import embedded_ref
from hsp_docs.parts import Chart, Series
from hsp_docs.theme import DEFAULT_THEME, contrast_ratio

PALETTE = DEFAULT_THEME.palette

NS = {
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

BAR = Chart("bar8", "Referrals by setting", "bar",
            ["Fostering", "Health", "Nursery", "Other", "Public", "School", "Social Care", "Police & courts"],
            [Series("Referrals", [1, 1, 6, 10, 1, 27, 4, 3])],
            alt='Bar chart of referrals by setting: School 27, Other 10 & "the rest" < 7.',
            value_axis_title="Number of referrals", category_axis_title="Setting")
COLUMN = Chart("col2", "Contacts and referrals by year", "column", ["Contacts", "Referrals"],
               [Series("2021/22", [53, 55]), Series("2022/23", [49, 45])],
               alt="Column chart: 2021/22 53 contacts and 55 referrals; 2022/23 49 and 45.",
               value_axis_title="Number", category_axis_title="")
LINE = Chart("line_gap", "Concerns per 100,000 adults", "line",
             ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23"],
             [Series("England", [943, 1074, 1121, 1218, None]), Series("Harrow", [730, 520, 1362, 1124, 994])],
             alt="Line chart of concerns per 100,000 adults; England 2022-23 not available.",
             value_axis_title="Concerns per 100,000 adults", category_axis_title="Year")
PIE = Chart("pie", "Share of outcomes", "pie", ["Fully achieved", "Partially achieved", "Not achieved"],
            [Series("2022-23", [0.82, 0.13, 0.05])], alt="Pie chart: fully achieved 82%, partially 13%, not 5%.",
            number_format="0%")
CHARTS = [BAR, COLUMN, LINE, PIE]




@pytest.fixture(scope="module")
def docx_path(tmp_path_factory) -> Path:
    doc = Document()
    for i, chart in enumerate(CHARTS):
        doc.add_paragraph(f"Figure {i + 1}: {chart.title}")
        doc.add_paragraph()._p.append(chart_run(doc.part, chart, 100 + i))
    path = tmp_path_factory.mktemp("charts") / "charts.docx"
    doc.save(path)
    return path


def _resolve(base: str, target: str) -> str:
    """A relationship target, relative to its source part, as a zip member name."""
    parts: list[str] = []
    for seg in (PurePosixPath(base).parent / target).parts:
        if seg == "..":
            parts.pop()
        elif seg not in (".", "/"):
            parts.append(seg)
    return "/".join(parts)


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    p = PurePosixPath(part)
    rels = etree.fromstring(z.read(str(p.parent / "_rels" / (p.name + ".rels"))))
    return {r.get("Id"): (r.get("Type"), _resolve(part, r.get("Target")))
            for r in rels.findall("pr:Relationship", NS)}


def _charts_in_order(path: Path):
    """(docPr element, chart part name, chart XML root, workbook bytes) for each chart in the body."""
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
        doc_rels = _rels(z, "word/document.xml")
        out = []
        for inline in body.iter(f"{{{NS['wp']}}}inline"):
            rid = inline.find(".//c:chart", NS).get(f"{{{NS['r']}}}id")
            rtype, chart_name = doc_rels[rid]
            assert rtype == RT_CHART
            root = etree.fromstring(z.read(chart_name))
            ext_rid = root.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
            wtype, xlsx_name = _rels(z, chart_name)[ext_rid]
            assert wtype == RT_PACKAGE
            out.append((inline.find("wp:docPr", NS), chart_name, root, z.read(xlsx_name), xlsx_name))
        return out


# --- 1. schema-valid --------------------------------------------------------------------------

def test_validates_against_ooxml_schemas(docx_path):
    validate_ooxml(docx_path)


# --- 2. the embedded workbooks ---------------------------------------------------------------

def test_parts_and_content_types(docx_path):
    with zipfile.ZipFile(docx_path) as z:
        ct = z.read("[Content_Types].xml").decode()
    found = _charts_in_order(docx_path)
    assert len(found) == len(CHARTS)
    assert len({name for _, name, *_ in found}) == len(CHARTS)
    assert len({x for *_, x in found}) == len(CHARTS), "one embedded workbook per chart"
    for _, chart_name, _, _, xlsx_name in found:
        assert re.fullmatch(r"word/charts/chart\d+\.xml", chart_name)
        assert re.fullmatch(r"word/embeddings/Microsoft_Excel_Worksheet\d*\.xlsx", xlsx_name)
        assert (f'PartName="/{chart_name}" ContentType="application/vnd.openxmlformats-officedocument.'
                f'drawingml.chart+xml"') in ct
    assert ('Extension="xlsx" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"'
            in ct) or all(f'PartName="/{x}"' in ct for *_, x in found)


def test_embedded_workbooks_hold_the_data(docx_path):
    import openpyxl

    for chart, (_, _, root, blob, _) in zip(CHARTS, _charts_in_order(docx_path)):
        wb = openpyxl.load_workbook(io.BytesIO(blob))
        # every formula in the chart names a sheet that exists
        sheets = {f.text.split("!")[0].strip("'") for f in root.iter(f"{{{NS['c']}}}f")}
        assert sheets and sheets <= set(wb.sheetnames)
        ws = wb[sheets.pop()]
        n = len(chart.categories)
        rows = list(range(2, n + 2))
        if chart.kind == "bar" and len(chart.series) > 1:
            rows.reverse()  # bars of several series: the rows bottom up, as plotted (ooxml.chart.plot_order)
        assert [ws.cell(r, 1).value for r in rows] == chart.categories
        assert ws.cell(n + 2, 1).value is None
        for c, s in enumerate(chart.series, start=2):
            assert ws.cell(1, c).value == s.name
            assert [ws.cell(r, c).value for r in rows] == s.values  # None = empty cell
        assert ws.cell(1, len(chart.series) + 2).value is None


# --- 3. chart XML ------------------------------------------------------------------------------

def test_chart_xml_details(docx_path):
    found = _charts_in_order(docx_path)
    ids = [int(d.get("id")) for d, *_ in found]
    assert len(set(ids)) == len(ids)
    for chart, (docpr, _, root, _, _) in zip(CHARTS, found):
        assert docpr.get("descr") == chart.alt
        assert root.find("c:roundedCorners", NS).get("val") == "0"
        assert root.find("c:chart/c:autoTitleDeleted", NS).get("val") == "1"
        assert root.find("c:chart/c:title", NS) is None
        assert root.find("c:externalData/c:autoUpdate", NS).get("val") == "0"
        for ax in root.iter(f"{{{NS['c']}}}axId", f"{{{NS['c']}}}crossAx"):
            assert int(ax.get("val")) >= 0, "axis ids must be unsigned"
        sizes = [int(e.get("sz")) for e in root.iter() if e.get("sz") and e.tag.startswith(f"{{{NS['a']}}}")]
        assert sizes and all(900 <= s <= 1000 for s in sizes)
        assert root.find(".//a:latin", NS).get("typeface") == "Arial"
        legend = root.find("c:chart/c:legend", NS)
        if chart.kind != "pie":
            assert (legend is not None) == (len(chart.series) > 1)
            if legend is not None:
                assert legend.find("c:legendPos", NS).get("val") == "b"
        # values: a None is an absent cached point (a gap), never a 0
        by_name = {ser.findtext("c:tx//c:v", namespaces=NS): ser for ser in root.iter(f"{{{NS['c']}}}ser")}
        for s in chart.series:
            ser = by_name[s.name]
            cats = ser.xpath("c:cat//c:pt/c:v/text()", namespaces=NS)
            pts = {cats[int(p.get("idx"))]: float(p.findtext("c:v", namespaces=NS))
                   for p in ser.findall("c:val/c:numRef/c:numCache/c:pt", NS)}
            assert pts == {c: float(v) for c, v in zip(chart.categories, s.values) if v is not None}
            if chart.data_labels:
                dl = ser.find("c:dLbls", NS)
                assert dl.find("c:showVal", NS).get("val") == "1"
                assert dl.find("c:numFmt", NS).get("formatCode") == chart.number_format
        # axis titles: present when given, absent when empty
        for ax_tag, text in (("c:valAx", chart.value_axis_title), ("c:catAx", chart.category_axis_title)):
            ax = root.find(f".//{ax_tag}", NS)
            if chart.kind == "pie":
                assert ax is None
                continue
            title = "".join(ax.xpath("c:title//a:t/text()", namespaces=NS))
            assert title == text

    bar_root = found[0][2]
    assert bar_root.find(".//c:barChart/c:barDir", NS).get("val") == "bar"
    # horizontal bars of one series: the first category at the top on a reversed axis, the value
    # axis crossing at the last (of several series: tests/ooxml/test_chart.py, plot_order)
    assert bar_root.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    assert bar_root.find(".//c:valAx/c:crosses", NS).get("val") == "max"
    assert bar_root.xpath(".//c:ser/c:cat//c:pt/c:v/text()", namespaces=NS) == BAR.categories
    assert found[1][2].find(".//c:barChart/c:barDir", NS).get("val") == "col"
    line_root = found[2][2]
    assert line_root.find("c:chart/c:dispBlanksAs", NS).get("val") == "gap"
    symbols = [m.get("val") for m in line_root.iterfind(".//c:ser/c:marker/c:symbol", NS)]
    dashes = [d.get("val") for d in line_root.iterfind(".//c:ser/c:spPr/a:ln/a:prstDash", NS)]
    assert len(set(symbols)) == len(symbols) == 2 and len(set(dashes)) == 2
    # close lines: at 2020-21 Harrow (1362) is above England (1121), so its label goes above, England's below
    england, harrow = line_root.iterfind(".//c:lineChart/c:ser", NS)
    assert england.xpath("c:dLbls/c:dLbl[c:idx/@val='2']/c:dLblPos/@val", namespaces=NS) == ["b"]
    assert harrow.xpath("c:dLbls/c:dLbl[c:idx/@val='2']", namespaces=NS) == []  # the default, "t"
    assert harrow.find("c:dLbls/c:dLblPos", NS).get("val") == "t"
    assert found[3][2].find(".//c:pieChart/c:varyColors", NS).get("val") == "1"


def test_single_series_line_has_no_legend():
    chart = Chart("one", "One line", "line", ["a", "b", "c"], [Series("Only", [1, None, 3])], alt="x")
    root = etree.fromstring(chart_xml(chart, embedded_ref(chart), workbook_rid="rId1").encode())
    assert root.find("c:chart/c:legend", NS) is None


def test_palette_contrast():
    assert all(contrast_ratio(c) >= 3.0 for c in PALETTE)
    # adjacent series are told apart too: each colour has 3:1 against the next (and the last the first)
    assert all(contrast_ratio(a, b) >= 3.0 for a, b in zip(PALETTE, PALETTE[1:] + PALETTE[:1]))
    assert contrast_ratio("FFFFFF") == pytest.approx(1.0)


def test_heights():
    assert default_height_emu(COLUMN) == 8 * EMU_PER_CM
    h8 = default_height_emu(BAR)
    many = Chart("many", "t", "bar", [f"C{i}" for i in range(40)], [Series("s", list(range(40)))], alt="x")
    assert 7 * EMU_PER_CM <= h8 <= 16 * EMU_PER_CM
    assert default_height_emu(many) == 16 * EMU_PER_CM


@pytest.mark.parametrize("chart", [
    Chart("k", "t", "donut", ["a"], [Series("s", [1])], alt="x"),
    Chart("k", "t", "bar", ["a", "b"], [Series("s", [1])], alt="x"),
    Chart("k", "t", "pie", ["a"], [Series("s", [1]), Series("u", [2])], alt="x"),
    Chart("k", "t", "column", [], [], alt="x"),
])
def test_bad_charts_are_refused(chart):
    with pytest.raises(ValueError):
        chart_run(Document().part, chart, 1)


# --- 4. LibreOffice draws it ------------------------------------------------------------------

def _need(tool: str) -> str:
    return need_tool(tool)


def test_libreoffice_draws_the_charts(docx_path, tmp_path):
    from PIL import Image

    soffice, pdftoppm = _need("soffice"), _need("pdftoppm")
    proc = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless",
                           "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                          capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    assert pdf.exists(), proc.stdout + proc.stderr
    subprocess.run([pdftoppm, "-r", "50", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages

    def near(px, hex_colour, tol=40):
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
        return abs(px[0] - r) <= tol and abs(px[1] - g) <= tol and abs(px[2] - b) <= tol

    coloured = 0
    per_colour = dict.fromkeys(PALETTE[:3], 0)
    for page in pages:
        data = Image.open(page).convert("RGB").tobytes()
        for px in zip(data[0::3], data[1::3], data[2::3]):
            if max(px) - min(px) > 40:  # a saturated (non-grey) tone: bars, lines, slices
                coloured += 1
                for c in per_colour:
                    if near(px, c):
                        per_colour[c] += 1
    assert coloured > 3000, f"only {coloured} coloured pixels: the charts were not drawn"
    # the first three palette colours (series and pie slices) all appear
    assert all(n > 100 for n in per_colour.values()), per_colour
