"""A recipient's view of the Report: what the public, or one agency, may see.

`decide` chooses, once for the whole report, which cells the public outputs hide: every count
of people from 1 to threshold - 1 (primary suppression), the derived cells that go with them,
and then complementary cells, smallest first, until the audit (intervals.py) finds no hidden
cell that the public, or any agency knowing its own figures, could narrow to a range narrower
than the threshold. `apply` turns the Report into one recipient's view: hidden cells become
[c] in tables and gaps in charts (their alt text says so), narrative placeholders print the
policy's words, and text describing a hidden count gives way to its row's name. Writers then
write the view; they never suppress.
"""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..parts import CONFIDENTIAL, Chart, ChartBlock, Heading, Paragraph, Report, Run, Section, Series, Table, TableBlock
from .cells import Cell, CellId, Relation, cell_id, columns_of_interest, row_label, table_cells
from .facts import Fact, FigureRef, PersonCount, TextAbout
from .intervals import intervals
from .policy import Policy


@dataclass(eq=False)
class Knowledge:
    """Every numeric cell of a set of tables, and the prose's counts: values, which count people,
    who owns each, the derived cells that go with each count, and the relations between them."""

    values: dict[CellId, float] = field(default_factory=dict)
    people: set[CellId] = field(default_factory=set)
    owners: dict[CellId, object] = field(default_factory=dict)
    derived: dict[CellId, set[CellId]] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    where: dict[CellId, tuple[str, str, str]] = field(default_factory=dict)  # (part, row, column) as shown

    def add_table(self, table: Table, register, caption: str | None = None) -> None:
        tc = table_cells(table)
        agency_col = next((i for i, c in enumerate(table.columns) if c.name == table.agency_column), None)
        for (r, c), i in tc.ids.items():
            self.values.setdefault(i, tc.values[i])
            self.where.setdefault(i, (caption or table.caption, tc.labels[r], table.columns[c].name))
            if i in tc.people:
                self.people.add(i)
            if i not in self.owners or self.owners[i] is None:
                name = table.rows[r][agency_col] if agency_col is not None else getattr(i, "label", None)
                self.owners[i] = register.resolve(str(name)) if name and register is not None else None
        for k, v in tc.derived.items():
            self.derived.setdefault(k, set()).update(v)
        self.relations += tc.relations

    def add_fact(self, fact: Fact, value: int, register, where: str) -> None:
        if fact in self.values:
            return
        self.values[fact] = value
        self.people.add(fact)
        self.owners[fact] = register.resolve(fact.label) if register is not None else None
        self.where[fact] = (where, fact.label, fact.column)

    def add_figure(self, ref: FigureRef, data, where: str) -> None:
        """A figure the prose prints that sums counts of people: a cell, and the relation to its parts."""
        cell = Cell("figure", ref.key, "")
        if cell in self.values:
            return
        figure = data.figures.known.get(ref.key)
        value = figure.stated.number if figure is not None and figure.stated is not None else None
        value = value if value is not None else getattr(figure, "value", None)
        parts = [fact_value(data, p) for p in ref.parts]
        if value is None or None in parts:
            return
        self.values[cell], self.owners[cell] = float(value), None
        self.people.add(cell)
        self.where[cell] = (where, ref.key, "")
        if sum(parts) == value:  # a stated figure that doesn't add up tells nothing exact
            self.relations.append(Relation(tuple((p, 1.0) for p in ref.parts) + ((cell, -1.0),), 0.0, 0.0))
        for p, v in zip(ref.parts, parts):
            if p not in self.values:
                self.add_fact(p, v, data.agencies, where)

    def copy(self) -> Knowledge:
        return Knowledge(dict(self.values), set(self.people), dict(self.owners),
                         {c: set(v) for c, v in self.derived.items()}, list(self.relations), dict(self.where))

    def owned_by(self, cell: CellId, agency) -> bool:
        return agency is not None and self.owners.get(cell) is agency

    def with_derived(self, cells: set[CellId]) -> set[CellId]:
        out = set(cells)
        for c in cells:
            out |= self.derived.get(c, set())
        return out


def report_tables(report: Report) -> list[tuple[Table, str]]:
    """Every table a reader of the report and workbook sees, with its caption: the tables, the
    charts' data (the workbook's figure sheets, the embedded chart workbooks), the workbook's own."""
    out = [(t, t.caption) for t in report.tables()]
    out += [(c.data_table(), c.caption) for c in report.charts()]
    out += [(t, t.caption) for t in report.workbook_tables]
    return out


def prose_runs(report: Report):
    """Every run of narrative text (headings, paragraphs, footnotes) with the section it is in."""
    for s in report.sections:
        for b in s.blocks:
            if isinstance(b, (Paragraph, Heading)):
                for r in b.runs:
                    yield s, r
                    for f in r.footnote or ():
                        yield s, f


def fact_value(data, fact: Fact):
    for row in data.rows(fact.dataset):
        if getattr(row, "_row", None) == fact.row:
            return getattr(row, fact.column, None)
    return None


