"""The Word route end to end: the default narratives exported to Word templates, the Markdown
removed, and the report built from the templates (also after LibreOffice has saved them)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from click.testing import CliRunner

from conftest import SEED, need_shared, need_tool, validate_ooxml
from hsp_docs.build import report_bytes
from hsp_docs.cli import main
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.sections import build_report_model
from tests_helpers import blocks_signature


def exported(folder):
    result = CliRunner().invoke(main, ["narrative", "export", str(folder), "--to", "docx", "--remove"])
    assert result.exit_code == 0, result.output
    return sorted((folder / "narrative").glob("*.docx"))


def same_report(a, b) -> None:
    """Two reports section by section: the same words, formats, footnotes, tables and charts."""
    assert [s.key for s in a.sections] == [s.key for s in b.sections]
    for x, y in zip(a.sections, b.sections):
        assert blocks_signature(y.blocks) == blocks_signature(x.blocks), x.key


def footnotes(docx_bytes: bytes, tmp_path) -> int:
    path = tmp_path / "r.docx"
    path.write_bytes(docx_bytes)
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/footnotes.xml").decode()
    return len(re.findall(r'<w:footnote w:id="[1-9]\d*"', xml))


def fidelity(path) -> tuple[float, float]:
    tool = need_shared(SEED.parents[1] / "tools" / "fidelity.py")
    out = subprocess.run([sys.executable, str(tool), str(SEED), str(path)], capture_output=True, text=True).stdout
    m = re.search(r"prose ([\d.]+)% .* tables ([\d.]+)%", out)
    assert m, out
    return float(m.group(1)), float(m.group(2))


@pytest.fixture(scope="module")
def word_inputs(tmp_path_factory):
    from conftest import DEFAULT_INPUTS

    folder = tmp_path_factory.mktemp("word") / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, folder)
    templates = exported(folder)
    assert [p.stem for p in templates] == sorted(p.stem for p in (DEFAULT_INPUTS / "narrative").glob("*.md"))
    assert not list((folder / "narrative").glob("*.md"))
    return folder


def test_the_default_report_built_from_word_templates_is_the_same(word_inputs, default_report, default_data, tmp_path):
    validate_ooxml(*sorted((word_inputs / "narrative").glob("*.docx")))
    data = load_inputs(word_inputs)
    report = build_report_model(data)
    same_report(default_report, report)
    built, _ = report_bytes(data, soffice=None, report=report)
    out = tmp_path / "report.docx"
    out.write_bytes(built)
    validate_ooxml(out)
    prose, cells = fidelity(out)
    assert prose >= 99.5 and cells >= 98.0
    assert footnotes(built, tmp_path) == footnotes(report_bytes(default_data, soffice=None)[0], tmp_path) == 14
    assert [t.key for t in report.tables()] == [t.key for t in default_report.tables()]
    assert [c.key for c in report.charts()] == [c.key for c in default_report.charts()]


def test_templates_saved_by_libreoffice_build_the_same_report(word_inputs, default_report, tmp_path):
    soffice = need_tool("soffice")
    folder = tmp_path / "2022-23"
    shutil.copytree(word_inputs, folder)
    saved = tmp_path / "saved"
    templates = sorted((folder / "narrative").glob("*.docx"))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "docx",
                    "--outdir", str(saved), *map(str, templates)], check=True, capture_output=True, timeout=300)
    for t in templates:
        resaved = saved / t.name
        assert resaved.read_bytes() != t.read_bytes()
        shutil.copy(resaved, t)
    data = load_inputs(folder)
    assert not [w for w in data.warnings if "narrative" in w.file]
    same_report(default_report, build_report_model(data))


def test_export_to_markdown_and_back_builds_the_same_report(word_inputs, default_report, tmp_path):
    folder = tmp_path / "2022-23"
    shutil.copytree(word_inputs, folder)
    result = CliRunner().invoke(main, ["narrative", "export", str(folder), "--to", "md", "--remove"])
    assert result.exit_code == 0, result.output
    assert not list((folder / "narrative").glob("*.docx"))
    same_report(default_report, build_report_model(load_inputs(folder)))


def test_export_never_replaces_a_file_without_force(inputs_copy):
    runner = CliRunner()
    assert runner.invoke(main, ["narrative", "export", str(inputs_copy), "--to", "docx"]).exit_code == 0
    target = inputs_copy / "narrative" / "introduction.docx"
    before = target.read_bytes()
    result = runner.invoke(main, ["narrative", "export", str(inputs_copy), "--to", "docx"])
    assert result.exit_code == 0 and "skipped introduction.md: introduction.docx already exists" in result.output
    assert target.read_bytes() == before
    assert runner.invoke(main, ["narrative", "export", str(inputs_copy), "--to", "docx", "--force"]).exit_code == 0


def test_new_year_carries_word_templates_forward_and_check_finds_what_is_missing(word_inputs, tmp_path):
    from hsp_docs.checks.missing import check_missing
    from hsp_docs.newyear import new_year

    folder = tmp_path / "2022-23"
    shutil.copytree(word_inputs, folder)
    dest = new_year("2023-24", folder)
    assert sorted(p.name for p in (dest / "narrative").iterdir()) == sorted(
        p.name for p in (folder / "narrative").iterdir())
    validate_ooxml(dest / "narrative" / "training.docx")
    data = load_inputs(dest)
    findings = check_missing(data)
    markers = [f for f in findings if f.check == "words-to-update"]
    assert {f.where for f in markers} == {f"narrative/{p.name}" for p in (dest / "narrative").glob("*.docx")}
    assert all(f.message.startswith("paragraph 1 ('[to be completed: update this section") for f in markers)
    figures = [f for f in findings if f.check == "figure-to-complete" and f.where == "narrative/training.docx"]
    attended = next(f for f in figures if "{{ training.attended }}" in f.message)
    assert re.match(r"paragraph \d+ \('In October 2021 the partnership", attended.message)
    assert attended.owner == "Learning and development"
