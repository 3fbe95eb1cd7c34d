"""Read every output file back as a recipient would and find counts of people it should not see:
in table rows (Word tables, workbook sheets, the workbooks embedded in Word charts, the charts'
cached values) and in free text (paragraphs, alt text)."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


def _number(text) -> float | None:
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    s = str(text or "").strip().replace(",", "")
    return float(s) if re.fullmatch(r"-?\d+(\.\d+)?", s) else None


def _workbook_rows(blob: bytes) -> list[list]:
    wb = load_workbook(io.BytesIO(blob), read_only=True)
    return [list(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True)]


def _chart_rows(xml: bytes) -> list[list]:
    """(category, value) of every cached point of every series of a chart part."""
    root = etree.fromstring(xml)
    rows = []
    for ser in root.iter(f"{C}ser"):
        cats = {int(p.get("idx")): p.findtext(f"{C}v") for cat in ser.iter(f"{C}cat") for p in cat.iter(f"{C}pt")}
        for val in ser.iter(f"{C}val"):
            for p in val.iter(f"{C}pt"):
                rows.append([cats.get(int(p.get("idx"))), p.findtext(f"{C}v")])
    return rows


def _html_rows(path: Path) -> tuple[list[list], list[str]]:
    """The HTML edition: every table row (charts' data tables included); the text of every
    paragraph, and every alt text, label and title (the SVG charts' too)."""
    from lxml import html

    page = html.fromstring(path.read_bytes())
    rows = [[c.text_content().strip() for c in tr.xpath("./th|./td")] for tr in page.iter("tr")]
    texts = [p.text_content() for p in page.iter("p", "li", "h1", "h2", "h3", "h4", "figcaption", "caption")]
    texts += [v for e in page.iter() for k, v in e.attrib.items() if k in ("alt", "aria-label", "title")]
    texts += [e.text_content() for e in page.iter() if isinstance(e.tag, str) and e.tag.endswith(("title", "desc"))]
    return rows, texts


def read_back(path: Path) -> tuple[list[list], list[str]]:
    """(rows, free texts) of a .docx, .xlsx or .html, every part that holds data or text."""
    if path.suffix == ".html":
        return _html_rows(path)
    rows, texts = [], []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            blob = z.read(name)
            if name.endswith(".xlsx"):  # a chart's embedded workbook
                rows += _workbook_rows(blob)
            elif re.search(r"charts/chart\d+\.xml$", name):
                rows += _chart_rows(blob)
            elif name.endswith(".xml"):
                texts += re.findall(r'descr="([^"]*)"', blob.decode("utf-8"))
    if path.suffix == ".docx":
        from docx import Document

        doc = Document(str(path))
        rows += [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
        texts += [p.text for p in doc.paragraphs]
    else:
        rows += _workbook_rows(path.read_bytes())
    return rows, texts


def leaks(paths: list[Path], secrets: list[tuple[str, int]]) -> list[str]:
    """Where a (label, value) the recipient may not see is shown: a row naming the label that
    holds the value, or text that puts them side by side."""
    found = []
    for path in paths:
        rows, texts = read_back(path)
        for label, value in secrets:
            key = label.casefold()
            for row in rows:
                names = [str(c).casefold() for c in row if c is not None and _number(c) is None]
                if any(n == key or n.endswith(" / " + key) for n in names) and value in [_number(c) for c in row]:
                    found.append(f"{path.name}: row {row} shows {label} = {value}")
            v = rf"(?<![\d,.]){value}(?![\d,.]?\d)"  # 3, not 3,143 or 2.5
            near = re.compile(rf"\b{re.escape(label)}\W{{1,3}}{v}|{v}\s+(?:\w+\s+){{0,2}}{re.escape(label)}\b",
                              re.IGNORECASE)
            found += [f"{path.name}: text {t[:80]!r} shows {label} = {value}" for t in texts if near.search(t)]
    return found


def set_disclosure(report_toml: Path, body: str) -> None:
    """Replace report.toml's [disclosure] table (if any) with one holding `body`."""
    lines, out, skipping = report_toml.read_text(encoding="utf-8").splitlines(), [], False
    for line in lines:
        if line.strip().startswith("["):
            skipping = line.strip() == "[disclosure]"
        if not skipping:
            out.append(line)
    report_toml.write_text("\n".join(out) + f"\n\n[disclosure]\n{body}\n", encoding="utf-8")
