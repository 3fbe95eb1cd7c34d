"""Native, editable Word charts: a DrawingML chart part with its data embedded as a workbook.

Approach: the chart XML is written here as strings, in schema order, rather than taken from
python-pptx's ChartXmlWriter. python-pptx's writer is an internal module tuned for PowerPoint
(negative axis ids that fail the schema, 18 pt text, rounded corners, a legend on every line
chart), and nearly everything this report needs - colours, markers and dash styles, data
labels with a number format, axis titles, gaps for missing values, category order, fonts, the
external-data link - would have to be patched into its output anyway. Writing the ~25 element
kinds directly keeps every choice visible, is checked end to end against the ECMA-376 schemas
(tests/docx/test_charts.py), and does not move when python-pptx changes.

A chart is inline (`wp:inline`) in a run, so it flows with the text under its caption. The
numbers are cached in the chart XML (what Word and LibreOffice draw) and also stored in an
embedded workbook on Sheet1 (what Word opens on right-click > Edit Data): column A holds the
categories, columns B onward one series each, row 1 the series names. A missing value (None)
is an empty cell and an absent cached point, drawn as a gap, never as 0.

Accessibility: alt text on `wp:docPr/@descr`; data labels when `chart.data_labels`; a legend
at the bottom for more than one series; series colours from the theme (hsp_docs.theme: at least
3:1 against the background), one per series name across every chart (parts.Report.key_colours),
and for lines distinct marker symbols and dash styles too; the theme's font; no title
inside the chart (the document's caption above it names the figure).
"""
from __future__ import annotations

import math
import re
from decimal import Decimal

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from ..parts import Chart, Shorthand
from ..theme import DASHES, DEFAULT_THEME, MARKERS, Theme
from ..xlsx.embedded import column_letter, data_workbook
from .xml import esc

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

SHEET = "Sheet1"  # the embedded workbook's sheet, named in every formula of the chart
KINDS = ("bar", "column", "line", "pie")
EMU_PER_CM = 360000
DEFAULT_WIDTH_EMU = 5760720  # 16 cm

# Colours, font and text size are the theme's (hsp_docs.theme); markers and dashes tell lines apart.
CAT_AX_ID = 50010  # axis ids: any unsigned int, unique within the chart
VAL_AX_ID = 50020


# --- values -------------------------------------------------------------------------------

def _number(value) -> float | int | None:
    """A value as a number, or None for a missing or hidden point (None, NaN, blank, [c])."""
    if value is None or isinstance(value, (bool, Shorthand)) or value == "":
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (float, Decimal)):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    raise TypeError(f"chart value {value!r} is not a number")


def _num_text(v: float) -> str:
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return repr(float(v))


def _check(chart: Chart) -> None:
    if chart.kind not in KINDS:
        raise ValueError(f"chart {chart.key!r}: kind {chart.kind!r} is not one of {', '.join(KINDS)}")
    if not chart.categories or not chart.series:
        raise ValueError(f"chart {chart.key!r} has no categories or no series")
    for s in chart.series:
        if len(s.values) != len(chart.categories):
            raise ValueError(f"chart {chart.key!r}: series {s.name!r} has {len(s.values)} values "
                             f"for {len(chart.categories)} categories")
    if chart.kind == "pie" and len(chart.series) != 1:
        raise ValueError(f"chart {chart.key!r}: a pie chart takes exactly one series")


# --- the embedded workbook -----------------------------------------------------------------

def chart_workbook(chart: Chart) -> bytes:
    """The .xlsx embedded in the chart: categories in A2:A{n+1}, series names in row 1 from B,
    values below them (a missing value is an empty cell), on the sheet the formulas name."""
    _check(chart)
    header = [chart.category_axis_title or "Category"] + [str(s.name) for s in chart.series]
    rows = [(str(cat), [_number(s.values[i]) for s in chart.series]) for i, cat in enumerate(chart.categories)]
    widths = (min(60, max([12] + [len(str(c)) + 2 for c in chart.categories])),
              min(30, max([10] + [len(str(s.name)) + 2 for s in chart.series])))
    return data_workbook(SHEET, header, rows, chart.number_format or "General", widths)


