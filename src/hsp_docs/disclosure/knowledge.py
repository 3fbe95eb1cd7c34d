"""What a set of outputs tells a reader: every cell that counts people (or derives from or sums
such counts), its value, who owns it (the agency register), where it is shown, and the additive
relations between cells, gathered from the tables, the charts' data and the narrative."""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..parts import Heading, Paragraph, Report, Run, Section, Table
from .cells import Cell, CellId, Relation, table_cells
from .facts import Fact, FigureRef


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


def prose_runs(report: Report) -> Iterator[tuple[Section, Run]]:
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
