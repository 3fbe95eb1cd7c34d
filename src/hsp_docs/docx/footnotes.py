"""Real Word footnotes: a footnotes part, its relationship, and references in the text."""
from __future__ import annotations

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from .xml import NSDECL

_SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
               'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
               '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
               'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')


class Footnotes:
    """Collects footnotes while the body is written; the part is filled in at the end."""

    def __init__(self, document_part):
        self.part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"", document_part.package)
        document_part.relate_to(self.part, RT.FOOTNOTES)
        self.notes: list[str] = []

    def add(self, body_runs_xml: str, style_ids: dict[str, str]) -> str:
        """Register a note; returns the run that references it."""
        n = len(self.notes) + 1
        ref_style = style_ids["Footnote Reference"]
        self.notes.append(
            f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="{style_ids["Footnote Text"]}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> </w:t></w:r>{body_runs_xml}</w:p></w:footnote>')
        return f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteReference w:id="{n}"/></w:r>'

    def finish(self) -> None:
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NSDECL}>'
               f'{_SEPARATORS}{"".join(self.notes)}</w:footnotes>')
        self.part._blob = xml.encode("utf-8")
