"""Property-based: random text into text fields and random numbers (negative, huge, not a
number) into number fields. Every build either succeeds with valid files or stops with a
clear input error naming file, row and column. Examples are few, so CI stays fast."""
from __future__ import annotations

import csv
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import DEFAULT_INPUTS, validate_ooxml
from docx import Document
from hsp_docs.build import build_all
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.model.schema import DATASETS

TEXT_CELLS = [(d.name, c.name) for d in DATASETS for c in d.columns if c.type == "text" and d.name != "stated_figures"]
NUMBER_CELLS = [(d.name, c.name) for d in DATASETS for c in d.columns if c.type in ("count", "money", "percent")]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _build_with(dataset: str, column: str, row_pick: int, value: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "2022-23"
        shutil.copytree(DEFAULT_INPUTS, folder)
        path = folder / f"{dataset}.csv"
        rows = _rows(path)
        r = 1 + row_pick % (len(rows) - 1)
        rows[r][rows[0].index(column)] = value
        with path.open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(rows)
        try:
            data = load_inputs(folder)
        except InputError as exc:
            assert exc.problems
            for p in exc.problems:
                assert p.file and p.message
            return
        out = Path(tmp) / "out"
        build_all(data, out)
        validate_ooxml(out / "report.docx", out / "datapack.xlsx")
        Document(str(out / "report.docx"))
        load_workbook(out / "datapack.xlsx")


SETTINGS = settings(max_examples=12, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@SETTINGS
@given(cell=st.sampled_from(TEXT_CELLS), row=st.integers(0, 1000),
       value=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_random_text_in_text_fields(cell, row, value):
    _build_with(*cell, row, value)


@SETTINGS
@given(cell=st.sampled_from(NUMBER_CELLS), row=st.integers(0, 1000),
       value=st.one_of(st.integers(-10**15, 10**15).map(str),
                       st.floats(allow_nan=True, allow_infinity=True).map(str),
                       st.sampled_from(["", "n/a", "1e308", "-0", "£-5", "12%", "1,2,3", "0x10", "½"])))
def test_random_numbers_in_number_fields(cell, row, value):
    _build_with(*cell, row, value)
