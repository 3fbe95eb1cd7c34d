"""Finding and running headless LibreOffice, which is optional: without it the build still
succeeds, and what needs it (contents page numbers, the PDF) is skipped with one clear line."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ENV = "HSP_DOCS_SOFFICE"
_USUAL = {
    "win32": [r"C:\Program Files\LibreOffice\program\soffice.exe",
              r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"],
    "darwin": ["/Applications/LibreOffice.app/Contents/MacOS/soffice"],
}


def find_soffice(explicit: str | None = None) -> str | None:
    """--soffice PATH, then $HSP_DOCS_SOFFICE ('none' turns it off), then PATH, then usual places."""
    choice = explicit or os.environ.get(ENV)
    if choice:
        if choice.lower() == "none":
            return None
        return choice if Path(choice).exists() or shutil.which(choice) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for p in _USUAL.get(sys.platform, []):
        if Path(p).exists():
            return p
    return None


def convert(soffice: str, source: Path, fmt: str, outdir: Path, timeout: int = 300) -> Path:
    """Convert one file with a private LibreOffice profile (so parallel runs don't collide)."""
    import subprocess  # here, not at the top: a build without LibreOffice never needs it

    with tempfile.TemporaryDirectory(prefix="hsp-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir), str(source)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"LibreOffice did not finish converting {source.name} within {timeout} s") from None
    out = outdir / (source.stem + "." + fmt.split(":")[0])
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"LibreOffice could not convert {source.name}: {proc.stderr.strip() or proc.stdout.strip()}")
    return out


PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},' \
             '"ExportBookmarks":{"type":"boolean","value":"true"}}'


def to_pdf(soffice: str, docx_bytes: bytes) -> bytes:
    """A tagged PDF of a .docx, with its headings as PDF bookmarks."""
    with tempfile.TemporaryDirectory(prefix="hsp-pdf-") as tmp:
        src = Path(tmp) / "report.docx"
        src.write_bytes(docx_bytes)
        return convert(soffice, src, PDF_FILTER, Path(tmp)).read_bytes()


def heading_pages(pdf_bytes: bytes) -> list[tuple[str, int]]:
    """(title, 1-based page) for each PDF bookmark, in document order."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    out: list[tuple[str, int]] = []

    def walk(items):
        for it in items:
            if isinstance(it, list):
                walk(it)
            else:
                out.append((it.title, reader.get_destination_page_number(it) + 1))

    walk(reader.outline)
    return out
