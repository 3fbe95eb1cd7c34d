"""The contents' page numbers: one LibreOffice render of the report's probe, or none when nothing changed.

The probe (writer.contents_probe) is the report up to its last contents heading, written as a
.docx. Its pages depend only on that document's content and on the LibreOffice that lays it
out, so the headings' pages (the PDF's outline) are cached under a hash of exactly those: every
part of the probe's package, by name and bytes (zip and core-property times left out), and
the LibreOffice installation (cache.py says where the cache lives). A rebuild with unchanged
inputs makes the probe, finds its outline and never starts LibreOffice. After a change the
render starts at once in a background thread, so LibreOffice starts and lays out the probe
while the build goes on (the workbook, the checks), and the build waits for it only when it
writes the final report. What LibreOffice is given is the probe with its charts and pictures
replaced by empty frames of the same size (with_frames), exported to an untagged PDF: the same
pages and outline (a test compares them with a full render) for about two thirds of the work.
"""
from __future__ import annotations

import io
import re
import struct
import threading
import zipfile
import zlib
from pathlib import Path

from .. import cache
from ..soffice import OUTLINE_FILTER, Office, heading_pages, to_pdf, version_stamp

KIND = "contents-pages"
FORMAT = "1"  # bump when what is cached, or how it is keyed, changes


_STAMPS = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")
_DRAWING = re.compile(r"<w:drawing>.*?</w:drawing>", re.S)
_EXTENT = re.compile(r'<wp:extent cx="(\d+)" cy="(\d+)"/>')
_GRAPHIC = re.compile(r"<a:graphic\b.*</a:graphic>", re.S)
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
FRAME_RID, FRAME_PART = "rIdHspFrame", "media/hsp-frame.png"
_FRAME = ('<a:graphic xmlns:a="' + _A + '"><a:graphicData uri="' + _PIC + '"><pic:pic xmlns:pic="' + _PIC + '">'
          '<pic:nvPicPr><pic:cNvPr id="0" name="frame"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
          f'<a:blip r:embed="{FRAME_RID}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
          '<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
          '</a:graphicData></a:graphic>')


def _one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff")) + chunk(b"IEND", b""))


def _as_frame(drawing: re.Match) -> str:
    text = drawing.group(0)
    extent = _EXTENT.search(text)
    if extent is None:
        return text
    frame = _FRAME.replace("{cx}", extent[1]).replace("{cy}", extent[2])
    return _GRAPHIC.sub(lambda _: frame, text, count=1)


def with_frames(docx: bytes) -> bytes:
    """The document for layout only: every chart and picture in the body replaced by an empty
    picture frame of the same size (one blank pixel, stretched), so LibreOffice lays out the same
    pages without importing charts and their workbooks or decoding images (about a third of the
    render's work). Everything else, and every other part, is as it was."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = _DRAWING.sub(_as_frame, data.decode("utf-8")).encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                rel = (f'<Relationship Id="{FRAME_RID}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       f'relationships/image" Target="{FRAME_PART}"/></Relationships>')
                data = data.replace(b"</Relationships>", rel.encode())
            elif info.filename == "[Content_Types].xml" and b'Extension="png"' not in data:
                data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
            out.writestr(info, data)
        out.writestr("word/" + FRAME_PART, _one_pixel_png())
    return buf.getvalue()


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


LAST = "contents-last"  # per output folder: whether its last build had to render


def _folder_key(outdir) -> str:
    return cache.content_key(FORMAT, str(Path(outdir).resolve()))


def rendered_last_time(outdir) -> bool:
    """Whether the last build into this folder had to render (its inputs had changed): then this
    one probably must too, and starts LibreOffice at its very beginning, while it composes."""
    return cache.get_json(LAST, _folder_key(outdir)) is True


def remember_render(outdir, rendered: bool) -> None:
    if rendered != rendered_last_time(outdir):
        cache.put_json(LAST, _folder_key(outdir), rendered)


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
            outline = heading_pages(to_pdf(office, with_frames(docx), fmt=OUTLINE_FILTER))
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
