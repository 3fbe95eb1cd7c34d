"""The SpreadsheetML package, written directly: parts as strings into a zip, large parts streamed.

This is the whole of the workbook's file format, in one place: escaping, the shared string
table, relationships, content types, document properties. Worksheets are written row by row
straight into their zip entry (see worksheet.py), so a 100,000-row sheet is never held in
memory as cells or as one string.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from contextlib import contextmanager

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

CT = {
    "workbook": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "worksheet": "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
    "styles": "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
    "sharedStrings": "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
    "table": "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
    "drawing": "application/vnd.openxmlformats-officedocument.drawing+xml",
    "chart": "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
}

# XML 1.0 forbids these control characters; they are dropped (as openpyxl's ILLEGAL_CHARACTERS_RE).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile(r"[&<>\r\000-\010\013\014\016-\037\ufffe\uffff]")


def esc(text: str) -> str:
    """Element text: escaped, illegal characters dropped, a carriage return kept as &#13;."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attr(text: str) -> str:
    """An attribute value (in double quotes): also quotes, tabs and line breaks as references."""
    return (esc(str(text)).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def text_element(tag: str, text: str) -> str:
    """<t>text</t>, keeping leading and trailing white space."""
    if text[:1].isspace() or text[-1:].isspace():
        return f'<{tag} xml:space="preserve">{esc(text)}</{tag}>'
    return f"<{tag}>{esc(text)}</{tag}>"


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
        if len(text) > MAX_CELL_CHARS:
            raise CellTooLong(len(text))
        return self.index.setdefault(text, len(self.index))

    def chunks(self):
        yield f'{XML_DECL}<sst xmlns="{MAIN_NS}" uniqueCount="{len(self.index)}">'
        texts = list(self.index)
        for start in range(0, len(texts), 4096):
            yield _string_items(texts[start:start + 4096])
        yield "</sst>"


_PLAIN_ITEM_BORDER = re.compile(r"(?:^|\n)\s|\s(?:\n|$)")  # white space at the start or end of a text


def _string_items(texts: list[str]) -> str:
    """<si> items for texts: at once when none needs escaping or its white space kept (looked for in
    the texts joined by line breaks: a line break inside a text only sends it the long way)."""
    joined = "\n".join(texts)
    if _NEEDS_ESCAPE.search(joined) is None and _PLAIN_ITEM_BORDER.search(joined) is None:
        return "<si><t>" + "</t></si><si><t>".join(texts) + "</t></si>" if texts else ""
    return "".join(f"<si>{text_element('t', text)}</si>" for text in texts)


def relationships(rels: list[tuple]) -> str:
    """A .rels part: (id, type (a name under officeDocument/relationships/ or a full URI), target),
    with "External" as a fourth item for a target outside the package (a hyperlink to a file)."""
    body = "".join(f'<Relationship Id="{rel[0]}" Type="{rel[1] if "://" in rel[1] else REL + rel[1]}" '
                   f'Target="{attr(rel[2])}"' + (' TargetMode="External"' if rel[3:] == ("External",) else "")
                   + "/>" for rel in rels)
    return f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">{body}</Relationships>'


class Package:
    """A zip of parts, with the content type of each recorded for [Content_Types].xml."""

    def __init__(self, out, compresslevel: int = 4, *, stored: bool = False):
        """stored: parts not compressed, for a package that goes inside another zip (a chart's
        workbook in the .docx), which compresses it once as a whole."""
        method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self.zip = zipfile.ZipFile(out, "w", compression=method, compresslevel=None if stored else compresslevel)
        self.overrides: list[tuple[str, str]] = []

    def write(self, name: str, content: str | bytes, content_type: str | None = None) -> None:
        self.zip.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
        if content_type:
            self.overrides.append((name, content_type))

    @contextmanager
    def stream(self, name: str, content_type: str | None = None):
        """A part written in pieces: yields write(text)."""
        with self.zip.open(name, "w", force_zip64=True) as f:
            yield lambda text: f.write(text.encode("utf-8"))
        if content_type:
            self.overrides.append((name, content_type))

    def close(self) -> None:
        overrides = "".join(f'<Override PartName="/{name}" ContentType="{ct}"/>' for name, ct in self.overrides)
        self.write("[Content_Types].xml",
                   f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   f"{overrides}</Types>")
        self.zip.close()


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


def workbook_xml(sheet_names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{attr(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheet_names, 1))
    return (f'{XML_DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{R_NS}"><workbookPr/>'
            '<bookViews><workbookView firstSheet="0" activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets><calcPr calcId="191029"/></workbook>')
