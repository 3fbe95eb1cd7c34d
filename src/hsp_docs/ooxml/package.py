"""The zip package of an OOXML file written directly: parts as strings (or streamed) into a zip,
with their relationships and content types; and the SpreadsheetML pieces both the workbook and a
chart's embedded data workbook need (the workbook part, text elements)."""
from __future__ import annotations

import zipfile
from contextlib import contextmanager

from .xml import attr, esc

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


def text_element(tag: str, text: str) -> str:
    """<t>text</t>, keeping leading and trailing white space."""
    if text[:1].isspace() or text[-1:].isspace():
        return f'<{tag} xml:space="preserve">{esc(text)}</{tag}>'
    return f"<{tag}>{esc(text)}</{tag}>"


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


def workbook_xml(sheet_names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{attr(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(sheet_names, 1))
    return (f'{XML_DECL}<workbook xmlns="{MAIN_NS}" xmlns:r="{R_NS}"><workbookPr/>'
            '<bookViews><workbookView firstSheet="0" activeTab="0"/></bookViews>'
            f'<sheets>{sheets}</sheets><calcPr calcId="191029"/></workbook>')
