"""Page flow, as a reader sees it: the report rendered by LibreOffice to PDF and read back page by
page with pypdf. No caption or heading ends a page, a table's header row is on every page the
table spans, and no page after the contents is under a third full unless it is a chapter's last."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import DEFAULT_INPUTS, ROOT, need_tool

EXAMPLE = ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24"
MARGIN = 72  # points: the page's text area starts about an inch from the top and the bottom
BAND = 50  # points: running header and footer lines lie in this band at the top and the bottom


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).casefold()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", _norm(text))


def _pages(pdf: Path) -> list[tuple[float, list[tuple[float, str]]]]:
    """Each page's height and its body lines (top to bottom) with their heights on the page."""
    out = []
    for page in PdfReader(pdf).pages:
        height = float(page.mediabox.height)
        lines: dict[int, list[str]] = {}

        def visit(text, cm, tm, font, size, lines=lines):
            if text.strip():
                lines.setdefault(round(tm[5]), []).append(text.strip())

        page.extract_text(visitor_text=visit)
        body = [(float(y), " ".join(lines[y])) for y in sorted(lines, reverse=True) if BAND < y < height - BAND]
        out.append((height, body))
    return out


@pytest.fixture(scope="module", params=["default", "example"])
def rendered(request, tmp_path_factory):
    from hsp_docs.build import build_all, report_model
    from hsp_docs.inputs.loader import load_inputs

    soffice = need_tool("soffice")
    data = load_inputs(DEFAULT_INPUTS if request.param == "default" else EXAMPLE)
    out = tmp_path_factory.mktemp(f"layout-{request.param}")
    build_all(data, out, soffice=soffice, pdf=True)
    assert (out / "report.pdf").exists()
    return report_model(data), _pages(out / "report.pdf")


def _chapter_starts(report, pages) -> set[int]:
    """The pages a chapter starts on, and the back page (the last), which ends the final chapter."""
    titles = [_norm(f"{i}. {s.title}") for i, s in enumerate(report.sections, 1)]
    return {n for n, (_, body) in enumerate(pages) if body and any(_norm(body[0][1]).startswith(t[:30])
                                                                    for t in titles)} | {len(pages) - 1}


def test_no_caption_or_heading_ends_a_page(rendered):
    from hsp_docs.parts import Heading

    report, pages = rendered
    headings = {_norm(f"{i}. {s.title}") for i, s in enumerate(report.sections, 1)}
    headings |= {_norm(b.text) for s in report.sections for b in s.blocks if isinstance(b, Heading)}
    first = min(_chapter_starts(report, pages))
    stranded = []
    for n, (_, body) in enumerate(pages[first:-1], first + 1):
        last = _norm(body[-1][1]) if body else ""
        if re.match(r"(table|figure) \d+:", last) or last in headings:
            stranded.append((n, last))
    assert not stranded, stranded


def test_a_tables_header_row_is_on_every_page_it_spans(rendered):
    report, pages = rendered
    texts = [_squash(" ".join(line for _, line in body)) for _, body in pages]
    spanning = 0
    for table in report.tables():
        if not table.rows:
            continue
        caption = _squash(f"Table {table.number}: {table.title}")[:40]
        start = next((n for n, t in enumerate(texts) if caption in t), None)
        assert start is not None, table.caption
        last_row = _squash(" ".join(table.cell_texts()[-1]))[:30]
        end = next((n for n in range(start, len(texts)) if last_row in texts[n]), start)
        spanning += end > start
        for n in range(start + 1, end + 1):
            for header in (table.columns[0].header, table.columns[-1].header):
                assert _squash(header) in texts[n], (table.caption, f"page {n + 1}", header)
    assert spanning or report.meta.partnership.startswith("Kestrel")  # the default report has tables that span


def test_no_page_is_under_a_third_full_but_a_chapters_last(rendered):
    report, pages = rendered
    starts = _chapter_starts(report, pages)
    thin = []
    for n in range(min(starts), len(pages)):
        height, body = pages[n]
        top = height - MARGIN
        fill = (top - body[-1][0]) / (top - MARGIN) if body else 0.0
        chapters_last = n + 1 in starts or n == len(pages) - 1
        if fill < 1 / 3 and not chapters_last:
            thin.append((n + 1, round(fill, 2)))
    assert not thin, thin
