"""Native, editable Word charts: the packaging around the shared chart part.

The chart XML itself is hsp_docs.ooxml.chart's (the same writer as the workbook's charts), with
its data in a workbook embedded beside it (hsp_docs.ooxml.embedded, what Word opens on
right-click > Edit Data: column A the categories, columns B onward one series each, row 1 the
series names; a missing value is an empty cell, drawn as a gap, never as 0). This module adds
the two parts to the document, relates them, and returns the inline frame (`wp:inline` in a run,
so the chart flows with the text under its caption) with the alt text on `wp:docPr/@descr`. No
title inside the chart: the document's caption above it names the figure.
"""
from __future__ import annotations

import re

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from ..ooxml.chart import A_NS, C_NS, R_NS, chart_xml
from ..ooxml.embedded import chart_workbook, embedded_ref
from ..ooxml.xml import esc
from ..partdata import check_chart
from ..parts import Chart
from ..theme import DEFAULT_THEME, Theme

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_CM = 360000
DEFAULT_WIDTH_EMU = 5760720  # 16 cm


# --- size and placement -----------------------------------------------------------------------

def default_height_emu(chart: Chart) -> int:
    """About 8 cm; horizontal bar charts grow with their categories (7 to 16 cm)."""
    if chart.kind != "bar":
        return 8 * EMU_PER_CM
    n_cat, n_ser = len(chart.categories), len(chart.series)
    per_cat = 0.7 if n_ser == 1 else 0.3 + 0.4 * n_ser
    if max((len(str(c)) for c in chart.categories), default=0) > 40:
        per_cat += 0.3  # long labels wrap onto a second line
    cm = per_cat * n_cat + 1.2 + (0.6 if chart.value_axis_title else 0) + (0.6 if n_ser > 1 else 0)
    return int(min(16.0, max(7.0, cm)) * EMU_PER_CM)


def _next_partname(package, template: str) -> PackURI:
    """The next free part name. python-docx's next_partname walks every part on each call; a
    report adds two parts per chart, so the first free number is found once and counted on."""
    counters = package.__dict__.setdefault("_hsp_next_part", {})
    if template not in counters:
        first = str(package.next_partname(template))
        found = re.search(r"(\d+)\.\w+$", first)
        assert found is not None, first  # python-docx names parts like /word/charts/chart1.xml
        counters[template] = int(found.group(1))
    n = counters[template]
    counters[template] = n + 1
    return PackURI(template % n)


def chart_run(document_part, chart: Chart, docpr_id: int, width_emu: int = DEFAULT_WIDTH_EMU,
              height_emu: int | None = None, theme: Theme = DEFAULT_THEME):
    """Add a native chart part (with its data embedded as a workbook) to the document and
    return a `w:r` lxml element holding the inline `w:drawing` that shows it.

    `docpr_id` must be unique among the document's drawing objects (wp:docPr/@id).
    """
    check_chart(chart)
    package = document_part.package
    chart_part = Part(_next_partname(package, "/word/charts/chart%d.xml"), CT.DML_CHART, b"", package)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    xlsx_part = Part(_next_partname(package, "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                     CT.SML_SHEET, chart_workbook(chart), package)
    xlsx_rid = chart_part.relate_to(xlsx_part, RT.PACKAGE)
    chart_part._blob = chart_xml(chart, embedded_ref(chart), theme, workbook_rid=xlsx_rid).encode("utf-8")

    cx = int(width_emu)
    cy = int(height_emu if height_emu is not None else default_height_emu(chart))
    xml = (f'<w:r xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:c="{C_NS}" xmlns:r="{R_NS}">'
           f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
           f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
           f'<wp:docPr id="{int(docpr_id)}" name="Chart {int(docpr_id)}" descr="{esc(chart.alt)}"/>'
           f"<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"{C_NS}\">"
           f'<c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    return parse_xml(xml)
