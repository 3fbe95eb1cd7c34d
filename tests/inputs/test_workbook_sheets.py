"""The input workbook: sheets matched by name, only dataset sheets read, hidden rows never
published silently, limits on rows and on what a package expands to."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from hsp_docs.cli import main
from hsp_docs.errors import InputError
from hsp_docs.inputs import workbook_reader
from hsp_docs.inputs.loader import load_inputs


def workbook_inputs(folder: Path, data) -> Path:
    from hsp_docs.inputs.workbook import write_input_workbook

    for p in folder.glob("*.csv"):
        p.unlink()
    write_input_workbook(folder / "datasets.xlsx", data)
    return folder / "datasets.xlsx"


def errors(folder: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


def test_sheets_match_ignoring_case_and_surrounding_space(inputs_copy, default_data):
    path = workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb["vah_reach"].title = " VAH_Reach "
    wb["budget"].title = "tmp"
    wb["tmp"].title = "BUDGET"  # openpyxl renames a sheet to a case variant of its name as BUDGET1
    wb.save(path)
    assert "BUDGET" in load_workbook(path).sheetnames
    data = load_inputs(inputs_copy)
    assert data.rows("vah_reach") == default_data.rows("vah_reach")
    assert data.rows("budget") == default_data.rows("budget")


def test_an_unknown_sheet_is_a_warning_with_a_hint_and_a_missing_one_is_named(inputs_copy, default_data):
    path = workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb["vah_reach"].title = "vah reach"
    wb.save(path)
    data = load_inputs(inputs_copy)
    warnings = [str(w) for w in data.warnings]
    assert ("2022-23/datasets.xlsx [sheet vah reach]: is not a dataset, so it is not read (did you mean "
            "'vah_reach'?); the dataset sheets are named as in docs/inputs.md") in warnings
    assert ("2022-23/datasets.xlsx: has no sheet 'vah_reach' (nor is there a vah_reach.csv): the report's parts "
            "made from it are left out") in warnings


def test_two_sheets_for_one_dataset_is_an_error(inputs_copy, default_data):
    path = workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb.copy_worksheet(wb["vah_reach"]).title = " vah_reach  "
    wb.save(path)
    assert ("2022-23/datasets.xlsx [sheet  vah_reach  ]: and sheet 'vah_reach' both hold the dataset 'vah_reach': "
            "keep one") in errors(inputs_copy)


def test_hidden_and_filtered_rows_are_an_error_or_with_the_flag_a_warning(inputs_copy, default_data, tmp_path):
    path = workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb["training_courses"].row_dimensions[3].hidden = True
    ws = wb["budget"]
    ws.auto_filter.ref = ws.dimensions
    ws.row_dimensions[2].hidden = True  # what Excel writes for a row its filter leaves out
    wb.save(path)
    found = errors(inputs_copy)
    assert any(p.startswith("2022-23/datasets.xlsx [sheet training_courses]: has hidden or filtered-out rows (3): "
                            "they would be published") for p in found)
    assert any(p.startswith("2022-23/datasets.xlsx [sheet budget]: has hidden or filtered-out rows (2)")
               for p in found)
    data = load_inputs(inputs_copy, allow_hidden_rows=True)
    assert data.rows("training_courses") == default_data.rows("training_courses")
    assert any("(--allow-hidden-rows)" in str(w) for w in data.warnings)
    res = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert res.exit_code == 1 and "--allow-hidden-rows" in res.stderr
    res = CliRunner().invoke(main, ["validate", "--allow-hidden-rows", str(inputs_copy)])
    assert res.exit_code == 0, res.output


def test_a_sheet_that_is_not_a_dataset_is_never_parsed(inputs_copy, default_data):
    """A damaged (or huge) sheet nobody needs costs nothing: it is not read at all."""
    path = workbook_inputs(inputs_copy, default_data)
    wb = load_workbook(path)
    wb.create_sheet("scratch")["A1"] = "notes"
    wb.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strings = parts.get("xl/sharedStrings.xml", b"")
    scratch = [n for n in parts if n.startswith("xl/worksheets/sheet")][-1]
    assert b"<v>" in parts[scratch] or b"notes" in strings + parts[scratch]
    head, sep, _ = parts[scratch].partition(b"<sheetData>")
    assert sep
    parts[scratch] = head + sep + b"<row><c><v>1</v></c></row><not xml at all" * 100_000  # past its dimension
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)
    data = load_inputs(inputs_copy)
    assert data.rows("vah_reach") == default_data.rows("vah_reach")


def test_a_dataset_sheet_over_the_row_limit_is_refused(inputs_copy, default_data, monkeypatch):
    workbook_inputs(inputs_copy, default_data)
    monkeypatch.setattr(workbook_reader, "ROW_LIMIT", 5)
    assert any(p.startswith("2022-23/datasets.xlsx [sheet training_courses]: has more than 5 rows")
               for p in errors(inputs_copy))
    monkeypatch.setattr(workbook_reader, "ROW_LIMIT", 100_000)
    monkeypatch.setattr(workbook_reader, "CELL_LIMIT", 50)
    assert any(p.startswith("2022-23/datasets.xlsx [sheet training_courses]: has more than 100,000 rows or 50 cells")
               for p in errors(inputs_copy))


def test_a_part_that_expands_too_much_is_refused_before_parsing(inputs_copy, default_data):
    path = workbook_inputs(inputs_copy, default_data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/media/bomb.bin", b"\0" * (50 * 1024 * 1024))
    assert any(p.startswith("2022-23/datasets.xlsx: part xl/media/bomb.bin expands ")
               and p.endswith("times: refused as a possible zip bomb") for p in errors(inputs_copy))
