"""The one DrawingML chart writer (hsp_docs.ooxml.chart): each chart kind's part compared with a
golden file, for its data in Word's embedded workbook and on a workbook sheet; every chart of the
default report and workbook likewise; and the rule that orders a horizontal bar chart's series."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import validate_ooxml
from docx import Document
from golden import assert_golden
from hsp_docs.docx.charts import chart_run
from hsp_docs.ooxml.chart import DataRef, chart_xml, plot_order
from hsp_docs.ooxml.embedded import embedded_ref
from hsp_docs.parts import CONFIDENTIAL, Chart, ChartBlock, Report, Section, Series
from hsp_docs.theme import DEFAULT_THEME
from hsp_docs.xlsx.writer import write_workbook

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
SHEET = DataRef("Figure_1", header_row=5, blank_gaps=False)  # a figure sheet: the table's header on row 5

# One small chart per kind the writer draws, with what each must handle: several series, a
# missing point (None, and a suppressed [c]), labels off, axis titles, a percentage format.
KINDS = {
    "column-clustered": Chart("col", "Contacts and referrals", "column", ["Contacts", "Referrals"],
                              [Series("2021-22", [53, 55]), Series("2022-23", [49, 45], slot=3)],
                              alt="Column chart.", value_axis_title="Number"),
    "bar-one-series": Chart("bar1", "Referrals by setting", "bar", ["School", "Health & care", "Police <courts>"],
                            [Series("Referrals", [27, 6, 3])], alt="Bar chart.", category_axis_title="Setting"),
    "bar-two-series": Chart("bar2", "Outcomes", "bar", ["Fully achieved", "Partly achieved", "Not achieved"],
                            [Series("2022-23", [0.82, 0.13, 0.05]), Series("2021-22", [0.83, 0.12, 0.04])],
                            alt="Bar chart.", number_format="0%", value_axis_title="Percentage of cases"),
    "line-with-gaps": Chart("line", "Concerns per 100,000 adults", "line", ["2019-20", "2020-21", "2021-22", "2022-23"],
                            [Series("England", [1074, CONFIDENTIAL, 1218, None]),
                             Series("Harrow", [520, 1362, 1124, 994])],
                            alt="Line chart.", value_axis_title="Rate", category_axis_title="Year"),
    "line-no-labels": Chart("line1", "Monthly concerns", "line", ["Apr", "May", "Jun"],
                            [Series("Concerns", [101.5, 99, 120])], alt="Line chart.", data_labels=False,
                            number_format="#,##0.0"),
    "pie-labelled": Chart("pie", "Share of outcomes", "pie", ["Achieved", "Partly", "Not"],
                          [Series("2022-23", [0.82, 0.13, 0.05])], alt="Pie chart.", number_format="0%",
                          point_slots=[2, 0, 1]),
    "pie-legend": Chart("pie2", "Share of outcomes", "pie", ["Achieved", "Partly", "Not"],
                        [Series("2022-23", [82, 13, 5])], alt="Pie chart.", data_labels=False),
}


def canonical(xml: str | bytes) -> str:
    """The part's XML in a stable form to read and diff: C14N 2.0 (attribute order, namespace
    declarations), then indented one element a line."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    root = etree.fromstring(etree.tostring(etree.fromstring(data), method="c14n2"))
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_in_word(name):
    chart = KINDS[name]
    xml = chart_xml(chart, embedded_ref(chart), workbook_rid="rId1")
    assert_golden(f"charts/kinds/{name}.word.xml", canonical(xml))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_on_a_sheet(name):
    chart = KINDS[name]
    assert_golden(f"charts/kinds/{name}.sheet.xml", canonical(chart_xml(chart, SHEET, title=chart.caption)))


def _parts(path: Path, folder: str) -> list[bytes]:
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if re.fullmatch(rf"{folder}/chart\d+\.xml", n)]
        return [z.read(n) for n in sorted(names, key=lambda n: int(re.findall(r"\d+", n)[-1]))]


def test_every_chart_of_the_default_report_and_workbook(built, default_report):
    """Chart N of the report (and of the workbook) is the report's Figure N."""
    charts = default_report.charts()
    report, workbook = _parts(built / "report.docx", "word/charts"), _parts(built / "datapack.xlsx", "xl/charts")
    assert len(report) == len(workbook) == len(charts)
    for n, (chart, word_xml, sheet_xml) in enumerate(zip(charts, report, workbook), 1):
        assert_golden(f"charts/report/figure-{n:02d}-{chart.key}.xml", canonical(word_xml))
        assert_golden(f"charts/workbook/figure-{n:02d}-{chart.key}.xml", canonical(sheet_xml))
    validate_ooxml(built / "report.docx", built / "datapack.xlsx")


def _series(root) -> list[tuple[str, int, str]]:
    """(name, c:order, fill colour) of each c:ser, in document order."""
    return [(ser.findtext("c:tx//c:v", namespaces=NS), int(ser.find("c:order", NS).get("val")),
             ser.find("c:spPr/a:solidFill/a:srgbClr", NS).get("val")) for ser in root.iterfind(".//c:ser", NS)]


