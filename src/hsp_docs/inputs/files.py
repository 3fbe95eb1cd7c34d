"""Reading the files of an inputs folder safely: only regular files inside the folder, within a
size limit, and text in one encoding or an error saying where it is not.

Every file the loader reads comes through `read_input`, whether its name is fixed (a dataset's
CSV) or comes from report.toml (a section's words, an image, an appendix table), so a setting
like `photo = "/dev/zero"`, `key = "../../notes"` or a symlink to a file elsewhere is refused
with a message, never followed.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

MB = 1024 * 1024
#: The largest file of each kind read, in bytes (docs/inputs.md, "Limits").
SIZE_LIMITS = {"report.toml": 1 * MB, "narrative": 2 * MB, "image": 20 * MB, "csv": 100 * MB,
               "workbook": 50 * MB, "appendix": 500 * MB, "word": 50 * MB}


class Refused(Exception):
    """A file that is not read: the message says why (without the file's name)."""


def inside(root: Path, name: str) -> Path:
    """The path of `name` (from a setting) in the inputs folder; Refused if it is absolute or
    leads out of the folder (through `..` or a symlink)."""
    if not isinstance(name, str) or not name.strip():
        raise Refused("should be the name of a file in the inputs folder")
    if "\x00" in name or Path(name).is_absolute() or re.match(r"^[A-Za-z]:|^[\\/]", name):
        raise Refused(f"{name!r} is outside the inputs folder: name a file inside it")
    path = root / name
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise Refused(f"{name!r} cannot be followed (a symlink loop?)") from None
    if not real.is_relative_to(root.resolve()):
        raise Refused(f"{name!r} is outside the inputs folder (through '..' or a symlink): name a file inside it")
    return path


def read_input(root: Path, path: Path, kind: str) -> bytes:
    """The bytes of one input file. FileNotFoundError if it is not there; Refused if it leads out
    of the folder, is not a regular file (a folder, device, pipe or socket) or is over its limit."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        raise Refused("cannot be followed (a symlink loop?)") from None
    if not real.is_relative_to(root.resolve()):
        raise Refused("is a link to a file outside the inputs folder: copy the file into the folder instead")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(real, flags)  # non-blocking: opening a pipe must not wait for a writer
    except IsADirectoryError:
        raise Refused("is a folder, not a file") from None
    except PermissionError:
        raise Refused("cannot be read: permission denied") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise Refused("is a folder, not a file" if stat.S_ISDIR(st.st_mode) else
                      "is not a regular file (a device, pipe or socket): refused")
    with os.fdopen(fd, "rb") as f:
        limit = SIZE_LIMITS[kind]
        if st.st_size > limit:
            raise Refused(f"is {st.st_size / MB:,.1f} MB, over the limit of {limit // MB} MB for {_KINDS[kind]}")
        data = f.read(limit + 1)
        if len(data) > limit:
            raise Refused(f"grew past the limit of {limit // MB} MB for {_KINDS[kind]} while being read")
        return data


_KINDS = {"report.toml": "report.toml", "narrative": "a section's words", "image": "an image",
          "csv": "a dataset's CSV file", "workbook": "an input workbook", "appendix": "an appendix table's file",
          "word": "a section's Word template"}

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_text(data: bytes) -> tuple[str, str | None]:
    """Text from a file's bytes, and a warning when it was not UTF-8. UTF-8 (with or without a
    BOM) is read as is. A file with no UTF-8 sequence at all whose bytes are all Windows-1252 is
    read as Windows-1252, with a warning (what Excel's plain "CSV" saves). Anything else, such as
    a UTF-8 file with one stray Windows-1252 byte, is Refused naming the byte, its offset and
    line, and the likely encoding: never re-decoded silently."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Refused("is saved as UTF-16 (\"Unicode text\"): save it as \"CSV UTF-8\" (or UTF-8 text) instead")
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    data = data[bom:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    offset_in_file = bad + bom
    line = data.count(b"\n", 0, bad) + 1
    byte = data[bad]
    if not _UTF8_MULTIBYTE.search(data):
        try:
            return data.decode("cp1252"), ("is not UTF-8: read as Windows-1252 (Excel's plain \"CSV\"); save it as "
                                           "\"CSV UTF-8\" to be sure every character is kept")
        except UnicodeDecodeError:
            raise Refused(f"is neither UTF-8 nor Windows-1252: byte 0x{byte:02X} at offset {offset_in_file:,} "
                          f"(line {line}); save it as \"CSV UTF-8\"") from None
    guess = bytes([byte]).decode("cp1252", errors="replace")
    raise Refused(f"is not valid UTF-8: byte 0x{byte:02X} at offset {offset_in_file:,} (line {line}) is not "
                  f"UTF-8, though the rest of the file is; it is likely a Windows-1252 {guess!r} pasted in: "
                  "retype that character, or save the file as \"CSV UTF-8\"")


def zip_bomb(z) -> str | None:
    """Why a zip package (a .docx or .xlsx) is refused before it is parsed, or None: it expands
    past 500 MB in all, a part past 200 MB, or a large part more than 200 times its packed size."""
    if sum(i.file_size for i in z.infolist()) > 500 * MB:
        return "expands to over 500 MB: refused as a possible zip bomb"
    for info in z.infolist():
        if info.file_size > 200 * MB:
            return f"part {info.filename} expands to over 200 MB: refused as a possible zip bomb"
        if info.file_size > 5 * MB and info.file_size > 200 * max(info.compress_size, 1):
            return (f"part {info.filename} expands {info.file_size // max(info.compress_size, 1):,} times: refused "
                    "as a possible zip bomb")
    return None
