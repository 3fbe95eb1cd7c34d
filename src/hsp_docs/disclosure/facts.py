"""Counts of people that know where they come from.

The schema declares which dataset columns count people (`people`) and which free text describes
such a count (`describes`). The loader tags those values: a `PersonCount` is an int and a
`Described` a str, so every model and builder uses them unchanged, but a table cell, a chart
point or a narrative placeholder holding one still knows its `Fact` (dataset, row, column), and
the disclosure view hides the same fact everywhere it is shown.
"""
from __future__ import annotations

from typing import NamedTuple


class Fact(NamedTuple):
    """One count of people in the inputs: a dataset's row (its spreadsheet row number) and column."""

    dataset: str
    row: int
    column: str
    label: str = ""  # the row's name ("Police"), for findings and for ownership by the agency register

    def __eq__(self, other) -> bool:  # the label names the fact; it is not part of its identity
        return isinstance(other, Fact) and self[:3] == other[:3]

    def __hash__(self) -> int:
        return hash(self[:3])

    def __str__(self) -> str:
        return f"{self.dataset}.csv row {self.row} ({self.label}), column '{self.column}'"


class TextAbout(NamedTuple):
    """Narrative text that describes a count of people: shown as `fallback` where the count is hidden."""

    fact: Fact
    fallback: str


class PersonCount(int):
    """A count of people from the inputs, carrying its Fact."""

    fact: Fact

    def __new__(cls, value: int, fact: Fact) -> PersonCount:
        obj = super().__new__(cls, value)
        obj.fact = fact
        return obj

    def __reduce__(self):
        return PersonCount, (int(self), self.fact)


class PersonTotal(int):
    """A sum of counts of people (a model's figure, like all the delegates at the CSA events),
    carrying the Facts it adds up, so the audit knows what printing it gives away."""

    parts: tuple[Fact, ...]

    def __new__(cls, value: int, parts: tuple[Fact, ...]) -> PersonTotal:
        obj = super().__new__(cls, value)
        obj.parts = parts
        return obj

    def __reduce__(self):
        return PersonTotal, (int(self), self.parts)


class FigureRef(NamedTuple):
    """Narrative text printing a model figure that sums counts of people (figure key, its parts)."""

    key: str
    parts: tuple[Fact, ...]


def total_of(values: list):
    """sum(values), as a PersonTotal when every value is a count of people from the inputs."""
    s = sum(values)
    if values and all(isinstance(v, PersonCount) for v in values):
        return PersonTotal(s, tuple(v.fact for v in values))
    return s


class CountText(str):
    """A count of people as formatted text ("1,234"), still carrying its Fact."""

    fact: Fact

    def __new__(cls, value: str, fact: Fact) -> CountText:
        obj = super().__new__(cls, value)
        obj.fact = fact
        return obj


class Described(str):
    """Free text from the inputs that may state a count of people (a row's description): hidden
    with that count, and replaced by `fallback` (the row's name)."""

    fact: Fact
    fallback: str

    def __new__(cls, value: str, fact: Fact, fallback: str) -> Described:
        obj = super().__new__(cls, value)
        obj.fact, obj.fallback = fact, fallback
        return obj

    def __reduce__(self):
        return Described, (str(self), self.fact, self.fallback)


def fact_of(value) -> Fact | None:
    """The Fact a value (a PersonCount, a Described, or a Figure computed from one) carries."""
    fact = getattr(value, "fact", None)
    if fact is None and hasattr(value, "value") and hasattr(value, "stated"):  # a model Figure
        fact = getattr(value.value, "fact", None)
    return fact if isinstance(fact, Fact) else None


def tag_row(ds, values: dict, row: int) -> dict:
    """The values of one input row with its people columns as PersonCounts and its describing
    text as Described, when the schema declares any."""
    people = [c.name for c in ds.columns if c.people]
    if not people:
        return values
    label = next((str(values[c.name]) for c in ds.columns
                  if c.type == "text" and not c.describes and values.get(c.name)), f"row {row}")
    out = dict(values)
    for name in people:
        v = values.get(name)
        if isinstance(v, int) and not isinstance(v, bool):
            out[name] = PersonCount(v, Fact(ds.name, row, name, label))
    for c in ds.columns:
        if c.describes and isinstance(values.get(c.name), str):
            out[c.name] = Described(values[c.name], Fact(ds.name, row, people[0], label), label)
    return out
