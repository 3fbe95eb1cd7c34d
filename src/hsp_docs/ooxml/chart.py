"""The DrawingML chart part (c:chartSpace), one writer for the Word report, the workbook and the
agency packs.

The chart XML is written here as strings, in schema order, rather than taken from python-pptx's
ChartXmlWriter or XlsxWriter. python-pptx's writer is an internal module tuned for PowerPoint
(negative axis ids that fail the schema, 18 pt text, rounded corners, a legend on every line
chart), and nearly everything the report needs - colours, markers and dash styles, data labels
with a number format, axis titles, gaps for missing values, category order, fonts, the
external-data link - would have to be patched into its output anyway. Writing the element kinds
directly keeps every choice visible, is checked end to end against the ECMA-376 schemas (the
tests validate every .docx and .xlsx), and each chart kind's XML is compared with a golden file
(tests/ooxml/test_chart_golden.py).

What differs between the Word chart and the workbook's is where its data lives, a `DataRef`:
Word's chart reads the workbook embedded in it (ooxml/embedded.py, empty cells for gaps, linked
by `c:externalData`); the workbook's reads the figure's sheet, whose missing values are text
markers ([x]) the chart must not read. The workbook's chart also carries its caption as a title,
since on a sheet nothing names it; in Word the caption above it does. The look is the same.

Accessibility: data labels when `chart.data_labels`; a legend at the bottom for more than one
series (and for a pie without labels); series colours from the theme (hsp_docs.theme: at least
3:1 against the background), one per series name across every chart (parts.Report.key_colours),
and for lines distinct marker symbols and dash styles too; the theme's font. The alt text is on
the frame that places the chart (docx/charts.py, xlsx/charts.py).

To add a chart kind: add it to partdata.KINDS, write its group here (one function taking the
chart, its data and the theme) and list it in GROUPS; the HTML edition draws it in html/charts.py.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..partdata import KINDS, chart_values, check_chart, line_label_positions, number
from ..parts import Chart, Series
from ..theme import DASHES, DEFAULT_THEME, MARKERS, Theme
from .xml import column_letter, esc

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CAT_AX_ID = 50010  # axis ids: any unsigned int, unique within the chart
VAL_AX_ID = 50020
TITLE_HUNDREDTHS = 1200  # the in-chart title (workbook charts): 12 pt bold


@dataclass(frozen=True)
class DataRef:
    """Where a chart's data lives in a workbook: the categories in column A below the header row,
    one series a column from B, each series' name in the header row.

    `blank_gaps`: a missing value is an empty cell (the embedded workbook), so every series reads
    its whole column; otherwise the cell holds a text marker, and a series with a missing point
    reads only the range before it, or carries its values as literals when the gap is inside.

    `bottom_up`: the rows run from the last category to the first, as a horizontal bar chart
    plots them on an axis that is not reversed (see `plot_order`)."""

    sheet: str
    header_row: int = 1
    blank_gaps: bool = True
    bottom_up: bool = False

    def cells(self, column: int, first: int, last: int | None = None) -> str:
        """The formula for cells of one column (1 = A), rows `first` to `last` of the data."""
        sheet = "'" + self.sheet.replace("'", "''") + "'"
        letter = column_letter(column)
        top = f"{sheet}!${letter}${self.header_row + first}"
        return top if last is None else f"{top}:${letter}${self.header_row + last}"


def plot_order(chart: Chart, data: DataRef) -> tuple[Chart, list[int]]:
    """The chart as its data reference holds it and its series are plotted, with each series'
    column (B = 2) in the data.

    The rule, for a horizontal bar chart of several series, where the bars must read top to bottom
    in the order of the table (first category at the top, and in each category the first series
    at the top) and the legend must list the series in that same order:
    - Word and Excel plot the first category and, within each, the series of lowest c:order
      nearest the axis origin, and list the legend to match the bars whichever way the category
      axis runs.
    - LibreOffice lists a horizontal bar chart's legend in reverse document order of the c:ser,
      whichever way the axis runs, and ignores c:order.
    So with the data bottom up (`DataRef.bottom_up`) the category axis runs minMax, the rows are
    the categories last first, and the series are written last first (document order and c:order
    alike): both draw the first series' bars at the top and list it first in the legend. A data
    reference in table order (a workbook sheet) keeps the reversed axis (maxMin) and the series in
    order: right in Excel, while LibreOffice Calc lists its legend the other way round.
    Each series keeps its colour, marker and dash: they follow its slot, not its position."""
    columns = list(range(2, len(chart.series) + 2))
    if not (data.bottom_up and chart.kind == "bar"):
        return chart, columns
    series = [Series(s.name, s.values[::-1], chart.series_slot(i)) for i, s in enumerate(chart.series)][::-1]
    return replace(chart, categories=chart.categories[::-1], series=series), columns[::-1]


# --- text, fills, labels ---------------------------------------------------------------------

def _fill(colour: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'


def _no_line() -> str:
    return "<a:ln><a:noFill/></a:ln>"


def _char_props(theme: Theme, tag: str, bold: bool = False, lang: bool = False, size: int | None = None) -> str:
    """a:defRPr / a:rPr: attributes, then fill, then fonts (the schema's order)."""
    lang_attr = ' lang="en-GB"' if lang else ""
    font = esc(theme.font)
    return (f'<a:{tag}{lang_attr} sz="{size or theme.chart_text_hundredths}" b="{int(bold)}">{_fill(theme.text)}'
            f'<a:latin typeface="{font}"/><a:cs typeface="{font}"/></a:{tag}>')


def _txpr(theme: Theme, rot: int | None = None) -> str:
    body = f'<a:bodyPr rot="{rot}" vert="horz"/>' if rot is not None else "<a:bodyPr/>"
    return (f"<c:txPr>{body}<a:lstStyle/><a:p><a:pPr>{_char_props(theme, 'defRPr')}</a:pPr>"
            f'<a:endParaRPr lang="en-GB"/></a:p></c:txPr>')


def _title(theme: Theme, text: str, rot: int = 0, size: int | None = None, bold: bool = False) -> str:
    if not text:
        return ""
    return (f'<c:title><c:tx><c:rich><a:bodyPr rot="{rot}" vert="horz"/><a:lstStyle/>'
            f"<a:p><a:pPr>{_char_props(theme, 'defRPr', bold, size=size)}</a:pPr>"
            f"<a:r>{_char_props(theme, 'rPr', bold, lang=True, size=size)}<a:t>{esc(text)}</a:t></a:r></a:p>"
            f'</c:rich></c:tx><c:overlay val="0"/></c:title>')


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


# --- a series' data ----------------------------------------------------------------------------

def _num_text(v: float) -> str:
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return repr(float(v))


def _points(values: list) -> str:
    return "".join(f'<c:pt idx="{i}"><c:v>{_num_text(v)}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)


def _tx(data: DataRef, column: int, name: str) -> str:
    return (f"<c:tx><c:strRef><c:f>{esc(data.cells(column, 0))}</c:f><c:strCache><c:ptCount val=\"1\"/>"
            f"<c:pt idx=\"0\"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>")


def _cat(chart: Chart, data: DataRef) -> str:
    n = len(chart.categories)
    pts = "".join(f'<c:pt idx="{i}"><c:v>{esc(str(c))}</c:v></c:pt>' for i, c in enumerate(chart.categories))
    return (f"<c:cat><c:strRef><c:f>{esc(data.cells(1, 1, n))}</c:f><c:strCache><c:ptCount val=\"{n}\"/>"
            f"{pts}</c:strCache></c:strRef></c:cat>")


def _val(chart: Chart, data: DataRef, column: int, raw: list) -> str:
    """A series' values: its cells, with the numbers cached (a missing point is absent, drawn as
    a gap). Where gaps are not blank cells, only the cells before a trailing gap are read, and a
    series with a gap inside carries its values as literals instead."""
    values = [number(v) for v in raw]
    n = len(values)
    fmt = esc(chart.number_format or "General")
    present = [i for i, v in enumerate(values) if v is not None]
    if not data.blank_gaps and present and len(present) < n:
        if present != list(range(len(present))):
            return (f"<c:val><c:numLit><c:formatCode>{fmt}</c:formatCode><c:ptCount val=\"{n}\"/>"
                    f"{_points(values)}</c:numLit></c:val>")
        n = len(present)
    return (f"<c:val><c:numRef><c:f>{esc(data.cells(column, 1, n))}</c:f><c:numCache>"
            f"<c:formatCode>{fmt}</c:formatCode><c:ptCount val=\"{n}\"/>{_points(values[:n])}"
            f"</c:numCache></c:numRef></c:val>")


# --- one group per chart kind ------------------------------------------------------------------

def _bar_group(chart: Chart, data: DataRef, columns: list[int], theme: Theme) -> str:
    direction = "bar" if chart.kind == "bar" else "col"
    sers = []
    for i, (s, col) in enumerate(zip(chart.series, columns)):
        sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{_tx(data, col, s.name)}'
                    f"<c:spPr>{_fill(theme.series_colour(chart.series_slot(i)))}{_no_line()}</c:spPr>"
                    f'<c:invertIfNegative val="0"/>{_dlbls(theme, chart, "outEnd")}'
                    f"{_cat(chart, data)}{_val(chart, data, col, s.values)}</c:ser>")
    return (f'<c:barChart><c:barDir val="{direction}"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
            f'{"".join(sers)}<c:gapWidth val="60"/><c:overlap val="-5"/>'
            f'<c:axId val="{CAT_AX_ID}"/><c:axId val="{VAL_AX_ID}"/></c:barChart>')


def _line_group(chart: Chart, data: DataRef, columns: list[int], theme: Theme) -> str:
    sers = []
    label_positions = line_label_positions(chart)
    for i, (s, col) in enumerate(zip(chart.series, columns)):
        slot = chart.series_slot(i)  # colour, marker and dash all follow the series' name
        colour = theme.series_colour(slot)
        line = (f'<a:ln w="28575" cap="rnd">{_fill(colour)}<a:prstDash val="{DASHES[slot % len(DASHES)]}"/>'
                f"<a:round/></a:ln>")
        marker = (f'<c:marker><c:symbol val="{MARKERS[slot % len(MARKERS)]}"/><c:size val="7"/>'
                  f'<c:spPr>{_fill(colour)}<a:ln w="9525">{_fill(colour)}</a:ln></c:spPr></c:marker>')
        sers.append(f'<c:ser><c:idx val="{i}"/><c:order val="{i}"/>{_tx(data, col, s.name)}'
                    f"<c:spPr>{line}</c:spPr>{marker}{_dlbls(theme, chart, 't', points=label_positions[i])}"
                    f'{_cat(chart, data)}{_val(chart, data, col, s.values)}<c:smooth val="0"/></c:ser>')
    return (f'<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>{"".join(sers)}'
            f'<c:marker val="1"/><c:axId val="{CAT_AX_ID}"/><c:axId val="{VAL_AX_ID}"/></c:lineChart>')


def _pie_group(chart: Chart, data: DataRef, columns: list[int], theme: Theme) -> str:
    s = chart.series[0]
    dpts = "".join(f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>'
                   f'<c:spPr>{_fill(theme.series_colour(chart.point_slot(i)))}'
                   f'<a:ln w="12700">{_fill(theme.background)}</a:ln></c:spPr></c:dPt>'
                   for i in range(len(chart.categories)))
    # With one colour per slice, each label also names its category: colour is not the only cue.
    ser = (f'<c:ser><c:idx val="0"/><c:order val="0"/>{_tx(data, columns[0], s.name)}'
           f'<c:spPr><a:ln w="12700">{_fill(theme.background)}</a:ln></c:spPr>{dpts}'
           f"{_dlbls(theme, chart, 'outEnd', cat_name=True)}{_cat(chart, data)}"
           f"{_val(chart, data, columns[0], s.values)}</c:ser>")
    return f'<c:pieChart><c:varyColors val="1"/>{ser}<c:firstSliceAng val="0"/></c:pieChart>'


GROUPS: dict[str, Callable[[Chart, DataRef, list[int], Theme], str]] = {
    "bar": _bar_group, "column": _bar_group, "line": _line_group, "pie": _pie_group}
assert set(GROUPS) == set(KINDS), "every chart kind has its group, and every group is a kind"


# --- axes and legend ----------------------------------------------------------------------------

def _category_axis(chart: Chart, theme: Theme, top_down: bool) -> str:
    """The category axis; `top_down`: reversed (maxMin), so the first category is at the top of
    a horizontal bar chart, and the value axis crosses at the last category (see `_value_axis`)."""
    horizontal = chart.kind == "bar"
    return (f'<c:catAx><c:axId val="{CAT_AX_ID}"/>'
            f'<c:scaling><c:orientation val="{"maxMin" if top_down else "minMax"}"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
            f'{_title(theme, chart.category_axis_title, -5400000 if horizontal else 0)}'
            f'<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
            f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
            f'<c:spPr><a:ln w="9525">{_fill(theme.axis_line)}</a:ln></c:spPr>{_txpr(theme)}'
            f'<c:crossAx val="{VAL_AX_ID}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
            f'<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>')


def _value_axis(chart: Chart, theme: Theme, top_down: bool) -> str:
    horizontal = chart.kind == "bar"
    values = chart_values(chart)
    # Bars and columns start at zero (a truncated bar misleads); lines may scale to their data.
    floor = '<c:min val="0"/>' if chart.kind in ("bar", "column") and values and min(values) >= 0 else ""
    fmt = esc(chart.number_format or "General")
    return (f'<c:valAx><c:axId val="{VAL_AX_ID}"/><c:scaling><c:orientation val="minMax"/>{floor}</c:scaling>'
            f'<c:delete val="0"/><c:axPos val="{"b" if horizontal else "l"}"/>'
            f'<c:majorGridlines><c:spPr><a:ln w="6350">{_fill(theme.gridline)}</a:ln></c:spPr></c:majorGridlines>'
            f'{_title(theme, chart.value_axis_title, 0 if horizontal else -5400000)}'
            f'<c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:majorTickMark val="none"/>'
            f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>{_no_line()}</c:spPr>{_txpr(theme)}'
            f'<c:crossAx val="{CAT_AX_ID}"/><c:crosses val="{"max" if top_down else "autoZero"}"/>'
            f'<c:crossBetween val="between"/></c:valAx>')


def _legend(chart: Chart, theme: Theme) -> str:
    """At the bottom, for more than one series; a pie's labels name its slices, so a pie has
    one only without them."""
    wanted = not chart.data_labels if chart.kind == "pie" else len(chart.series) > 1
    if not wanted:
        return ""
    return f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_txpr(theme)}</c:legend>'


