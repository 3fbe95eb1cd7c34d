"""The appendix reader's one typed pass (fast forms, remembered values) gives exactly what each
kind's full parser gives, cell by cell, and the same problems."""
from __future__ import annotations

import csv
from pathlib import Path

from hsp_docs.errors import Problem
from hsp_docs.inputs.appendices import read_appendix
from hsp_docs.inputs.values import PARSERS, BadValue
from hsp_docs.model.appendices import AppendixColumn

COLUMNS = (AppendixColumn("Ref"), AppendixColumn("Date", "date"), AppendixColumn("N", "count"),
           AppendixColumn("Cost", "money"), AppendixColumn("Share", "percent"), AppendixColumn("Month", "month"))
CELLS = {  # forms of each kind: plain, spaced, other spellings, bad
    "Date": ["31/12/2022", "1/2/2023", " 01/02/2023 ", "2023-02-01", "1 February 2023", "31/02/2022", "44927", "x"],
    "N": ["0", "007", " 42 ", "1,250", "-1", "1.5", "²", "12345678901234567890"],
    "Cost": ["1250", "1250.50", "£1,250.50", " 12.5 ", "(40)", "999999999999", "1000000000000", "abc"],
    "Share": ["26.5%", "0.265", "100%", "101", "x%"],
    "Month": ["2022-07", "07/2022", "Jul-22", "July 2022", "13/2022"],
    "Ref": ["C1", " padded ", "tab\there", "bell\x07", ""],
}


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, *a, **k):
        self.problems.append(Problem(*a, **k))


def expected(kind: str, text: str):
    if not text.strip():
        return None
    try:
        return PARSERS[kind](text)
    except BadValue as exc:
        return exc


def test_every_form_reads_as_the_full_parser_reads_it(tmp_path: Path):
    names = [c.name for c in COLUMNS]
    width = max(len(v) for v in CELLS.values())
    grid = [[CELLS[n][i % len(CELLS[n])] for n in names] for i in range(width * 3)]  # each twice more: remembered
    path = tmp_path / "a.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([list(reversed(names)), *[list(reversed(r)) for r in grid]])  # any column order
    c = _Collector()
    rows = read_appendix(path, "a.csv", COLUMNS, c)
    bad = {(p.row, p.column): p.message for p in c.problems if p.severity == "error"}
    got = iter(rows)
    for n, cells in enumerate(grid, 2):
        want = {col.name: expected(col.kind, cell) if col.kind != "text" else cell
                for col, cell in zip(COLUMNS, cells)}
        errors = {k: v for k, v in want.items() if isinstance(v, BadValue)}
        assert {col for (row, col) in bad if row == n} == set(errors)
        for col, exc in errors.items():
            assert bad[(n, col)] == str(exc)
        if errors:
            continue
        row = next(got)
        for col, value in zip(COLUMNS, row):
            if col.kind == "text":
                assert value == (want[col.name].strip().replace("\x07", "") or None)
            else:
                assert value == want[col.name] and type(value) is type(want[col.name]), (n, col.name, value)
    assert next(got, None) is None
    assert any(p.severity == "warning" and "U+0007" in p.message for p in c.problems)
