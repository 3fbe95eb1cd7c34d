"""Previous-year figures: last year's inputs folder against this year's previous-year columns.

When last year's folder sits beside this year's, the report takes its previous-year figures
from it (model/previous.py). Where this year's inputs also give such a figure (the
previous_year column of asc_abuse_types.csv, the 2021-22 row of asc_five_year.csv, a
previous-year statement in stated_figures.csv) and the two differ, that is a finding: the
report prints last year's figure, so this year's copy is either out of date or a revision
someone must confirm.
"""
from __future__ import annotations

from ..model.schema import BY_NAME
from .findings import Finding
from .owners import owner_of


def check_previous_year(data) -> list[Finding]:
    prior = data.prior
    out = []
    for d in prior.disagreements():
        if d.this_year == "not listed":
            message = (f"{d.what} is in last year's inputs ({d.last_where}) but not in this year's "
                       f"{BY_NAME[d.dataset].filename}: add it (with its {prior.label} figure), or confirm it "
                       "no longer applies.")
            severity = "warning"
        elif d.last_year == "not listed":
            message = (f"{d.what} is in this year's {BY_NAME[d.dataset].filename} but not in last year's inputs "
                       f"({d.last_where}): the report shows its {prior.label} figure as [x]. Check the name is "
                       "written the same way in both years.")
            severity = "warning"
        else:
            message = (f"{d.what} is {d.this_year} in this year's inputs but {d.last_year} in last year's "
                       f"({d.last_where}). The report uses last year's figure, {d.last_year}: correct this "
                       "year's copy, or clear it.")
            severity = "error"
        this_year = None if d.this_year == "not listed" else d.this_year
        last_year = None if d.last_year in ("not listed", "listed") else d.last_year
        out.append(Finding(severity, "previous-year-differs", BY_NAME[d.dataset].filename, message, d.row, d.column,
                           this_year, last_year, owner_of(data, d.owner_dataset)))
    return out
