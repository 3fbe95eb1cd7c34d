"""What `hsp-docs check` runs: data checks on inputs, and file checks on built outputs."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..inputs.files import zip_bomb
from .docx_a11y import check_docx
from .findings import Finding


def check_file(path: Path) -> list[Finding]:
    """Accessibility (.docx) or spreadsheet-standard (.xlsx) checks on any such file. A file that
    is not a zip package, or that would expand too far (a zip bomb), is a finding, not parsed."""
    refused = _refused(path)
    if refused:
        return [Finding("error", "unreadable-file", path.name, refused)]
    try:
        if path.suffix.lower() == ".docx":
            return check_docx(path)
        if path.suffix.lower() == ".xlsx":
            # lazy: the standard reads workbooks with openpyxl (~250 ms at import), which a build never needs
            from ..xlsx.standard import check_workbook

            return [Finding("error", "spreadsheet-standard", path.name, msg) for msg in check_workbook(path)]
    except (SyntaxError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:  # lxml's XMLSyntaxError too
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [Finding("error", "unreadable-file", path.name, f"{path.name} is damaged and cannot be checked: "
                                                               f"{first[:200]}")]
    return [Finding("error", "unknown-file", path.name, "Only .docx and .xlsx files can be checked.")]


def _refused(path: Path) -> str | None:
    if path.suffix.lower() not in (".docx", ".xlsx"):
        return None
    try:
        with zipfile.ZipFile(path) as z:
            bomb = zip_bomb(z)
            return f"{path.name} {bomb}" if bomb else None
    except (zipfile.BadZipFile, OSError, EOFError):
        return (f"{path.name} is not a whole {path.suffix.lower()} file (not a zip package: damaged, truncated, "
                "password-protected or renamed?)")