# --- chart XML pieces ------------------------------------------------------------------------

def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _char_props(theme: Theme, tag: str, bold: bool = False, lang: bool = False) -> str:
    """a:defRPr / a:rPr: attributes, then fill, then fonts (the schema's order)."""
    lang_attr = ' lang="en-GB"' if lang else ""
    font = esc(theme.font)
    return (f'<a:{tag}{lang_attr} sz="{theme.chart_text_hundredths}" b="{int(bold)}">{_fill(theme.text)}'
            f'<a:latin typeface="{font}"/><a:cs typeface="{font}"/></a:{tag}>')


def _txpr(theme: Theme, rot: int | None = None) -> str:
    body = f'<a:bodyPr rot="{rot}" vert="horz"/>' if rot is not None else "<a:bodyPr/>"
    return (f"<c:txPr>{body}<a:lstStyle/><a:p><a:pPr>{_char_props(theme, 'defRPr')}</a:pPr>"
            f'<a:endParaRPr lang="en-GB"/></a:p></c:txPr>')


def _title(theme: Theme, text: str, rot: int = 0) -> str:
    if not text:
        return ""
    return (f'<c:title><c:tx><c:rich><a:bodyPr rot="{rot}" vert="horz"/><a:lstStyle/>'
            f"<a:p><a:pPr>{_char_props(theme, 'defRPr')}</a:pPr>"
            f"<a:r>{_char_props(theme, 'rPr', lang=True)}<a:t>{esc(text)}</a:t></a:r></a:p></c:rich></c:tx>"
            f'<c:overlay val="0"/></c:title>')


def _no_line() -> str:
    return "<a:ln><a:noFill/></a:ln>"


def _dlbls(theme: Theme, chart: Chart, position: str, cat_name: bool = False,
           points: dict[int, str] | None = None) -> str:
    """Value labels (showVal) in the chart's number format; `points` moves single labels."""
    if not chart.data_labels:
        return ""
    fmt = esc(chart.number_format or "General")
    extra = '<c:separator>\n</c:separator><c:showLeaderLines val="1"/>' if cat_name else ""

    def shared(pos: str) -> str:
        return (f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/>'
                f"<c:spPr><a:noFill/>{_no_line()}</c:spPr>{_txpr(theme)}<c:dLblPos val=\"{pos}\"/>"
                f'<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="{int(cat_name)}"/>'
                f'<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>')

    singles = "".join(f'<c:dLbl><c:idx val="{i}"/>{shared(pos)}</c:dLbl>'
                      for i, pos in sorted((points or {}).items()) if pos != position)
    return f"<c:dLbls>{singles}{shared(position)}{extra}</c:dLbls>"


def _line_label_positions(chart: Chart) -> list[dict[int, str]]:
    """Per series, where each point's label goes: above for the highest series at that category,
    below for the lowest, to the right for any between, so labels of close lines do not collide."""
    out: list[dict[int, str]] = [{} for _ in chart.series]
    if len(chart.series) < 2:
        return out
    for i in range(len(chart.categories)):
        present = [(v, k) for k, s in enumerate(chart.series) if (v := _number(s.values[i])) is not None]
        if len(present) < 2:
            continue
        ranked = sorted(present, key=lambda t: (-t[0], t[1]))
        for rank, (_, k) in enumerate(ranked):
            out[k][i] = "t" if rank == 0 else "b" if rank == len(ranked) - 1 else "r"
    return out


def _tx(col: str, name: str) -> str:
    return (f"<c:tx><c:strRef><c:f>{SHEET}!${col}$1</c:f><c:strCache><c:ptCount val=\"1\"/>"
            f"<c:pt idx=\"0\"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>")


def _cat(chart: Chart) -> str:
    n = len(chart.categories)
    pts = "".join(f'<c:pt idx="{i}"><c:v>{esc(str(c))}</c:v></c:pt>' for i, c in enumerate(chart.categories))
    return (f"<c:cat><c:strRef><c:f>{SHEET}!$A$2:$A${n + 1}</c:f><c:strCache><c:ptCount val=\"{n}\"/>"
            f"{pts}</c:strCache></c:strRef></c:cat>")


