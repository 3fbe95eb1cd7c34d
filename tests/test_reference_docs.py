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
