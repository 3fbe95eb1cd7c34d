"""Tables and charts made from a part's labels (labels.py): the builders give the values, the
labels give every word, and a column or series whose optional data is empty is left out with
its notes."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..labels import Labels
from ..parts import Chart, Column, Derived, Series, Table

CHART_KINDS = {"bar": "Bar", "column": "Column", "line": "Line", "pie": "Pie"}


@dataclass(frozen=True)
class Slot:
    """A column of a built table: the label naming it (`columns.<slot>`), its kind, and a header
    that comes from the data rather than the labels (a month)."""

    slot: str
    kind: str = "text"
    dp: int = 0
    person_count: bool = False
    header: str | None = None


def labelled_table(lab: Labels, slots: Sequence[Slot], rows: Iterable[Sequence], omit: Iterable[str] = (),
                   agency_slot: str | None = None, row_sums: Sequence[tuple[int, list[int]]] = (),
                   derived: Sequence[Derived] = (), key: str | None = None, **table) -> Table:
    """A Table whose key is its part's (unless `key` is given: one board's attendance table) and
    whose title, headers, units, notes and source line are the part's labels; the columns whose
    slot is in `omit` (optional data left empty) are left out, with their notes (and the row sums
    and derived columns that draw on them). Indexes are of `slots`."""
    omit = set(omit)
    keep = [i for i, s in enumerate(slots) if s.slot not in omit]
    where = {old: new for new, old in enumerate(keep)}
    cols = [Column(_header(lab, slots[i]), slots[i].kind, lab.unit(slots[i].slot), slots[i].dp,
                   slots[i].person_count) for i in keep]
    sums = [(where[t], [where[p] for p in parts]) for t, parts in row_sums
            if t in where and all(p in where for p in parts)]
    computed = [dataclasses.replace(d, column=where[d.column], parts=tuple(where[p] for p in d.parts))
                for d in derived if d.column in where and all(p in where for p in d.parts)]
    agency = cols[where[next(i for i, s in enumerate(slots) if s.slot == agency_slot)]].name if agency_slot else None
    return Table(key or lab.key, lab.title, cols, [[r[i] for i in keep] for r in rows], notes=lab.notes(omit),
                 source=lab.source, agency_column=agency, row_sums=list(sums), derived=computed, **table)


def _header(lab: Labels, slot: Slot) -> str:
    return slot.header if slot.header is not None else lab.column(slot.slot)


def chart_alt(lab: Labels, kind: str, description: str) -> str:
    """The alt text: the labels' opening sentence (default: "<Kind> chart of <title>."), then what
    the data shows."""
    title = lab.title
    intro = lab.alt or f"{CHART_KINDS[kind]} chart of {title[:1].lower() + title[1:]}."
    return f"{intro} {description}".strip()


def labelled_chart(lab: Labels, kind: str, categories: list[str], series: Sequence[tuple[str, list]],
                   description: str, omit: Iterable[str] = (), **chart) -> Chart:
    """A Chart whose key is its part's, and whose title, series names, axis titles, notes and
    source are the part's labels; a series whose slot is in `omit` (optional data left empty) is
    left out."""
    omit = set(omit)
    return Chart(lab.key, lab.title, kind, categories,
                 [Series(lab.series(slot), values) for slot, values in series if slot not in omit],
                 alt=chart_alt(lab, kind, description), value_axis_title=lab.axis("value"),
                 category_axis_title=lab.axis("category"), notes=lab.notes(omit), source=lab.source, **chart)


def agency_names(data, written: list[str], lab: Labels) -> list[str]:
    """Agencies as the register spells them (unless the part's labels say `names = "as written"`);
    two that the register names alike keep, in brackets, the name the data gives them
    ("Independent scrutiny and lay members (Lay member)")."""
    if lab.names != "register":
        return list(written)
    names = [data.agencies.canonical(w) for w in written]
    return [f"{n} ({w})" if names.count(n) > 1 and n != w else n for n, w in zip(names, written)]