# --- the part ---------------------------------------------------------------------------------

def chart_xml(chart: Chart, data: DataRef, theme: Theme = DEFAULT_THEME, *, title: str = "",
              workbook_rid: str | None = None) -> str:
    """The chart part's XML (c:chartSpace): the chart drawn from the cells `data` names, its
    numbers cached; `title` printed above the plot (none: the document's caption names it);
    `workbook_rid` the relationship to an embedded workbook holding the data (Word's Edit Data)."""
    check_chart(chart)
    plotted, columns = plot_order(chart, data)
    group = GROUPS[chart.kind](plotted, data, columns, theme)
    top_down = chart.kind == "bar" and not data.bottom_up  # horizontal bars in table order: a reversed axis
    axes = "" if chart.kind == "pie" else _category_axis(chart, theme, top_down) + _value_axis(chart, theme, top_down)
    heading = (f'{_title(theme, title, size=TITLE_HUNDREDTHS, bold=True)}<c:autoTitleDeleted val="0"/>' if title
               else '<c:autoTitleDeleted val="1"/>')
    external = (f'<c:externalData r:id="{workbook_rid}"><c:autoUpdate val="0"/></c:externalData>'
                if workbook_rid else "")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
            f'<c:date1904 val="0"/><c:lang val="en-GB"/><c:roundedCorners val="0"/>'
            f'<c:chart>{heading}<c:plotArea><c:layout/>{group}{axes}'
            f"<c:spPr><a:noFill/>{_no_line()}</c:spPr></c:plotArea>{_legend(chart, theme)}"
            f'<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
            f"<c:spPr>{_fill(theme.background)}{_no_line()}</c:spPr>{_txpr(theme)}{external}"
            f"</c:chartSpace>")
