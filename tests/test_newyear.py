"""`hsp-docs new-year`: next year's folder from this year's, built at once as a draft."""
from __future__ import annotations

import csv
import datetime as dt
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_INPUTS, validate_ooxml
from hsp_docs.cli import main
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.model.schema import DATASETS
from hsp_docs.newyear import NewYearError, new_report_toml, new_year, shift_years


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> Path:
    """inputs/2023-24 made by new-year beside a copy of the default 2022-23 inputs."""
    import shutil

    base = tmp_path_factory.mktemp("inputs")
    shutil.copytree(DEFAULT_INPUTS, base / "2022-23")
    return new_year("2023-24", base / "2022-23")


def test_new_year_carries_reference_lists_and_empties_the_data(next_year):
    source = DEFAULT_INPUTS
    assert next_year.name == "2023-24" and (next_year.parent / "2022-23").is_dir()  # beside the source
    for ds in DATASETS:
        assert (next_year / ds.filename).exists() == (source / ds.filename).exists(), ds.name
        if not (source / ds.filename).exists():
            continue  # an optional dataset the source does not have (priorities.csv)
        got = rows(next_year / ds.filename)
        assert got[0] == ds.column_names
        if not ds.reference:
            assert got[1:] == [], f"{ds.filename} should be empty"
    assert rows(next_year / "agencies.csv") == rows(source / "agencies.csv")
    assert rows(next_year / "board_members.csv") == rows(source / "board_members.csv")
    assert rows(next_year / "course_catalogue.csv") == rows(source / "course_catalogue.csv")
    budget = rows(next_year / "budget.csv")
    assert [r[:2] for r in budget] == [r[:2] for r in rows(source / "budget.csv")]
    assert {r[2] for r in budget[1:]} == {""}  # amounts are this year's to enter


def test_new_year_moves_metadata_on_and_marks_the_words(next_year):
    rep = tomllib.loads((next_year / "report.toml").read_text(encoding="utf-8"))
    r = rep["report"]
    assert (r["period_start"], r["period_end"], r["publication_date"]) == (
        dt.date(2023, 4, 1), dt.date(2024, 3, 31), dt.date(2024, 10, 16))
    assert (r["current_year"], r["previous_year"], r["title"], r["status"]) == (
        "2023-24", "2022-23", "Annual Report 2023-24", "draft")
    titles = [s["title"] for s in rep["sections"]]
    assert "Areas for development 2024/25" in titles
    assert [b["key"] for b in rep["boards"]] == ["HSSP", "HSAB", "HSCB"]
    text = (next_year / "report.toml").read_text(encoding="utf-8")
    assert "# The seed names three sub-groups" in text  # comments kept
    for md in (DEFAULT_INPUTS / "narrative").glob("*.md"):
        new = (next_year / "narrative" / md.name).read_text(encoding="utf-8")
        assert new.startswith("[to be completed: update this section for 2023-24, then delete this line]\n\n")
        assert new.endswith(md.read_text(encoding="utf-8"))
    assert (next_year / "images" / "chair-photo.png").read_bytes() == \
        (DEFAULT_INPUTS / "images" / "chair-photo.png").read_bytes()


def test_new_year_builds_at_once_with_markers(next_year, tmp_path):
    from hsp_docs import build_report
    from hsp_docs.sections import build_report_model

    data = load_inputs(next_year)
    assert data.meta.draft and data.previous is not None  # last year's folder is beside it
    report = build_report_model(data)
    texts = [r.text for s in report.sections for b in s.blocks for r in getattr(b, "runs", [])]
    assert "[to be completed: the table of multi-agency training courses, from training_courses.csv]" in texts
    assert any("[to be completed]" in t for t in texts)
    assert "[x]" not in " ".join(texts)
    # last year's figures, from last year's folder, in this year's comparisons
    assert str(data.asc.previous_asked_outcomes) == "81%"
    assert str(data.lado.previous_contacts) == "49"
    assert any("marked [to be completed]" in n for n in report.notes)
    notes = build_report(data, tmp_path / "report.docx")
    assert any("draft" in n for n in notes)
    validate_ooxml(tmp_path / "report.docx")


def test_check_lists_what_is_missing_grouped_by_owner(next_year):
    from hsp_docs.checks.data import check_data
    from hsp_docs.checks.findings import render_by_owner
    from hsp_docs.checks.missing import check_missing

    data = load_inputs(next_year)
    assert [f for f in check_data(data) if f.severity == "error"] == []
    missing = check_missing(data)
    assert missing and {f.severity for f in missing} == {"warning"}  # a draft: to do, not wrong
    kinds = {f.check for f in missing}
    assert kinds == {"no-rows-yet", "cell-to-complete", "figure-to-complete", "words-to-update"}
    amounts = [f for f in missing if f.check == "cell-to-complete"]
    assert len(amounts) == 22 and amounts[0].where == "budget.csv" and amounts[0].column == "amount"
    assert amounts[0].owner == "Partnership business unit"  # from [owners] in report.toml
    stated_only = next(f for f in missing if "training.refresher_delegates" in f.message)
    assert "stated_figures.csv" in stated_only.message and stated_only.owner == "Learning and development"
    table = render_by_owner(missing)
    assert "== LADO: 0 error(s)" in table and "== Adult social care (Harrow Council)" in table
    assert table.index("== Adult social care") < table.index("== LADO")


