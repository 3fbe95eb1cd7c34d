"""Native Excel charts of a figure sheet's table, beside the table, with alt text: the DrawingML
chart part and the drawing that anchors it, written directly as XML.

Excel plots text in a referenced range ("[x]", "[c]") as zero, which would draw a missing
figure as a fall to nothing. So a series whose only missing points are its last ones refers
to the shorter range of its numbers; a series with a gap elsewhere is given as literal values
with the gap left out (right in Excel; LibreOffice does not draw literal series).

The look follows the Word charts (hsp_docs.docx.charts): the same theme (hsp_docs.theme: its
palette, one colour per series name across every chart, its font), distinct markers and dashes
for lines, data labels in the chart's number format, a legend at the bottom only when there is more than one series.
"""
from __future__ import annotations

import numbers

from ..parts import Chart
from ..theme import DASHES, DEFAULT_THEME, MARKERS, Theme
from .package import attr, esc

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XDR_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"

CM_PER_CATEGORY = 0.55
EMU_PER_CM = 360000
WIDTH_CM = 18
CAT_AX, VAL_AX = 10, 100


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _col(n: int) -> str:
    from .worksheet import column_letter

    return column_letter(n)


def _sheet_ref(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _num(v) -> str:
    f = float(v)
    return str(int(f)) if f.is_integer() else repr(f)


def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _rich(text: str, size: int, bold: bool, rot: int | None = None) -> str:
    body = f'<a:bodyPr rot="{rot}" vert="horz"/>' if rot is not None else "<a:bodyPr/>"
    return (f"<c:tx><c:rich>{body}<a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{size}\" b=\"{int(bold)}\"/></a:pPr>"
            f'<a:r><a:rPr lang="en-GB" sz="{size}" b="{int(bold)}"/><a:t>{esc(text)}</a:t></a:r></a:p></c:rich></c:tx>'
            '<c:overlay val="0"/>')


def _title(text: str, size: int = 1000, bold: bool = False, rot: int | None = None) -> str:
    return f"<c:title>{_rich(text, size, bold, rot)}</c:title>" if text else ""


def _str_cache(values: list[str]) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{esc(str(v))}</c:v></c:pt>' for i, v in enumerate(values))
    return f'<c:strCache><c:ptCount val="{len(values)}"/>{pts}</c:strCache>'


def _num_cache(values: list, fmt: str) -> str:
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_num(v)}</c:v></c:pt>' for i, v in enumerate(values) if _is_number(v))
    return f'<c:numCache><c:formatCode>{esc(fmt)}</c:formatCode><c:ptCount val="{len(values)}"/>{pts}</c:numCache>'


def _val(column: list, sheet: str, letter: str, first: int, fmt: str) -> str:
    """A series' values: a range of the sheet, shorter when only its last points are missing,
    or literal values without the gaps when a point is missing in the middle."""
    numbered = [j for j, v in enumerate(column) if _is_number(v)]
    if numbered and len(numbered) < len(column) and numbered != list(range(len(numbered))):
        pts = "".join(f'<c:pt idx="{j}"><c:v>{_num(column[j])}</c:v></c:pt>' for j in numbered)
        return (f'<c:val><c:numLit><c:formatCode>{esc(fmt)}</c:formatCode><c:ptCount val="{len(column)}"/>'
                f"{pts}</c:numLit></c:val>")
    n = len(numbered) if numbered and len(numbered) < len(column) else len(column)
    ref = f"{_sheet_ref(sheet)}!${letter}${first}:${letter}${first + n - 1}"
    return f"<c:val><c:numRef><c:f>{esc(ref)}</c:f>{_num_cache(column[:n], fmt)}</c:numRef></c:val>"


def _dlbls(chart: Chart, position: str, cat_name: bool = False) -> str:
    if not chart.data_labels:
        return ""
    return (f'<c:dLbls><c:numFmt formatCode="{attr(chart.number_format)}" sourceLinked="0"/>'
            '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f'<c:dLblPos val="{position}"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
            f'<c:showCatName val="{int(cat_name)}"/><c:showSerName val="0"/><c:showPercent val="0"/>'
            '<c:showBubbleSize val="0"/></c:dLbls>')


