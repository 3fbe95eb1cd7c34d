"""Word tables written straight as XML: one string for the whole table, parsed once.

A header row marked as a header (repeats on each page, read as headers by screen readers),
numbers right-aligned, totals in bold. No python-docx table calls (no table.cell, no
add_row): each column's cell properties and paragraph style are written once as a prefix
string and reused for every row, so a row costs one string join per cell. A table of more
than a thousand rows is not parsed at all: it joins document.xml as text when the package is
saved (splice.py), so a large table costs no more than writing its XML (benchmarks/ holds that).
"""
from __future__ import annotations

import dataclasses

from ..ooxml.xml import esc
from ..partdata import cell_texts
from ..parts import Table, format_cell
from ..theme import DEFAULT_THEME, Theme
from .xml import element, t

TEXT_WIDTH_TWIPS = 9026  # A4 portrait with 2.54 cm margins
LANDSCAPE_WIDTH_TWIPS = 13958
KEEP_ROWS = 2  # a table's header stays on the page with at least this many of its rows
WHOLE_ROWS = 8  # a table this short is never split across pages (a few rows left at a page's foot read badly)
_BOLD = "<w:rPr><w:b/><w:bCs/></w:rPr>"


CHAR_TWIPS = 112  # an average character of 10 pt Arial (560 thousandths of an em)
CELL_MARGINS_TWIPS = 230  # Word's default left and right cell margins, and a little air
SAMPLE_ROWS = 200
# Arial's advance widths in thousandths of an em, by kind of character: enough to tell a code
# in capitals ("KV-AUD-009") from lower-case text of the same length. Bold letters are about
# an eighth wider; bold digits and punctuation are not.
_ARIAL = {**dict.fromkeys("ijlI.,:;'!|", 250), **dict.fromkeys(" -/()[]frt", 320),
          **dict.fromkeys("mwMW%@", 860), **dict.fromkeys("ABCDEFGHKNOPQRSTUVXYZ", 690)}
_BOLD_LETTERS = 1.13


class _Widths(dict):
    """Character -> width, each worked out once (text widths are summed in C with map)."""

    def __init__(self, bold: bool):
        super().__init__()
        self.bold = bold

    def __missing__(self, ch: str) -> float:
        w: float = _ARIAL.get(ch, 556 if ch.isdigit() else 530)
        self[ch] = w = w * _BOLD_LETTERS if self.bold and ch.isalpha() else w
        return w


_REGULAR_WIDTHS, _BOLD_WIDTHS = _Widths(False), _Widths(True)


def _chars(text: str, bold: bool = False) -> float:
    """Text's width in average characters of Arial (560 thousandths of an em): capitals and
    digits wider, i, l and spaces narrower; bold letters wider."""
    return sum(map((_BOLD_WIDTHS if bold else _REGULAR_WIDTHS).__getitem__, text)) / 560


def _widths(table: Table, total: int) -> list[int]:
    """Column widths from the content: no header word and no number is broken across lines
    where the page allows it; text columns share what is left, by how long their text runs."""
    sample = [[format_cell(v, table.column_for(r, i), table.dates) for i, v in enumerate(row)]
              for r, row in enumerate(table.rows[:SAMPLE_ROWS])]
    least, want = [], []
    for i, col in enumerate(table.columns):
        texts = [row[i] for row in sample if i < len(row)]
        header_word = max((_chars(w, bold=True) for w in col.header.split()), default=1)
        if col.right_aligned or col.kind in ("date", "month"):  # numbers and dates never wrap
            n = max([header_word] + [_chars(t) for t in texts])
            least.append(n)
            want.append(max(n, min(_chars(col.header, bold=True), 16)))  # room allowing, a header on one line
        else:
            longest_word = max([header_word] + [_chars(w) for t in texts for w in t.split()])
            mean = sum(_chars(t) for t in texts) / len(texts) if texts else header_word
            least.append(min(longest_word, 18))
            want.append(max(least[-1], min(45, mean * 1.3, max((_chars(t) for t in texts), default=0))))
    to_twips = lambda chars: [int(c * CHAR_TWIPS + CELL_MARGINS_TWIPS) for c in chars]  # noqa: E731
    lo, hi = to_twips(least), to_twips(want)
    if sum(lo) >= total:  # even the least does not fit: share the room for text in that proportion
        room = total - CELL_MARGINS_TWIPS * len(lo)
        return [CELL_MARGINS_TWIPS + int(room * c / sum(least)) for c in least]
    if sum(hi) <= total:  # all fits: text columns take the rest
        extra = total - sum(hi)
        grow = [h if c.kind == "text" else 0 for h, c in zip(hi, table.columns)]
        grow = grow if any(grow) else hi
        g = sum(grow) or 1
        return [h + int(extra * w / g) for h, w in zip(hi, grow)]
    room = total - sum(lo)
    gap = [h - l_ for h, l_ in zip(hi, lo)]
    return [l_ + int(room * d / sum(gap)) for l_, d in zip(lo, gap)]


