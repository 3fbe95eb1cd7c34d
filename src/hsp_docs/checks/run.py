"""What `hsp-docs check` runs: data checks on inputs, and file checks on built outputs."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .findings import Finding


def check_file(path: Path) -> list[Finding]:
    """Accessibility (.docx) or spreadsheet-standard (.xlsx) checks on any such file."""
    if path.suffix.lower() == ".docx":
        from .docx_a11y import check_docx

        return check_docx(path)
    if path.suffix.lower() == ".xlsx":
        from ..xlsx.standard import check_workbook

        return [Finding("error", "spreadsheet-standard", path.name, msg) for msg in check_workbook(path)]
    return [Finding("error", "unknown-file", path.name, "Only .docx and .xlsx files can be checked.")]


def check_inputs(data, soffice: str | None = None) -> list[Finding]:
    """A build into a temporary folder (which runs the data checks and the report's accessibility
    check), then the spreadsheet standard on the workbook it wrote."""
    from ..build import build_all

    with tempfile.TemporaryDirectory(prefix="hsp-check-") as tmp:
        result = build_all(data, Path(tmp), soffice=soffice)
        findings = list(result.findings)
        for out in result.outputs:
            if out.suffix == ".xlsx":
                findings.extend(check_file(out))
    return findings
