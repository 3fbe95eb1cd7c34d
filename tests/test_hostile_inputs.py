"""Hostile and messy inputs: nothing corrupts a document, nothing executes, nothing is lost."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import validate_ooxml
from docx import Document
from hsp_docs.build import build_all
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from tests_helpers import BUILD_OUTPUTS, set_cell

NASTY = 'A & B <c> "d" \'e\' \x0b{{ x }}=HYPERLINK("http://example.invalid","y")'
CLEAN = NASTY.replace("\x0b", "")


def docx_texts(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def xlsx_cells(path: Path):
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                yield ws.title, c


def test_regression_nasty_string_in_course_agency_and_narrative(inputs_copy, tmp_path):
    set_cell(inputs_copy, "training_courses", 2, "course", NASTY)
    with (inputs_copy / "agencies.csv").open("a", encoding="utf-8", newline="") as f:
        f.write('"' + NASTY.replace('"', '""') + '",other,\n')
    set_cell(inputs_copy, "attendance", 2, "member", NASTY)
    set_cell(inputs_copy, "attendance", 3, "member", NASTY)
    toml = (inputs_copy / "report.toml").read_text(encoding="utf-8")
    role = NASTY.replace("\\", "\\\\").replace('"', '\\"').replace("\x0b", "\\u000B")
    toml = "\n".join(f'role = "{role}"' if line.startswith("role =") else line for line in toml.splitlines())
    (inputs_copy / "report.toml").write_text(toml + "\n", encoding="utf-8")

    data = load_inputs(inputs_copy)
    warnings = [str(w) for w in data.warnings]
    assert any("training_courses.csv, row 2, column 'course': removed characters" in w and "U+000B" in w
               for w in warnings)
    assert any("report.toml: key 'chair.role': removed characters" in w for w in warnings)
    out = tmp_path / "out"
    build_all(data, out)
    validate_ooxml(out / "report.docx", out / "datapack.xlsx")
    text = docx_texts(out / "report.docx")
    assert text.count(CLEAN) >= 3  # course table, attendance table, chair's role paragraph
    assert "\x0b" not in text and "{{" in text
    hits = [(s, c) for s, c in xlsx_cells(out / "datapack.xlsx") if c.value == CLEAN]
    assert len(hits) >= 2
    assert all(c.data_type == "s" for _, c in hits)


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_no_formula_injection_in_workbook(inputs_copy, tmp_path, prefix):
    text = prefix + "SUM(A1:A2)*cmd|' /C calc'!A0"
    set_cell(inputs_copy, "training_courses", 3, "course", text)
    data = load_inputs(inputs_copy)
    build_all(data, tmp_path)
    course = data.rows("training_courses")[1].course
    cells = [c for _, c in xlsx_cells(tmp_path / "datapack.xlsx") if isinstance(c.value, str)
             and "SUM(A1:A2)" in c.value]
    assert cells, "the course name is missing from the workbook"
    for c in cells:
        assert c.data_type == "s" and c.value == course
    with zipfile.ZipFile(tmp_path / "datapack.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in sheets)


@pytest.mark.parametrize("text", ["\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 🙂",
                                  "x" * 3000, "{% for x in range(9) %}loop{% endfor %}", "{# comment #}",
                                  "[[table: budget_outturn]] **bold** [^1] ## heading"])
def test_awkward_text_comes_out_as_text(inputs_copy, tmp_path, text):
    set_cell(inputs_copy, "recommendations", 2, "text", text)  # lands in a narrative bullet via a loop
    data = load_inputs(inputs_copy)
    build_all(data, tmp_path)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    assert text in docx_texts(tmp_path / "report.docx")
    assert any(c.value == text for _, c in xlsx_cells(tmp_path / "datapack.xlsx"))


def test_undefined_placeholder_names_template_and_variable(inputs_copy, tmp_path):
    from hsp_docs.sections.narrative import NarrativeError

    path = inputs_copy / "narrative" / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nWe met {{ training.unicorns }} times.\n", encoding="utf-8")
    data = load_inputs(inputs_copy)
    with pytest.raises(NarrativeError) as exc:
        build_all(data, tmp_path)
    msg = str(exc.value)
    assert msg.startswith("narrative/introduction.md, row ") and "unicorns" in msg
    assert not (tmp_path / "report.docx").exists()


def test_sandbox_blocks_unsafe_template_code(inputs_copy, tmp_path):
    from hsp_docs.sections.narrative import NarrativeError

    path = inputs_copy / "narrative" / "introduction.md"
    path.write_text("{{ training.__class__.__init__.__globals__ }}\n", encoding="utf-8")
    with pytest.raises(NarrativeError):
        build_all(load_inputs(inputs_copy), tmp_path)


# --- input workbooks read safely ----------------------------------------------------------

def _workbook_inputs(inputs_copy: Path, data) -> Path:
    from hsp_docs.inputs.workbook import write_input_workbook

    for p in inputs_copy.glob("*.csv"):
        p.unlink()
    write_input_workbook(inputs_copy / "datasets.xlsx", data)
    return inputs_copy / "datasets.xlsx"


def _errors(folder) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


def test_openpyxl_parses_with_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_formula_without_cached_value_is_an_error(inputs_copy, default_data):
    path = _workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb["vah_reach"]["B2"] = "=1+1"  # openpyxl saves no cached value
    wb.save(path)
    msgs = _errors(inputs_copy)
    assert "2022-23/datasets.xlsx [sheet vah_reach], row 2: cell B2 holds a formula with no saved value: open the " \
           "workbook in Excel and save it, or type the value" in msgs


def test_merged_cells_and_hidden_sheets_are_reported(inputs_copy, default_data):
    path = _workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb["vah_reach"].merge_cells("C5:D5")
    wb["dsl_forum_topics"].sheet_state = "hidden"
    wb.save(path)
    data = load_inputs(inputs_copy)
    warnings = [str(w) for w in data.warnings]
    assert "2022-23/datasets.xlsx [sheet vah_reach]: has merged cells C5:D5: unmerge them so every value sits " \
           "in its own cell" in warnings
    assert any("[sheet dsl_forum_topics]: is a hidden sheet" in w for w in warnings)


@pytest.mark.parametrize("content,expected", [
    (b"this is not a workbook", "is not an Excel .xlsx workbook (renamed or truncated file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "is password-protected or encrypted"),
])
def test_not_a_workbook(inputs_copy, default_data, content, expected):
    path = _workbook_inputs(inputs_copy, default_data)
    path.write_bytes(content)
    assert f"2022-23/datasets.xlsx: {expected}" in _errors(inputs_copy)


def test_truncated_workbook(inputs_copy, default_data):
    path = _workbook_inputs(inputs_copy, default_data)
    path.write_bytes(path.read_bytes()[:3000])
    assert "2022-23/datasets.xlsx: is not an Excel .xlsx workbook (renamed or truncated file?)" in _errors(inputs_copy)


def test_zip_bomb_refused(inputs_copy, default_data):
    path = _workbook_inputs(inputs_copy, default_data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/bomb.bin", b"\0" * (600 * 1024 * 1024))
    assert "2022-23/datasets.xlsx: expands to over 500 MB: refused as a possible zip bomb" in _errors(inputs_copy)


# --- outputs are written atomically ---------------------------------------------------------

def test_failed_build_leaves_existing_outputs_untouched(default_data, tmp_path, monkeypatch):
    build_all(default_data, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    import hsp_docs.build as b

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(b, "workbook_bytes", boom)
    with pytest.raises(RuntimeError):
        build_all(default_data, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_pdf_libreoffice_cannot_make_does_not_lose_the_report(default_data, tmp_path, monkeypatch):
    """LibreOffice failing (or taking too long) on the PDF leaves report.docx and datapack.xlsx
    written, and says why there is no PDF."""
    import hsp_docs.build as build

    def too_slow(*a, **k):
        raise RuntimeError("LibreOffice did not finish converting report.docx within 300 s")

    monkeypatch.setattr(build, "to_pdf", too_slow)  # where the build imported it
    monkeypatch.setattr("hsp_docs.docx.writer.toc_pages", lambda *a: ({}, None))
    result = build_all(default_data, tmp_path, soffice="soffice", pdf=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == BUILD_OUTPUTS
    assert "report.pdf not written: LibreOffice did not finish converting report.docx within 300 s" in result.notes


def test_interrupted_write_leaves_no_half_file(tmp_path, monkeypatch):
    from hsp_docs import atomic

    target = tmp_path / "report.docx"
    target.write_bytes(b"good report")

    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_bytes(target, b"half a report")
    assert target.read_bytes() == b"good report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_outputs_get_the_usual_permissions_not_the_temporary_files(tmp_path):
    """The temporary file is private (0600); the report must be readable as any file the user
    writes (umask), and a rebuilt file keeps the permissions it had."""
    from hsp_docs import atomic

    old = os.umask(0o022)
    try:
        atomic.write_bytes(tmp_path / "new.docx", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.docx").stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.docx"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    atomic.write_bytes(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_bytes() == b"new"
