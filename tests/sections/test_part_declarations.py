"""Each table and chart is declared once, on its builder (sections/declare.py): what a builder
makes is what it declares, and the golden snapshots (tests/expected/builders/) show every word
and value each builder makes from the default inputs, so a change to them is a reviewable diff."""
from __future__ import annotations

import pytest

from conftest import ROOT
from golden import assert_golden
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.model.schema import BY_NAME
from hsp_docs.parts import Chart, Table
from hsp_docs.sections import build_report_model
from hsp_docs.sections.declare import PARTS, build_part, table
from hsp_docs.sections.registry import BUILDERS, declared
from part_snapshot import snapshot

EXAMPLE = ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24"
REPORT_PARTS = [spec for spec in declared() if spec.build.__module__ in {m.__name__ for m in BUILDERS}]


def made_keys(data, spec) -> list[str]:
    """The keys of the Tables and Charts a part's builder makes, checking their kind."""
    built = build_part(data, spec)
    parts = built if spec.per_board else [built]
    assert all(isinstance(p, Table if spec.kind == "table" else Chart) for p in parts), spec.key
    return [p.key for p in parts]


@pytest.mark.parametrize("which", ["default", "example"])
def test_every_declared_part_is_made_by_its_builder(which, default_data):
    """Each declaration's builder makes that part under its key (a part declared per board: one
    table per board, keyed `<name>_<board key>`), from data the schema knows."""
    data = default_data if which == "default" else load_inputs(EXAMPLE)
    for spec in REPORT_PARTS:
        assert spec.datasets and all(d in BY_NAME for d in spec.datasets), spec.key
        expected = [spec.board_table(m.board.key) for m in data.attendance] if spec.per_board else [spec.name]
        assert made_keys(data, spec) == expected


def test_nothing_undeclared_is_made(default_data):
    """Every table and chart of the default report is a declared part's (or a declared part's
    board table), and every declared part the narratives place is in it."""
    report = build_report_model(default_data)
    names = {spec.name for spec in declared()}
    made = [t.key for t in report.tables()] + [c.key for c in report.charts()]
    boards = {f"attendance_{b.key}" for b in default_data.meta.boards}
    assert made and all(k in names or k in boards for k in made)
    assert names - {"attendance", "reviews"} <= set(made)  # Harrow's words do not place the reviews table


def test_a_part_is_declared_once():
    """Declaring a key again is an error naming both builders; the registry is unchanged."""
    before = dict(PARTS)
    twice = r"table:budget_outturn is declared twice: by hsp_docs\.sections\.appendices\.budget_outturn and .*\.again$"
    with pytest.raises(ValueError, match=twice):
        @table("budget_outturn", datasets="budget", owner="budget", what="a second budget table")
        def again(data, lab):  # pragma: no cover - never built
            return None
    assert PARTS == before


@pytest.mark.parametrize("spec", REPORT_PARTS, ids=lambda spec: spec.key)
def test_builder_snapshot(spec, default_data):
    """What each builder makes from the default inputs: HSP_DOCS_UPDATE_GOLDEN=1 rewrites the
    snapshot; review its diff."""
    assert_golden(f"builders/{spec.kind}.{spec.name}.json", snapshot(build_part(default_data, spec)))
