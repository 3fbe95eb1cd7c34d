"""Record-level appendix tables: an analyst's records (a year of contacts, say) from a CSV file
that report.toml declares under [[appendix_tables]], printed as a table of the report and a
sheet of the workbook. The columns and their kinds are declared, so every cell is checked and
typed like any other input; docs/inputs.md shows the form."""
from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds an appendix may declare: each is an input type (inputs/values.py) and a kind of
# table column (parts.Column), so the cell is parsed, printed and given a number format alike.
KINDS = ("text", "count", "money", "percent", "date", "month")


@dataclass(frozen=True)
class AppendixColumn:
    """A declared column: its header, kind, decimal places and unit for the header."""

    name: str
    kind: str = "text"
    dp: int | None = None  # None: the kind's own (percent 1; money 2 if any amount has pence, else 0)
    unit: str | None = None

    def places(self, values) -> int:
        """The decimal places its cells print with, and their number format in the workbook."""
        if self.dp is not None:
            return self.dp
        if self.kind == "percent":
            return 1
        if self.kind == "money":
            return 2 if any(v is not None and v != int(v) for v in values) else 0
        return 0


@dataclass(frozen=True)
class AppendixTable:
    """One declared appendix and its typed rows, in the CSV's order."""

    key: str  # placed in a narrative with [[table: key]]
    title: str
    file: str  # the CSV, relative to the year's folder, as report.toml names it
    columns: tuple[AppendixColumn, ...]
    rows: tuple[tuple, ...] = field(default=(), repr=False)
    notes: tuple[str, ...] = ()
    source: str = ""
    landscape: bool = False
    owner: str = ""  # who supplies it, for `hsp-docs check` (default: report.toml's [owners])
    in_report: bool = True  # False (report = false): a sheet of the workbook only, not a table of the report
