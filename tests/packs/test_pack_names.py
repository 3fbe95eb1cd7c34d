"""Pack file names: two agencies never share a file, and the summary counts the files there."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from hsp_docs.cli import main
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.packs.build import PackNameClash, build_packs, pack_names, safe_filename

ENV = {"HSP_DOCS_SOFFICE": "none"}


@pytest.mark.parametrize("first,second", [
    ("Harrow Youth Service", "Harrow_Youth_Service"),
    ("Harrow: Youth/Service", "Harrow*Youth?Service"),
    ("A" * 80 + " North", "A" * 80 + " South"),
    ("..", "..."),
    ("Caf\u00e9 Project", "Cafe\u0301 Project"),  # one name in NFC, the other in NFD
])
def test_names_that_make_one_file_name_are_an_error_naming_both(inputs_copy, tmp_path, first, second):
    with (inputs_copy / "agencies.csv").open("a", encoding="utf-8", newline="") as f:
        f.write(f'"{first}",other,\n"{second}",other,\n')
    try:
        data = load_inputs(inputs_copy)
    except Exception as exc:  # the register may refuse the second name itself (NFC): that is fine too
        assert first in str(exc) or second in str(exc) or "twice" in str(exc) or "two agencies" in str(exc)
        return
    assert safe_filename(first).casefold() == safe_filename(second).casefold()
    with pytest.raises(PackNameClash) as exc:
        pack_names(data.agencies)
    assert repr(first) in str(exc.value) and repr(second) in str(exc.value)
    out = tmp_path / "packs"
    res = CliRunner().invoke(main, ["packs", str(inputs_copy), "-o", str(out), "--agency", first], env=ENV)
    assert res.exit_code == 1
    assert "would both be written to" in res.stderr.strip().splitlines()[-1]
    assert not out.exists() or not any(out.iterdir())


def test_default_register_has_distinct_names(default_data):
    names = pack_names(default_data.agencies)
    assert len({n.casefold() for n in names.values()}) == len(list(default_data.agencies))


def test_summary_counts_the_files_in_the_folder(default_data, tmp_path):
    picked = [e.name for e in default_data.agencies][:3]
    out = tmp_path / "packs"
    result = build_packs(default_data, out, picked + [picked[0].upper(), "No Such Agency"], jobs=1)
    files = sorted(p.name for p in out.iterdir())
    assert sorted(p.name for p in result.written) == files
    assert len(files) == 3
    assert result.failed == [("No Such Agency", "not in the agency register (agencies.csv) nor a board of report.toml")]


def _disk_full(name: str, staging: str, internal_all: bool, strict: bool):
    """Stands for the pack writer on a full disk (module level, so worker processes can call it)."""
    import errno
    from pathlib import Path

    path = Path(staging) / "half-a-pack.xlsx"
    path.write_bytes(b"half a pack")
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


def test_a_full_disk_leaves_the_packs_folder_as_it_was(default_data, tmp_path, monkeypatch):
    import multiprocessing

    import hsp_docs.packs.build as packs_build

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched writer reaches the worker processes only when they are forked")
    picked = [e.name for e in default_data.agencies][:2]
    out = tmp_path / "packs"
    build_packs(default_data, out, picked[:1], jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(packs_build, "_one", _disk_full)
    res = CliRunner().invoke(main, ["packs", str(default_data.root), "-o", str(out), "-j", "1",
                                    *[a for n in picked for a in ("--agency", n)]], env=ENV)
    assert res.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert "0 pack(s) written" in res.stderr
    failed = [line for line in res.stderr.splitlines() if line.startswith("FAILED: ")]
    assert len(failed) == 2 and all(line.endswith("cannot be written: the disk is full") for line in failed)
