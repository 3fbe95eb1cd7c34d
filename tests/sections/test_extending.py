"""docs/extending.md, followed as written: its builders (declared with @table and @chart), its
report.toml entry and its narrative, run on a copy of the default inputs, give a section whose
table and bar chart reach the Word report, the workbook and every data pack, and which `check`
and labels.toml know. The section draws on vah_delivery.csv, which no other part uses."""
from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import hsp_docs
from conftest import ROOT, validate_ooxml
from hsp_docs.build import build_all
from hsp_docs.labels import check_labels
from hsp_docs.packs.build import build_packs
from hsp_docs.reference import parts_markdown
from hsp_docs.sections.declare import PARTS
from hsp_docs.sections.registry import declared_labels

DOC = (ROOT / "docs" / "extending.md").read_text(encoding="utf-8")
CODE, TOML, WORDS = (re.search(rf"```{lang}\n(.*?)```", DOC, re.S).group(1) for lang in ("python", "toml", "markdown"))
SECTION = tomllib.loads(TOML)["sections"][0]
CHART_TITLE = "Voluntary sector training sessions by activity"  # as labels.toml rewords it
REWORDED = f'\n[chart.vah_delivery]\ntitle = "{CHART_TITLE}"\n'


@pytest.fixture
def declared_parts():
    """Step 1: the builders, declared as the page writes them in a module of hsp_docs.sections
    (and forgotten afterwards)."""
    before = dict(PARTS)
    code = CODE.replace("from ..", "from hsp_docs.").replace("from .", "from hsp_docs.sections.")
    exec(compile(code, "docs/extending.md", "exec"), {"__name__": "hsp_docs.sections.extending_example"})
    yield PARTS["table:vah_delivery"], PARTS["chart:vah_delivery"]
    PARTS.clear()
    PARTS.update(before)


def add_section(folder: Path) -> None:
    """Step 2: the section in report.toml and its words placing the parts; and a label reworded."""
    with (folder / "report.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + TOML)
    (folder / "narrative" / f"{SECTION['key']}.md").write_text(WORDS, encoding="utf-8")
    with (folder / "labels.toml").open("a", encoding="utf-8") as f:
        f.write(REWORDED)


def docx_text(path: Path) -> tuple[str, str]:
    """(the document's text, the text of its charts)."""
    with zipfile.ZipFile(path) as z:
        body = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)<", z.read("word/document.xml").decode()))
        charts = " ".join(z.read(n).decode() for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
    return body, charts


def cells(path: Path) -> set[str]:
    wb = load_workbook(path, read_only=True)
    return {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_the_new_section_reaches_every_output_and_check(declared_parts, inputs_copy, tmp_path):
    table_spec, chart_spec = declared_parts
    add_section(inputs_copy)
    data = hsp_docs.load_inputs(inputs_copy)
    out = tmp_path / "out"
    build_all(data, out, soffice=None)
    result = build_packs(data, out / "packs", jobs=1)
    assert not result.failed and result.written
    validate_ooxml(out / "report.docx", out / "datapack.xlsx", *result.written)

    section = hsp_docs.build_section(data, SECTION["key"])
    table, chart = (b.table if hasattr(b, "table") else b.chart for b in section.blocks[1:])
    table_title = table_spec.labels.title
    assert (table.title, chart.title, chart.kind) == (table_title, CHART_TITLE, "bar")
    activities = [r.activity for r in data.rows("vah_delivery")]
    assert chart.categories == activities and [r[0] for r in table.rows] == activities

    body, charts = docx_text(out / "report.docx")
    assert table_title in body and CHART_TITLE in body and SECTION["title"] in body
    assert all(f"<c:v>{a}</c:v>" in charts for a in activities)  # the chart's categories, from the data
    workbook = cells(out / "datapack.xlsx")
    assert any(table_title in c for c in workbook) and any(CHART_TITLE in c for c in workbook)
    for pack in result.written:  # partnership-wide summaries: declared in_packs
        texts = cells(pack)
        assert any(table_title in c for c in texts) and any(f"{CHART_TITLE} (partnership-wide)" in c for c in texts)

    # check: labels.toml may reword the parts, docs/parts.md lists them, and a finding about
    # their data says what it fills and goes to the data's owner
    assert check_labels({"table": {"vah_delivery": {"title": "x"}}}, declared_labels()) == []
    assert "### `[[chart: vah_delivery]]`" in parts_markdown()
    (inputs_copy / "vah_delivery.csv").write_text("activity,level,count\n", encoding="utf-8")
    findings = [f for f in hsp_docs.check(inputs_copy) if f.check == "no-rows-yet" and f.where == "vah_delivery.csv"]
    assert len(findings) == 1 and f"It fills {table_spec.what}; {chart_spec.what}." in findings[0].message
    assert findings[0].owner == "Voluntary Action Harrow"  # report.toml's [owners] "vah_*"


def test_without_the_declarations_neither_labels_nor_words_may_name_the_parts(inputs_copy):
    """Parts no builder declares: labels.toml may not reword them, nor a section's words place
    them (an error naming the file and line)."""
    add_section(inputs_copy)
    with pytest.raises(hsp_docs.InputError, match=r"labels\.toml: \[chart\.vah_delivery\]: no chart has the key"):
        hsp_docs.load_inputs(inputs_copy)
    labels = inputs_copy / "labels.toml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(REWORDED, ""), encoding="utf-8")
    line = WORDS.splitlines().index("[[table: vah_delivery]]") + 1
    unknown = rf"{SECTION['key']}\.md, row {line}: \[\[table: vah_delivery\]\] is not a table the report knows"
    with pytest.raises(hsp_docs.InputError, match=unknown):
        hsp_docs.build_section(hsp_docs.load_inputs(inputs_copy), SECTION["key"])
