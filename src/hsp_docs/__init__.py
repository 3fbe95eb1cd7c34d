"""hsp_docs: a safeguarding partnership's annual report (Word), its data workbook and
per-agency data packs (Excel), assembled from a folder of inputs.

    import hsp_docs
    data = hsp_docs.load_inputs("inputs/2022-23")
    hsp_docs.build_report(data, "out/report.docx")
    hsp_docs.build_workbook(data, "out/datapack.xlsx")

Imports are lazy so `hsp-docs --help` starts fast.
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

__version__ = "0.1.0"
__all__ = ["load_inputs", "build_report", "build_workbook", "build_section", "InputError"]


def load_inputs(path: str | Path):
    """Load and check a year's inputs folder into ReportData (raises InputError listing every problem)."""
    from .inputs.loader import load_inputs as _load

    return _load(path)


def build_report(data, path_or_stream: str | Path | BinaryIO, *, soffice: str | None = None,
                 sections: list[str] | None = None) -> list[str]:
    """Write the Word report (or only the sections named, as a document of their own). With
    LibreOffice (`soffice` path) the contents get page numbers. Returns the build notes."""
    from .build import report_bytes, save

    blob, notes = report_bytes(data, soffice=soffice, only=sections)
    save(blob, path_or_stream)
    return notes


def build_workbook(data, path_or_stream: str | Path | BinaryIO) -> None:
    """Write the data workbook: every table and chart dataset of the report, to the spreadsheet standard."""
    from .build import save, workbook_bytes

    save(workbook_bytes(data), path_or_stream)


def build_section(data, key: str):
    """One section alone, as the neutral model (see hsp_docs.parts); write it with build_report."""
    from .sections import build_section as _one

    return _one(data, key)


def __getattr__(name: str):
    if name == "InputError":
        from .errors import InputError

        return InputError
    raise AttributeError(name)
