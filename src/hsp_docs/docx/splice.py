"""Large tables spliced into word/document.xml as text when the package is saved.

A table is written as XML text (docx/tables.py). A small one is parsed and placed in the
document's lxml tree like any block. A large one (a record-level appendix of thousands of rows)
never is: 100,000 rows would be some 5 million elements and 1.3 GB of tree, only to be
serialised straight back to the same text. Instead a placeholder paragraph holds its place, and
once python-docx has saved the package, document.xml is written again with each placeholder
replaced by its table, whose rows are made a thousand at a time and go straight into the zip
entry: the table is never one string, nor a tree, so memory stays flat however long it is.

The package as saved before splicing (placeholders in place) is kept for the accessibility
check, which reads each large table's specimen (its header and one row of each kind, made by
the same writer) where the placeholder stands: `stand_ins()`.
"""
from __future__ import annotations

import io
import os
import zipfile

from ..parts import Table
from ..theme import DEFAULT_THEME, Theme
from .tables import specimen, table_chunks, table_element

SPLICE_ROWS = 1000  # tables with more rows than this are spliced
DOCUMENT = "word/document.xml"
# deflate level of a spliced document.xml: a large table's XML is repetitive, so the fastest level
# already shrinks it about fortyfold, in under half the time of zlib's default for a file 1.4 times the size
COMPRESS_LEVEL = 1


class Splices:
    """The large tables of one document, each standing behind a placeholder until it is saved."""

    def __init__(self, theme: Theme = DEFAULT_THEME):
        self.theme = theme  # the house style the tables are written in (header row colours)
        self._token = os.urandom(6).hex()  # so no text of the report can look like a placeholder
        self.tables: list[tuple[str, str, Table, dict[str, str], bool]] = []  # (paragraph, marker, table, ...)
        self.unspliced: bytes | None = None  # the package as saved, placeholders in place

    def placeholder(self, table: Table, style_ids: dict[str, str], landscape: bool = False) -> str:
        """The placeholder paragraph to put in the document where the table goes."""
        marker = f"hsp-docs-table-{self._token}-{len(self.tables) + 1}"
        paragraph = f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>"
        self.tables.append((paragraph, marker, table, style_ids, landscape))
        return paragraph

    def stand_ins(self) -> dict:
        """Placeholder text -> the table's specimen as an element, for the accessibility check."""
        return {marker: table_element(specimen(table), styles, landscape, self.theme)
                for _p, marker, table, styles, landscape in self.tables}

    def apply(self, docx: bytes) -> bytes:
        """The saved package with each placeholder in document.xml replaced by its table."""
        self.unspliced = docx
        if not self.tables:
            return docx
        source = zipfile.ZipFile(io.BytesIO(docx))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as z:
            for info in source.infolist():
                if info.filename == DOCUMENT:
                    with z.open(DOCUMENT, "w", force_zip64=True) as f:
                        for piece in self._pieces(source.read(info).decode("utf-8")):
                            f.write(piece.encode("utf-8"))
                else:
                    z.writestr(info, source.read(info))
        return out.getvalue()

    def _pieces(self, xml: str):
        """document.xml in pieces, each placeholder's place taken by its table's chunks."""
        at = 0
        for paragraph, _marker, table, styles, landscape in self.tables:  # placeholders are in document order
            found = xml.find(paragraph, at)
            if found < 0 or xml.find(paragraph, found + 1) >= 0:
                raise RuntimeError(f"{DOCUMENT}: the placeholder of a large table was not found once")
            yield xml[at:found]
            yield from table_chunks(table, styles, landscape, self.theme)
            at = found + len(paragraph)
        yield xml[at:]
