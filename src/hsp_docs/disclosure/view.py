"""A recipient's view of the Report: what the public, or one agency, may see.

`suppression.decide` chooses which cells the public outputs hide; `apply` turns the Report into
one recipient's view: hidden cells become [c] in tables and gaps in charts (their alt text says
so), narrative placeholders print the policy's words, and text describing a hidden count gives
way to its row's name. Writers then write the view; they never suppress.
"""
from __future__ import annotations

import copy

from ..formatting import thousands
from ..parts import CONFIDENTIAL, Chart, ChartBlock, Heading, Paragraph, Report, Run, Section, Series, Table, TableBlock
from .cells import Cell, CellId, cell_id, columns_of_interest, row_label
from .facts import FigureRef, PersonCount, TextAbout
from .policy import Policy


def hide_table(table: Table, hidden: set[CellId], note: str | None = None) -> Table:
    """A copy of the table with its hidden cells as [c] and text about a hidden count as its row's
    name; `note` (what [c] means) is added to its notes when it hides anything."""
    if not hidden:
        return table
    rows, changed = [], False
    wanted = columns_of_interest(table)
    for r, row in enumerate(table.rows):
        out = list(row)
        label = None
        for c, v in enumerate(row):
            about = getattr(v, "fallback", None)
            if about is not None and getattr(v, "fact", None) in hidden:
                out[c], changed = about, True
            elif v is None or isinstance(v, str) or (c not in wanted and type(v) is not PersonCount):
                continue
            else:
                label = row_label(table, r) if label is None else label
                if cell_id(table, r, c, label) in hidden:
                    out[c], changed = CONFIDENTIAL, True
        rows.append(out)
    if not changed:
        return table
    new = copy.copy(table)
    new.rows = rows
    if note and any(v is CONFIDENTIAL for row in rows for v in row):
        new.notes = [*table.notes, note]
    return new


def plain_alt(chart: Chart, words: str) -> str:
    """Alt text listing every point, with a hidden one as the policy's words."""
    kind = {"bar": "Bar", "column": "Column", "line": "Line", "pie": "Pie"}.get(chart.kind, "")
    lines = []
    for s in chart.series:
        pts = ", ".join(f"{cat} {words if v is CONFIDENTIAL else 'not available' if v is None else thousands(v)}"
                        for cat, v in zip(chart.categories, s.values))
        lines.append(f"{s.name}: {pts}" if len(chart.series) > 1 else pts)
    return f"{kind} chart of {chart.title[0].lower() + chart.title[1:]}: {'; '.join(lines)}."


def hide_chart(chart: Chart, hidden: set[CellId], policy: Policy) -> Chart:
    """A copy of the chart with hidden points as gaps ([c] in its data) and alt text to match."""
    if not hidden:
        return chart
    data = chart.data_table()
    series = [Series(s.name, [CONFIDENTIAL if cell_id(data, r, j + 1) in hidden and v is not None else v
                              for r, v in enumerate(s.values)]) for j, s in enumerate(chart.series)]
    if all(a.values == b.values for a, b in zip(series, chart.series)):
        return chart
    new = copy.copy(chart)
    new.series = series
    new.alt = plain_alt(new, f"{CONFIDENTIAL.code} (confidential)")
    return new


def hide_runs(runs: list[Run], hidden: set[CellId], primary: set[CellId], policy: Policy) -> list[Run]:
    out = []
    for r in runs:
        fact = r.fact.fact if isinstance(r.fact, TextAbout) else (
            Cell("figure", r.fact.key, "") if isinstance(r.fact, FigureRef) else r.fact)
        foot = hide_runs(r.footnote, hidden, primary, policy) if r.footnote else r.footnote
        if fact is not None and fact in hidden:
            text = r.fact.fallback if isinstance(r.fact, TextAbout) else (
                policy.prose_text if fact in primary else CONFIDENTIAL.code)
            out.append(Run(text, r.bold, r.url, foot, r.fact))
        else:
            out.append(r if foot is r.footnote else Run(r.text, r.bold, r.url, foot, r.fact))
    return out


def apply(report: Report, hidden: set[CellId], primary: set[CellId], policy: Policy) -> Report:
    """The Report as a recipient who may not see `hidden` sees it."""
    if not hidden:
        return report
    sections = []
    for s in report.sections:
        blocks = []
        for b in s.blocks:
            if isinstance(b, TableBlock):
                b = TableBlock(hide_table(b.table, hidden, policy.note))
            elif isinstance(b, ChartBlock):
                b = ChartBlock(hide_chart(b.chart, hidden, policy))
            elif isinstance(b, Paragraph):
                b = Paragraph(hide_runs(b.runs, hidden, primary, policy), b.bullet_level, b.style)
            elif isinstance(b, Heading):
                b = Heading(b.level, hide_runs(b.runs, hidden, primary, policy))
            blocks.append(b)
        sections.append(Section(s.key, s.title, blocks))
    return Report(report.meta, sections, list(report.notes),
                  [hide_table(t, hidden, policy.note) for t in report.workbook_tables])
