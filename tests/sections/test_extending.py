"""docs/extending.md, followed: a new section with one table and one bar chart, declared with
@table and @chart on its builders, placed by its narrative, reaches the Word report, the workbook
and every data pack, and `check` and labels.toml know its parts. The toy section draws on the
default inputs' vah_delivery.csv (training delivered by the voluntary sector), which no report
part uses."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import hsp_docs
from conftest import validate_ooxml
from hsp_docs.build import build_all
from hsp_docs.labels import Labels, check_labels
from hsp_docs.packs.build import build_packs
from hsp_docs.parts import Chart, Table
from hsp_docs.reference import parts_markdown
from hsp_docs.sections.declare import PARTS, chart, table
from hsp_docs.sections.registry import declared_labels
from hsp_docs.sections.shapes import Slot, labelled_chart, labelled_table

TABLE_TITLE = "Voluntary sector safeguarding training delivered"
CHART_TITLE = "Voluntary sector training sessions by activity"  # as labels.toml rewords it
TOY_LABELS = f'\n[chart.toy_vah_delivery]\ntitle = "{CHART_TITLE}"\n'


@pytest.fixture
def toy_parts():
    """Step 1 of docs/extending.md: the builders, each declared once (and forgotten afterwards)."""
    before = dict(PARTS)

    @table("toy_vah_delivery", datasets="vah_delivery", owner="training", in_packs=True,
           what="the table of training delivered by the voluntary sector",
           title=TABLE_TITLE, columns={"activity": "Activity", "level": "Level", "count": "Sessions"})
    def delivery_table(data, lab: Labels) -> Table:
        rows = [[r.activity, r.level, r.count] for r in data.rows("vah_delivery")]
        slots = [Slot("activity"), Slot("level"), Slot("count", "count")]
        return labelled_table(lab, slots, rows, omit=data.blank_columns("vah_delivery"))

    @chart("toy_vah_delivery", datasets="vah_delivery", owner="training", in_packs=True,
           what="the chart of training delivered by the voluntary sector",
           title="Sessions by activity", series={"count": "Sessions"},
           axes={"value": "Number of sessions", "category": "Activity"})
    def delivery_chart(data, lab: Labels) -> Chart:
        rows = data.rows("vah_delivery")
        desc = ", ".join(f"{r.activity} {r.count}" for r in rows)
        return labelled_chart(lab, "bar", [r.activity for r in rows], [("count", [r.count for r in rows])],
                              f"{desc}.")

    yield
    PARTS.clear()
    PARTS.update(before)


def add_section(folder: Path) -> None:
    """Steps 2 and 3: the section in report.toml, its words placing the parts, a label reworded."""
    with (folder / "report.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[sections]]\nkey = "voluntary_training"\ntitle = "Voluntary sector training"\n')
    (folder / "narrative" / "voluntary_training.md").write_text(
        "The voluntary sector delivered its own safeguarding training.\n\n"
        "[[table: toy_vah_delivery]]\n\n[[chart: toy_vah_delivery]]\n", encoding="utf-8")
    with (folder / "labels.toml").open("a", encoding="utf-8") as f:
        f.write(TOY_LABELS)


def docx_text(path: Path) -> tuple[str, str]:
    """(the document's text, the text of its charts)."""
    with zipfile.ZipFile(path) as z:
        body = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)<", z.read("word/document.xml").decode()))
        charts = " ".join(z.read(n).decode() for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n))
    return body, charts


def cells(path: Path) -> set[str]:
    wb = load_workbook(path, read_only=True)
    return {str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None}


def test_a_toy_section_reaches_every_output_and_check(toy_parts, inputs_copy, tmp_path):
    add_section(inputs_copy)
    data = hsp_docs.load_inputs(inputs_copy)
    out = tmp_path / "out"
    build_all(data, out, soffice=None)
    result = build_packs(data, out / "packs", jobs=1)
    assert not result.failed and result.written
    validate_ooxml(out / "report.docx", out / "datapack.xlsx", *result.written)

    section = hsp_docs.build_section(data, "voluntary_training")
    table_, chart_ = (b.table if hasattr(b, "table") else b.chart for b in section.blocks[1:])
    assert (table_.title, chart_.title, chart_.kind) == (TABLE_TITLE, CHART_TITLE, "bar")
    activities = [r.activity for r in data.rows("vah_delivery")]
    assert chart_.categories == activities and table_.rows[0][0] == activities[0]

    body, charts = docx_text(out / "report.docx")
    assert TABLE_TITLE in body and CHART_TITLE in body and "Voluntary sector training" in body
    assert all(f"<c:v>{a}</c:v>" in charts for a in activities)  # the chart's categories, from the data
    workbook = cells(out / "datapack.xlsx")
    assert any(TABLE_TITLE in c for c in workbook) and any(CHART_TITLE in c for c in workbook)
    for pack in result.written:  # partnership-wide summaries: declared in_packs
        texts = cells(pack)
        assert any(TABLE_TITLE in c for c in texts) and any(f"{CHART_TITLE} (partnership-wide)" in c for c in texts)

    # check: labels.toml may reword the parts, docs/parts.md lists them, and a finding about
    # their data says what it fills and goes to the data's owner
    assert check_labels({"table": {"toy_vah_delivery": {"title": "x"}}}, declared_labels()) == []
    assert "### `[[chart: toy_vah_delivery]]`" in parts_markdown()
    (inputs_copy / "vah_delivery.csv").write_text("activity,level,count\n", encoding="utf-8")
    findings = [f for f in hsp_docs.check(inputs_copy) if f.check == "no-rows-yet" and f.where == "vah_delivery.csv"]
    assert len(findings) == 1 and "It fills the table of training delivered by the voluntary sector" in \
        findings[0].message and findings[0].owner == "Voluntary Action Harrow"


def test_without_the_declarations_neither_labels_nor_words_may_name_the_parts(inputs_copy):
    """Parts no builder declares: labels.toml may not reword them, nor a section's words place
    them (an error naming the file and line)."""
    add_section(inputs_copy)
    with pytest.raises(hsp_docs.InputError, match=r"labels\.toml: \[chart\.toy_vah_delivery\]: no chart has the key"):
        hsp_docs.load_inputs(inputs_copy)
    labels = inputs_copy / "labels.toml"
    labels.write_text(labels.read_text(encoding="utf-8").replace(TOY_LABELS, ""), encoding="utf-8")
    unknown = r"voluntary_training\.md, row 3: \[\[table: toy_vah_delivery\]\] is not a table the report knows"
    with pytest.raises(hsp_docs.InputError, match=unknown):
        hsp_docs.build_section(hsp_docs.load_inputs(inputs_copy), "voluntary_training")
