"""What report.toml configures: budget categories, sections' required data, status, owners;
and the former Harrow-named columns still read."""
from __future__ import annotations

import pytest

from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs


def problems(folder) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


def edit_toml(folder, old: str, new: str) -> None:
    path = folder / "report.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_budget_categories_come_from_report_toml(inputs_copy):
    edit_toml(inputs_copy, 'key = "delivery"', 'key = "projects"')
    assert problems(inputs_copy)[0].endswith("column 'category': expected one of income, staffing, projects, "
                                             "got 'delivery'")


def test_a_section_can_require_data(inputs_copy):
    edit_toml(inputs_copy, 'key = "lado"\n', 'key = "lado"\nrequires = ["lado_contacts", "lado_unicorns"]\n')
    assert problems(inputs_copy) == [("2022-23/report.toml: section 'lado': requires names 'lado_unicorns', "
                                      "which is not a dataset (see docs/inputs.md for their names)")]


def test_status_is_draft_or_final(inputs_copy):
    edit_toml(inputs_copy, 'area = "Harrow"\n', 'area = "Harrow"\nstatus = "nearly"\n')
    assert problems(inputs_copy) == [("2022-23/report.toml: [report] status must be \"draft\" or \"final\", "
                                      "got 'nearly'")]


def test_former_harrow_column_names_are_still_read(inputs_copy, default_data):
    path = inputs_copy / "asc_five_year.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("_local", "_harrow"), encoding="utf-8")
    assert load_inputs(inputs_copy).rows("asc_five_year") == default_data.rows("asc_five_year")


def test_the_chart_names_the_area_from_report_toml(inputs_copy):
    from hsp_docs.sections.declare import build_part
    from hsp_docs.sections.registry import PARTS

    edit_toml(inputs_copy, 'area = "Harrow"', 'area = "LB Harrow"')
    chart = build_part(load_inputs(inputs_copy), PARTS["chart:asc_concerns_per_100k"])
    assert [s.name for s in chart.series] == ["England", "LB Harrow"]


def test_without_a_dataset_file_its_parts_and_section_are_left_out(inputs_copy):
    from hsp_docs.sections import build_report_model

    for p in inputs_copy.glob("lado_*.csv"):
        p.unlink()
    report = build_report_model(load_inputs(inputs_copy))
    assert "lado" not in [s.key for s in report.sections]
    assert report.notes[0].startswith("Section 'Allegations Against Staff and Volunteers - children’s workforce' "
                                      "left out: its data (lado_contacts.csv, ")
