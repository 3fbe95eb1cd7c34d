"""The public API, as a script sees it: only `import hsp_docs` (no submodule), every public
function driven, outputs written to paths and to BytesIO; and the README's Python example run
as it is written there."""
from __future__ import annotations

import inspect
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

import hsp_docs
from conftest import DEFAULT_INPUTS, ROOT, need_tool, validate_ooxml
from tests_helpers import set_cell


@pytest.fixture(scope="module")
def data():
    return hsp_docs.load_inputs(DEFAULT_INPUTS)


def zip_names(blob: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(blob)).namelist())


def test_every_public_name_resolves_and_is_documented():
    api = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in hsp_docs.__all__:
        obj = getattr(hsp_docs, name)
        if callable(obj):
            assert obj.__doc__, name
            assert f"`{name}" in api, f"docs/api.md does not describe {name}"
        if inspect.isfunction(obj):  # fully annotated: every parameter and the return
            sig = inspect.signature(obj)
            assert sig.return_annotation is not sig.empty, name
            assert all(p.annotation is not p.empty for p in sig.parameters.values()), name
    with pytest.raises(AttributeError):
        hsp_docs.no_such_thing  # noqa: B018


def test_load_inputs_gives_typed_data(data):
    assert isinstance(data, hsp_docs.ReportData) and isinstance(data.meta, hsp_docs.Meta)
    assert data.meta.current_year == "2022-23"
    assert len(data.frame("training_courses")) == len(data.rows("training_courses")) > 0


def test_load_inputs_raises_input_error_with_structured_problems(tmp_path):
    bad = tmp_path / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, bad)
    set_cell(bad, "vah_reach", 2, "count", "lots")
    with pytest.raises(hsp_docs.InputError) as caught:
        hsp_docs.load_inputs(bad)
    assert isinstance(caught.value, hsp_docs.HspDocsError)
    (problem,) = caught.value.problems
    assert isinstance(problem, hsp_docs.Problem)
    assert (problem.file, problem.row, problem.column) == ("2022-23/vah_reach.csv", 2, "count")
    assert "got 'lots'" in problem.message


def test_build_report_to_a_path_and_to_bytesio(data, tmp_path):
    notes = hsp_docs.build_report(data, tmp_path / "report.docx")
    assert all(isinstance(n, str) for n in notes)
    buf = io.BytesIO()
    hsp_docs.build_report(data, buf)
    (tmp_path / "from-stream.docx").write_bytes(buf.getvalue())
    validate_ooxml(tmp_path / "report.docx", tmp_path / "from-stream.docx")
    assert zip_names(buf.getvalue()) == zip_names((tmp_path / "report.docx").read_bytes())


def test_build_report_of_one_section_is_smaller(data):
    whole, one = io.BytesIO(), io.BytesIO()
    hsp_docs.build_report(data, whole)
    hsp_docs.build_report(data, one, sections=["training"])
    tables = lambda buf: zipfile.ZipFile(buf).read("word/document.xml").count(b"<w:tbl>")  # noqa: E731
    assert 0 < tables(one) < tables(whole)
    section = hsp_docs.build_section(data, "training")
    assert isinstance(section, hsp_docs.Section) and section.key == "training" and section.blocks
    with pytest.raises(ValueError, match="no section 'nowhere'"):
        hsp_docs.build_report(data, io.BytesIO(), sections=["nowhere"])


def test_build_report_pdf_to_bytesio(data):
    need_tool("soffice")
    buf = io.BytesIO()
    hsp_docs.build_report(data, buf, sections=["training"], pdf=True)
    assert buf.getvalue().startswith(b"%PDF")


def test_build_report_pdf_without_libreoffice_is_a_build_error(data, monkeypatch):
    monkeypatch.setenv("HSP_DOCS_SOFFICE", "none")
    out = io.BytesIO()
    with pytest.raises(hsp_docs.BuildError, match="needs LibreOffice"):
        hsp_docs.build_report(data, out, pdf=True)
    assert out.getvalue() == b""


