"""Large tables spliced into word/document.xml as text when the package is saved.

A table is written as one XML string (docx/tables.py). A small one is parsed and placed in the
document's lxml tree like any block. A large one (a record-level appendix of thousands of rows)
never is: 100,000 rows would be some 5 million elements and 1.3 GB of tree, only to be
serialised straight back to the same text. Instead a placeholder paragraph holds its place, and
once python-docx has saved the package, the placeholder's text in document.xml is replaced by
the table's: the same document, built in time and memory that grow with the text alone.
"""
from __future__ import annotations

import io
import os
import zipfile

SPLICE_ROWS = 1000  # tables with more rows than this are spliced
DOCUMENT = "word/document.xml"


class Splices:
    """The large tables of one document, each standing behind a placeholder until it is saved."""

    def __init__(self):
        self._token = os.urandom(6).hex()  # so no text of the report can look like a placeholder
        self.tables: list[tuple[str, str]] = []  # (placeholder paragraph, table XML)

    def placeholder(self, table_xml: str) -> str:
        """The placeholder paragraph to put in the document where the table goes."""
        marker = f"hsp-docs-table-{self._token}-{len(self.tables) + 1}"
        paragraph = f"<w:p><w:r><w:t>{marker}</w:t></w:r></w:p>"
        self.tables.append((paragraph, table_xml))
        return paragraph

    def apply(self, docx: bytes) -> bytes:
        """The saved package with each placeholder in document.xml replaced by its table."""
        if not self.tables:
            return docx
        source = zipfile.ZipFile(io.BytesIO(docx))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == DOCUMENT:
                    data = self._splice(data.decode("utf-8")).encode("utf-8")
                z.writestr(info, data)
        return out.getvalue()

    def _splice(self, xml: str) -> str:
        pieces, at = [], 0
        for paragraph, table in self.tables:  # placeholders are in document order
            found = xml.find(paragraph, at)
            if found < 0 or xml.find(paragraph, found + 1) >= 0:
                raise RuntimeError(f"{DOCUMENT}: the placeholder of a large table was not found once")
            pieces += [xml[at:found], table]
            at = found + len(paragraph)
        pieces.append(xml[at:])
        return "".join(pieces)
