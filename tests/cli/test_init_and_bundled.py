"""The bundled inputs: `hsp-docs init`, and `hsp-docs build` with no INPUTS and no ./inputs."""
from __future__ import annotations

import tomllib
from pathlib import Path

from click.testing import CliRunner

from conftest import DEFAULT_INPUTS, ROOT, validate_ooxml
from hsp_docs import resources
from hsp_docs.cli import main
from tests_helpers import BUILD_OUTPUTS


def run(*args):
    return CliRunner().invoke(main, list(args), env={"HSP_DOCS_SOFFICE": "none"})


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_wheel_maps_each_bundled_folder_from_the_one_copy_in_git():
    """pyproject's force-include maps the top-level folders to where resources.py looks for them."""
    doc = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    mapping = doc["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert mapping == {kind: f"hsp_docs/{resources.BUNDLED}/{kind}" for kind in resources.KINDS}
    assert all((ROOT / kind).is_dir() for kind in mapping)
    assert not (ROOT / "src" / "hsp_docs" / resources.BUNDLED).exists()  # one copy in git


def test_init_copies_the_bundled_default_year_and_it_builds(tmp_path):
    dest = tmp_path / "here"
    r = run("init", str(dest))
    assert r.exit_code == 0, r.output
    assert files_under(dest) == files_under(DEFAULT_INPUTS)
    r = run("build", str(dest), "-o", str(tmp_path / "out"))
    assert r.exit_code == 0, r.output
    validate_ooxml(tmp_path / "out" / "report.docx", tmp_path / "out" / "datapack.xlsx")


def test_init_example_copies_the_fictional_partnership(tmp_path):
    r = run("init", str(tmp_path / "kv"), "--example", "kestrel-vale")
    assert r.exit_code == 0, r.output
    assert files_under(tmp_path / "kv") == files_under(ROOT / "examples" / "kestrel-vale" / "inputs" / "2023-24")


def test_init_refuses_to_overwrite(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "report.toml").write_text("mine", encoding="utf-8")
    r = run("init", str(tmp_path / "mine"))
    assert r.exit_code == 1 and "init never overwrites" in r.output
    assert files_under(tmp_path / "mine") == {"report.toml": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no work folder left behind


def test_init_into_an_empty_folder_is_allowed(tmp_path):
    (tmp_path / "empty").mkdir()
    assert run("init", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "report.toml").is_file()


def test_init_unknown_example_is_a_usage_error_listing_the_choices(tmp_path):
    r = run("init", str(tmp_path / "x"), "--example", "nowhere")
    assert r.exit_code == 2 and "2022-23, kestrel-vale" in r.output
    assert not (tmp_path / "x").exists()


def test_build_with_no_inputs_anywhere_uses_the_bundled_year_and_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("build", "-o", "out")
    assert r.exit_code == 0, r.output
    said = [line for line in r.output.splitlines() if "bundled" in line]
    assert said == ["No INPUTS given and no inputs/ folder here: using the bundled 2022-23 inputs "
                    "(`hsp-docs init DIR` copies them for editing)."]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == BUILD_OUTPUTS


def test_build_prefers_the_inputs_folder_of_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "inputs/2023-24", "--example", "kestrel-vale").exit_code == 0
    r = run("validate")
    assert r.exit_code == 0 and "bundled" not in r.output and "2023-24" in r.output


def test_new_year_never_writes_into_the_bundled_inputs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("new-year", "2023-24")
    assert r.exit_code == 2 and "--from" in r.output
    assert sorted(p.name for p in resources.resource("inputs").iterdir()) == ["2022-23"]


def test_the_wheel_carries_the_package_its_data_and_the_bundled_folders(tmp_path):
    """The wheel as pip would get it (built offline with the hatchling the test extras install):
    every file of the package folder, py.typed, and the three top-level folders under bundled/."""
    import subprocess
    import sys
    import zipfile

    proc = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path),
                           str(ROOT)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = tmp_path.glob("hsp_docs-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "src" / "hsp_docs"
    shipped = {f"hsp_docs/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert "hsp_docs/py.typed" in shipped and shipped <= names
    for kind in resources.KINDS:
        tracked = {p.relative_to(ROOT / kind).as_posix() for p in (ROOT / kind).rglob("*") if p.is_file()}
        assert tracked and {f"hsp_docs/{resources.BUNDLED}/{kind}/{t}" for t in tracked} <= names, kind