def _val(chart: Chart, col: str, values: list) -> str:
    n = len(chart.categories)
    pts = "".join(f'<c:pt idx="{i}"><c:v>{_num_text(v)}</c:v></c:pt>'
                  for i, v in enumerate(_number(x) for x in values) if v is not None)
    fmt = esc(chart.number_format or "General")
    return (f"<c:val><c:numRef><c:f>{SHEET}!${col}$2:${col}${n + 1}</c:f><c:numCache>"
            f"<c:formatCode>{fmt}</c:formatCode><c:ptCount val=\"{n}\"/>{pts}</c:numCache></c:numRef></c:val>")


def _bar_group(chart: Chart, theme: Theme) -> str:
    direction = "bar" if chart.kind == "bar" else "col"
    sers = []
    for i, s in enumerate(chart.series):
        col = column_letter(i + 1)
        sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{_tx(col, s.name)}'
                    f"<c:spPr>{_fill(theme.series_colour(chart.series_slot(i)))}{_no_line()}</c:spPr>"
                    f'<c:invertIfNegative val="0"/>{_dlbls(theme, chart, "outEnd")}'
                    f"{_cat(chart)}{_val(chart, col, s.values)}</c:ser>")
    return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
            f'{"".join(sers)}<c:gapWidth val="60"/><c:overlap val="-5"/>'
            f'<c:axId val="{CAT_AX_ID}"/><c:axId val="{VAL_AX_ID}"/></c:barChart>')


def _line_group(chart: Chart, theme: Theme) -> str:
    sers = []
    label_positions = _line_label_positions(chart)
    for i, s in enumerate(chart.series):
        col = column_letter(i + 1)
        slot = chart.series_slot(i)  # colour, marker and dash all follow the series' name
        colour = theme.series_colour(slot)
        line = (f'<a:ln w="28575" cap="rnd">{_fill(colour)}<a:prstDash val="{DASHES[slot % len(DASHES)]}"/>'
                f"<a:round/></a:ln>")
        marker = (f'<c:marker><c:symbol val="{MARKERS[slot % len(MARKERS)]}"/><c:size val="7"/>'
                  f'<c:spPr>{_fill(colour)}<a:ln w="9525">{_fill(colour)}</a:ln></c:spPr></c:marker>')
        sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{_tx(col, s.name)}'
                    f"<c:spPr>{line}</c:spPr>{marker}{_dlbls(theme, chart, 't', points=label_positions[i])}"
                    f'{_cat(chart)}{_val(chart, col, s.values)}<c:smooth val="0"/></c:ser>')
    return (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(sers)}'
            f'<c:marker val="1"/><c:axId val="{CAT_AX_ID}"/><c:axId val="{VAL_AX_ID}"/></c:lineChart>')


def _pie_group(chart: Chart, theme: Theme) -> str:
    s = chart.series[0]
    dpts = "".join(f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>'
                   f'<c:spPr>{_fill(theme.series_colour(chart.point_slot(i)))}'
                   f'<a:ln w="12700">{_fill(theme.background)}</a:ln></c:spPr></c:dPt>'
                   for i in range(len(chart.categories)))
    # With one colour per slice, each label also names its category: colour is not the only cue.
    ser = (f'<c:ser><c:idx val="0"/><c:order val="0"/>{_tx("B", s.name)}'
           f'<c:spPr><a:ln w="12700">{_fill(theme.background)}</a:ln></c:spPr>{dpts}'
           f"{_dlbls(theme, chart, 'outEnd', cat_name=True)}{_cat(chart)}{_val(chart, 'B', s.values)}</c:ser>")
    return f'<c:pieChart><c:varyColors val="1"/>{ser}<c:firstSliceAng val="0"/></c:pieChart>'