def test_build_workbook_to_bytesio_whole_and_by_section(data, tmp_path):
    from openpyxl import load_workbook

    whole, one = io.BytesIO(), io.BytesIO()
    hsp_docs.build_workbook(data, whole)
    hsp_docs.build_workbook(data, one, sections=["training"])
    (tmp_path / "whole.xlsx").write_bytes(whole.getvalue())
    (tmp_path / "one.xlsx").write_bytes(one.getvalue())
    validate_ooxml(tmp_path / "whole.xlsx", tmp_path / "one.xlsx")
    tables = lambda buf: [n for n in load_workbook(buf, read_only=True).sheetnames if n.startswith("Table_")]  # noqa: E731
    assert 0 < len(tables(one)) < len(tables(whole))


def test_build_packs_returns_what_it_wrote(data, tmp_path):
    first = next(iter(data.agencies)).name
    written = hsp_docs.build_packs(data, tmp_path, agencies=[first])
    assert [p.parent for p in written] == [tmp_path] and all(p.exists() for p in written)
    validate_ooxml(*written)
    with pytest.raises(hsp_docs.BuildError, match="not in the agency register"):
        hsp_docs.build_packs(data, tmp_path / "none", agencies=["No Such Agency"])


def test_check_data_folder_and_file(data, tmp_path):
    findings = hsp_docs.check(data)
    assert findings and all(isinstance(f, hsp_docs.Finding) for f in findings)
    # the published report's own five (README) and the two stand-in pictures of a final report
    assert sum(f.severity == "error" for f in findings) == 7
    assert hsp_docs.check(DEFAULT_INPUTS) == findings
    hsp_docs.build_report(data, tmp_path / "report.docx")
    assert all(f.where == "report.docx" for f in hsp_docs.check(tmp_path / "report.docx"))


def test_new_year_beside_its_source_and_never_over_it(tmp_path):
    source = tmp_path / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, source)
    made = hsp_docs.new_year(source, "2023-24")
    assert made == tmp_path / "2023-24" and (made / "report.toml").is_file()
    assert hsp_docs.load_inputs(made).meta.current_year == "2023-24"
    with pytest.raises(hsp_docs.HspDocsError, match="already exists"):
        hsp_docs.new_year(source, "2023-24")


def test_the_readme_python_example_runs_as_written(tmp_path):
    """The README's ```python block, run from a folder holding inputs/2022-23 (as after
    `hsp-docs init inputs/2022-23`); what it prints is what its comment says it prints."""
    code = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_example.py")], capture_output=True,
                          text=True, check=True).stdout
    shutil.copytree(DEFAULT_INPUTS, tmp_path / "inputs" / "2022-23")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "HSP_DOCS_SOFFICE": "none"})
    assert proc.returncode == 0, proc.stderr
    said = re.search(r"^print\(.*#[^:]*:\s*(.+)$", code, re.MULTILINE)
    assert said and proc.stdout.strip() == said.group(1).strip()
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["datapack.xlsx", "html", "report.docx", "training.docx"]
    assert (tmp_path / "out" / "html" / "index.html").is_file()
    validate_ooxml(*(tmp_path / "out" / name for name in written if name.endswith((".docx", ".xlsx"))))


def test_every_example_in_docs_api_runs(tmp_path):
    """docs/api.md's examples, in order, from a folder holding inputs/2022-23 (one PDF among
    them needs LibreOffice)."""
    need_tool("soffice")
    blocks = re.findall(r"^```python\n(.*?)^```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"),
                        re.MULTILINE | re.DOTALL)
    assert len(blocks) >= 7
    shutil.copytree(DEFAULT_INPUTS, tmp_path / "inputs" / "2022-23")
    for code in blocks:
        proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
        assert proc.returncode == 0, code + proc.stderr
    assert (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "inputs" / "2023-24" / "report.toml").is_file()
    assert len(list((tmp_path / "out" / "packs").glob("*.xlsx"))) == 1
