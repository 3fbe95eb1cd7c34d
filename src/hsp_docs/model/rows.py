"""One row class per dataset, made from the schema, so rows are typed, immutable and comparable.

A small slotted class rather than dataclasses.make_dataclass: the row classes are made at
import, for every dataset of the schema, so they must cost next to nothing to define (the
latter compiles code for each one).
"""
from __future__ import annotations

from .schema import DATASETS


class Row:
    """A read-only row of one dataset; `_row` is the row number a spreadsheet shows."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()

    def __init__(self, **values) -> None:
        for name in self._fields:
            object.__setattr__(self, name, values.pop(name))
        if values:
            raise TypeError(f"{type(self).__name__} has no field(s) {', '.join(sorted(values))}")

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is read-only")

    def _values(self) -> tuple:
        return tuple(getattr(self, n) for n in self._fields)

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self):
        return _make, (type(self).__name__, self._values())

    def _replace(self, **changes) -> Row:
        return type(self)(**{**{n: getattr(self, n) for n in self._fields}, **changes})


def _row_type(ds) -> type[Row]:
    fields = tuple(c.name for c in ds.columns) + ("_row",)
    name = "".join(p.title() for p in ds.name.split("_")) + "Row"
    return type(name, (Row,), {"__slots__": fields, "_fields": fields, "__module__": __name__})


ROW_TYPES: dict[str, type[Row]] = {ds.name: _row_type(ds) for ds in DATASETS}
_BY_CLASS_NAME = {t.__name__: t for t in ROW_TYPES.values()}


def _make(class_name: str, values: tuple) -> Row:
    cls = _BY_CLASS_NAME[class_name]
    return cls(**dict(zip(cls._fields, values)))
