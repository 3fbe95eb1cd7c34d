"""The long-format export: every figure of the workbook as one row of one file.

datapack-long.csv (and datapack-long.parquet when pyarrow is installed) has a row per numeric
cell of every table and chart's data, read from the same tidy view the workbook writes
(writer.tidy_parts), so its figures are the workbook's:

  table       the workbook sheet ("Table_3", "Figure_2")
  title       the table's title
  dimensions  the row's other (text and date) cells as a JSON object, {"Month": "2022-04-01", ...},
              including its "Row type" where the table has total rows
  measure     the column's header ("Outturn (£)")
  value       the number, empty when the cell holds shorthand
  unit        count, £, or fraction (0.265 is 26.5%)
  shorthand   [x], [z] or [c] when the cell holds no number, else empty
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

from ..parts import Shorthand
from .sheets import cell_value, unique_headers
from .writer import tidy_parts

FIELDS = ("table", "title", "dimensions", "measure", "value", "unit", "shorthand")
UNITS = {"count": "count", "money": "£", "percent": "fraction (0.265 is 26.5%)"}


def _dimension(value):
    value = cell_value(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def long_rows(report) -> list[dict]:
    """One dict per numeric cell of every table and chart's data, in workbook order."""
    out = []
    for kind, part, table in tidy_parts(report):
        headers = unique_headers(c.header for c in table.columns)
        dims = [i for i, c in enumerate(table.columns) if not c.numeric]
        for r, row in enumerate(table.rows):
            dimensions = json.dumps({headers[i]: _dimension(row[i] if i < len(row) else None) for i in dims},
                                    ensure_ascii=False)
            for i, column in enumerate(table.columns):
                if not column.numeric:
                    continue
                kind_of = table.column_for(r, i).kind
                value = cell_value(row[i] if i < len(row) else None)
                number = value if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) else None
                out.append({"table": part.sheet_name or f"{kind}_{part.number}", "title": part.title,
                            "dimensions": dimensions, "measure": headers[i],
                            "value": number, "unit": UNITS.get(kind_of, kind_of),
                            "shorthand": "" if number is not None else str(
                                value.code if isinstance(value, Shorthand) else value)})
    return out


def long_files(report) -> dict[str, bytes]:
    """The export's files by name: the CSV, and the Parquet when pyarrow is installed, from one
    pass over the tidy view."""
    rows = long_rows(report)
    files = {"datapack-long.csv": _csv(rows)}
    parquet = _parquet(rows)
    if parquet is not None:
        files["datapack-long.parquet"] = parquet
    return files


def long_csv(report) -> bytes:
    """The export as UTF-8 CSV (with a byte-order mark, so Excel reads £ right)."""
    return _csv(long_rows(report))


def long_parquet(report) -> bytes | None:
    """The export as Parquet, or None when pyarrow is not installed."""
    return _parquet(long_rows(report))


def _csv(rows: list[dict]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "value": "" if row["value"] is None else row["value"]})
    return buf.getvalue().encode("utf-8-sig")


def _parquet(rows: list[dict]) -> bytes | None:
    try:  # lazy: pyarrow is optional (the parquet extra) and costs ~230 ms at import
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        return None
    columns = {f: [r[f] for r in rows] for f in FIELDS}
    columns["value"] = [None if v is None else float(v) for v in columns["value"]]
    buf = io.BytesIO()
    pq.write_table(pa.table(columns), buf)
    return buf.getvalue()
