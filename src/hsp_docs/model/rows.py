"""One frozen dataclass per dataset, made from the schema, so rows are typed and comparable."""
from __future__ import annotations

import datetime as dt
from dataclasses import make_dataclass
from decimal import Decimal

from ..inputs.schema import DATASETS

_PY_TYPES = {"text": str, "count": int, "money": Decimal, "percent": float, "proportion": float,
             "date": dt.date, "month": dt.date, "yesno": bool}


def _row_type(ds):
    fields = [(c.name, _PY_TYPES[c.type] | None if c.optional else _PY_TYPES[c.type]) for c in ds.columns]
    fields.append(("_row", int))
    name = "".join(p.title() for p in ds.name.split("_")) + "Row"
    return make_dataclass(name, fields, frozen=True, eq=True)


ROW_TYPES = {ds.name: _row_type(ds) for ds in DATASETS}
