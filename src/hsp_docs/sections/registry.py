"""Every table, chart and image a narrative can place, with the datasets each draws on: the
parts the builders declare (declare.py; the builder modules are imported here so their
declarations register), the images report.toml names, and the record-level appendix tables.

Any section's narrative may place any part with `[[table: key]]`, `[[chart: key]]` or
`[[image: key]]`, so which sections a report has, their order and their titles come from
report.toml alone. Whether a part appears depends on its data:

- its datasets are not in the inputs at all (no file, no sheet): the part is left out, with a
  note in the build summary; a section whose every table and chart is left out is left out;
- its main dataset is in the inputs but has no rows yet (a new year's draft): a visible
  "[to be completed: …]" marker stands in its place;
- otherwise the part is built.
"""
from __future__ import annotations

from typing import Any

from ..labels import PartLabels
from ..model.images import IMAGE_ROLES
from ..packs.labels import PACK_LABELS
from . import adults_data, appendices, childrens_data, lado, reviews, training  # importing them declares the parts
from .declare import PARTS, PartSpec, build_part
from .narrative import directives

BUILDERS = (training, lado, appendices, childrens_data, adults_data, reviews)
"""The modules whose builders declare the report's parts, in the order they are listed."""

READY, ABSENT, PENDING = "ready", "absent", "pending"


def declared() -> list[PartSpec]:
    """Every declared part: those of BUILDERS in their order (each module's in the order it
    declares them), then any declared elsewhere, in the order declared."""
    order = {m.__name__: i for i, m in enumerate(BUILDERS)}
    return sorted(PARTS.values(), key=lambda spec: order.get(spec.build.__module__, len(order)))


def declared_labels() -> dict[str, PartLabels]:
    """Every part's labels, by key: the report's tables and charts, and the tables only a data pack has."""
    return {**{p.key: p.labels for p in declared()}, **PACK_LABELS}


def part_labels(key: str) -> PartLabels:
    """A part's declared labels ("table:budget_outturn", or a pack's own table, "pack:lado")."""
    return PARTS[key].labels if key in PARTS else PACK_LABELS[key]


def pack_summaries() -> list[PartSpec]:
    """The parts every data pack carries as partnership-wide summaries: tables, then charts."""
    specs = [p for p in declared() if p.in_packs]
    return [p for p in specs if p.kind == "table"] + [p for p in specs if p.kind == "chart"]


def board_tables(board: str) -> list[str]:
    """The keys of one board's tables: its table of each part declared per_board ("attendance_HSAB")."""
    return [p.board_table(board) for p in declared() if p.per_board]


IMAGES = {f"image:{key}": what for key, what in IMAGE_ROLES.items()}


class Parts:
    """The parts of one report: their state, built on first use, each placed once. Beside the
    declared parts, the record-level appendix tables report.toml declares (`table:<key>`)."""

    def __init__(self, data):
        self.data = data
        self._built: dict[str, Any] = {}  # part key -> what its builder made
        self.placed: dict[str, str] = {}  # part key -> narrative file that placed it
        self.appendices = {f"table:{a.key}": a for a in data.appendices if a.in_report}
        self.workbook_only = {f"table:{a.key}" for a in data.appendices if not a.in_report}

    def board_parts(self) -> dict[str, tuple[str, str]]:
        """`table:attendance.<board key>` -> (its part's key, the board's key): one board's table
        of a part declared per board, placeable on its own."""
        return {f"{spec.key}.{b.key}": (spec.key, b.key) for spec in PARTS.values() if spec.per_board
                for b in self.data.meta.boards}

    def spec(self, key: str) -> PartSpec:
        """The declared part a key names (a board's table: its part's)."""
        boards = self.board_parts()
        return PARTS[boards[key][0] if key in boards else key]

    def known(self) -> list[str]:
        return sorted([*PARTS, *IMAGES, *self.appendices, *self.board_parts()])

    def is_known(self, key: str) -> bool:
        return key in PARTS or key in IMAGES or key in self.appendices or key in self.board_parts()

    def clash(self, key: str) -> str | None:
        """Where a part already placed covers this one: itself, or all boards' tables against one
        board's."""
        if key in self.placed:
            return key
        boards = self.board_parts()
        if key in boards and boards[key][0] in self.placed:
            return boards[key][0]
        return next((k for k, (whole, _) in boards.items() if whole == key and k in self.placed), None)

    def state(self, key: str) -> str:
        if key in IMAGES:
            return READY if key.split(":", 1)[1] in self.data.images else ABSENT
        if key in self.appendices:
            return READY if self.appendices[key].rows else PENDING
        spec = self.spec(key)
        if not any(self.data.is_present(d) for d in spec.datasets):
            return ABSENT
        return READY if self.data.has(spec.datasets[0]) else PENDING

    def get(self, key: str):
        if key in IMAGES:
            return self.data.images[key.split(":", 1)[1]]
        if key in self.appendices:
            return appendices.record_table(self.appendices[key])
        spec = self.spec(key)
        if spec.key not in self._built:
            self._built[spec.key] = build_part(self.data, spec)
        built = self._built[spec.key]
        if key != spec.key:  # one board's table
            return [t for t in built if t.key == spec.board_table(self.board_parts()[key][1])]
        return built

    def pending_text(self, key: str) -> str:
        """The marker printed in place of a part whose data has no rows yet."""
        if key in self.appendices:
            a = self.appendices[key]
            return f"[to be completed: {a.title}, from {a.file}]"
        spec = self.spec(key)
        return f"[to be completed: {spec.what}, from {spec.datasets[0]}.csv]"

    def unplaced_appendices(self) -> list[str]:
        """Appendix tables no narrative places (built or not): they go at the end of the report."""
        if not self.appendices:
            return []
        named = {f"{kind}:{key}" for text in self.data.narrative.values() for kind, key in directives(text)}
        return [k for k in self.appendices if k not in self.placed and k not in named]


def dataset_parts() -> dict[str, list[PartSpec]]:
    """dataset name -> the parts that draw on it."""
    out: dict[str, list[PartSpec]] = {}
    for spec in declared():
        for d in spec.datasets:
            out.setdefault(d, []).append(spec)
    return out
