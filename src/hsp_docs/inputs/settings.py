"""report.toml's settings, declared: each table and key, its type, and which are required.

`check_settings` compares a parsed report.toml with the declaration and returns a problem for
every key of the wrong type, every required key left out and every unknown key (with a "did you
mean" hint), each naming the key and, where it can be found, its line. The loader stops reading
report.toml when any is an error, so a wrong type never reaches the code that uses it.
Appendix tables ([[appendix_tables]]), [statutory] and [disclosure] are checked in detail by
the modules that read them (appendices.py, statutory/config.py, disclosure/policy.py).
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Key:
    kind: str  # text, date, number, whole number, true or false, list of text, table, list of tables, any
    required: bool = False
    keys: dict[str, Key] = field(default_factory=dict)  # a table's (or each table's) own keys
    free: bool = False  # a table whose keys are the user's own (names -> text)


TEXT, DATE = Key("text"), Key("date")
_REPORT = {k: TEXT for k in ("short_name", "previous_year", "current_year", "author", "contact", "language",
                            "funder", "area", "status", "accessible_formats", "copyright")}
FLAG = Key("any")  # the placeholder flags: checked, with their own message, where they are read
SETTINGS: dict[str, Key] = {
    "report": Key("table", True, {
        "partnership": Key("text", True), "title": Key("text", True), "period_start": Key("date", True),
        "period_end": Key("date", True), "publication_date": DATE, **_REPORT}),
    "chair": Key("table", keys={"name": TEXT, "role": TEXT, "photo": TEXT, "photo_alt": TEXT,
                                "photo_placeholder": FLAG}),
    "structure": Key("table", keys={"image": TEXT, "alt": TEXT, "placeholder": FLAG}),
    "cover": Key("table", keys={"logo": TEXT, "logo_alt": TEXT, "logo_placeholder": FLAG, "image": TEXT,
                                "image_alt": TEXT, "image_placeholder": FLAG}),
    "theme": Key("any"),  # checked in detail by theme.py
    "budget": Key("table", keys={"categories": Key("list of tables", keys={
        "key": Key("text", True), "name": TEXT, "kind": TEXT, "total_label": TEXT})}),
    "owners": Key("table", free=True),
    "boards": Key("list of tables", keys={"key": Key("text", True), "name": TEXT, "chair": TEXT,
                                         "subgroups": Key("list of text")}),
    "sections": Key("list of tables", keys={"key": Key("text", True), "title": TEXT,
                                            "requires": Key("list of text"), "covers": Key("list of text")}),
    "appendix_tables": Key("any"),
    "statutory": Key("any"),  # checked in detail by statutory/config.py
    "disclosure": Key("any"),  # checked in detail by disclosure/policy.py
    "limits": Key("table", keys={"narrative_seconds": Key("number"), "narrative_characters": Key("whole number")}),
    "workbook": Key("table", keys={"split_long_tables": Key("true or false")}),
}

_EXAMPLES = {"table": "a table: [{name}] on its own line, then its keys", "list of tables":
             "a list of tables: [[{name}]] on its own line before each one's keys",
             "text": 'text in quotes, like {leaf} = "…"', "date": "a date, like {leaf} = 2023-03-31",
             "number": "a number, like {leaf} = 10", "whole number": "a whole number, like {leaf} = 1000",
             "list of text": 'a list of text, like {leaf} = ["…", "…"]', "true or false": "true or false"}


def _fits(kind: str, value) -> bool:
    if kind == "any":
        return True
    if kind == "text":
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, (dt.date, str)) and not isinstance(value, dt.time)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "whole number":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "true or false":
        return isinstance(value, bool)
    if kind == "list of text":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if kind == "table":
        return isinstance(value, dict)
    if kind == "list of tables":
        return isinstance(value, list) and all(isinstance(v, dict) for v in value)
    raise ValueError(kind)


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def check_settings(doc: dict, text: str) -> list[tuple[str, int | None, str]]:
    """(severity, line, message) for each way `doc` (report.toml parsed from `text`) departs
    from SETTINGS."""
    out: list[tuple[str, int | None, str]] = []
    _check_table(doc, SETTINGS, "", text, out, top=True)
    return out


def _check_table(table: dict, keys: dict[str, Key], where: str, text: str, out: list, top: bool = False) -> None:
    for name, spec in keys.items():
        path = f"{where}.{name}" if where else name
        if name not in table:
            if spec.required:
                shown = f"[{path}]" if spec.kind == "table" else f"[[{path}]]" if spec.kind == "list of tables" \
                    else f"'{name}' in [{where}]" if where else f"'{name}'"
                out.append(("error", _line(text, where, None), f"needs {shown}: "
                            + _EXAMPLES[spec.kind].format(name=path, leaf=name)))
            continue
        value = table[name]
        if not _fits(spec.kind, value):
            out.append(("error", _line(text, where, name),
                        f"{_label(path, top and spec.kind in ('table', 'list of tables'))} should be "
                        f"{_EXAMPLES[spec.kind].format(name=path, leaf=name)}; got {_shown(value)}"))
            continue
        if spec.kind == "table" and not spec.free:
            _check_table(value, spec.keys, path, text, out)
        elif spec.kind == "table" and spec.free:
            for k, v in value.items():
                if not isinstance(v, str):
                    out.append(("error", _line(text, path, k), f"[{path}] {k!r} should be text; got {_shown(v)}"))
        elif spec.kind == "list of tables":
            for item in value:
                _check_table(item, spec.keys, path, text, out)
    for name in table:
        if name not in keys:
            near = difflib.get_close_matches(name, list(keys), n=1, cutoff=0.6)
            hint = f" (did you mean '{near[0]}'?)" if near else ""
            inside = f" in [{where}]" if where else ""
            out.append(("warning", _line(text, where, name), f"unknown setting '{name}'{inside}{hint}: it is "
                        "ignored"))


def _label(path: str, is_table: bool) -> str:
    return f"[{path}]" if is_table else f"'{path.rsplit('.', 1)[-1]}' in [{path.rsplit('.', 1)[0]}]" \
        if "." in path else f"'{path}'"


def _line(text: str, table: str, key: str | None) -> int | None:
    """The line of `key` in `[table]` (or of the table's header when key is None): found by
    searching the text, since the TOML reader keeps no positions."""
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(r"^\s*\[\[?\s*" + re.escape(table) + r"\s*\]\]?\s*(#.*)?$")
        found = next((i for i, line in enumerate(lines) if header.match(line)), None)
        if found is None:
            return None
        if key is None:
            return found + 1
        start = found + 1
    if key is None:
        return None
    pattern = re.compile(r"^\s*(\"?)" + re.escape(key) + r"\1\s*=")
    for i in range(start, len(lines)):
        if table and re.match(r"^\s*\[", lines[i]):
            break
        if not table and re.match(r"^\s*\[", lines[i]):
            break
        if pattern.match(lines[i]):
            return i + 1
    return _line(text, f"{table}.{key}" if table else key, None)  # a table of its own: its header
