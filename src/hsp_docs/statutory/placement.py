"""Where the report gives a row of reviews.csv or priorities.csv: its `section` column names a
[[sections]] key of report.toml, and that section must be in the built report."""
from __future__ import annotations


def placement_problem(section: str | None, meta, shown: dict[str, str]) -> str | None:
    """What is wrong with a row's section column, in words; None if the report shows it."""
    if not section:
        return ("no section of the report is named as giving it: fill the section column with the key of the "
                "section (from report.toml's [[sections]]).")
    if section not in {s.key for s in meta.sections}:
        return (f"the section {section!r} is not in report.toml's [[sections]] (the keys: "
                f"{', '.join(s.key for s in meta.sections)}).")
    if section not in shown:
        return f"its section {section!r} is left out of the report, so the report does not give it."
    return None