def _axes(chart: Chart, theme: Theme) -> str:
    horizontal = chart.kind == "bar"
    values = [v for s in chart.series for v in (_number(x) for x in s.values) if v is not None]
    # Bars and columns start at zero (a truncated bar misleads); lines may scale to their data.
    floor = '<c:min val="0"/>' if chart.kind in ("bar", "column") and values and min(values) >= 0 else ""
    axis_line = f'<c:spPr><a:ln w="9525">{_fill(theme.axis_line)}</a:ln></c:spPr>'
    # Horizontal bars: categories run top to bottom in the order given (orientation maxMin), so
    # the value axis must cross at the last category to stay at the bottom.
    cat_ax = (f'<c:catAx><c:axId val="{CAT_AX_ID}"/>'
              f'<c:scaling><c:orientation val="{"maxMin" if horizontal else "minMax"}"/></c:scaling>'
              f'<c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
              f'{_title(theme, chart.category_axis_title, -5400000 if horizontal else 0)}'
              f'<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
              f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{axis_line}{_txpr(theme)}'
              f'<c:crossAx val="{VAL_AX_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
              f'<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')
    fmt = esc(chart.number_format or "General")
    val_ax = (f'<c:valAx><c:axId val="{VAL_AX_ID}"/><c:scaling><c:orientation val="minMax"/>{floor}</c:scaling>'
              f'<c:delete val="0"/><c:axPos val="{"b" if horizontal else "l"}"/>'
              f'<c:majorGridlines><c:spPr><a:ln w="6350">{_fill(theme.gridline)}</a:ln></c:spPr></c:majorGridlines>'
              f'{_title(theme, chart.value_axis_title, 0 if horizontal else -5400000)}'
              f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:majorTickMark val="none"/>'
              f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>{_no_line()}</c:spPr>{_txpr(theme)}'
              f'<c:crossAx val="{CAT_AX_ID}"/><c:crosses val="{"max" if horizontal else "autoZero"}"/>'
              f'<c:crossBetween val="between"/></c:valAx>')
    return cat_ax + val_ax


def chart_xml(chart: Chart, workbook_rid: str, theme: Theme = DEFAULT_THEME) -> str:
    """The chart part's XML (c:chartSpace), its data cached and linked to the embedded workbook."""
    _check(chart)
    if chart.kind == "pie":
        group, axes = _pie_group(chart, theme), ""
        legend = not chart.data_labels  # the labels name the slices; without them a legend must
    else:
        group = _line_group(chart, theme) if chart.kind == "line" else _bar_group(chart, theme)
        axes = _axes(chart, theme)
        legend = len(chart.series) > 1
    legend_xml = (f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_txpr(theme)}</c:legend>'
                  if legend else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
            f'<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>'
            f'<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>{group}{axes}'
            f"<c:spPr><a:noFill/>{_no_line()}</c:spPr></c:plotArea>{legend_xml}"
            f'<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            f"<c:spPr>{_fill(theme.background)}{_no_line()}</c:spPr>{_txpr(theme)}"
            f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>'
            f"</c:chartSpace>")


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
    _check(chart)
    package = document_part.package
    chart_part = Part(_next_partname(package, "/word/charts/chart%d.xml"), CT.DML_CHART, b"", package)
    chart_rid = document_part.relate_to(chart_part, RT.CHART)
    xlsx_part = Part(_next_partname(package, "/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"),
                     CT.SML_SHEET, chart_workbook(chart), package)
    xlsx_rid = chart_part.relate_to(xlsx_part, RT.PACKAGE)
    chart_part._blob = chart_xml(chart, xlsx_rid, theme).encode("utf-8")

    cx = int(width_emu)
    cy = int(height_emu if height_emu is not None else default_height_emu(chart))
    xml = (f'<w:r xmlns:w="{W_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:c="{C_NS}" xmlns:r="{R_NS}">'
           f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
           f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
           f'<wp:docPr id="{int(docpr_id)}" name="Chart {int(docpr_id)}" descr="{esc(chart.alt)}"/>'
           f"<wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"{C_NS}\">"
           f'<c:chart r:id="{chart_rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
    return parse_xml(xml)
