"""Tables of the HTML edition: a `table` with its `caption`, `th` with `scope` for the header
row (and for the first column when it names the row), numbers in right-aligned cells, totals
rows marked, the table's notes below it. Each table sits in its own region, labelled by its
caption and focusable, so a wide table scrolls inside it (by keyboard too) and the page
itself reflows at 320 CSS pixels (WCAG 1.4.10).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ..parts import Table


def _cell(tag: str, text: str, numeric: bool, scope: str | None = None) -> str:
    attrs = (f' scope="{scope}"' if scope else "") + (' class="num"' if numeric else "")
    return f"<{tag}{attrs}>{escape(text)}</{tag}>"


def table_html(table: Table, caption_id: str, caption: str) -> Markup:
    """The `table` element alone. Cells are escaped one by one and joined as text, so a table of
    100,000 rows costs a string join, not a tree."""
    row_headers = bool(table.columns) and not table.columns[0].numeric
    head = "".join(_cell("th", c.header, c.numeric, "col") for c in table.columns)
    rows = []
    for r, texts in enumerate(table.cell_texts()):
        cells = []
        for i, text in enumerate(texts):
            numeric = table.column_for(r, i).numeric
            cells.append(_cell("th", text, numeric, "row") if i == 0 and row_headers else _cell("td", text, numeric))
        cls = ' class="total"' if r in table.total_rows else ""
        rows.append(f"<tr{cls}>{''.join(cells)}</tr>")
    return Markup(f'<table><caption id="{escape(caption_id)}">{escape(caption)}</caption>'
                  f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def table_region(table: Table, caption_id: str, caption: str) -> Markup:
    """The table in its scrolling region, labelled by the caption, then its notes."""
    notes = "".join(f'<p class="table-note">Note: {escape(n)}</p>' for n in table.notes)
    return Markup(f'<div class="table-region" role="region" aria-labelledby="{escape(caption_id)}" tabindex="0">'
                  f"{table_html(table, caption_id, caption)}</div>{notes}\n")


def report_table(table: Table) -> Markup:
    """A table of the report, captioned as in Word ("Table 3: …") and linkable as #table-3."""
    return table_region(table, f"table-{table.number}", table.caption)
