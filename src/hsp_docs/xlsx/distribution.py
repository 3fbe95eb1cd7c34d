"""The Distribution sheet: who must receive the published report, and by when (from the
statutory profiles report.toml chooses, see statutory/distribution.py), to the same standard as
every other sheet: title in A1, a line saying what the sheet holds, the source, one table."""
from __future__ import annotations

from ..parts import Table
from . import styles as st
from .sheets import Line, SheetPlan, data_table, sheet_title, source_line, table_name


def distribution_sheet(table: Table, name: str, meta, styles: st.StyleBook, table_names: set[str]) -> SheetPlan:
    """The table's notes (when each profile says the report is due) go into the line that says
    what the sheet holds, so that its header is on row 4 as on every other sheet."""
    published = meta.theme.dates.date_label(meta.publication_date)
    described = " ".join(["This worksheet contains one table.",
                          f"Publication date: {published}. A deadline is the publication "
                          "date plus the days its source allows; [z] where the source sets no separate deadline.",
                          *table.notes])
    lines = [Line((sheet_title(table.title, meta),), (st.TITLE,)), Line((described,), (st.TEXT,)),
             source_line("the statutory profiles chosen in report.toml, and the recipients it adds")]
    return SheetPlan(name, lines, data_table(table, styles, table_name(f"{name}_recipients", table_names)),
                     landscape=True, contents_title=table.title)
