"""Accessibility checks on any .docx: what a screen-reader user, and the Public Sector Bodies
Accessibility Regulations 2018, need from a published report."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..theme import contrast_ratio as contrast  # the one WCAG formula
from .findings import Finding

if TYPE_CHECKING:
    from ..docx.writer import WrittenReport

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/"}
SANS = {"arial", "calibri", "helvetica", "liberation sans", "carlito", "verdana", "tahoma", "segoe ui", "open sans",
        "source sans pro", "aptos", "trebuchet ms", "gill sans", "dejavu sans", "noto sans", "roboto", "lato"}
VAGUE_LINKS = {"click here", "here", "link", "this link", "read more", "more", "click", "this page", "website"}
_FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$|^(image|picture|chart|graphic)\s*\d*$", re.I)


DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"  # Word's "Mark as decorative"


def _decorative(docpr) -> bool:
    return any(el.get("val") in ("1", "true") for el in docpr.iter(DECORATIVE))


_CLARK: dict[str, str] = {}
_VAL = f"{{{W}}}val"


def _clark(path: str) -> str:
    """'w:pPr/w:pStyle' -> Clark notation, which lxml finds without re-reading a prefix map."""
    got = _CLARK.get(path)
    if got is None:
        got = _CLARK[path] = "/".join(f"{{{NS[p.split(':')[0]]}}}{p.split(':')[1]}" for p in path.split("/"))
    return got


def _val(el, path):
    found = el.find(_clark(path)) if el is not None else None
    return found.get(_VAL) if found is not None else None


class _Styles:
    def __init__(self, xml: bytes | None):
        self.root = etree.fromstring(xml) if xml else None
        root = self.root
        self.by_id = {s.get(f"{{{W}}}styleId"): s for s in root.iterfind("w:style", NS)} if root is not None else {}
        self._levels: dict = {}

    def chain(self, style_id):
        seen = 0
        while style_id and style_id in self.by_id and seen < 20:
            s = self.by_id[style_id]
            yield s
            style_id = _val(s, "w:basedOn")
            seen += 1

    def prop(self, style_id, path):
        for s in self.chain(style_id):
            v = _val(s, path)
            if v is not None:
                return v
        if self.root is not None:
            return _val(self.root.find("w:docDefaults", NS), path.replace("w:rPr/", "w:rPrDefault/w:rPr/")
                        .replace("w:pPr/", "w:pPrDefault/w:pPr/"))
        return None

    def font(self, style_id):
        for s in self.chain(style_id):
            f = s.find("w:rPr/w:rFonts", NS)
            if f is not None and f.get(f"{{{W}}}ascii"):
                return f.get(f"{{{W}}}ascii")
        if self.root is not None:
            f = self.root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
            if f is not None and f.get(f"{{{W}}}ascii"):
                return f.get(f"{{{W}}}ascii")
        return None

    def heading_level(self, style_id):
        if style_id not in self._levels:
            self._levels[style_id] = self._heading_level(style_id)
        return self._levels[style_id]

    def _heading_level(self, style_id):
        for s in self.chain(style_id):
            lvl = _val(s, "w:pPr/w:outlineLvl")
            if lvl is not None and lvl.isdigit() and int(lvl) < 9:
                return int(lvl) + 1
            name = _val(s, "w:name") or ""
            m = re.fullmatch(r"heading (\d)", name.strip().lower())
            if m:
                return int(m.group(1))
        return None


_P, _TBL, _SECTPR, _BODY = (f"{{{W}}}{t}" for t in ("p", "tbl", "sectPr", "body"))


def check_docx(path, name: str | None = None, *, stand_ins: dict | None = None) -> list[Finding]:
    """Accessibility findings for a .docx: a path, or a binary stream with its `name`.

    document.xml is streamed (iterparse), each block of the body checked and then dropped, so
    memory does not grow with the document. stand_ins: paragraph text -> element; a paragraph
    whose whole text is a key is checked as that element instead (the build's large tables,
    spliced in as text, are checked as their specimen: docx/splice.py)."""
    where = name or Path(path).name
    out: list[Finding] = []

    def add(check, message, severity="error"):
        out.append(Finding(severity, check, where, message))

    try:
        z = zipfile.ZipFile(path)
        names = set(z.namelist())
        if "word/document.xml" not in names:
            return [Finding("error", "not-a-docx", where, "Cannot be opened as a Word document: no word/document.xml")]
        parts = {n: z.read(n) for n in ("word/styles.xml", "docProps/core.xml") if n in names}
    except (zipfile.BadZipFile, OSError) as exc:
        return [Finding("error", "not-a-docx", where, f"Cannot be opened as a Word document: {exc}")]
    styles = _Styles(parts.get("word/styles.xml"))

    core = etree.fromstring(parts["docProps/core.xml"]) if "docProps/core.xml" in parts else None
    title = core.findtext("dc:title", namespaces=NS) if core is not None else None
    if not (title or "").strip():
        add("title", "The document has no title in its properties (File > Info > Title).")
    lang = core.findtext("dc:language", namespaces=NS) if core is not None else None
    lang = lang or styles.prop(None, "w:rPr/w:lang")
    if not (lang or "").strip():
        add("language", "The document's language is not set (Review > Language).")

    body = _Body(styles, add, stand_ins or {})
    with z.open("word/document.xml") as f:
        body.stream(f)

    size = styles.prop("Normal", "w:rPr/w:sz")
    if size and int(size) < 22:
        add("body-text", f"Body text is {int(size) / 2:g} pt: use at least 11 pt.")
    font = styles.font("Normal")
    if font and font.lower() not in SANS:
        add("body-text", f"Body text is in {font}: use a sans-serif font such as Arial.")
    if styles.prop("Normal", "w:pPr/w:jc") in ("both", "distribute"):
        add("body-text", "Body text is justified: align it left.")
    if body.justified:
        add("body-text", f"{body.justified} paragraph(s) are justified: align them left.")
    for sid, s in styles.by_id.items():
        colour = _val(s, "w:rPr/w:color")
        if colour and re.fullmatch(r"[0-9A-Fa-f]{6}", colour) and contrast(colour, "FFFFFF") < 4.5:
            if sid in body.used_styles:
                add("contrast", f"Style '{_val(s, 'w:name')}' uses #{colour}, contrast "
                                f"{contrast(colour, 'FFFFFF'):.1f}:1 on white (needs 4.5:1).")
    return out


class _Body:
    """The checks of the document body, made block by block (a body paragraph or table at a
    time) as the body is parsed."""

    def __init__(self, styles: _Styles, add, stand_ins: dict):
        self.styles = styles
        self.add = add
        self.stand_ins = stand_ins
        self.last_level = 0
        self.used_styles: set = set()
        self.tables = 0
        self.justified = 0
        self.after_caption = False  # the block before is a caption paragraph

    def stream(self, f) -> None:
        body = checked = None
        for _, el in etree.iterparse(f, events=("end",), tag=(_P, _TBL, _SECTPR)):
            parent = el.getparent()
            if parent is None or parent.tag != _BODY:
                continue
            body = parent
            for block in body:  # this block, and any other kind of block before it not yet checked
                if block is not checked:
                    self.block(block)
                if block is el:  # the parser reads ahead: later blocks may be there, unfinished
                    break
            el.clear()
            while el.getprevious() is not None:
                del body[0]
            checked = el
        for block in body if body is not None else ():  # blocks after the last paragraph or table
            if block is not checked:
                self.block(block)

    def block(self, el) -> None:
        if el.tag == _P and self.stand_ins:
            text = "".join(el.itertext()).strip()
            el = self.stand_ins.get(text, el)
        self._headings(el)
        for d in el.iter(f"{{{NS['wp']}}}docPr"):
            if _decorative(d):  # marked decorative in Word: screen readers pass it by, as they should
                continue
            descr = (d.get("descr") or "").strip()
            kind = "chart" if d.getparent().find(".//{*}chart") is not None else "image"
            if not descr:
                self.add("alt-text", f"The {kind} '{d.get('name')}' has no alternative text.")
            elif _FILE_NAME.match(descr):
                self.add("alt-text", f"The {kind} '{d.get('name')}' has a file name as its alternative text: "
                                     f"'{descr}'.")
        for tbl in el.iter(_TBL):
            self._table(tbl, self.after_caption if tbl is el else None)
        for h in el.iter(f"{{{W}}}hyperlink"):
            text = "".join(h.itertext()).strip()
            if text.lower().rstrip(".") in VAGUE_LINKS:
                self.add("link-text", f"The link text '{text}' does not say where it goes.")
            elif re.match(r"^(https?://|www\.)\S+$", text):
                self.add("link-text", f"The link text is a bare web address ({text[:60]}): describe the page instead.")
        self.justified += sum(1 for jc in el.iter(f"{{{W}}}jc") if jc.get(_VAL) in ("both", "distribute")
                              and jc.getparent().tag == f"{{{W}}}pPr")
        for c in el.iter(f"{{{W}}}color"):  # runs with their own colour, outside shaded cells
            r, colour = c.getparent().getparent(), c.get(_VAL)
            if r is None or r.tag != f"{{{W}}}r" or r.getparent().getparent().tag == f"{{{W}}}tc":
                continue
            if colour and re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
                if contrast(colour, "FFFFFF") < 4.5 and "".join(r.itertext()).strip():
                    self.add("contrast", f"Text '{''.join(r.itertext())[:40]}' is #{colour}: contrast "
                                         f"{contrast(colour, 'FFFFFF'):.1f}:1 on white (needs 4.5:1).")
        self.after_caption = el.tag == _P and _val(el, "w:pPr/w:pStyle") == "Caption"

    def _headings(self, el) -> None:
        for ps in el.iter(f"{{{W}}}pStyle", f"{{{W}}}rStyle"):  # only styled paragraphs can be headings
            sid = ps.get(_VAL)
            self.used_styles.add(sid)
            if ps.tag != f"{{{W}}}pStyle":
                continue
            level = self.styles.heading_level(sid)
            if level is None:
                continue
            text = "".join(ps.getparent().getparent().itertext()).strip()
            if level > self.last_level + 1:
                self.add("heading-order", f"Heading '{text[:60]}' is level {level} after level {self.last_level}: "
                                          "a level is skipped.")
            self.last_level = level

    def _table(self, tbl, after_caption: bool | None) -> None:
        """after_caption: whether the block before a body-level table is a caption (None: the
        table is inside another block, where its previous element is still there to see)."""
        self.tables += 1
        add, label = self.add, f"Table {self.tables}"
        rows = tbl.findall("w:tr", NS)
        if not rows:
            return
        first = rows[0]
        if first.find("w:trPr/w:tblHeader", NS) is None:
            add("table-header", f"{label}: the first row is not marked as a header row (Repeat as header row).")
        for tc in first.findall("w:tc", NS):
            if not "".join(tc.itertext()).strip():
                add("table-header", f"{label}: a header cell is empty.")
                break
        if tbl.find(".//w:gridSpan", NS) is not None or tbl.find(".//w:vMerge", NS) is not None:
            add("merged-cells", f"{label}: has merged cells, which screen readers read out of order.")
        if after_caption is None:
            prev = tbl.getprevious()
            after_caption = prev is not None and prev.tag == _P and _val(prev, "w:pPr/w:pStyle") == "Caption"
        if not ((_val(tbl, "w:tblPr/w:tblCaption") or "").strip() or after_caption):
            add("table-caption", f"{label}: has no caption.")
        for fill in tbl.iter(f"{{{W}}}shd"):  # shaded cells: their text against the shading
            tc = fill.getparent().getparent()
            bg = fill.get(f"{{{W}}}fill")
            if tc.tag == f"{{{W}}}tc" and bg and re.fullmatch(r"[0-9A-Fa-f]{6}", bg):
                for r in tc.iter(f"{{{W}}}r"):
                    fg = _val(r, "w:rPr/w:color") or self.styles.prop(_val(r.getparent(), "w:pPr/w:pStyle"),
                                                                      "w:rPr/w:color")
                    fg = fg if fg and fg != "auto" else "000000"
                    if "".join(r.itertext()).strip() and contrast(fg, bg) < 4.5:
                        add("contrast", f"{label}: text #{fg} on #{bg} has contrast {contrast(fg, bg):.1f}:1 "
                                        "(needs 4.5:1).")
                        break


def check_written_report(written: WrittenReport, name: str = "report.docx") -> list[Finding]:
    """The accessibility check of a report the build has just written: the document as saved
    before its large tables were spliced in, each of them checked as its specimen (docx/splice.py),
    which the same writer makes from the same model; so the check never parses a 100,000-row table."""
    unspliced = io.BytesIO(written.splices.unspliced or written.docx)
    return check_docx(unspliced, name, stand_ins=written.splices.stand_ins())
