"""The hsp-docs command: exit codes, progress, the build summary, --strict."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner

from conftest import DEFAULT_INPUTS
from hsp_docs.cli import main
from tests_helpers import BUILD_OUTPUTS, set_cell


def run(*args):
    return CliRunner().invoke(main, list(args), env={"HSP_DOCS_SOFFICE": "none"})


def test_validate_default_inputs_passes():
    r = run("validate", str(DEFAULT_INPUTS))
    assert r.exit_code == 0 and r.output.startswith("OK:")


def test_invalid_inputs_exit_1_and_name_the_cell(inputs_copy):
    set_cell(inputs_copy, "vah_reach", 2, "count", "lots")
    r = run("validate", str(inputs_copy))
    assert r.exit_code == 1
    assert "vah_reach.csv, row 2, column 'count': expected a whole number >= 0, got 'lots'" in r.output


def test_usage_error_exits_2():
    assert run("build", "--no-such-option").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_build_shows_progress_and_summary(tmp_path):
    r = run("build", str(DEFAULT_INPUTS), "-o", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert "[1/5] Loading and checking inputs" in r.output and "[5/5] Writing the workbook" in r.output
    assert "Checks (data, accessibility and disclosure): 7 error(s), 28 warning(s)" in r.output
    assert "LibreOffice not used" in r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == BUILD_OUTPUTS


def test_strict_refuses_to_write_when_the_data_has_errors(tmp_path):
    (tmp_path / "report.docx").write_bytes(b"yesterday's good report")
    r = run("build", str(DEFAULT_INPUTS), "-o", str(tmp_path), "--strict")
    assert r.exit_code == 1 and "Nothing was written" in r.output
    assert (tmp_path / "report.docx").read_bytes() == b"yesterday's good report"


def test_check_json_is_stable_and_exits_1_on_errors():
    r = run("check", str(DEFAULT_INPUTS), "--json")
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert doc["schema"] == 1 and doc["errors"] == 7
    assert set(doc["findings"][0]) == {"severity", "check", "where", "message", "row", "column", "stated",
                                       "computed", "owner"}


def test_check_a_built_file(built):
    r = run("check", str(built / "report.docx"))
    assert r.exit_code == 0 and "No findings." in r.output
    r = run("check", str(built / "datapack.xlsx"))
    assert r.exit_code == 0, r.output


def test_help_imports_nothing_heavy():
    code = "import sys; from hsp_docs.cli import main; sys.argv=['hsp-docs','--help']\n" \
           "try:\n    main()\nexcept SystemExit:\n    pass\n" \
           "heavy = [m for m in ('docx', 'docxtpl', 'openpyxl', 'pandas', 'lxml') if m in sys.modules]\n" \
           "print('HEAVY', heavy)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ}).stdout
    assert "HEAVY []" in out


def test_the_program_turns_the_collector_off_but_main_leaves_it_alone(tmp_path):
    """`hsp-docs` (cli.run) is one command in its own process: the cyclic garbage collector is
    off and the objects left at exit are frozen. `main`, which tests and other programs call,
    must not touch the collector of the process it runs in."""
    import gc

    assert gc.isenabled()
    assert run("build", str(DEFAULT_INPUTS), "-o", str(tmp_path / "a")).exit_code == 0
    assert gc.isenabled()
    code = ("import gc, sys; from hsp_docs import cli\n"
            f"sys.argv = ['hsp-docs', 'build', {str(DEFAULT_INPUTS)!r}, '-o', {str(tmp_path / 'b')!r}]\n"
            "try:\n    cli.run()\nexcept SystemExit as exc:\n    print('EXIT', exc.code, 'GC', gc.isenabled())\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "HSP_DOCS_SOFFICE": "none"})
    assert "EXIT 0 GC False" in proc.stdout, proc.stderr
    assert (tmp_path / "b" / "report.docx").stat().st_size > 50_000


def test_build_runs_the_accessibility_check(inputs_copy, tmp_path):
    path = inputs_copy / "narrative" / "introduction.md"
    path.write_text("#### A heading three levels down\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("build", str(inputs_copy), "-o", str(tmp_path))
    assert r.exit_code == 0 and "Checks (data, accessibility and disclosure): 8 error(s)" in r.output
    r = run("build", str(inputs_copy), "-o", str(tmp_path / "strict"), "--strict")
    assert r.exit_code == 1 and not (tmp_path / "strict").exists()


def test_input_workbook_round_trip(tmp_path, default_data, inputs_copy):
    from hsp_docs.inputs.loader import load_inputs

    r = run("input-workbook", str(inputs_copy / "datasets.xlsx"), "--from", str(DEFAULT_INPUTS))
    assert r.exit_code == 0, r.output
    for p in inputs_copy.glob("*.csv"):
        p.unlink()
    assert load_inputs(inputs_copy) == default_data
    blank = tmp_path / "blank.xlsx"
    assert run("input-workbook", str(blank)).exit_code == 0
    from openpyxl import load_workbook

    from conftest import ROOT

    shipped = load_workbook(ROOT / "templates" / "xlsx" / "input-workbook.xlsx")
    assert load_workbook(blank).sheetnames == shipped.sheetnames
