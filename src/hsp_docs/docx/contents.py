"""The contents' page numbers: one LibreOffice render of the report's probe, or none when nothing changed.

The probe (writer.contents_probe) is the report up to its last contents heading, written as a
.docx. Its pages depend only on that document's content and on the LibreOffice that lays it
out, so the headings' pages (the PDF's outline) are cached under a hash of exactly those: every
part of the probe's package, by name and bytes (zip and core-property times left out), and
the LibreOffice installation (cache.py says where the cache lives). A rebuild with unchanged
inputs makes the probe, finds its outline and never starts LibreOffice. After a change the
render starts at once in a background thread, so LibreOffice starts and lays out the probe
while the build goes on (the workbook, the checks), and the build waits for it only when it
writes the final report.
"""
from __future__ import annotations

import io
import re
import threading
import zipfile

from .. import cache
from ..soffice import Office, heading_pages, to_pdf, version_stamp

KIND = "contents-pages"
FORMAT = "1"  # bump when what is cached, or how it is keyed, changes


_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def package_digest(package: bytes) -> str:
    """A hash of a package's content: each part's name and bytes, in order. A part that is a
    package itself (a chart's embedded workbook) counts by its own digest, and the times in
    core properties (when it was made) are left out: they are not content."""
    z = zipfile.ZipFile(io.BytesIO(package))
    pieces: list[bytes | str] = []
    for info in z.infolist():
        data = z.read(info)
        if data.startswith(b"PK\x03\x04"):
            data = package_digest(data).encode()
        elif info.filename.endswith("core.xml"):
            data = _STAMPS.sub(b"", data)
        pieces += [info.filename, data]
    return cache.content_key(*pieces)


def pages_from_outline(outline: list[tuple[str, int]], entries) -> dict[str, str]:
    """Bookmark -> page for each contents entry, matched in order against the PDF's outline
    (title, page); a level-1 entry also matches without its number ("3. Training")."""
    pages: dict[str, str] = {}
    norm = lambda s: " ".join(s.replace("\u2019", "'").split()).casefold()  # noqa: E731
    j = 0
    for e in entries:
        target = norm(e.text)
        short = norm(e.text.split(" ", 1)[1]) if e.level == 1 and " " in e.text else target
        for k in range(j, len(outline)):
            title = norm(outline[k][0])
            if title in (target, short) or title.endswith(short):
                pages[e.bookmark] = str(outline[k][1])
                j = k + 1
                break
    return pages


class ContentsRender:
    """The contents' pages of one report: from the cache, or from a render started at once."""

    def __init__(self, probe: bytes, entries: list, office: Office):
        """probe: the report up to its last contents heading, written (writer.start_contents_render);
        entries: its contents entries, in order."""
        docx = probe
        self.entries = entries
        self.key = cache.content_key(FORMAT, version_stamp(office.program), package_digest(docx))
        found = cache.get_json(KIND, self.key)
        self.outline: list | None = [tuple(x) for x in found] if isinstance(found, list) else None
        self.cached = self.outline is not None
        self._error: Exception | None = None
        self._thread = None
        if not self.cached:
            self._thread = threading.Thread(target=self._render, args=(office, docx), daemon=True,
                                            name="hsp-docs contents render")
            self._thread.start()

    def _render(self, office: Office, docx: bytes) -> None:
        try:
            outline = heading_pages(to_pdf(office, docx))
        except Exception as exc:  # reported by pages(), in the build's thread
            self._error = exc
            return
        cache.put_json(KIND, self.key, outline)
        self.outline = outline

    def pages(self) -> dict[str, str]:
        """Bookmark -> page; waits for the render if it is still running, raises what it raised."""
        if self._thread is not None:
            self._thread.join()
        if self._error is not None:
            raise self._error
        return pages_from_outline(self.outline or [], self.entries)
