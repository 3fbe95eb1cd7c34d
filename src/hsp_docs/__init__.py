"""hsp_docs: a safeguarding partnership's annual report (Word), its data workbook and
per-agency data packs (Excel), assembled from a folder of inputs.

    import hsp_docs
    data = hsp_docs.load_inputs("inputs/2022-23")
    hsp_docs.build_report(data, "out/report.docx")
    hsp_docs.build_workbook(data, "out/datapack.xlsx")
    hsp_docs.build_html(data, "out")  # out/html/index.html, linking to the files already in out/

Everything a script needs is here (docs/api.md has an example of each); nothing requires a
private module. Imports are lazy, so `import hsp_docs` and `hsp-docs --help` start fast.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .checks.findings import Finding
    from .errors import BuildError, HspDocsError, InputError, Problem
    from .model.report import Meta, ReportData
    from .parts import Report, Section

__version__ = "0.1.0"
__all__ = [
    "load_inputs", "build_report", "build_workbook", "build_html", "build_packs", "check", "new_year", "build_section",
    "ReportData", "Meta", "Report", "Section", "Finding", "Problem",
    "HspDocsError", "InputError", "BuildError", "__version__",
]

PathLike = str | os.PathLike[str]
Output = str | os.PathLike[str] | BinaryIO
"""Where a document goes: a file path (written atomically) or a binary stream such as BytesIO."""


def load_inputs(path: PathLike, *, allow_hidden_rows: bool = False) -> ReportData:
    """Load and check a year's inputs folder (CSV files or one input workbook, report.toml and
    the narrative) into a ReportData.

    Raises InputError listing every problem (file, row, column, message), not only the first.
    Hidden or filtered-out rows of datasets.xlsx are one (a warning with allow_hidden_rows).
    """
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .inputs.loader import load_inputs as _load

    return _load(Path(path), allow_hidden_rows=allow_hidden_rows)


def _model(data: ReportData, sections: Sequence[str] | None) -> Report:
    """The report model as the public may see it (report.toml's [disclosure]), of every section
    or only those named (ValueError names unknown keys)."""
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .build import public_report

    return public_report(data, only=list(sections) if sections else None)[0]


def build_report(data: ReportData, out: Output, *, sections: Sequence[str] | None = None, pdf: bool = False,
                 soffice: str | None = None) -> list[str]:
    """Write the Word report to `out` (a path or a binary stream); with `sections` (keys of
    report.toml's [[sections]]) only those, as a document of their own.

    With `pdf=True` what is written is a tagged PDF of the report instead, made by LibreOffice
    (`soffice`, else found as the command finds it: PATH, $HSP_DOCS_SOFFICE); BuildError if
    it is not there or fails. With `soffice` the contents page gets its page numbers.
    Returns the build's notes (sections left out, what was skipped).
    """
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .build import report_bytes, save
    from .errors import BuildError

    if pdf and not soffice:
        from .soffice import find_soffice

        soffice = find_soffice()
        if not soffice:
            raise BuildError("pdf=True needs LibreOffice: install it, or pass soffice='/path/to/soffice'")
    blob, notes = report_bytes(data, soffice=soffice, report=_model(data, sections))
    if pdf:
        from .soffice import to_pdf

        assert soffice is not None
        try:
            blob = to_pdf(soffice, blob)
        except (RuntimeError, OSError) as exc:
            raise BuildError(f"LibreOffice could not make the PDF: {exc}") from exc
    save(blob, out)
    return notes


def build_workbook(data: ReportData, out: Output, *, sections: Sequence[str] | None = None) -> None:
    """Write the data workbook to `out` (a path or a binary stream): every table and chart
    dataset of the report (or of the `sections` named), to the Analysis Function's
    spreadsheet standard, with native charts."""
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .build import save, workbook_bytes

    save(workbook_bytes(data, report=_model(data, sections)), out)


def build_html(data: ReportData, outdir: PathLike) -> Path:
    """Write the accessible HTML edition of the report into outdir/html (index.html, style.css,
    images), linking to the report.docx, report.pdf and datapack.xlsx already in outdir.
    Returns the page's path."""
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .build import build_html as _html

    return _html(data, Path(outdir))


def build_packs(data: ReportData, outdir: PathLike, *, agencies: Iterable[str] | None = None,
                threshold: int | None = None, jobs: int | None = None, internal: bool = False,
                strict: bool = False) -> list[Path]:
    """Write one Excel data pack per agency (or per agency named, by any name or alias in the
    register) into `outdir`, and return the paths written.

    Each pack is the agency's disclosure view (docs/disclosure.md): its own figures in full,
    what the public outputs show, and other counts of people under the threshold (report.toml's
    [disclosure], or `threshold`) hidden. `internal=True` shows every count, in packs marked
    INTERNAL – NOT FOR CIRCULATION. `strict=True` does not write a pack the disclosure audit
    faults. Raises BuildError, after writing every pack it could, if an agency is not in the
    register or its pack failed.
    """
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .errors import BuildError
    from .packs.build import build_packs as _packs

    names = list(agencies) if agencies is not None else None
    result = _packs(data, Path(outdir), names or None, threshold, jobs, internal=internal, strict=strict)
    if result.failed:
        raise BuildError("; ".join(f"{name}: {why}" for name, why in result.failed)
                         + f" ({len(result.written)} pack(s) written)")
    return sorted(result.written)


def check(data_or_path: ReportData | PathLike, *, soffice: str | None = None) -> list[Finding]:
    """What `hsp-docs check` finds, as a list of Finding (severity, check, where, message,
    row, column, stated, computed, owner).

    Given ReportData or an inputs folder: data errors, broken totals, and the accessibility and
    spreadsheet-standard checks of what a build would write. Given a .docx or .xlsx file (ours
    or anyone's): its accessibility or spreadsheet-standard checks. Raises InputError if the
    inputs folder cannot be loaded.
    """
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .build import check_inputs
    from .checks.run import check_file

    if isinstance(data_or_path, (str, os.PathLike)):
        path = Path(data_or_path)
        if path.is_file():
            return check_file(path)
        return check_inputs(load_inputs(path), soffice=soffice)
    return check_inputs(data_or_path, soffice=soffice)


def new_year(source: PathLike, year: str) -> Path:
    """Create `year`'s inputs folder (e.g. "2023-24") beside the year folder `source` and
    return it: datasets with their header rows, reference lists carried forward, the
    narrative marked for update, report.toml moved on a year as a draft. Never overwrites:
    HspDocsError if that folder exists or `source` is not a year's inputs."""
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .newyear import new_year as _new_year

    return _new_year(year, Path(source))


def build_section(data: ReportData, key: str) -> Section:
    """One section alone, as the neutral model (headings, paragraphs, Table and Chart parts) for
    inspection; to write it, use build_report(data, out, sections=[key])."""
    # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
    from .sections import build_section as _one

    return _one(data, key)


_LAZY = {"ReportData": "model.report", "Meta": "model.report", "Report": "parts", "Section": "parts",
         "Finding": "checks.findings", "Problem": "errors", "HspDocsError": "errors", "InputError": "errors",
         "BuildError": "errors"}


def __getattr__(name: str) -> object:
    """The classes above, imported on first use (so `import hsp_docs` and `hsp-docs --help` stay cheap)."""
    if name in _LAZY:
        # lazy: `import hsp_docs` stays ~80 ms; the function's modules load when it is called
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'hsp_docs' has no attribute {name!r}")
