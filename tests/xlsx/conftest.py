"""Fixtures for the workbook writer: the default report, its workbook written once, and a way to
write a workbook of a few hand-made tables."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_INPUTS = ROOT / "inputs" / "2022-23"


@pytest.fixture(scope="session")
def xlsx_data(default_data):
    return default_data


@pytest.fixture(scope="session")
def xlsx_report(default_report):
    return default_report


@pytest.fixture(scope="session")
def book(tmp_path_factory, xlsx_report, xlsx_data) -> Path:
    """The default report's workbook, written once."""
    from hsp_docs.xlsx.writer import write_workbook

    path = tmp_path_factory.mktemp("xlsx") / "book.xlsx"
    write_workbook(xlsx_report, xlsx_data.recommendations, path)
    return path


SMALL_META = SimpleNamespace(  # what the writer reads of a Meta, independent of the inputs
    partnership="Example Safeguarding Partnership", title="Annual Report 2022-23",
    period_label="1 April 2022 to 31 March 2023", current_year="2022-23",
    publication_date=dt.date(2023, 10, 16), author="Example Safeguarding Partnership",
    contact="The business unit", language="en-GB")


@pytest.fixture
def small_book(tmp_path):
    """write(*parts, recommendations=(), **kw) -> path: a workbook of hand-made Tables and Charts."""
    from hsp_docs.parts import Chart, ChartBlock, Report, Section, TableBlock
    from hsp_docs.xlsx.writer import write_workbook

    def write(*parts, recommendations=(), name="small.xlsx", **kw) -> Path:
        blocks = [ChartBlock(p) if isinstance(p, Chart) else TableBlock(p) for p in parts]
        report = Report(SMALL_META, [Section("s", "Section", blocks)])
        report.number_parts()
        path = tmp_path / name
        write_workbook(report, recommendations, path, **kw)
        return path

    return write
