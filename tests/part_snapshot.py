"""A builder's Tables and Charts as stable, sorted, readable JSON, for the golden builder snapshots
(tests/sections/test_builder_snapshots.py): every word and value a writer prints from them."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from hsp_docs.model.month import Month
from hsp_docs.parts import Chart, Shorthand, Spread, Table


def cell(value) -> object:
    """A cell as JSON: numbers and text as they are; a date, month, decimal or shorthand tagged."""
    if isinstance(value, Month):
        return {"month": f"{value:%Y-%m}"}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, Shorthand):
        return {"shorthand": value.code}
    return value


def _spread(s: Spread | None) -> dict | None:
    if s is None:
        return None
    return {"dimension": [s.dimension.name, s.dimension.kind], "columns": list(s.columns),
            "values": [cell(v) for v in s.values], "measure": s.measure and [s.measure.name, s.measure.kind],
            "summaries": [list(x) for x in s.summaries],
            "denominator": s.denominator and [s.denominator.name, s.denominator.kind]}


def table_json(t: Table) -> dict:
    return {
        "table": t.key, "title": t.title, "source": t.source, "notes": list(t.notes), "landscape": t.landscape,
        "columns": [{"name": c.name, "kind": c.kind, "unit": c.unit, "dp": c.dp, "person_count": c.person_count}
                    for c in t.columns],
        "rows": [[cell(v) for v in row] for row in t.rows],
        "printed": t.cell_texts(),
        "total_rows": sorted(t.total_rows), "row_kinds": {str(k): v for k, v in t.row_kinds.items()},
        "row_sums": [[total, list(parts)] for total, parts in t.row_sums],
        "derived": [[d.column, d.kind, list(d.parts), d.n] for d in t.derived],
        "group_columns": t.group_columns, "spread": _spread(t.spread),
    }


def chart_json(c: Chart) -> dict:
    return {
        "chart": c.key, "title": c.title, "kind": c.kind, "alt": c.alt, "source": c.source, "notes": list(c.notes),
        "categories": [cell(x) for x in c.categories],
        "series": [{"name": s.name, "values": [cell(v) for v in s.values]} for s in c.series],
        "value_axis_title": c.value_axis_title, "category_axis_title": c.category_axis_title,
        "number_format": c.number_format, "data_labels": c.data_labels, "person_count": c.person_count,
    }


def _flat(value) -> bool:
    """Printed on one line: a list of scalars and tagged cells (a row), a dict of scalars (a column)."""
    values = value if isinstance(value, list) else list(value.values())
    return all(not isinstance(v, (list, dict)) or isinstance(v, dict) and len(v) == 1 and isinstance(value, list)
               for v in values)


def _dumps(value, depth: int = 0) -> str:
    """JSON with sorted keys, one key or list item a line, a flat list (a row) on one line."""
    pad, inner = " " * depth, " " * (depth + 1)
    if isinstance(value, dict) and value and not _flat(value):
        items = [f"{inner}{json.dumps(k)}: {_dumps(v, depth + 1)}" for k, v in sorted(value.items())]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and not _flat(value):
        return "[\n" + ",\n".join(f"{inner}{_dumps(v, depth + 1)}" for v in value) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def snapshot(built) -> str:
    """What one builder made (a Table, a Chart, or a list of Tables), as JSON text: stable (keys
    sorted) and readable (a row a line)."""
    parts = built if isinstance(built, list) else [built]
    return _dumps([table_json(p) if isinstance(p, Table) else chart_json(p) for p in parts]) + "\n"
