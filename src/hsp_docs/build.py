"""The build pipeline behind `hsp-docs build` and the public API: inputs -> report and workbook."""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .atomic import write_bytes
from .checks.data import check_data
from .checks.docx_a11y import check_written_report
from .checks.findings import Finding
from .checks.run import check_file
from .disclosure.audit import audit
from .disclosure.suppression import decide
from .disclosure.view import apply
from .docx.writer import render_report, start_contents_render, write_report
from .outputs import OutputFolder
from .parts import Report
from .sections import build_report_model
from .soffice import Office, to_pdf
from .statutory.distribution import distribution_table
from .xlsx.long import long_files
from .xlsx.writer import write_workbook


@dataclass(eq=False)
class BuildResult:
    """What a build wrote, its notes for the summary, and the checks' findings."""

    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    findings: list = field(default_factory=list)  # the data checks' findings

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.severity == "error"]


class StrictStop(Exception):
    """--strict and the data checks found errors: nothing was written."""


def public_report(data, report: Report | None = None, only: list[str] | None = None) -> tuple[Report, list]:
    """The report (the whole `report` built from data, or only some sections) as the public outputs
    show it (report.toml [disclosure]), and the disclosure audit's findings (docs/disclosure.md).
    What is hidden is decided on the whole report, so one section alone hides what the whole does."""
    full = report or report_model(data)
    policy = data.meta.disclosure
    decision = decide(full, data, policy)
    target = report_model(data, only) if only else full
    return apply(target, decision.hidden, decision.primary, policy), audit(data, full, decision, agencies=[])


def report_model(data, only: list[str] | None = None) -> Report:
    return build_report_model(data, only)


def report_bytes(data, *, soffice: str | None = None, report: Report | None = None,
                 only: list[str] | None = None) -> tuple[bytes, list[str]]:
    """The Word report of `report` (a recipient's view), or of the public view of data (only some sections)."""
    report = report or public_report(data, only=only)[0]
    docx, _pdf, notes = render_report(report, soffice=soffice)
    return docx, [*report.notes, *notes]


def workbook_bytes(data, *, report: Report | None = None) -> bytes:
    buf = io.BytesIO()
    policy = data.meta.disclosure
    lines = [("Disclosure control", policy.description)] if policy.public else None
    write_workbook(report or public_report(data)[0], data.recommendations, buf, cover_lines=lines,
                   distribution=distribution_table(data))
    return buf.getvalue()


def html_files(report: Report, outdir: Path, written: dict[str, int] | None = None) -> dict[str, bytes]:
    """The HTML edition's files (index.html, style.css, images) for outdir/html. It links to the
    other outputs: `written` (name -> size) when they are being written with it, else those
    already in outdir."""
    # lazy: the HTML edition's modules cost ~15 ms at import; only --html and build_html need them
    from .html import Download, render_site
    from .html.page import DOWNLOAD_LABELS

    if written is None:
        written = {n: (outdir / n).stat().st_size for n in DOWNLOAD_LABELS if (outdir / n).is_file()}
    return render_site(report, [Download(n, size) for n, size in written.items()])


def build_html(data, outdir: Path) -> Path:
    """Write the HTML edition into outdir/html, as one set (outputs.py); returns the page's path."""
    outdir = Path(outdir)
    with OutputFolder(outdir, owned=("html/",)) as out:
        _put_site(out, html_files(public_report(data)[0], outdir))  # as the public may see it (docs/disclosure.md)
        out.commit()
    return outdir / "html" / "index.html"


def _put_site(out, site: dict[str, bytes]) -> None:
    for name in sorted(site, key=lambda n: n == "index.html"):  # the page last, after its files
        out.put(f"html/{name}", site[name])


OUTPUTS = ("report.docx", "datapack.xlsx", "datapack-long.csv", "datapack-long.parquet", "report.pdf", "html/")


