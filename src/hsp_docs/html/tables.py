"""Tables of the HTML edition: a `table` with its `caption`, `th` with `scope` for the header
row (and for the first column when it names the row), numbers in right-aligned cells, totals
rows marked, the table's notes below it. Each table sits in its own region, labelled by its
caption and focusable, so a wide table scrolls inside it (by keyboard too) and the page
itself reflows at 320 CSS pixels (WCAG 1.4.10).
"""
from __future__ import annotations

from markupsafe import Markup, escape

from ..partdata import cell_texts
from ..parts import Table


def _cell(tag: str, text: str, numeric: bool, scope: str | None = None) -> str:
    attrs = (f' scope="{scope}"' if scope else "") + (' class="num"' if numeric else "")
    return f"<{tag}{attrs}>{escape(text)}</{tag}>"


def table_html(table: Table, caption_id: str, caption: str) -> Markup:
    """The `table` element alone. The caption's text is in a span the stylesheet keeps within the
    screen's width while a wide table scrolls beneath it. Each cell's text is escaped and wrapped in its column's tags,
    worked out once per column (a row kind changes a cell's format, never whether it is a
    number), and rows are joined as text, so 100,000 rows cost string joins, not a tree."""
    row_headers = bool(table.columns) and not table.columns[0].numeric
    head = "".join(_cell("th", c.header, c.right_aligned, "col") for c in table.columns)
    tags = []
    for i, c in enumerate(table.columns):
        tag = "th" if i == 0 and row_headers else "td"
        attrs = (' scope="row"' if tag == "th" else "") + (' class="num"' if c.right_aligned else "")
        tags.append((f"<{tag}{attrs}>", f"</{tag}>"))
    rows = []
    for r, texts in enumerate(cell_texts(table)):
        cells = "".join([f"{start}{escape(text)}{end}" for (start, end), text in zip(tags, texts)])
        rows.append(f'<tr class="total">{cells}</tr>' if r in table.total_rows else f"<tr>{cells}</tr>")
    return Markup(f'<table><caption id="{escape(caption_id)}"><span>{escape(caption)}</span></caption>'
                  f"<thead><tr>{head}</tr></thead><tbody>\n" + "\n".join(rows) + "\n</tbody></table>")


def notes_html(notes: list[str], source: str) -> str:
    """A table's or chart's notes, then its source line (as Word prints them under it)."""
    lines = [f"Note: {n}" for n in notes] + ([f"Source: {source}"] if source else [])
    return "".join(f'<p class="table-note">{escape(line)}</p>' for line in lines)


def table_region(table: Table, caption_id: str, caption: str) -> Markup:
    """The table in its scrolling region, labelled by the caption, then its notes and source line."""
    notes = notes_html(table.notes, table.source)
    return Markup(f'<div class="table-region" role="region" aria-labelledby="{escape(caption_id)}" tabindex="0">'
                  f"{table_html(table, caption_id, caption)}</div>{notes}\n")


def report_table(table: Table) -> Markup:
    """A table of the report, captioned as in Word ("Table 3: …") and linkable as #table-3."""
    return table_region(table, f"table-{table.number}", table.caption)