def knowledge_of(report: Report, data, extra_tables: Sequence[tuple[Table, str]] = ()) -> Knowledge:
    k = Knowledge()
    register = data.agencies if data is not None else None
    for t, caption in [*report_tables(report), *extra_tables]:
        k.add_table(t, register, caption)
    if data is not None:
        for s, run in prose_runs(report):
            if isinstance(run.fact, Fact):
                v = fact_value(data, run.fact)
                if isinstance(v, int):
                    k.add_fact(run.fact, v, register, f"the narrative of '{s.title}'")
            elif isinstance(run.fact, FigureRef):
                k.add_figure(run.fact, data, f"the narrative of '{s.title}'")
    return k


@dataclass(eq=False)
class Decision:
    """The cells the public outputs hide, which of them are small counts, and what could not be protected."""

    policy: Policy
    knowledge: Knowledge
    hidden: set[CellId] = field(default_factory=set)
    primary: set[CellId] = field(default_factory=set)
    fixed: set[CellId] = field(default_factory=set)  # published as they are (public = false): never hidden
    unprotected: list[tuple[object, CellId, float, float]] = field(default_factory=list)

    def hidden_from(self, agency=None, internal: bool = False) -> set[CellId]:
        """What one recipient may not see: the public's hidden cells less the agency's own."""
        if internal:
            return set()
        return {h for h in self.hidden if not self.knowledge.owned_by(h, agency)}


def failures(k: Knowledge, hidden: set[CellId], policy: Policy
             ) -> tuple[list[tuple[CellId, float, float]], list[CellId]]:
    """Hidden counts that the relations narrow to a range narrower than the protection interval,
    and hidden cells whose relations contradict each other."""
    found, contradictions = intervals(k.relations, k.values, hidden)
    out = [(c, lo, hi) for c, (lo, hi) in found.items() if c in k.people and hi - lo < policy.protection - 1e-6]
    return sorted(out, key=lambda x: str(x[0])), contradictions


def _complement(k: Knowledge, cell: CellId, hidden: set[CellId], agency, fixed: set[CellId]) -> CellId | None:
    """The smallest shown count that shares a relation with `cell` (a derived cell if no count)."""
    counts, derived = [], []
    for rel in k.relations:
        if cell not in rel.cells or any(n in hidden for n in rel.needs):  # a relation that gives nothing away
            continue
        for c in rel.cells:
            if c in hidden or k.owned_by(c, agency) or c not in k.values or c in fixed:
                continue
            if c in k.people and k.values[c] > 0:
                counts.append((k.values[c], str(c), c))
        derived += [(0, str(n), n) for n in rel.needs if n not in hidden and n not in fixed]
    pick = min(counts) if counts else min(derived) if derived else None
    return pick[2] if pick else None


def decide(report: Report, data, policy: Policy, packs: bool = True, published: Policy | None = None) -> Decision:
    """The suppression pattern: what the public outputs hide (nothing when public = false) and what
    the packs hide besides (counts they alone show), robust to what each agency knows of its own
    figures. A value the public outputs show is never hidden in a pack: that would protect nothing.

    published: the policy the public outputs were made with, when packs are made with another
    (`packs --threshold`): what those outputs show stays shown."""
    extra = []
    if packs and data is not None:
        from ..packs.contents import pack_tables

        for entry in data.agencies:
            extra += [(t, t.title) for t in pack_tables(data, report, entry) if t.key.startswith("pack_")]
    k = knowledge_of(report, data, extra)
    d = Decision(policy, k)
    if published is not None and published != policy:
        public_cells = set(knowledge_of(report, data).values)
        d.fixed = public_cells - decide(report, data, published, packs).hidden
        policy = dataclasses.replace(policy, public=True)  # only what the public outputs show is fixed
    elif not policy.public:
        d.fixed = set(knowledge_of(report, data).values)
    d.primary = {c for c in k.people if policy.is_small(k.values[c]) and c not in d.fixed}
    d.hidden = k.with_derived(d.primary)
    given_up: set = set()
    for _ in range(10_000):
        audiences = [None, *dict.fromkeys(k.owners[h] for h in d.hidden if k.owners.get(h) is not None)]
        added = False
        for agency in audiences:
            seen_hidden = d.hidden_from(agency)
            for cell, _lo, _hi in failures(k, seen_hidden, policy)[0]:
                if (agency, cell) in given_up:
                    continue
                complement = _complement(k, cell, seen_hidden, agency, d.fixed)
                if complement is None:
                    given_up.add((agency, cell))
                    continue
                d.hidden |= k.with_derived({complement})
                added = True
                break
            if added:
                break
        if not added:
            break
    for agency in [None, *dict.fromkeys(k.owners[h] for h in d.hidden if k.owners.get(h) is not None)]:
        d.unprotected += [(agency, c, lo, hi) for c, lo, hi in failures(k, d.hidden_from(agency), policy)[0]]
    return d


# --- the view -------------------------------------------------------------------------------

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
        pts = ", ".join(f"{cat} {words if v is CONFIDENTIAL else 'not available' if v is None else f'{v:,}'}"
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


def public_view(report: Report, data, policy: Policy | None = None) -> tuple[Report, Decision]:
    """The report as the public outputs show it, and the decision behind it."""
    policy = policy or data.meta.disclosure
    d = decide(report, data, policy)
    return apply(report, d.hidden, d.primary, policy), d
