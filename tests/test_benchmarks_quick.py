"""The benchmark suite at quick sizes (benchmarks/run.py --quick): the figures CI can hold,
each a paired ratio measured in the same run, with a margin for a noisy shared 2-core machine;
never seconds. Peers and LibreOffice are left to the full run (benchmarks/README.md)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "run.py"

# The targets, with the margin CI allows at the quick sizes
WORD_VS_SPLICED_TEXT = 1.3  # target 1.0 (2,000 rows here, 10,000 in the full run)
APPENDIX_TIME = 2.2  # target 1.8 (12,000 rows here, 100,000 in the full run)
APPENDIX_PEAK = 2.0  # target 2.0
LOAD_US_PER_ROW = 30.0  # target 15
GROWTH = 1.6  # time per row, fixed cost subtracted, from one size to four times it: quadratic is 4


def _run_module():
    spec = importlib.util.spec_from_file_location("hsp_benchmarks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "quick.json"
    proc = subprocess.run([sys.executable, str(SCRIPT), "--quick", "--json", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(out.read_text())


def _value(quick: dict, name: str) -> float:
    return quick["figures"][name]["value"]


def test_word_table_writer_against_the_same_xml_spliced_as_text(quick):
    assert _value(quick, "word_writer_vs_spliced_text") <= WORD_VS_SPLICED_TEXT, quick["word"]


def test_an_appendix_in_the_report_costs_little_more_than_in_the_workbook(quick):
    assert _value(quick, "appendix_time_report_vs_workbook_only") <= APPENDIX_TIME, quick["appendix"]
    assert _value(quick, "appendix_peak_report_vs_workbook_only") <= APPENDIX_PEAK, quick["appendix"]
    assert _value(quick, "appendix_load_us_per_row") <= LOAD_US_PER_ROW, quick["appendix"]


def test_time_per_row_is_linear(quick):
    assert _value(quick, "linear_word_growth") <= GROWTH, quick["linear"]["word"]
    assert _value(quick, "linear_sheet_growth") <= GROWTH, quick["linear"]["sheet"]


def test_the_linearity_figure_can_fail():
    """The same measurement (a few attempts, the least growth kept) on work that grows with the
    square of the rows says so, and on linear work it does not: the figure is not one that passes
    whatever the code does, nor one that a moment of load on the machine fails."""
    run = _run_module()
    quadratic = run.least_growth(lambda n: sum(range(n * n // 10)), [1_000, 8_000], 3, GROWTH)
    linear = run.least_growth(lambda n: sum(range(n * 400)), [1_000, 8_000], 3, GROWTH)
    assert quadratic["growth"] > 2 * GROWTH, quadratic  # 8 in theory, from 1,000 rows to 8,000
    assert len(quadratic["attempts"]) == 3  # measured again, and still quadratic every time
    assert linear["growth"] <= GROWTH, linear
    # three times the work per row at the large size only (not quadratic, still not linear) fails too
    slower = run.least_growth(lambda n: sum(range(n * 400 * (3 if n >= 8_000 else 1))), [1_000, 8_000], 3, GROWTH)
    assert slower["growth"] > GROWTH, slower


def test_paired_ratios_carry_their_spread():
    run = _run_module()
    got = run.paired(lambda: sum(range(200_000)), lambda: sum(range(100_000)), 3)
    assert got["pairs"] == 3 and got["spread"][0] <= got["ratio"] <= got["spread"][1]
    assert 1.2 < got["ratio"] < 4  # twice the work


def test_results_name_the_machine_and_every_figure(quick):
    assert quick["mode"] == "quick"
    assert {"nproc", "cpu", "python", "load_average_1min_at_start"} <= set(quick["machine"])
    for name, fig in quick["figures"].items():
        assert {"value", "spread", "target", "met", "what"} <= set(fig), name
    assert quick["build"]["third_party_packages"]
