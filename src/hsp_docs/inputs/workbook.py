"""The input workbook: every dataset as one sheet, generated from the schema.

`write_input_workbook(path)` writes the blank one analysts fill in (templates/xlsx/);
`write_input_workbook(path, data)` writes a year's datasets, so CSV and workbook forms of the
same inputs can be compared, or a folder converted for an analyst.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from ..model.month import Month
from ..model.schema import DATASETS

_FORMATS = {"count": "#,##0", "money": "£#,##0.00", "percent": "0.0%", "date": "yyyy-mm-dd", "month": "yyyy-mm"}


def _cell_value(v):
    if isinstance(v, Month):
        return f"{v:%Y-%m}"
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, bool):
        return int(v)
    return v


def write_input_workbook(path: str | Path | BinaryIO, data=None, only: set[str] | None = None) -> None:
    """The input workbook: a sheet per dataset (or only those named in `only`), with data's rows."""
    wb = Workbook()
    wb.remove(wb.active)
    about = wb.create_sheet("README")
    about["A1"] = "Input workbook for hsp-docs"
    about["A1"].font = Font(bold=True, size=14)
    about["A3"] = ("One sheet per dataset. Keep the header row as it is; one row per record. "
                   "Save this file as datasets.xlsx in the year's inputs folder, in place of the CSV files.")
    datasets = [ds for ds in DATASETS if only is None or ds.name in only]
    for i, ds in enumerate(datasets, 5):
        about.cell(i, 1, ds.name)
        about.cell(i, 2, ds.description)
    about.column_dimensions["A"].width = 28
    about.column_dimensions["B"].width = 80
    for ds in datasets:
        ws = wb.create_sheet(ds.name)
        ws.append(ds.column_names)
        for c in ws[1]:
            c.font = Font(bold=True)
        for j, col in enumerate(ds.columns, 1):
            letter = ws.cell(1, j).column_letter
            ws.column_dimensions[letter].width = max(12, min(60, len(col.name) + 4 if col.type != "text" else 40))
            if col.type == "yesno":
                dv = DataValidation(type="list", formula1='"1,0"', allow_blank=col.optional)
                dv.add(f"{letter}2:{letter}5000")
                ws.add_data_validation(dv)
        rows = data.rows(ds.name) if data is not None else ()
        for r in rows:
            ws.append([_cell_value(getattr(r, c.name)) for c in ds.columns])
        for j, col in enumerate(ds.columns, 1):
            fmt = _FORMATS.get(col.type)
            if fmt:
                for (cell,) in ws.iter_rows(min_row=2, max_row=ws.max_row, min_col=j, max_col=j):
                    if isinstance(cell.value, (int, float, dt.date)):
                        cell.number_format = fmt
        ws.freeze_panes = "A2"
    wb.properties.title = "hsp-docs input workbook"
    wb.properties.language = "en-GB"
    wb.save(path)
