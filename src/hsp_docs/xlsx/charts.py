"""Native Excel charts of a figure sheet's table, beside the table, with alt text."""
from __future__ import annotations

import numbers

from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.data_source import AxDataSource, NumData, NumDataSource, NumRef, NumVal, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
from openpyxl.utils import get_column_letter, quote_sheetname

from ..parts import Chart

CM_PER_CATEGORY = 0.55


def _is_number(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def native_chart(chart: Chart, ws, header_row: int, rows: list[list]):
    """An openpyxl chart of the table whose header is at header_row (column A: categories,
    then one column per series), anchored two columns to the right of the table.

    Excel plots text in a referenced range ("[x]", "[c]") as zero, which would draw a missing
    figure as a fall to nothing. So a series whose only missing points are its last ones refers
    to the shorter range of its numbers; a series with a gap elsewhere is given as literal values
    with the gap left out (right in Excel; LibreOffice does not draw literal series).
    """
    n_rows = len(rows)
    n_cols = len(rows[0]) if rows else 1 + len(chart.series)
    first, last = header_row + 1, header_row + n_rows
    if chart.kind in {"bar", "column"}:
        xl = BarChart()
        xl.type = "bar" if chart.kind == "bar" else "col"
        xl.grouping = "clustered"
    elif chart.kind == "line":
        xl = LineChart()
        xl.dispBlanksAs = "gap"
    elif chart.kind == "pie":
        xl = PieChart()
        n_cols = 2
    else:
        raise ValueError(f"{chart.caption}: no Excel chart for kind {chart.kind!r}")

    xl.add_data(Reference(ws, min_col=2, max_col=n_cols, min_row=header_row, max_row=last),
                titles_from_data=True)
    categories = Reference(ws, min_col=1, max_col=1, min_row=first, max_row=last)
    text_categories = any(isinstance(row[0], str) for row in rows)
    for i, series in enumerate(xl.series):
        if text_categories:
            series.cat = AxDataSource(strRef=StrRef(f=str(categories)))
        else:
            series.cat = AxDataSource(numRef=NumRef(f=str(categories)))
        _skip_missing(series, [row[i + 1] for row in rows], ws.title, get_column_letter(i + 2), first,
                      chart.number_format)
        if chart.kind == "line":
            series.smooth = False
            series.marker.symbol = "circle"

    xl.title = chart.caption
    if chart.kind != "pie":
        xl.x_axis.title = chart.category_axis_title or None
        xl.y_axis.title = chart.value_axis_title or None
        xl.x_axis.delete = False  # openpyxl 3.1 otherwise hides both axes in Excel
        xl.y_axis.delete = False
        xl.y_axis.number_format = chart.number_format
        if chart.kind == "bar":  # first category at the top, as in the table
            xl.x_axis.scaling.orientation = "maxMin"
            xl.y_axis.crosses = "max"
    if chart.data_labels:
        xl.dataLabels = DataLabelList(showLegendKey=False, showVal=True, showCatName=False,
                                      showSerName=False, showPercent=False, showBubbleSize=False)
        xl.dataLabels.numFmt = chart.number_format
        xl.dataLabels.dLblPos = {"line": "t", "pie": "bestFit"}.get(chart.kind, "outEnd")
    if len(xl.series) == 1 and chart.kind != "pie":
        xl.legend = None
    elif xl.legend is not None:
        xl.legend.position = "b"

    per_category = len(xl.series) if chart.kind == "bar" else 1
    xl.width = 18
    xl.height = max(7.5, min(22.0, 3.0 + CM_PER_CATEGORY * n_rows * per_category))
    xl.alt_text = chart.alt or chart.caption
    ws.add_chart(xl, f"{get_column_letter(n_cols + 2)}{header_row}")
    return xl


def _skip_missing(series, column: list, sheet: str, letter: str, first: int, fmt: str) -> None:
    """Leave a series' non-numbers out of the chart rather than let Excel plot them as zero."""
    numbered = [j for j, v in enumerate(column) if _is_number(v)]
    if len(numbered) == len(column) or not numbered:
        return
    if numbered == list(range(len(numbered))):  # only the last points missing: a shorter range
        series.val.numRef.f = f"{quote_sheetname(sheet)}!${letter}${first}:${letter}${first + len(numbered) - 1}"
    else:
        series.val = NumDataSource(numLit=NumData(formatCode=fmt, ptCount=len(column),
                                                  pt=[NumVal(idx=j, v=column[j]) for j in numbered]))


def _install_alt_text() -> None:
    """Write a chart's alt_text as the description of its drawing frame, which is what screen
    readers and Excel's "Alt Text" pane read. openpyxl has no setting for it, so its frame
    builder is wrapped once; charts without alt_text are untouched."""
    original = SpreadsheetDrawing._chart_frame
    if getattr(original, "_adds_alt_text", False):
        return

    def _chart_frame(self, idx):
        frame = original(self, idx)
        chart = self.charts[idx - 1] if idx <= len(self.charts) else None
        alt = getattr(chart, "alt_text", None)
        if alt:
            frame.nvGraphicFramePr.cNvPr.descr = alt
        return frame

    _chart_frame._adds_alt_text = True
    SpreadsheetDrawing._chart_frame = _chart_frame


_install_alt_text()
