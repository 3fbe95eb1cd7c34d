"""The fictional Kestrel Vale partnership (examples/): another partnership, built by the same code
from its own configuration: its boards, agencies, budget lines, sections and datasets."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, validate_ooxml
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.parts import ChartBlock, TableBlock

EXAMPLE = ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24"


@pytest.fixture(scope="module")
def example():
    return load_inputs(EXAMPLE)


@pytest.fixture(scope="module")
def example_report(example):
    from hsp_docs.sections import build_report_model

    return build_report_model(example)


def docx_text(path: Path) -> str:
    import docx

    d = docx.Document(str(path))
    cells = [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def test_its_configuration_is_its_own(example):
    m = example.meta
    assert m.partnership == "Kestrel Vale Safeguarding Children Partnership" and m.area == "Kestrel Vale"
    assert [b.key for b in m.boards] == ["EXEC", "PB", "ESB", "CEMB"]
    assert [c.key for c in m.budget] == ["contributions", "business unit", "learning", "scrutiny"]
    assert not any(example.is_present(n) for n in example.datasets if n.startswith("asc_"))
    assert example.agencies.canonical("Police") == "Kestrel Vale Constabulary"
    (audits,) = example.appendices  # a record-level appendix table, declared in its report.toml
    assert audits.key == "case_audits" and len(audits.rows) == 36
    assert audits.rows[0] == ("KV-AUD-001", dt.date(2023, 4, 24), "Adolescent mental health", 4,
                              "Requires improvement", 57)


def test_sections_come_from_report_toml_and_absent_data_is_left_out(example, example_report):
    assert [s.title for s in example_report.sections] == [
        "Foreword from the Independent Scrutineer", "About the partnership", "Learning and development",
        "Managing allegations against people who work with children", "What the data tells us",
        "Resources and attendance", "Priorities for 2024-25"]
    assert "adults" in [s.key for s in example.meta.sections]  # listed, but its data is absent
    assert example_report.notes == [("Section 'Safeguarding adults' left out: its data (asc_monthly.csv, "
                                     "asc_abuse_types.csv, asc_five_year.csv) is not in the inputs.")]
    tables = [b.table.key for s in example_report.sections for b in s.blocks if isinstance(b, TableBlock)]
    assert tables == ["multi_agency_courses", "reviews", "csc_contacts_quarterly", "csc_contact_sources",
                      "csc_contact_outcomes", "case_audits", "budget_outturn", "attendance_EXEC", "attendance_PB",
                      "attendance_ESB", "attendance_CEMB"]
    charts = [b.chart.key for s in example_report.sections for b in s.blocks if isinstance(b, ChartBlock)]
    assert charts == ["lado_contacts", "lado_referral_settings", "lado_outcomes", "csc_contact_sources",
                      "csc_contact_outcomes"]


def test_its_budget_and_figures(example, example_report):
    b = example.budget
    assert (b.total("contributions").value, b.total_expenditure.value, b.net_expenditure.value) == \
        (128250, 161650, 33400)
    budget = next(b.table for s in example_report.sections for b in s.blocks
                  if isinstance(b, TableBlock) and b.table.key == "budget_outturn")
    assert ["Scrutiny", "Total scrutiny and review costs", 25500] in budget.rows
    assert budget.rows[-1][1] == "Shortfall met by Kestrel Vale Council"  # its own wording (labels.toml)
    assert str(example.lado.contacts_change) == "9%" and example.lado.contacts_change.word("rose", "fell") == "rose"
    assert str(example.lado.referrals_change.abs) == "5%"


def test_the_example_has_no_findings_but_its_stand_in_pictures(example):
    from hsp_docs.checks.data import check_data
    from hsp_docs.checks.missing import check_missing
    from hsp_docs.checks.previous_year import check_previous_year

    findings = check_data(example) + check_missing(example) + check_previous_year(example)
    # its report is final, so each stand-in (declared in report.toml) is an error until replaced
    assert [(f.severity, f.check) for f in findings] == [("error", "placeholder-image")] * 2


def test_build_the_example_report(example, tmp_path):
    from hsp_docs import build_report

    build_report(example, tmp_path / "report.docx")
    validate_ooxml(tmp_path / "report.docx")
    text = docx_text(tmp_path / "report.docx")
    assert "Harrow" not in text and "[to be completed" not in text
    assert "The LADO received 204 contacts in 2023-24, compared with 188 in 2022-23: contacts rose by 9%." in text
    assert "Who attended the Child Exploitation and Missing Board" in text
    assert "Multi-agency case audits completed, 2023-24" in text and "KV-AUD-036" in text


def test_build_the_example_with_the_workbook(example, tmp_path):
    from hsp_docs.build import build_all

    result = build_all(example, tmp_path)
    assert [p.name for p in result.outputs][:3] == ["report.docx", "datapack.xlsx", "datapack-long.csv"]
    assert any("'Safeguarding adults' left out" in n for n in result.notes)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    from hsp_docs.xlsx.standard import check_workbook

    assert check_workbook(tmp_path / "datapack.xlsx") == []  # another partnership's workbook meets it too


def test_a_part_whose_data_is_absent_is_skipped_with_a_note(tmp_path):
    from hsp_docs.sections import build_report_model

    folder = tmp_path / "2023-24"
    shutil.copytree(EXAMPLE, folder)
    words = folder / "narrative" / "children_data.md"
    words.write_text(words.read_text(encoding="utf-8") + "\n[[chart: asc_monthly]]\n", encoding="utf-8")
    report = build_report_model(load_inputs(folder))
    assert any(n.startswith("narrative/children_data.md, line ") and "[[chart: asc_monthly]] left out: "
               "asc_monthly.csv not in the inputs" in n for n in report.notes)


def test_adding_the_adults_data_brings_the_section_back(tmp_path):
    from hsp_docs.sections import build_report_model

    folder = tmp_path / "2023-24"
    shutil.copytree(EXAMPLE, folder)
    for name in ("asc_monthly", "asc_abuse_types", "asc_five_year"):
        shutil.copy(ROOT / "inputs" / "2022-23" / f"{name}.csv", folder)
    (folder / "asc_five_year.csv").write_text(
        (folder / "asc_five_year.csv").read_text(encoding="utf-8").replace("2022-23", "2023-24").replace(
            "2021-22", "2022-23"), encoding="utf-8")
    report = build_report_model(load_inputs(folder))
    adults = next(s for s in report.sections if s.key == "adults")
    charts = [b.chart for b in adults.blocks if isinstance(b, ChartBlock)]
    assert [c.key for c in charts] == ["asc_monthly", "asc_concerns_enquiries"]
    assert report.notes == []


def output_texts(folder: Path) -> set[str]:
    """Every text of every .docx (paragraphs, cells, chart text and alt text, properties), .xlsx
    (every cell) and .html (every element's text, and alt and aria labels) under folder."""
    import re
    import zipfile

    from openpyxl import load_workbook

    texts: set[str] = set()
    for path in folder.rglob("*.docx"):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".xml"):
                    xml = z.read(name).decode("utf-8")
                    runs = re.findall(r"<(?:w:t|a:t|c:v|dc:\w+|cp:\w+)(?:\s[^>]*)?>([^<]*)<", xml)
                    texts.update(runs + re.findall(r'descr="([^"]*)"', xml))
                    texts.update("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)<", p))
                                 for p in re.findall(r"<w:p[ >].*?</w:p>", xml))
    for path in folder.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        texts.update(t.strip() for t in re.findall(r">([^<]+)<", page))
        texts.update(re.findall(r'(?:alt|aria-label)="([^"]*)"', page))
    for path in folder.rglob("*.xlsx"):
        for ws in load_workbook(path, read_only=True).worksheets:
            texts.update(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    return {t for t in texts if t.strip()}


def harrow_only_wording() -> list[str]:
    """The fixed strings of the default inputs' labels.toml that neither the code's neutral
    defaults nor the example's labels.toml use: the pieces of each label between its {fields}."""
    import re
    import tomllib

    from hsp_docs.sections.registry import PARTS

    def strings(value) -> list[str]:
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        return [value] if isinstance(value, str) else []

    harrow = strings(tomllib.loads((ROOT / "inputs" / "2022-23" / "labels.toml").read_text(encoding="utf-8")))
    own = strings(tomllib.loads((EXAMPLE / "labels.toml").read_text(encoding="utf-8")))
    own += [s for spec in PARTS.values() for s in strings(spec.labels.as_dict())]
    pieces = {p.strip(" :.,()") for s in harrow for p in re.split(r"\{\w+\}", s)}
    return sorted(p for p in pieces if len(p) >= 3 and p not in ("as written",) and not any(p in s for s in own))


def test_the_example_prints_none_of_the_default_inputs_wording(example, tmp_path):
    """The example has its own labels.toml and no MASH data: no label only Harrow's inputs define
    appears in its report, workbook or packs."""
    from hsp_docs.build import build_all, build_html
    from hsp_docs.packs.build import build_packs

    assert "mashed" in example.blank_columns("csc_contacts_quarterly")  # no MASH column at all
    build_all(example, tmp_path, soffice=None)
    build_html(example, tmp_path)
    assert not build_packs(example, tmp_path / "packs", jobs=2).failed
    texts = output_texts(tmp_path)
    wording = harrow_only_wording()
    assert "Number of contacts that were MASHed" in wording and "Net Expenditure funded by" in wording
    assert "Delegate No" in wording and "Contacts electronically recorded" in wording
    long_texts = "\n".join(texts)
    found = [w for w in wording if (w in long_texts if len(w) >= 12 else w in texts)]
    assert found == []
    assert not any("MASH" in t for t in texts)
