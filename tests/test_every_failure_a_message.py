"""Every failure the command line meets ends in a message naming the file or setting and exit
code 1 (2 for usage), never a traceback. Each case breaks a copy of the default inputs."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEFAULT_INPUTS
from hsp_docs.cli import main
from tests_helpers import set_cell

ENV = {"HSP_DOCS_SOFFICE": "none"}


def toml(old: str, new: str):
    def change(folder: Path) -> None:
        path = folder / "report.toml"
        text = path.read_text(encoding="utf-8")
        assert re.search(old, text, re.MULTILINE), old
        path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    return change


def cell(name: str, row: int, column: str, value: str):
    return lambda folder: set_cell(folder, name, row, column, value)


def _png(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels (a decompression bomb's header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def truncate(rel: str, size: int):
    def change(folder: Path) -> None:
        path = folder / rel
        path.write_bytes(path.read_bytes()[:size])
    return change


CASES = {
    "partnership is a number": (toml(r'^partnership = .*$', "partnership = 5"),
                                "line 2: 'partnership' in [report] should be text in quotes"),
    "a misspelt key": (toml(r'^title = "Annual', 'titel = "Annual'), "needs 'title' in [report]"),
    "a 400-digit count": (cell("vah_reach", 2, "count", "9" * 400), "of at most 15 digits"),
    "partnership and title over 255 characters": (toml(r'^title = "Annual Report 2022-23"',
                                                       'title = "' + "T" * 300 + '"'),
                                                  "Word's document title holds 255"),
    "a damaged image": (truncate("images/chair-photo.png", 200), "is a damaged image"),
    "an image of ten billion pixels": (lambda f: (f / "images" / "chair-photo.png").write_bytes(_png(100_000, 100_000)),
                                       "100,000 × 100,000 pixels: at most 100 million"),
    "report.toml nested 100,000 deep": (lambda f: (f / "report.toml").write_text(
        "a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8"), "lists or tables nested too deeply"),
    "a negative time limit": (lambda f: (f / "report.toml").write_text(
        (f / "report.toml").read_text(encoding="utf-8") + "\n[limits]\nnarrative_seconds = -1\n", encoding="utf-8"),
        "narrative_seconds should be a number from 0.1 to 600, got -1"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_is_one_message_never_a_traceback(inputs_copy, tmp_path, case):
    change, expected = CASES[case]
    change(inputs_copy)
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["build", str(inputs_copy), "-o", str(out)], env=ENV)
    assert "Traceback" not in res.output + res.stderr
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert res.exit_code == 1, res.output
    assert expected in res.stderr, res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_table_given_as_text_says_how_to_write_it(inputs_copy):
    toml(r'^\[chair\]\nname = .*\nrole = .*\nphoto = .*\nphoto_alt = .*$', "")(inputs_copy)
    path = inputs_copy / "report.toml"
    path.write_text('chair = "Chris Miller"\n' + path.read_text(encoding="utf-8"), encoding="utf-8")
    res = CliRunner().invoke(main, ["build", str(inputs_copy), "-o", str(inputs_copy.parent / "out")], env=ENV)
    assert res.exit_code == 1
    assert ("report.toml: line 1: [chair] should be a table: [chair] on its own line, then its keys; got "
            "'Chris Miller'") in res.stderr
    assert "Traceback" not in res.stderr


def test_boards_as_a_list_of_names_says_how_to_write_them(inputs_copy):
    toml(r'^\[\[boards\]\]\nkey = "HSSP"\nname = .*\nsubgroups = .*$', 'boards = ["HSSP"]')(inputs_copy)
    text = (inputs_copy / "report.toml").read_text(encoding="utf-8")
    text = re.sub(r'^\[\[boards\]\]\nkey = "(HSAB|HSCB)"\nname = .*\n(chair = .*\n)?', "", text, flags=re.MULTILINE)
    text = 'boards = ["HSSP", "HSAB", "HSCB"]\n' + text.replace('boards = ["HSSP"]\n', "")
    (inputs_copy / "report.toml").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert res.exit_code == 1
    assert ("report.toml: line 1: [boards] should be a list of tables: [[boards]] on its own line before each "
            "one's keys; got ['HSSP', 'HSAB', 'HSCB']") in res.stderr


def test_an_unknown_key_gets_a_did_you_mean(inputs_copy):
    toml(r'^\[chair\]', "[chiar]")(inputs_copy)
    toml(r'^funder = ', "fundr = ")(inputs_copy)
    res = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    lines = (inputs_copy / "report.toml").read_text(encoding="utf-8").splitlines()
    table, key = lines.index("[chiar]") + 1, next(i for i, x in enumerate(lines, 1) if x.startswith("fundr ="))
    assert f"report.toml: line {table}: unknown setting 'chiar' (did you mean 'chair'?): it is ignored" in res.stderr
    assert (f"report.toml: line {key}: unknown setting 'fundr' in [report] (did you mean 'funder'?): it is "
            "ignored") in res.stderr


def test_check_on_damaged_or_foreign_files_is_a_finding(tmp_path, built):
    cases = {"notzip.xlsx": b"this is text", "notzip.docx": b"PK\x03\x04 truncated"}
    for name, blob in cases.items():
        (tmp_path / name).write_bytes(blob)
    with zipfile.ZipFile(built / "report.docx") as z, zipfile.ZipFile(tmp_path / "half.docx", "w") as out:
        for n in z.namelist():
            data = z.read(n)
            out.writestr(n, data[: len(data) // 2] if n == "word/document.xml" else data)
    for name in [*cases, "half.docx"]:
        res = CliRunner().invoke(main, ["check", str(tmp_path / name)])
        assert res.exit_code == 1 and res.exception is None or isinstance(res.exception, SystemExit)
        assert f"{name} is " in res.output, res.output
        assert "Traceback" not in res.output


def test_check_refuses_a_zip_bomb_before_parsing(tmp_path, built):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(built / "report.docx") as z, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for n in z.namelist():
            out.writestr(n, z.read(n))
        out.writestr("word/media/huge.bin", b"\0" * (30 * 1024 * 1024))
    res = CliRunner().invoke(main, ["check", str(bomb)])
    assert res.exit_code == 1
    assert "bomb.docx part word/media/huge.bin expands" in res.output and "possible zip bomb" in res.output


@pytest.mark.parametrize("year", ["../2023-24", "/tmp/2023-24", ".2023-24", "2023-24/x"])
def test_new_year_takes_a_year_not_a_path(year, tmp_path):
    res = CliRunner().invoke(main, ["new-year", year, "--from", str(DEFAULT_INPUTS)])
    assert res.exit_code == 2
    assert "is not a year like 2023-24" in res.stderr


def test_a_cell_longer_than_excel_holds_is_an_error(inputs_copy):
    set_cell(inputs_copy, "recommendations", 2, "text", "x" * 98_700)
    res = CliRunner().invoke(main, ["validate", str(inputs_copy)])
    assert res.exit_code == 1
    assert ("recommendations.csv, row 2, column 'text': is 98,700 characters long: a spreadsheet cell holds at most "
            "32,767, so the workbook could not show it whole") in res.stderr
