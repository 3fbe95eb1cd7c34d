"""A one-sheet workbook for a chart's embedded data (Word's Edit Data opens it): a header row,
text in the first column, numbers beside it in one number format, empty cells for gaps."""
from __future__ import annotations

import io

from ..partdata import check_chart, number
from ..parts import Chart
from .chart import DataRef
from .package import CT, MAIN_NS, XML_DECL, Package, relationships, text_element, workbook_xml
from .xml import attr, column_letter

SHEET = "Sheet1"  # the embedded workbook's one sheet, named in every formula of the chart


def embedded_ref(chart: Chart) -> DataRef:
    """Where the chart's data sits in its embedded workbook (the formulas of the chart part name
    it): the rows of a horizontal bar chart of several series bottom up, as it plots them so that
    its legend reads in the bars' order (ooxml.chart.plot_order); any other chart's in table order."""
    return DataRef(sheet=SHEET, header_row=1, blank_gaps=True, bottom_up=chart.kind == "bar" and len(chart.series) > 1)

_FONT = '<font><sz val="10"/><name val="Arial"/><family val="2"/></font>'
_BOLD = '<font><b/><sz val="10"/><name val="Arial"/><family val="2"/></font>'


def _styles(number_format: str) -> str:
    return (f'{XML_DECL}<styleSheet xmlns="{MAIN_NS}">'
            f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{attr(number_format)}"/></numFmts>'
            f'<fonts count="2">{_FONT}{_BOLD}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>')


def _text(ref: str, text: str, style: int = 0) -> str:
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is>{text_element("t", text)}</is></c>'


def chart_workbook(chart: Chart) -> bytes:
    """The .xlsx embedded in a Word chart: categories in A2:A{n+1}, series names in row 1 from B,
    values below them (a missing value is an empty cell), on the sheet the formulas name; the
    rows in the order of `embedded_ref`."""
    check_chart(chart)
    header = [chart.category_axis_title or "Category"] + [str(s.name) for s in chart.series]
    rows = [(str(cat), [number(s.values[i]) for s in chart.series]) for i, cat in enumerate(chart.categories)]
    if embedded_ref(chart).bottom_up:
        rows.reverse()
    widths = (min(60, max([12] + [len(str(c)) + 2 for c in chart.categories])),
              min(30, max([10] + [len(str(s.name)) + 2 for s in chart.series])))
    return data_workbook(SHEET, header, rows, chart.number_format or "General", widths)


def data_workbook(sheet: str, header: list[str], rows: list[tuple[str, list]], number_format: str,
                  widths: tuple[float, float] = (30, 12)) -> bytes:
    """header: the first row; rows: (label, [number or None, ...])."""
    out = [f'<row r="1">{"".join(_text(f"{column_letter(c)}1", h, 1) for c, h in enumerate(header, 1))}</row>']
    for r, (label, values) in enumerate(rows, 2):
        cells = [_text(f"A{r}", label)]
        for c, v in enumerate(values, 2):
            if v is not None:
                cells.append(f'<c r="{column_letter(c)}{r}" s="2"><v>{v!r}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    n = len(header)
    cols = f'<col min="1" max="1" width="{widths[0]}" customWidth="1"/>'
    if n > 1:
        cols += f'<col min="2" max="{n}" width="{widths[1]}" customWidth="1"/>'
    sheet_xml = (f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><cols>{cols}</cols>'
                 f'<sheetData>{"".join(out)}</sheetData></worksheet>')
    buf = io.BytesIO()
    pkg = Package(buf, stored=True)  # the .docx around it compresses it
    pkg.write("_rels/.rels", relationships([("rId1", "officeDocument", "xl/workbook.xml")]))
    pkg.write("xl/workbook.xml", workbook_xml([sheet]), CT["workbook"])
    pkg.write("xl/_rels/workbook.xml.rels", relationships([("rId1", "worksheet", "worksheets/sheet1.xml"),
                                                           ("rId2", "styles", "styles.xml")]))
    pkg.write("xl/worksheets/sheet1.xml", sheet_xml, CT["worksheet"])
    pkg.write("xl/styles.xml", _styles(number_format), CT["styles"])
    pkg.close()
    return buf.getvalue()
