"""Each table and chart declared once, on the function that builds it.

    @chart("lado_outcomes", datasets="lado_outcomes", owner="lado", what="the chart of the outcomes of allegations",
           title="Outcomes of allegations", series={"count": "Cases"},
           axes={"value": "Number of cases", "category": "Outcome"})
    def lado_outcomes(data, lab: Labels) -> Chart:
        ...

The declaration is the one place a part's key, datasets, owner and neutral labels are written;
everything else reads it: which parts a narrative may place (`sections/registry.py`), whether a
part is built, left out or marked [to be completed], the labels labels.toml may reword and the
words a builder prints (`lab`, the part's labels with the partnership's own), docs/parts.md,
the data packs' partnership-wide summaries (`in_packs`), and `hsp-docs check` (which parts a
dataset fills, and who answers for it). The workbook has a sheet for every table and chart the
report places. docs/extending.md walks through adding a section.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..labels import Labels, PartLabels

Builder = Callable[[Any, Labels], Any]
"""builder(data, lab) -> a Table, a Chart, or (a part declared per_board) a list of Tables."""


@dataclass(frozen=True, eq=False)
class PartSpec:
    """A table or chart a narrative can place: the builder that makes it, the data it needs, who
    answers for it and its labels (neutral wording; a partnership's own come from labels.toml)."""

    key: str  # "table:multi_agency_courses"
    build: Builder
    datasets: tuple[str, ...]  # what it draws on; the first is the one it cannot do without
    what: str  # for markers and notes: "the table of multi-agency training courses"
    # who answers for its figures: their family in the narrative ("training", "lado", "csc", "asc",
    # "budget"; `check` sends a finding about its data to the section whose words use that family
    # most, when no section places the part), or a name of its own ("attendance") where they have none
    owner: str
    labels: PartLabels = PartLabels()
    per_board: bool = False  # one table per board (`<name>_<board key>`), each placeable as `<key>.<board key>`
    in_packs: bool = False  # every data pack carries it as a partnership-wide summary

    @property
    def kind(self) -> str:
        """"table" or "chart"."""
        return self.key.split(":", 1)[0]

    @property
    def name(self) -> str:
        """The key without its kind ("multi_agency_courses"): the built Table's or Chart's key."""
        return self.key.split(":", 1)[1]

    def board_table(self, board: str) -> str:
        """Of a part declared per_board, the key of one board's table ("attendance_HSAB")."""
        return f"{self.name}_{board}"

    @property
    def files(self) -> str:
        return ", ".join(f"{d}.csv" for d in self.datasets)


PARTS: dict[str, PartSpec] = {}
"""Every declared part by key, in the order declared (docs/parts.md lists them so)."""


def declare(kind: str, name: str, *, datasets: str, what: str, owner: str, per_board: bool = False,
            in_packs: bool = False, **labels: Any) -> Callable[[Builder], Builder]:
    """Declare the decorated function as the builder of the part `<kind>:<name>`. `datasets` is
    space-separated (the first is the one it cannot do without); `labels` are PartLabels' fields."""
    key = f"{kind}:{name}"

    def register(build: Builder) -> Builder:
        if key in PARTS:
            first = PARTS[key].build
            raise ValueError(f"{key} is declared twice: by {first.__module__}.{first.__qualname__} and "
                             f"{build.__module__}.{build.__qualname__}")
        PARTS[key] = PartSpec(key, build, tuple(datasets.split()), what, owner, PartLabels(**labels), per_board,
                              in_packs)
        return build

    return register


def table(name: str, **declaration: Any) -> Callable[[Builder], Builder]:
    """`@table("key", datasets=..., what=..., owner=..., title=..., columns=...)`: see declare."""
    return declare("table", name, **declaration)


def chart(name: str, **declaration: Any) -> Callable[[Builder], Builder]:
    """`@chart("key", datasets=..., what=..., owner=..., title=..., series=..., axes=...)`: see declare."""
    return declare("chart", name, **declaration)


def build_part(data, spec: PartSpec) -> Any:
    """What the part's builder makes from `data`, with the part's labels."""
    return spec.build(data, data.labels(spec.key))