def test_horizontal_bars_list_the_legend_in_the_bars_order():
    """The rule (ooxml.chart.plot_order): bars read top to bottom as the table (first category at
    the top, and in each category the first series at the top), and the legend lists the series
    in that order. Word plots the series of lowest c:order nearest the axis origin and lists the
    legend to match the bars; LibreOffice lists a horizontal bar chart's legend in reverse
    document order and ignores c:order. So, with the data bottom up, the category axis is not
    reversed (minMax), the categories are last first, and the series are written last first in
    document order and c:order alike; each keeps its colour by its slot (its name)."""
    chart = KINDS["bar-two-series"]
    root = etree.fromstring(chart_xml(chart, embedded_ref(chart), workbook_rid="rId1").encode())
    assert root.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "minMax"
    assert root.find(".//c:valAx/c:crosses", NS).get("val") == "autoZero"
    navy, orange = DEFAULT_THEME.series_colour(0), DEFAULT_THEME.series_colour(1)
    assert _series(root) == [("2021-22", 0, orange), ("2022-23", 1, navy)]
    for ser in root.iterfind(".//c:ser", NS):
        assert ser.xpath("c:cat//c:pt/c:v/text()", namespaces=NS) == chart.categories[::-1]
        assert ser.find("c:cat//c:f", NS).text == "'Sheet1'!$A$2:$A$4"
    # the series read their own columns of the embedded workbook: 2022-23 is B, 2021-22 is C
    assert [f.text for f in root.iterfind(".//c:ser/c:tx//c:f", NS)] == ["'Sheet1'!$C$1", "'Sheet1'!$B$1"]

    # on a workbook sheet the rows are the table's, top down: the axis is reversed instead
    root = etree.fromstring(chart_xml(chart, SHEET).encode())
    assert root.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"
    assert root.find(".//c:valAx/c:crosses", NS).get("val") == "max"
    assert _series(root) == [("2022-23", 0, navy), ("2021-22", 1, orange)]


def test_default_report_figures_12_and_13_in_bar_order(built, default_report):
    """Figures 12 and 13 (2022-23 against 2021-22): 2022-23 navy on top, and first in the legend."""
    charts = {c.number: c for c in default_report.charts()}
    report = _parts(built / "report.docx", "word/charts")
    for n in (12, 13):
        assert charts[n].kind == "bar" and [s.name for s in charts[n].series] == ["2022-23", "2021-22"]
        root = etree.fromstring(report[n - 1])
        assert root.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "minMax"
        names = [name for name, _, _ in _series(root)]
        assert names == ["2021-22", "2022-23"]  # last first: LibreOffice's legend reads 2022-23, 2021-22
        colours = {name: colour for name, _, colour in _series(root)}
        assert colours == {"2022-23": DEFAULT_THEME.series_colour(charts[n].series_slot(0)),
                           "2021-22": DEFAULT_THEME.series_colour(charts[n].series_slot(1))}


def test_plot_order_keeps_other_charts_as_given():
    for name, chart in KINDS.items():
        for data in (SHEET, embedded_ref(chart)):
            plotted, columns = plot_order(chart, data)
            if chart.kind == "bar" and data.bottom_up:
                assert plotted.categories == chart.categories[::-1]
                assert columns == list(range(len(chart.series) + 1, 1, -1))
            else:
                assert plotted is chart, name
                assert columns == list(range(2, len(chart.series) + 2))


def test_sheet_gaps_read_only_numbers():
    """On a sheet a missing value is a text marker Excel would plot as 0: a series missing only its
    last points reads the shorter range; one with a gap inside carries literal values."""
    chart = Chart("l", "Rate", "line", ["2020", "2021", "2022"],
                  [Series("England", [5, 6, None]), Series("Local", [1, None, 3]), Series("All", [1, 2, 3])], alt="x")
    root = etree.fromstring(chart_xml(chart, SHEET).encode())
    england, local, every = root.iterfind(".//c:ser", NS)
    assert england.find("c:val/c:numRef/c:f", NS).text == "'Figure_1'!$B$6:$B$7"
    assert local.find("c:val/c:numRef", NS) is None
    assert [p.get("idx") for p in local.iterfind("c:val/c:numLit/c:pt", NS)] == ["0", "2"]
    assert every.find("c:val/c:numRef/c:f", NS).text == "'Figure_1'!$D$6:$D$8"
    # in the embedded workbook a gap is an empty cell: the whole column, the point absent from the cache
    root = etree.fromstring(chart_xml(chart, embedded_ref(chart)).encode())
    local = list(root.iterfind(".//c:ser", NS))[1]
    assert local.find("c:val/c:numRef/c:f", NS).text == "'Sheet1'!$C$2:$C$4"
    assert [p.get("idx") for p in local.iterfind("c:val/c:numRef/c:numCache/c:pt", NS)] == ["0", "2"]


def test_sheet_names_are_quoted_in_formulas():
    assert DataRef("Bob's data", 3).cells(2, 1, 4) == "'Bob''s data'!$B$4:$B$7"
    assert DataRef("Sheet1").cells(28, 0) == "'Sheet1'!$AB$1"


def test_every_kind_packaged_passes_the_validator(tmp_path, default_report):
    """Each kind's chart, in a Word document (inline, data embedded) and in a workbook (a figure
    sheet's drawing), passes the ECMA-376 validator."""
    doc = Document()
    for i, chart in enumerate(KINDS.values()):
        doc.add_paragraph()._p.append(chart_run(doc.part, chart, 100 + i))
    doc.save(tmp_path / "kinds.docx")
    report = Report(default_report.meta, [Section("s", "Charts", [ChartBlock(c) for c in KINDS.values()])])
    report.number_parts()
    write_workbook(report, [], tmp_path / "kinds.xlsx")
    validate_ooxml(tmp_path / "kinds.docx", tmp_path / "kinds.xlsx")
    with zipfile.ZipFile(tmp_path / "kinds.xlsx") as z:
        assert len([n for n in z.namelist() if n.startswith("xl/charts/")]) == len(KINDS)
