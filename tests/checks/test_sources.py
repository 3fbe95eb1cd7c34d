"""Source lines: labels.toml's [sources] gives each dataset's once, a part's own `source`
overrides it, and `check` warns of a chart that prints none."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

import docx
from hsp_docs.checks.sources import check_sources
from hsp_docs.cli import main
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.sections import build_report_model

LADO = "Harrow LADO service, case records on the social care MOSAIC system"


def _labels(folder, old: str, new: str) -> None:
    path = folder / "labels.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_every_chart_and_table_of_the_default_report_has_a_source_line(default_data, default_report):
    parts = [*default_report.charts(), *default_report.tables()]
    assert parts and [p.caption for p in parts if not p.source] == []
    assert {c.source for c in default_report.charts() if c.key.startswith("lado_")} == {LADO}
    assert check_sources(default_data, default_report) == []


def test_the_source_line_is_a_note_under_its_chart_in_word_and_on_its_sheet(built, default_report):
    body = docx.Document(str(built / "report.docx")).paragraphs
    charts = [i for i, p in enumerate(body) if p._p.xpath(".//c:chart")]
    assert len(charts) == len(default_report.charts())
    for i, chart in zip(charts, default_report.charts()):  # under the chart: its notes, then its source line
        source = body[i + 1 + len(chart.notes)]
        assert (source.text, source.style.name) == (f"Source: {chart.source}", "Table Note"), chart.caption
    first = default_report.charts()[0]
    sheet = load_workbook(built / "datapack.xlsx")[first.sheet_name]
    assert f"Source: {first.source}" in [row[0] for row in sheet.iter_rows(max_row=4, values_only=True)]


def test_a_parts_own_source_overrides_its_datasets(inputs_copy):
    _labels(inputs_copy, "[chart.lado_meetings]\n",
            '[chart.lado_meetings]\nsource = "LADO meeting log, {current_year}"\n')
    charts = {c.key: c.source for c in build_report_model(load_inputs(inputs_copy)).charts()}
    assert charts["lado_meetings"] == "LADO meeting log, 2022-23"
    assert charts["lado_outcomes"] == charts["lado_contacts"] == LADO


def test_check_warns_of_a_chart_without_a_source_line(inputs_copy):
    _labels(inputs_copy, "[chart.lado_outcomes]\n", '[chart.lado_outcomes]\nsource = ""\n')
    r = CliRunner().invoke(main, ["check", str(inputs_copy), "--json"], env={"HSP_DOCS_SOFFICE": "none"})
    found = [f for f in json.loads(r.output)["findings"] if f["check"] == "chart-source"]
    report = build_report_model(load_inputs(inputs_copy))
    figure = next(c for c in report.charts() if c.key == "lado_outcomes")
    assert [(f["severity"], f["where"]) for f in found] == [("warning", "labels.toml")]
    assert found[0]["message"].startswith(f'{figure.label}, "{figure.title}", has no source line')
    assert "[sources] for lado_outcomes" in found[0]["message"] and "[chart.lado_outcomes]" in found[0]["message"]
    assert found[0]["owner"] == "LADO"  # report.toml's [owners] for lado_*


@pytest.mark.parametrize("entry, problem", [
    ('"lado-*" = "LADO records"', 'sources.lado-*: no dataset has this name or matches this pattern'),
    ('"reviews" = 2023', "sources.reviews: expected text in quotes, got 2023"),
    ('"reviews" = "{council} reviews"', "sources.reviews: unknown field {council}"),
])
def test_a_wrong_source_entry_is_an_input_error_naming_it(inputs_copy, entry, problem):
    _labels(inputs_copy, "[sources]\n", f"[sources]\n{entry}\n")
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    found = [str(p) for p in exc.value.problems]
    assert len(found) == 1 and found[0].startswith("2022-23/labels.toml: ") and problem in found[0]
