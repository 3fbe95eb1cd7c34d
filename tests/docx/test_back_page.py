"""The back page: publisher, contact, the statement on other formats and the copyright line, all
from report.toml."""
from __future__ import annotations

import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _last_page(docx) -> list[str]:
    body = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml")).find(f"{{{W}}}body")
    paras = body.findall(f"{{{W}}}p")
    start = max(i for i, p in enumerate(paras) if p.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore") is not None)
    return ["".join(p.itertext()) for p in paras[start:]]


def test_the_back_page_comes_from_the_inputs(built, default_data):
    m = default_data.meta
    page = _last_page(built / "report.docx")
    assert page[0] == m.partnership and f"Contact: {m.contact}" in page
    assert page[-1] == f"\u00a9 {m.partnership} {m.publication_date.year}"  # the default copyright line
    assert any(line.startswith("This report is available in other formats") for line in page)


def test_report_toml_sets_the_statement_and_the_copyright(inputs_copy, tmp_path):
    from hsp_docs import build_report
    from hsp_docs.inputs.loader import load_inputs

    path = inputs_copy / "report.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'area = "Harrow"', 'area = "Harrow"\naccessible_formats = "Ask us for braille."\n'
                           'copyright = "Crown copyright 2023, Open Government Licence"'), encoding="utf-8")
    build_report(load_inputs(inputs_copy), tmp_path / "r.docx")
    page = _last_page(tmp_path / "r.docx")
    assert page[-2:] == ["Ask us for braille.", "Crown copyright 2023, Open Government Licence"]
