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
from collections.abc import Iterable, Iterator
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
    return list(iter_long_rows(report))


def iter_long_rows(report) -> Iterator[dict]:
    """The same, one at a time: the export's files are written from these as they come, so a
    100,000-row appendix never holds a dict for each of its figures (peak 470 -> 190 MB)."""
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
                yield {"table": part.sheet_name or f"{kind}_{part.number}", "title": part.title,
                       "dimensions": dimensions, "measure": headers[i],
                       "value": number, "unit": UNITS.get(kind_of, kind_of),
                       "shorthand": "" if number is not None else str(
                           value.code if isinstance(value, Shorthand) else value)}


def long_files(report) -> dict[str, bytes]:
    """The export's files by name: the CSV, and the Parquet when pyarrow is installed, from one
    pass over the tidy view."""
    files = {"datapack-long.csv": _csv(iter_long_rows(report))}
    parquet = _parquet(files["datapack-long.csv"])
    if parquet is not None:
        files["datapack-long.parquet"] = parquet
    return files


def long_csv(report) -> bytes:
    """The export as UTF-8 CSV (with a byte-order mark, so Excel reads £ right)."""
    return _csv(iter_long_rows(report))


def long_parquet(report) -> bytes | None:
    """The export as Parquet, or None when pyarrow is not installed."""
    return _parquet(_csv(iter_long_rows(report)))


def _csv(rows: Iterable[dict]) -> bytes:
    """Encoded as it is written (a StringIO of text with a "£" in it holds four bytes a character)."""
    buf = io.BytesIO()
    text = io.TextIOWrapper(buf, encoding="utf-8-sig", newline="")
    writer = csv.DictWriter(text, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "value": "" if row["value"] is None else row["value"]})
    text.flush()
    return buf.getvalue()


def _parquet(csv_bytes: bytes) -> bytes | None:
    """The CSV's table as Parquet: text columns as strings, the value as a float (empty: null).
    Read by pyarrow's own CSV reader: building the columns from Python lists (pyarrow.array) imports
    pandas to ask whether they are pandas objects, which tripled the build's start-up."""
    try:  # lazy: pyarrow is optional (the parquet extra) and costs ~230 ms at import
        import pyarrow as pa
        import pyarrow.csv as pa_csv
        import pyarrow.parquet as pq
    except ImportError:
        return None
    types = {f: pa.float64() if f == "value" else pa.string() for f in FIELDS}
    reader = pa_csv.open_csv(io.BytesIO(csv_bytes), parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                             convert_options=pa_csv.ConvertOptions(column_types=types, strings_can_be_null=False,
                                                                   null_values=[""], quoted_strings_can_be_null=False))
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, reader.schema) as parquet:  # a block of the CSV at a time, never the whole table
        for batch in reader:
            parquet.write_batch(batch)
    return buf.getvalue()