def chart_xml(chart: Chart, sheet: str, header_row: int, rows: list[list], theme: Theme = DEFAULT_THEME) -> str:
    """The chart part: column A of the table the categories, then one column per series."""
    first, last = header_row + 1, header_row + len(rows)
    n_series = 1 if chart.kind == "pie" else (len(rows[0]) - 1 if rows else len(chart.series))
    categories = [row[0] for row in rows]
    cat_ref = esc(f"{_sheet_ref(sheet)}!$A${first}:$A${last}")
    if any(isinstance(c, str) for c in categories):
        cat = f"<c:cat><c:strRef><c:f>{cat_ref}</c:f>{_str_cache([str(c) for c in categories])}</c:strRef></c:cat>"
    else:
        cat = f"<c:cat><c:numRef><c:f>{cat_ref}</c:f>{_num_cache(categories, 'General')}</c:numRef></c:cat>"
    fmt = chart.number_format or "General"
    sers = []
    for i in range(n_series):
        letter = _col(i + 2)
        name = chart.series[i].name if i < len(chart.series) else f"Series {i + 1}"
        tx = (f"<c:tx><c:strRef><c:f>{esc(f'{_sheet_ref(sheet)}!${letter}${header_row}')}</c:f>"
              f"{_str_cache([name])}</c:strRef></c:tx>")
        val = _val([row[i + 1] for row in rows], sheet, letter, first, fmt)
        slot = chart.series_slot(i) if i < len(chart.series) else i
        colour = theme.series_colour(slot)
        if chart.kind == "line":
            line = (f'<c:spPr><a:ln w="28575" cap="rnd">{_fill(colour)}<a:prstDash val="{DASHES[slot % len(DASHES)]}"/>'
                    "<a:round/></a:ln></c:spPr>")
            marker = (f'<c:marker><c:symbol val="{MARKERS[slot % len(MARKERS)]}"/><c:size val="7"/>'
                      f'<c:spPr>{_fill(colour)}<a:ln w="9525">{_fill(colour)}</a:ln></c:spPr></c:marker>')
            sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{tx}{line}{marker}{cat}{val}'
                        '<c:smooth val="0"/></c:ser>')
        elif chart.kind == "pie":
            dpts = "".join(f'<c:dPt><c:idx val="{j}"/><c:bubble3D val="0"/>'
                           f'<c:spPr>{_fill(theme.series_colour(chart.point_slot(j)))}'
                           f'<a:ln w="12700">{_fill(theme.background)}</a:ln></c:spPr></c:dPt>'
                           for j in range(len(rows)))
            sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{tx}{dpts}{cat}{val}</c:ser>')
        else:
            sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{tx}'
                        f'<c:spPr>{_fill(colour)}<a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>'
                        f"{cat}{val}</c:ser>")
    sers_xml = "".join(sers)
    axes_ids = f'<c:axId val="{CAT_AX}"/><c:axId val="{VAL_AX}"/>'
    if chart.kind in {"bar", "column"}:
        group = (f'<c:barChart><c:barDir val="{"bar" if chart.kind == "bar" else "col"}"/>'
                 f'<c:grouping val="clustered"/><c:varyColors val="0"/>{sers_xml}{_dlbls(chart, "outEnd")}'
                 f'<c:gapWidth val="60"/>{axes_ids}</c:barChart>')
    elif chart.kind == "line":
        group = (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{sers_xml}'
                 f'{_dlbls(chart, "t")}<c:marker val="1"/>{axes_ids}</c:lineChart>')
    elif chart.kind == "pie":
        group = (f'<c:pieChart><c:varyColors val="1"/>{sers_xml}{_dlbls(chart, "bestFit", cat_name=True)}'
                 '<c:firstSliceAng val="0"/></c:pieChart>')
    else:
        raise ValueError(f"{chart.caption}: no Excel chart for kind {chart.kind!r}")
    axes = "" if chart.kind == "pie" else _axes(chart, theme)
    legend = ("" if n_series == 1 and chart.kind != "pie"
              else '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>')
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
            '<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>'
            f'<c:chart>{_title(chart.caption, 1200, True)}<c:autoTitleDeleted val="0"/>'
            f"<c:plotArea><c:layout/>{group}{axes}</c:plotArea>{legend}"
            '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            f'<c:spPr>{_fill(theme.background)}<a:ln><a:noFill/></a:ln></c:spPr>'
            f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{theme.chart_text_hundredths}">'
            f'{_fill(theme.text)}<a:latin typeface="{esc(theme.font)}"/><a:cs typeface="{esc(theme.font)}"/>'
            '</a:defRPr></a:pPr><a:endParaRPr lang="en-GB"/></a:p></c:txPr></c:chartSpace>')


def _axes(chart: Chart, theme: Theme) -> str:
    horizontal = chart.kind == "bar"  # first category at the top, as in the table
    fmt = attr(chart.number_format or "General")
    cat = (f'<c:catAx><c:axId val="{CAT_AX}"/><c:scaling><c:orientation val="{"maxMin" if horizontal else "minMax"}"/>'
           f'</c:scaling><c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
           f'{_title(chart.category_axis_title, rot=-5400000 if horizontal else None)}'
           '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
           '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
           f'<c:crossAx val="{VAL_AX}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
           '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    val = (f'<c:valAx><c:axId val="{VAL_AX}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
           f'<c:delete val="0"/><c:axPos val="{"b" if horizontal else "l"}"/>'
           f'<c:majorGridlines><c:spPr><a:ln w="6350">{_fill(theme.gridline)}</a:ln>'
           '</c:spPr></c:majorGridlines>'
           f'{_title(chart.value_axis_title, rot=None if horizontal else -5400000)}'
           f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:majorTickMark val="none"/>'
           '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
           f'<c:crossAx val="{CAT_AX}"/><c:crosses val="{"max" if horizontal else "autoZero"}"/>'
           '<c:crossBetween val="between"/></c:valAx>')
    return cat + val


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
    """(drawing XML, chart XML) for a chart of the table whose header is at header_row,
    anchored two columns to the right of the table."""
    n_series = 1 if chart.kind == "pie" else n_cols - 1
    return (drawing_xml(chart, n_cols + 1, header_row - 1, len(rows), n_series),
            chart_xml(chart, sheet, header_row, rows, theme))