def _cell_open(width: int, right: bool, style: str, shade: str = "", keep_next: bool = False) -> str:
    """Everything of a cell before its run: properties, paragraph and paragraph properties.
    `keep_next`: the row stays on the page with the next one (Word's keep-with-next in a table)."""
    jc = '<w:jc w:val="right"/>' if right else ""
    keep = "<w:keepNext/>" if keep_next else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}{jc}</w:pPr>')


def _header_cell(text: str, width: int, right: bool, style: str, theme: Theme) -> str:
    """A header cell: bold, in the theme's header text colour on its header fill."""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{theme.table_header_fill}"/>'
    b = f'<w:rPr><w:b/><w:bCs/><w:color w:val="{theme.table_header_text}"/></w:rPr>'
    run = f"<w:r>{b}{t(text)}</w:r>" if text else ""
    return f"{_cell_open(width, right, style, shade, keep_next=True)}{run}</w:p></w:tc>"


ROWS_PER_CHUNK = 1000  # rows joined into one string by table_chunks


def table_chunks(table: Table, style_ids: dict[str, str], landscape: bool = False, theme: Theme = DEFAULT_THEME):
    """The w:tbl element for a Table as strings (namespace prefixes w: undeclared): the table's
    properties and header row, then its rows a thousand at a time, then its end; so a large
    table can be written out without ever being one string (splice.py). No row breaks across a
    page (cantSplit), the header repeats on each page (tblHeader), and the header keeps with the
    first KEEP_ROWS rows (keep-with-next on the rows before them); a table of WHOLE_ROWS rows or
    fewer keeps together on one page. A grouped table
    (Table.group_columns) prints its group columns' values on each group's first row only, that
    row kept with the next and ruled off from the group above; no cell is merged (screen readers
    read merged cells out of order)."""
    return _rows_chunks(table, style_ids, landscape, theme)


def _table_open(table: Table, total: int, grid: list[int]) -> str:
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="1" w:noVBand="1"/><w:tblCaption w:val="{esc(table.caption)}"/></w:tblPr>'
            f"<w:tblGrid>{cols}</w:tblGrid>")


GROUP_RULE = '<w:top w:val="single" w:sz="12" w:space="0" w:color="595959"/>'  # above a group but the first
_OPEN_TOP, _OPEN_BOTTOM = '<w:top w:val="nil"/>', '<w:bottom w:val="nil"/>'


KEEP_GROUP_ROWS = 15  # a group this short stays on one page (its values are printed on its first row only)


def _grouped(table: Table, rows):
    """(row texts, (ruled, kept with the next row, its group cells' borders)) for each row. A
    grouped table's group values are left blank where they repeat the row above, and the group
    cells have no rule between the rows of one group, so each group's values read as one block;
    a heavier rule parts the groups. A group of up to KEEP_GROUP_ROWS rows keeps together, so no
    page starts with rows whose event (date, course) is on the page before."""
    g = table.group_columns
    if not g:  # rows may be a generator (a long table): read once
        yield from ((texts, None) for texts in rows)
        return
    keys = [tuple(r[:g]) for r in rows]
    sizes = {k: keys.count(k) for k in set(keys)}
    for r, texts in enumerate(rows):
        starts, ends = r == 0 or keys[r] != keys[r - 1], r == len(rows) - 1 or keys[r + 1] != keys[r]
        top = (GROUP_RULE if r else "") if starts else _OPEN_TOP
        borders = f"<w:tcBorders>{top}{'' if ends else _OPEN_BOTTOM}</w:tcBorders>"
        keep = starts or (not ends and sizes[keys[r]] <= KEEP_GROUP_ROWS)
        yield (texts if starts else [""] * g + texts[g:]), (starts and r > 0, keep, borders)


