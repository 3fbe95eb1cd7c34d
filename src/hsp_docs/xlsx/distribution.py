"""The Distribution sheet: who must receive the published report, and by when (from the
statutory profiles report.toml chooses, see statutory/distribution.py), to the same standard as
every other sheet: title in A1, a line saying what the sheet holds, one table."""
from __future__ import annotations

from ..parts import Table
from . import styles as st
from .sheets import Line, SheetPlan, _text, data_table, table_name


def distribution_sheet(table: Table, name: str, meta, styles: st.StyleBook, table_names: set[str]) -> SheetPlan:
    """The table's notes (when each profile says the report is due) are lines above it."""
    lines = [Line((f"{table.title}: {meta.partnership} annual report {meta.current_year}",), (st.TITLE,)),
             *_text("This worksheet contains one table.",
                    f"Publication date: {meta.publication_date:%-d %B %Y}. A deadline is the publication date "
                    "plus the days its source allows; [z] where the source sets no separate deadline.",
                    *table.notes, "Source: the statutory profiles chosen in report.toml, and the recipients it adds.")]
    return SheetPlan(name, lines, data_table(table, styles, table_name(name, table_names)), landscape=True,
                     contents_title=table.title)
