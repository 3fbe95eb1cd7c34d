"""Native Excel charts of a figure sheet's table: the drawing that anchors the shared chart part
(hsp_docs.ooxml.chart, the same writer as the Word report's) beside the table, with alt text.

The chart reads the figure's sheet: its categories in column A below the table's header, one
series a column from B. Excel plots text in a referenced range ("[x]", "[c]") as zero, which
would draw a missing figure as a fall to nothing, so the sheet's data reference says its gaps
are not blank (`DataRef.blank_gaps`): a series whose only missing points are its last ones then
refers to the shorter range of its numbers, and a series with a gap elsewhere is given as
literal values with the gap left out (right in Excel; LibreOffice does not draw literal series).
On a sheet nothing else names the chart, so it carries the figure's caption as its title.
"""
from __future__ import annotations

from ..ooxml.chart import A_NS, C_NS, R_NS, DataRef, chart_xml
from ..parts import Chart
from ..theme import DEFAULT_THEME, Theme
from .package import attr

XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
CM_PER_CATEGORY = 0.55
EMU_PER_CM = 360000
WIDTH_CM = 18


def drawing_xml(chart: Chart, col: int, row: int, n_rows: int, n_series: int) -> str:
    """The drawing anchoring the chart at (0-based) column `col`, row `row`; its frame carries the
    alt text that screen readers and Excel's Alt Text pane read."""
    per_category = n_series if chart.kind == "bar" else 1
    height = max(7.5, min(22.0, 3.0 + CM_PER_CATEGORY * n_rows * per_category))
    cx, cy = int(WIDTH_CM * EMU_PER_CM), int(height * EMU_PER_CM)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<xdr:wsDr xmlns:xdr="{XDR_NS}" xmlns:a="{A_NS}">'
            f"<xdr:oneCellAnchor><xdr:from><xdr:col>{col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/><xdr:graphicFrame macro="">'
            f'<xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Chart 1" descr="{attr(chart.alt or chart.caption)}"/>'
            "<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>"
            '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
            f'<a:graphic><a:graphicData uri="{C_NS}"><c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="rId1"/>'
            "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>")


def chart_parts(chart: Chart, sheet: str, header_row: int, rows: list[list], n_cols: int,
                theme: Theme = DEFAULT_THEME) -> tuple[str, str]:
    """(drawing XML, chart XML) for a chart of the table whose header is at header_row and whose
    `rows` (one a category) follow it, anchored two columns to the right of the table."""
    n_series = 1 if chart.kind == "pie" else n_cols - 1
    data = DataRef(sheet, header_row, blank_gaps=False)
    return (drawing_xml(chart, n_cols + 1, header_row - 1, len(rows), n_series),
            chart_xml(chart, data, theme, title=chart.caption))
