"""The workbook's package: the shared string table, Excel's limits, document properties, on the
OOXML package layer shared with the Word writer (hsp_docs.ooxml.package: the zip, relationships,
content types; hsp_docs.ooxml.xml: escaping), re-exported here for the workbook's modules.
Worksheets are written row by row straight into their zip entry (see worksheet.py), so a
100,000-row sheet is never held in memory as cells or as one string.
"""
from __future__ import annotations

import datetime as dt
import os

from ..ooxml.package import (  # noqa: F401 - the package layer, shared with the Word writer's charts
    CT,
    MAIN_NS,
    PKG_REL_NS,
    R_NS,
    REL,
    XML_DECL,
    Package,
    relationships,
    text_element,
    workbook_xml,
)
from ..ooxml.xml import ILLEGAL_CHARACTERS_RE, attr, esc  # noqa: F401 - one escaping rule for every part

MAX_ROWS = 1_048_576  # Excel's limits: rows and columns of a sheet, characters in a cell
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767


class CellTooLong(ValueError):
    """A text longer than a cell can hold (the sheet writer says which table and row)."""

    def __init__(self, length: int):
        super().__init__(length)
        self.length = length
        self.row: int | None = None  # set by the sheet writer


class SharedStrings:
    """The workbook's shared string table: each distinct text stored once, cells refer by index."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        i = self.index.get(text)
        if i is None:
            if len(text) > MAX_CELL_CHARS:  # checked once per distinct text
                raise CellTooLong(len(text))
            i = self.index[text] = len(self.index)
        return i

    def chunks(self):
        yield f'{XML_DECL}<sst xmlns="{MAIN_NS}" uniqueCount="{len(self.index)}">'
        batch = []
        for text in self.index:
            batch.append(f"<si>{text_element('t', text)}</si>")
            if len(batch) >= 4096:
                yield "".join(batch)
                batch.clear()
        yield "".join(batch) + "</sst>"


def timestamp() -> str:
    """Now (or SOURCE_DATE_EPOCH, for reproducible builds) as W3CDTF."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit()
            else dt.datetime.now(dt.UTC))
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def core_properties(*, title: str, subject: str, creator: str, keywords: str, description: str,
                    language: str) -> str:
    now = timestamp()
    fields = [("dc:title", title), ("dc:subject", subject), ("dc:creator", creator), ("cp:keywords", keywords),
              ("dc:description", description), ("dc:language", language), ("cp:lastModifiedBy", creator)]
    body = "".join(f"<{tag}>{esc(value)}</{tag}>" for tag, value in fields if value)
    return (f'{XML_DECL}<cp:coreProperties '
            'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>')


def app_properties(sheet_names: list[str]) -> str:
    titles = "".join(f"<vt:lpstr>{esc(n)}</vt:lpstr>" for n in sheet_names)
    return (f'{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            "<Application>hsp-docs</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
            '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr>'
            f'</vt:variant><vt:variant><vt:i4>{len(sheet_names)}</vt:i4></vt:variant></vt:vector></HeadingPairs>'
            f'<TitlesOfParts><vt:vector size="{len(sheet_names)}" baseType="lpstr">{titles}</vt:vector>'
            "</TitlesOfParts><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
            "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>")