def test_a_final_report_with_gaps_is_an_error(next_year, tmp_path):
    import shutil

    from hsp_docs.checks.missing import check_missing
    from hsp_docs.errors import InputError

    folder = tmp_path / "inputs" / "2023-24"
    shutil.copytree(next_year, folder)
    toml = folder / "report.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('status = "draft"', 'status = "final"'), "utf-8")
    with pytest.raises(InputError) as exc:  # blank budget amounts are allowed only in a draft
        load_inputs(folder)
    assert str(exc.value.problems[0]).endswith("column 'amount': expected an amount in pounds, like 1,250 or "
                                               "£1,250.50, got an empty cell")
    (folder / "budget.csv").write_text("category,line,amount\n", encoding="utf-8")
    assert {f.severity for f in check_missing(load_inputs(folder))} == {"error"}


def test_new_year_refuses_to_overwrite_an_existing_year(next_year):
    before = {p: p.read_bytes() for p in next_year.rglob("*") if p.is_file()}
    with pytest.raises(NewYearError, match="already exists: new-year never overwrites"):
        new_year("2023-24", next_year.parent / "2022-23")
    result = CliRunner().invoke(main, ["new-year", "2023-24", "--from", str(next_year.parent / "2022-23")])
    assert result.exit_code == 1 and "already exists" in result.output
    assert {p: p.read_bytes() for p in next_year.rglob("*") if p.is_file()} == before
    assert not [p for p in next_year.parent.iterdir() if p.name.startswith(".")]  # no half-made folder


def test_new_year_command_starts_beside_the_latest_year(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(DEFAULT_INPUTS, tmp_path / "inputs" / "2022-23")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["new-year", "2023-24"])
    assert result.exit_code == 0, result.output
    assert "carried forward: agencies.csv" in result.output
    assert (tmp_path / "inputs" / "2023-24" / "report.toml").exists()
    assert CliRunner().invoke(main, ["new-year", "2022-23"]).exit_code == 1  # not after the latest year
    bad = CliRunner().invoke(main, ["new-year", "next"])
    assert bad.exit_code == 2 and "is not a year like 2023-24" in bad.output


def test_new_year_from_a_workbook_keeps_the_workbook_form(tmp_path, default_data):
    import shutil

    from hsp_docs.inputs.workbook import write_input_workbook

    source = tmp_path / "2022-23"
    shutil.copytree(DEFAULT_INPUTS, source)
    for p in source.glob("*.csv"):
        p.unlink()
    write_input_workbook(source / "datasets.xlsx", default_data)
    dest = new_year("2023-24", source)
    assert not list(dest.glob("*.csv")) and (dest / "datasets.xlsx").exists()
    data = load_inputs(dest)
    assert data.rows("agencies") == default_data.rows("agencies")
    assert [r.line for r in data.rows("budget")] == [r.line for r in default_data.rows("budget")]
    assert data.rows("training_courses") == () and data.is_present("training_courses")


def test_year_labels_move_on():
    assert shift_years("Annual Report 2022-23; areas 2023/24; 2022-2023; since 2019", 1) == \
        "Annual Report 2023-24; areas 2024/25; 2023-2024; since 2019"
    text = '[report]\n# the year\ntitle = "Report 2022-23"  # kept\nperiod_start = 2024-02-29\n' \
           'period_end = 2025-01-31\ncurrent_year = "2024"\n'
    out = tomllib.loads(new_report_toml(text, "2025", 1, "2024"))["report"]
    assert out == {"status": "draft", "title": "Report 2023-24", "period_start": dt.date(2025, 2, 28),
                   "period_end": dt.date(2026, 1, 31), "current_year": "2025"}


def test_every_builder_copes_with_empty_datasets(next_year):
    """A new year's datasets have no rows: no builder or figure may fail on them."""
    from hsp_docs.sections.declare import build_part
    from hsp_docs.sections.registry import declared

    data = load_inputs(next_year)
    for spec in declared():
        build_part(data, spec)
    figures = data.all_figures()
    assert figures["training.attended"].value is None and str(figures["training.attended"]) == "[to be completed]"
    assert figures["budget.net_expenditure"].value is None
