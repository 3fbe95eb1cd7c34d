"""docs/parts.md and docs/placeholders.md are made from the code: the committed pages must be current."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import ROOT
from hsp_docs.cli import main


def test_docs_parts_md_is_current():
    """Regenerate with `hsp-docs parts > docs/parts.md`."""
    result = CliRunner().invoke(main, ["parts"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "parts.md").read_text(encoding="utf-8")


def test_parts_md_lists_every_part_and_label():
    from hsp_docs.sections.registry import PARTS

    text = (ROOT / "docs" / "parts.md").read_text(encoding="utf-8")
    for key, spec in PARTS.items():
        kind, name = key.split(":")
        assert f"[[{kind}: {name}]]" in text
        assert all(f"`columns.{slot}` | {label} |" in text for slot, label in spec.labels.columns.items())


def test_docs_placeholders_md_is_current():
    """Regenerate with `hsp-docs placeholders > docs/placeholders.md`."""
    result = CliRunner().invoke(main, ["placeholders"])
    assert result.exit_code == 0
    assert result.output == (ROOT / "docs" / "placeholders.md").read_text(encoding="utf-8")


def test_every_figure_is_listed_with_what_it_needs(default_data):
    """Each figure the model computes is in the catalogue; a stated-only one has no datasets."""
    from hsp_docs.inputs.loader import load_inputs
    from hsp_docs.model.catalogue import CATALOGUE
    from hsp_docs.model.schema import BY_NAME

    entries = [e for _, group in CATALOGUE for e in group]
    listed = {k for e in entries for k in e.keys}
    assert all(d in BY_NAME for e in entries for d in e.datasets)
    example = load_inputs(ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24")
    for data in (default_data, example):
        computed = set(data.all_figures())
        categories = {k for k in computed if k.startswith("budget.total_")} - listed  # budget.total("…")
        assert computed - categories == listed
        assert data.figures.stated_only_keys == {k for e in entries if e.stated_only for k in e.keys}


def test_without_its_datasets_a_figure_is_missing(default_data):
    """The datasets the catalogue lists are what each figure is computed from: empty them (and
    drop the stated values and last year's folder) and the figure has no value."""
    import dataclasses

    from hsp_docs.model.catalogue import CATALOGUE

    for _, group in CATALOGUE:
        for entry in group:
            if not entry.keys or entry.stated_only:
                continue
            data = dataclasses.replace(default_data, stated={}, previous=None, datasets={
                k: () if k in entry.datasets else v for k, v in default_data.datasets.items()})
            figures = data.all_figures()
            assert [k for k in entry.keys if figures[k].value is not None] == [], entry.names