def _rows_chunks(table: Table, style_ids: dict[str, str], landscape: bool, theme: Theme):
    total = LANDSCAPE_WIDTH_TWIPS if landscape else TEXT_WIDTH_TWIPS
    widths = _widths(table, total)
    text_style = style_ids["Table Text"]
    header_style = style_ids.get("Table Header", text_style)
    head_cells = "".join(
        _header_cell(c.header, w, c.right_aligned, header_style, theme) for c, w in zip(table.columns, widths))
    opens = [_cell_open(w, c.right_aligned, text_style) for c, w in zip(table.columns, widths)]
    # the rows kept with the next (all but the last): the header's first KEEP_ROWS, or a short table's every row
    keep_rows = (len(table.rows) if len(table.rows) <= WHOLE_ROWS else KEEP_ROWS) - 1
    opens_by_kind: dict[str, list[str]] = {}  # rows whose numbers are of another kind
    for r, kind in table.row_kinds.items():
        if kind not in opens_by_kind and r < len(table.rows):
            opens_by_kind[kind] = [_cell_open(w, table.column_for(r, i).right_aligned, text_style)
                                   for i, w in enumerate(widths)]
    yield (_table_open(table, total, widths) +
           f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head_cells}</w:tr>")
    out: list[str] = []
    append = out.append
    totals, kinds = table.total_rows, table.row_kinds
    texts_of = cell_texts(table) if not table.group_columns else list(cell_texts(table))
    for r, (texts, group) in enumerate(_grouped(table, texts_of)):
        run = "<w:r>" + _BOLD if r in totals else "<w:r>"
        cell_opens = opens_by_kind[kinds[r]] if r in kinds else opens
        if r < keep_rows or group:  # kept with the next: the header (or a group's values) never ends a page alone
            ruled, keep, borders = group or (False, False, "")
            cell_opens = [_cell_open(w, table.column_for(r, i).right_aligned, text_style,
                                     borders if i < table.group_columns else
                                     f"<w:tcBorders>{GROUP_RULE}</w:tcBorders>" if ruled else "",
                                     keep_next=r < keep_rows or keep)
                          for i, w in enumerate(widths)]
        append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        append("".join(f"{o}{run}{t(x)}</w:r></w:p></w:tc>" if x else f"{o}</w:p></w:tc>"
                       for o, x in zip(cell_opens, texts)))
        append("</w:tr>")
        if len(out) >= 3 * ROWS_PER_CHUNK:
            yield "".join(out)
            out.clear()
    append("</w:tbl>")
    yield "".join(out)


def table_xml(table: Table, style_ids: dict[str, str], landscape: bool = False, theme: Theme = DEFAULT_THEME) -> str:
    """The w:tbl element for a Table, as one string (namespace prefixes w: undeclared)."""
    return "".join(table_chunks(table, style_ids, landscape, theme))


def specimen(table: Table) -> Table:
    """The table cut to its header, its first row and one row of each other kind it has (a total,
    a row of another number kind): every kind of row the writer makes of it, in a few rows. The
    accessibility check reads a large table's specimen in its place (checks/docx_a11y.py)."""
    keep = sorted({0, *(r for r in table.total_rows if r < len(table.rows)),
                   *{kind: r for r, kind in sorted(table.row_kinds.items(), reverse=True)
                     if r < len(table.rows)}.values()} & set(range(len(table.rows))))
    at = {r: i for i, r in enumerate(keep)}
    return dataclasses.replace(table, rows=[table.rows[r] for r in keep],
                               total_rows=frozenset(at[r] for r in table.total_rows if r in at),
                               row_kinds={at[r]: k for r, k in table.row_kinds.items() if r in at})


def table_element(table: Table, style_ids: dict[str, str], landscape: bool = False, theme: Theme = DEFAULT_THEME):
    """The w:tbl element for a Table."""
    return element(table_xml(table, style_ids, landscape, theme))
