"""Only regular files inside the inputs folder are read, within their size limit; text is in
one encoding or an error says where it is not; a CSV row that cannot be read is an error."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from hsp_docs.errors import InputError
from hsp_docs.inputs import files
from hsp_docs.inputs.loader import load_inputs


def problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        _load_with_deadline(folder)
    return [str(p) for p in exc.value.problems]


def _load_with_deadline(folder: Path, seconds: float = 60):
    """load_inputs, failing the test (not hanging it) if it blocks, e.g. on a pipe."""
    got: dict = {}

    def run():
        try:
            got["data"] = load_inputs(folder)
        except BaseException as exc:  # handed to the test thread
            got["exc"] = exc

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "loading the inputs hung"
    if "exc" in got:
        raise got["exc"]
    return got["data"]


def set_toml(folder: Path, old: str, new: str) -> None:
    path = folder / "report.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PHOTO = 'photo = "images/chair-photo.png"'


@pytest.mark.parametrize("value,expected", [
    ("/etc/hostname", "[chair] photo: '/etc/hostname' is outside the inputs folder: name a file inside it"),
    ("../../../../etc/hostname", "[chair] photo: '../../../../etc/hostname' is outside the inputs folder (through "
                                 "'..' or a symlink): name a file inside it"),
    ("/dev/zero", "[chair] photo: '/dev/zero' is outside the inputs folder: name a file inside it"),
])
def test_an_image_outside_the_folder_is_refused(inputs_copy, value, expected):
    set_toml(inputs_copy, PHOTO, f'photo = "{value}"')
    assert f"2022-23/report.toml: {expected}" in problems(inputs_copy)


def test_a_symlink_out_of_the_folder_is_refused(inputs_copy, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes((inputs_copy / "images" / "chair-photo.png").read_bytes())
    (inputs_copy / "images" / "link.png").symlink_to(outside)
    set_toml(inputs_copy, PHOTO, 'photo = "images/link.png"')
    assert ("2022-23/report.toml: [chair] photo: 'images/link.png' is outside the inputs folder (through '..' or a "
            "symlink): name a file inside it") in problems(inputs_copy)


def test_a_dataset_symlinked_out_of_the_folder_is_refused(inputs_copy, tmp_path):
    outside = tmp_path / "vah_reach.csv"
    outside.write_bytes((inputs_copy / "vah_reach.csv").read_bytes())
    (inputs_copy / "vah_reach.csv").unlink()
    (inputs_copy / "vah_reach.csv").symlink_to(outside)
    assert ("2022-23/vah_reach.csv: is a link to a file outside the inputs folder: copy the file into the folder "
            "instead") in problems(inputs_copy)


def test_a_pipe_a_device_or_a_folder_never_hangs_the_build(inputs_copy):
    os.mkfifo(inputs_copy / "images" / "pipe.png")
    (inputs_copy / "images" / "dir.png").mkdir()
    set_toml(inputs_copy, PHOTO, 'photo = "images/pipe.png"')
    set_toml(inputs_copy, 'image = "images/partnership-structure.png"', 'image = "images/dir.png"')
    (inputs_copy / "vah_reach.csv").unlink()
    os.mkfifo(inputs_copy / "vah_reach.csv")
    found = problems(inputs_copy)
    assert ("2022-23/report.toml: [chair] photo = 'images/pipe.png': is not a regular file (a device, pipe or "
            "socket): refused") in found
    assert "2022-23/report.toml: [structure] image = 'images/dir.png': is a folder, not a file" in found
    assert "2022-23/vah_reach.csv: is not a regular file (a device, pipe or socket): refused" in found


@pytest.mark.parametrize("key", ["../../../notes", "/etc/passwd", "a b", "intro.md"])
def test_a_section_key_is_a_plain_name(inputs_copy, key):
    set_toml(inputs_copy, 'key = "introduction"', f'key = "{key}"')
    assert (f"2022-23/report.toml: [[sections]] key {key!r}: should be one word of letters, digits, _ or - (the "
            "name of its file in narrative/, without .md)") in problems(inputs_copy)


def test_a_narrative_symlinked_out_is_refused(inputs_copy, tmp_path):
    (tmp_path / "notes.md").write_text("Private notes\n", encoding="utf-8")
    (inputs_copy / "narrative" / "introduction.md").unlink()
    (inputs_copy / "narrative" / "introduction.md").symlink_to(tmp_path / "notes.md")
    assert ("2022-23/narrative/introduction.md: is a link to a file outside the inputs folder: copy the file into "
            "the folder instead") in problems(inputs_copy)


def test_files_over_their_size_limit_are_refused(inputs_copy, monkeypatch):
    monkeypatch.setitem(files.SIZE_LIMITS, "image", 1024)
    monkeypatch.setitem(files.SIZE_LIMITS, "csv", 2048)
    found = problems(inputs_copy)
    assert any(p.startswith("2022-23/report.toml: [chair] photo = 'images/chair-photo.png': is ")
               and p.endswith("MB, over the limit of 0 MB for an image") for p in found)
    big = [p for p in found if "over the limit of 0 MB for a dataset's CSV file" in p]
    assert big and all(p.startswith("2022-23/") and ".csv: is " in p for p in big)


# --- encodings ---------------------------------------------------------------------------------

def test_a_stray_windows_1252_byte_in_a_utf8_file_is_an_error_with_its_offset(inputs_copy):
    path = inputs_copy / "recommendations.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    lines[3] = lines[3] + " caf\u00e9"  # ends with é, to become one Windows-1252 byte
    raw = "\n".join(lines).encode("utf-8").replace("caf\u00e9".encode("utf-8"), b"caf\xe9")
    if not any(ord(ch) > 127 for ch in text):
        raw = raw.replace(b"\n", " \u2013\n".encode("utf-8"), 1)  # the rest of the file is UTF-8
    path.write_bytes(raw)
    offset = raw.index(b"\xe9")
    line = raw.count(b"\n", 0, offset) + 1
    expected = (f"2022-23/recommendations.csv: is not valid UTF-8: byte 0xE9 at offset {offset:,} (line {line}) is "
                "not UTF-8, though the rest of the file is; it is likely a Windows-1252 'é' pasted in: retype that "
                "character, or save the file as \"CSV UTF-8\"")
    assert expected in problems(inputs_copy)


def test_a_whole_windows_1252_file_is_read_with_a_warning(inputs_copy, default_data):
    path = inputs_copy / "course_catalogue.csv"
    text = path.read_text(encoding="utf-8")
    assert any(ord(ch) > 127 for ch in text)
    path.write_bytes(text.encode("cp1252"))
    data = load_inputs(inputs_copy)
    assert data.rows("course_catalogue") == default_data.rows("course_catalogue")
    assert ("2022-23/course_catalogue.csv: is not UTF-8: read as Windows-1252 (Excel's plain \"CSV\"); save it "
            "as \"CSV UTF-8\" to be sure every character is kept") in [str(w) for w in data.warnings]


def test_utf16_text_is_named_as_such(inputs_copy):
    path = inputs_copy / "vah_reach.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert ("2022-23/vah_reach.csv: is saved as UTF-16 (\"Unicode text\"): save it as \"CSV UTF-8\" (or UTF-8 text) "
            "instead") in problems(inputs_copy)


def test_a_narrative_in_windows_1252_is_a_warning_not_a_traceback(inputs_copy):
    path = inputs_copy / "narrative" / "introduction.md"
    path.write_bytes((path.read_text(encoding="utf-8").replace("\u2019", "'") + "\nCaf\u00e9 \u2013 ok\n")
                     .encode("cp1252"))
    data = load_inputs(inputs_copy)
    assert "Caf\u00e9 \u2013 ok" in data.narrative["introduction"]
    assert any(str(w).startswith("2022-23/narrative/introduction.md: is not UTF-8") for w in data.warnings)


# --- CSV rows ------------------------------------------------------------------------------------

def test_an_unclosed_quote_is_an_error_naming_the_row(inputs_copy):
    path = inputs_copy / "recommendations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[-1] = '"' + cells[-1].replace('"', "")  # a quote opened on row 3, never closed
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [p for p in problems(inputs_copy) if p.startswith("2022-23/recommendations.csv")]
    assert found and all("row 3" in p for p in found), found
    assert len(header) > 1


def test_a_row_with_too_few_fields_is_an_error_naming_it(inputs_copy):
    path = inputs_copy / "vah_reach.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    width = len(lines[0].split(","))
    lines[2] = lines[2].split(",")[0]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (f"2022-23/vah_reach.csv, row 3: has 1 field(s) where the header has {width}, from line 3 of the file"
            in problems(inputs_copy))


def test_a_cell_running_past_the_csv_field_limit_is_named(inputs_copy):
    path = inputs_copy / "vah_reach.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = '"' + "x" * 200_000 + '",1'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert any(p.startswith("2022-23/vah_reach.csv, row 3: a cell starting on this row (line 3 of the file) runs "
                            "past ") and "is a quote left open?" in p for p in problems(inputs_copy))


def test_a_dataset_csv_over_the_row_limit_is_refused(inputs_copy, monkeypatch):
    from hsp_docs.inputs import readers

    monkeypatch.setattr(readers, "ROW_LIMIT", 5)
    assert ("2022-23/training_courses.csv: has more than 5 rows: a dataset holds the year's figures, not "
            "record-level data (declare that as an appendix table, docs/inputs.md)") in problems(inputs_copy)