def build_all(data, outdir: Path, *, soffice: str | None = None, pdf: bool = False, strict: bool = False,
              html: bool = False, progress: Callable[[str], None] = lambda s: None) -> BuildResult:
    """Build report.docx, datapack.xlsx and its long form datapack-long.csv (and .parquet with
    pyarrow; and report.pdf, and the HTML edition in html/) into outdir, running the data checks
    on the way. The folder is locked for the whole build; every output is produced in memory,
    staged, checked and moved in as one set (outputs.py), so a failure, an interruption or (with
    strict) an error-level finding leaves the old set as it was. An output of an earlier build
    that this one does not make (report.pdf, html/) is removed: it would not match the new
    report. With LibreOffice, one office serves the build (soffice.Office) and is stopped when
    the build ends, however it ends."""
    with OutputFolder(outdir, owned=OUTPUTS) as out:
        if not soffice:
            result = _build_into(out, data, None, pdf, strict, html, progress)
        else:
            with Office(soffice) as office:
                if pdf:
                    office.start()  # two conversions: one office, starting now, while the build goes on
                result = _build_into(out, data, office, pdf, strict, html, progress)
        result.notes[:0] = out.recovered
        written = out.commit()
        result.outputs = [p for p in written if p.parent == out.dir]
        if html:
            result.outputs.append(out.dir / "html" / "index.html")
        gone = sorted({n.split("/")[0] + ("/" if "/" in n else "") for n in out.removed})
        result.notes += [f"removed {outdir / n}: left by an earlier build, it would not match this one" for n in gone]
    return result


def _build_into(out, data, soffice, pdf: bool, strict: bool, html: bool, progress) -> BuildResult:
    result = BuildResult()
    progress("Composing sections")
    built = report_model(data)
    progress("Checking the figures")
    result.findings = check_data(data, built)
    if strict and result.errors:
        raise StrictStop(f"{len(result.errors)} error(s) in the data")
    report, disclosure = public_report(data, built)  # what the public may see: the writers write this view
    contents = _contents_render(report, soffice)  # from the cache, or LibreOffice starts on it now
    result.findings += disclosure
    if strict and result.errors:
        raise StrictStop(f"{len(result.errors)} error(s) in the data or the disclosure audit")
    progress("Writing the Word report")
    written = write_report(report, soffice=soffice, contents=contents)
    docx = written.docx
    result.notes += [*report.notes, *written.notes]
    result.findings += check_written_report(written, "report.docx")  # accessibility, as `check` does
    if strict and result.errors:
        raise StrictStop(f"{len(result.errors)} error(s) in the accessibility check")
    out.put("report.docx", docx)
    progress("Writing the workbook")
    out.put("datapack.xlsx", workbook_bytes(data, report=report))
    for name, blob in long_files(report).items():
        out.put(name, blob)
    if pdf:
        if soffice:
            progress("Converting to PDF with LibreOffice")
            try:
                out.put("report.pdf", to_pdf(soffice, docx))
            except (RuntimeError, OSError) as exc:  # the Word report and the workbook are still good
                result.notes.append(f"report.pdf not written: {exc}")
        else:
            result.notes.append("report.pdf not written: LibreOffice was not found (install it, or use --soffice PATH)")
    if html:
        progress("Writing the HTML edition")
        sizes = {n: out.staged(n).stat().st_size for n in ("report.docx", "report.pdf", "datapack.xlsx",
                                                           "datapack-long.csv", "datapack-long.parquet")
                 if out.staged(n).exists()}
        _put_site(out, html_files(report, out.dir, sizes))
    return result


def _contents_render(report: Report, office):
    """The contents render of a build with LibreOffice (docx/contents.py); None without
    LibreOffice, or if it cannot even be set up (the writer then tries, and says why not)."""
    if office is None:
        return None
    try:
        return start_contents_render(report, office)
    except Exception:
        return None


def save(blob: bytes, path_or_stream: str | os.PathLike[str] | BinaryIO) -> None:
    write_bytes(path_or_stream, blob)


def check_inputs(data, soffice: str | None = None) -> list[Finding]:
    """A build into a temporary folder (which runs the data checks and the report's accessibility
    check), then the spreadsheet standard on the workbook it wrote."""
    with tempfile.TemporaryDirectory(prefix="hsp-check-") as tmp:
        result = build_all(data, Path(tmp), soffice=soffice)
        findings = list(result.findings)
        for out in result.outputs:
            if out.suffix == ".xlsx":
                findings.extend(check_file(out))
    return findings
