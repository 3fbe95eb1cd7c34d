"""A section's words from a Word template (narrative/<section>.docx), read into the narrative
markup the Markdown form uses, so that both render through the same sandboxed Jinja and parse
into the same blocks (sections/narrative.py).

What comes through: Heading styles as headings, list styles (or numbered paragraphs) as list
items, bold, hyperlinks, real footnotes, a paragraph that says `[[table: key]]` as a placement,
and docxtpl's paragraph tags (`{%p for … %}`, `{%tr … %}`) as Jinja statement lines. What Word
does to a template is undone first: a placeholder split across runs is joined (the tag takes the
format of its first character), curly quotes inside `{{ }}` and `{% %}` become straight. Text
outside the template tags is escaped so it can only be text, never markup.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

import docx

from ..sections.source import NarrativeSource

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_PARA_TAG = re.compile(r"^\{%-?\s*(?:p|tr|tc|r)?\s+(.*?)\s*-?%\}$", re.DOTALL)
_RUN_TAG = re.compile(r"\{%(-?)(?:r|p|tr|tc)\s")  # docxtpl's {%r …%} inside a paragraph
_DIRECTIVE = re.compile(r"^\[\[\s*(table|chart|image)\s*:\s*([\w-]+)\s*\]\]$")
_CALL = re.compile(r"""^\{\{\s*(table|chart|image)\(\s*["']([\w-]+)["']\s*\)\s*\}\}$""")  # {{ table("key") }}
_SMART = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
                        "\u00ab": '"', "\u00bb": '"', "\u00a0": " "})
_NOTE_MARK = "\x00"  # stands for a footnote reference while a paragraph's text is normalised
_BODY_STYLES = {"normal", "body text", "text body", "default paragraph style", "standard", "default",
                "plain text", "no spacing", "footnote text", "list paragraph", "list continue"}
_OFF = {"0", "false", "off", "none"}


@dataclass(eq=False)
class _Char:
    """The format of one character of a paragraph's text."""

    bold: bool = False
    url: str | None = None
    note: str | None = None


@dataclass(eq=False)
class _Para:
    """One paragraph's text, one _Char per character, and what else was found in it."""

    text: list[str] = field(default_factory=list)
    fmt: list[_Char] = field(default_factory=list)
    changes: int = 0
    pictures: int = 0

    def add(self, text: str, fmt: _Char) -> None:
        self.text.extend(text)
        self.fmt.extend([fmt] * len(text))

    @property
    def plain(self) -> str:
        return "".join(self.text)


@dataclass(eq=False)
class WordTemplate:
    """What reading a template gives: the markup, where each line came from, and findings."""

    text: str
    source: NarrativeSource
    comments: int = 0
    changes: list[str] = field(default_factory=list)  # "paragraph 4 ('…')" with unaccepted tracked changes
    warnings: list[str] = field(default_factory=list)


def _opening(text: str, words: int = 6) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _escape_literal(text: str, line_start: bool) -> str:
    """Literal Word text as narrative markup that prints exactly it: entities for what the
    markup would read as a heading, bullet, bold, link or footnote mark."""
    text = re.sub(r"&(?=[#A-Za-z])", "&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    if "*" in text:
        text = text.replace("*", "&#42;")
    text = text.replace("[^", "&#91;^").replace("[[", "&#91;[").replace("](", "&#93;(")
    if line_start:
        stripped = text.lstrip()
        if stripped[:1] in ("#", "-", "·", "•"):
            text = text[: len(text) - len(stripped)] + f"&#{ord(stripped[0])};" + stripped[1:]
    return text


def _field_char(c, fields: list) -> None:
    """A field's begin, separator or end: `fields` is the stack of open fields, each [its code,
    its hyperlink target, past its separator]."""
    kind = c.get(qn("w:fldCharType"))
    if kind == "begin":
        fields.append(["", None, False])
    elif kind == "separate" and fields:
        m = re.search(r'HYPERLINK\s+"([^"]+)"', fields[-1][0])
        fields[-1][1:] = [m.group(1) if m else None, True]
    elif kind == "end" and fields:
        fields.pop()


class _Reader:
    """Reads one template's body, paragraph by paragraph, into markup lines and their places."""

    def __init__(self, doc, file: str):
        self.doc = doc
        self.file = file
        self.styles = self._style_names()
        self.notes = self._footnotes()
        self.lines: list[str] = []
        self.places: list[str] = []
        self.used_notes: dict[str, str] = {}  # footnote id -> markup of its text
        self.result = WordTemplate("", NarrativeSource(file))
        self.unknown_styles: dict[str, list[int]] = {}
        self.tables = 0

    def _style_names(self) -> dict[str, str]:
        out = {}
        for el in self.doc.styles.element.iterfind(qn("w:style")):
            name = el.find(qn("w:name"))
            out[el.get(qn("w:styleId"))] = name.get(qn("w:val")) if name is not None else el.get(qn("w:styleId"))
        return out

    def _related(self, reltype: str):
        for rel in self.doc.part.rels.values():
            if rel.reltype == reltype and not rel.is_external:
                return rel.target_part
        return None

    def _footnotes(self) -> dict[str, list]:
        part = self._related(RT.FOOTNOTES)
        self.rels = self.doc.part.rels
        self.note_rels = part.rels if part is not None else self.rels
        if part is None:
            return {}
        root = parse_xml(part.blob)
        return {fn.get(qn("w:id")): fn.findall(qn("w:p")) for fn in root.iterfind(qn("w:footnote"))
                if fn.get(qn("w:type")) in (None, "normal")}

    def _url(self, rid: str | None) -> str | None:
        rel = self.rels.get(rid) if rid else None
        return rel.target_ref if rel is not None and rel.is_external else None

    # --- one paragraph's runs --------------------------------------------------------------
    def collect(self, el, para: _Para, url: str | None = None, field_state: list | None = None) -> None:
        """Walk a paragraph's content in order: runs, hyperlinks, fields, tracked changes."""
        fields = field_state if field_state is not None else []  # [instr, url-or-None, in_result]
        for child in el:
            tag = child.tag
            if tag == qn("w:r"):
                self._run(child, para, url, fields)
            elif tag == qn("w:hyperlink"):
                self.collect(child, para, self._url(child.get(qn("r:id"))) or url, fields)
            elif tag in (qn("w:ins"), qn("w:moveTo")):
                para.changes += 1
                self.collect(child, para, url, fields)
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                para.changes += 1
            elif tag == qn("w:pPr"):
                if child.find(qn("w:pPrChange")) is not None or any(
                        c.tag in (qn("w:ins"), qn("w:del")) for c in child.iterfind(qn("w:rPr") + "/*")):
                    para.changes += 1
            elif tag == qn("w:fldSimple"):
                m = re.search(r'HYPERLINK\s+"([^"]+)"', child.get(qn("w:instr")) or "")
                self.collect(child, para, m.group(1) if m else url, fields)
            elif tag in (qn("w:smartTag"), qn("w:customXml"), qn("w:sdt"), qn("w:sdtContent")):
                self.collect(child, para, url, fields)

    def _bold(self, r, para: _Para) -> bool:
        """Whether a run is bold (directly, or by the Strong character style); a tracked change
        of its format is counted on the paragraph."""
        rpr = r.find(qn("w:rPr"))
        if rpr is None:
            return False
        b = rpr.find(qn("w:b"))
        bold = b is not None and (b.get(qn("w:val")) or "true").lower() not in _OFF
        style = rpr.find(qn("w:rStyle"))
        if style is not None and self.styles.get(style.get(qn("w:val")), "").lower() == "strong":
            bold = True
        if rpr.find(qn("w:rPrChange")) is not None:
            para.changes += 1
        return bold

    def _run(self, r, para: _Para, url: str | None, fields: list) -> None:
        bold = self._bold(r, para)
        for c in r:
            tag = c.tag
            if tag == qn("w:fldChar"):
                _field_char(c, fields)
                continue
            if tag == qn("w:instrText") and fields:
                fields[-1][0] += c.text or ""
                continue
            if fields and not fields[-1][2]:
                continue  # inside a field's code
            link = next((f[1] for f in reversed(fields) if f[1]), None) or url
            fmt = _Char(bold, link)
            if tag == qn("w:t"):
                para.add(c.text or "", fmt)
            elif tag in (qn("w:tab"), qn("w:br"), qn("w:cr")):
                para.add(" ", fmt)
            elif tag == qn("w:noBreakHyphen"):
                para.add("-", fmt)
            elif tag == qn("w:footnoteReference"):
                para.add(_NOTE_MARK, _Char(note=c.get(qn("w:id"))))
            elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
                para.pictures += 1

    # --- paragraph to markup ---------------------------------------------------------------
    def inline(self, para: _Para, line_start: bool = True) -> str:
        """A paragraph's characters as markup: template tags kept whole, in the format of their
        first character and with straight quotes; bold, links and footnote marks as markup."""
        text, fmt = para.plain, para.fmt
        pieces: list[tuple[str, _Char, bool]] = []  # (text, format, is a template tag)

        def literal(a: int, b: int) -> None:  # text[a:b] in pieces of one format (a footnote mark alone)
            i = a
            while i < b:
                j = i + 1
                if fmt[i].note is None:
                    while j < b and fmt[j] is fmt[i]:
                        j += 1
                pieces.append((text[i:j], fmt[i], False))
                i = j

        pos = 0
        for m in _TAG.finditer(text):
            literal(pos, m.start())
            pieces.append((_RUN_TAG.sub(r"{%\1 ", m.group(0).translate(_SMART)), fmt[m.start()], True))
            pos = m.end()
        literal(pos, len(text))
        out: list[str] = []
        i = 0
        while i < len(pieces):
            f = pieces[i][1]
            if f.note is not None:
                out.append(f"[^fn{f.note}]")
                self._note(f.note)
                i += 1
                continue
            j = i
            while j < len(pieces) and _same(pieces[j][1], f):
                j += 1
            body = "".join(s if tag else _escape_literal(s, line_start and not out and k == i)
                           for k, (s, _, tag) in enumerate(pieces[i:j], i))
            if f.url and re.match(r"(?:https?|mailto):", f.url) and body.strip():
                url = f.url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
                body = f"[{body.strip().replace(']', '&#93;')}]({url})"
            if f.bold and body.strip():
                core = body.strip()
                lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()):]
                body = f"{lead}**{core}**{trail}"
            out.append(body)
            i = j
        return "".join(out).rstrip()

    def _note(self, note_id: str) -> None:
        if note_id in self.used_notes:
            return
        paragraphs = self.notes.get(note_id, [])
        texts = []
        body_rels, self.rels = self.rels, self.note_rels
        for p in paragraphs:
            para = _Para()
            self.collect(p, para)
            texts.append(self.inline(para, line_start=False))
        self.rels = body_rels
        self.used_notes[note_id] = " ".join(t.strip() for t in texts if t.strip())

    def _kind(self, p) -> tuple[str, int, str]:
        """('heading'|'bullet'|'body', level, style name) of a paragraph, by its style's name."""
        ppr = p.find(qn("w:pPr"))
        sid = ppr.find(qn("w:pStyle")).get(qn("w:val")) if ppr is not None and ppr.find(qn("w:pStyle")) is not None \
            else None
        name = self.styles.get(sid, sid or "Normal") if sid else "Normal"
        low = name.lower()
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        m = re.fullmatch(r"heading (\d)", low)
        if m:
            return "heading", int(m.group(1)), name
        m = re.fullmatch(r"list (?:bullet|number)(?: (\d))?", low) or re.fullmatch(r"list(?: (\d))?", low)
        if m:
            return "bullet", int(m.group(1) or 1), name
        num_id = numpr.find(qn("w:numId")) if numpr is not None else None
        if numpr is not None and (num_id is None or num_id.get(qn("w:val")) != "0"):
            ilvl = numpr.find(qn("w:ilvl"))
            return "bullet", 1 + int(ilvl.get(qn("w:val")) if ilvl is not None else 0), name
        return "body", 0, name

    def paragraph(self, p, number: int) -> None:
        para = _Para()
        self.collect(p, para)
        plain = para.plain.replace(_NOTE_MARK, "").strip()
        place = f"paragraph {number} ('{_opening(plain)}')" if plain else f"paragraph {number}"
        if para.changes:
            self.result.changes.append(place)
        if para.pictures:
            self.result.warnings.append(f"{place}: a picture in the template is left out: place images with "
                                        "[[image: key]] (report.toml names the file)")
        if not plain:
            return
        kind, level, style = self._kind(p)
        statement = _PARA_TAG.match(plain.translate(_SMART))
        if statement and _TAG.fullmatch(plain):
            self._emit(f"{{% {statement.group(1)} %}}", place)
            return
        directive = _DIRECTIVE.match(plain) or _CALL.match(plain.translate(_SMART))
        if directive:
            self._emit(f"[[{directive.group(1)}: {directive.group(2)}]]", place)
            return
        if kind == "heading":
            if level < 2:
                self.result.warnings.append(f"{place}: Heading {level} is the section's own title (from report.toml): "
                                            "printed as Heading 2")
            level = max(2, min(level, 4))
            self._emit("#" * level + " " + self.inline(para, line_start=False).strip(), place)
        elif kind == "bullet":
            self._emit("  " * (min(level, 3) - 1) + "- " + self.inline(para, line_start=False).strip(), place)
        else:
            if style.lower() not in _BODY_STYLES:
                self.unknown_styles.setdefault(style, []).append(number)
            self._emit(self.inline(para).strip(), place)

    def _emit(self, line: str, place: str) -> None:
        self.lines += [line, ""]
        self.places += [place, ""]

    def read(self) -> WordTemplate:
        number = 0
        for el in _body_blocks(self.doc.element.body):
            if el.tag == qn("w:tbl"):
                self.tables += 1
                continue
            number += 1
            self.paragraph(el, number)
        for note_id, text in self.used_notes.items():
            self.lines.append(f"[^fn{note_id}]: {text}")
            self.places.append(f"footnote {note_id} ('{_opening(text)}')")
        if self.tables:
            self.result.warnings.append(f"{self.tables} table(s) in the template left out: a section's tables come "
                                        "from the data, placed with a paragraph [[table: key]]")
        for style, numbers in self.unknown_styles.items():
            where = ", ".join(map(str, numbers[:5])) + (", …" if len(numbers) > 5 else "")
            self.result.warnings.append(f"style '{style}' (paragraph{'s' if len(numbers) > 1 else ''} {where}) "
                                        "is not a heading, list or body style of the master: printed as body text")
        self.result.text = "\n".join(self.lines) + "\n"
        comments = self._related(RT.COMMENTS)
        self.result.comments = (len(parse_xml(comments.blob).findall(qn("w:comment")))
                                if comments is not None else 0)
        self.result.source = NarrativeSource(self.file, tuple(self.places))
        return self.result


def _same(a: _Char, b: _Char) -> bool:
    return a.note is None and b.note is None and a.bold == b.bold and a.url == b.url


def _body_blocks(body):
    """The body's paragraphs and tables in order, looking inside content controls."""
    for el in body:
        if el.tag in (qn("w:p"), qn("w:tbl")):
            yield el
        elif el.tag in (qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")):
            yield from _body_blocks(el if el.tag != qn("w:sdt") else el.iterfind(qn("w:sdtContent")))


def read_word_template(path: str | Path | IO[bytes], file: str) -> WordTemplate:
    """Read a section's Word template into narrative markup. `file` names it in messages
    ("narrative/training.docx"). Raises ValueError if it is not a Word document."""
    try:
        data = Path(path).read_bytes() if isinstance(path, (str, Path)) else path.read()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(i.file_size for i in z.infolist()) > 200 * 1024 * 1024:
                raise ValueError("expands to over 200 MB: refused as a possible zip bomb")
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ValueError(f"is not a Word document (.docx) that can be read: {exc}") from None
    return _Reader(doc, file).read()
