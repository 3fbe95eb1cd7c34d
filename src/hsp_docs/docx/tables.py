"""Word tables written straight as XML: one string per row, parsed once.

A header row marked as a header (repeats on each page, read as headers by screen readers),
numbers right-aligned, totals in bold. No per-cell python-docx calls, so 10,000 rows take
about as long as the XML takes to write.
"""
from __future__ import annotations

from ..parts import Table
from .xml import element, esc, t

TEXT_WIDTH_TWIPS = 9026  # A4 portrait with 2.54 cm margins
LANDSCAPE_WIDTH_TWIPS = 13958


def _widths(table: Table, total: int) -> list[int]:
    """Give text columns more room than number columns."""
    weights = [1.0 if c.numeric else 3.0 for c in table.columns]
    if len(table.columns) > 8:
        weights = [2.2 if not c.numeric else 1.0 for c in table.columns]
    s = sum(weights)
    return [int(total * w / s) for w in weights]


def _cell(text: str, width: int, right: bool, bold: bool, style: str, shade: str = "") -> str:
    jc = '<w:jc w:val="right"/>' if right else ""
    colour = '<w:color w:val="FFFFFF"/>' if shade else ""  # white on the navy header: 11.9:1
    b = f"<w:rPr><w:b/><w:bCs/>{colour}</w:rPr>" if bold else ""
    run = f"<w:r>{b}{t(text)}</w:r>" if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{run}</w:p></w:tc>')


HEADER_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>'


def table_element(table: Table, style_ids: dict[str, str], landscape: bool = False):
    """The w:tbl element for a Table."""
    total = LANDSCAPE_WIDTH_TWIPS if landscape else TEXT_WIDTH_TWIPS
    widths = _widths(table, total)
    text_style = style_ids["Table Text"]
    header_style = style_ids.get("Table Header", text_style)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head_cells = "".join(
        _cell(c.header, w, c.numeric, True, header_style, HEADER_SHADE) for c, w in zip(table.columns, widths))
    rows = [f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head_cells}</w:tr>']
    for r, texts in enumerate(table.cell_texts()):
        bold = r in table.total_rows
        cells = "".join(_cell(txt, w, table.column_for(r, i).numeric, bold, text_style)
                        for i, (txt, w) in enumerate(zip(texts, widths)))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
           f'<w:tblLayout w:type="fixed"/>'
           f'<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
           f'w:noHBand="1" w:noVBand="1"/><w:tblCaption w:val="{esc(table.caption)}"/></w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    return element(xml)
