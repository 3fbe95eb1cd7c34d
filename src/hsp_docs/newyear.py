"""`hsp-docs new-year`: start next year's inputs folder from this year's.

The new folder sits beside the source (inputs/2023-24 beside inputs/2022-23) and holds:

- every dataset file the source has, with its header row; the reference lists the schema
  marks (`Dataset.reference`: the agency register, board members, the course catalogue, the
  budget lines, ...) carried forward, less their yearly columns (a budget line's amount);
  every other dataset left empty for this year's rows;
- labels.toml (the wording of the tables and charts), with its year ranges moved on;
- the narrative (Markdown files and Word templates), each marked
  "[to be completed: update this section for 2023-24, …]";
- the images report.toml names;
- each record-level appendix table report.toml declares, as its header row alone;
- report.toml with its dates and year labels (in the report's, sections' and appendix tables'
  titles) moved on and `status = "draft"`.

It never overwrites: an existing year is refused. Built at once, the new folder gives a
report with "[to be completed]" markers, and `hsp-docs check` lists what is still missing.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import tomllib
from pathlib import Path

from .errors import HspDocsError
from .inputs.readers import RawTable, read_csv
from .inputs.values import is_blank
from .inputs.workbook_reader import WorkbookReader
from .model.previous import year_key
from .model.schema import BY_NAME, DATASETS

WORKBOOK_NAME = "datasets.xlsx"
_RANGE = re.compile(r"\b(\d{4})([-/])(\d{4}|\d{2})\b")
MARKER = "[to be completed: update this section for {year}, then delete this line]"
DRAFT_LINE = 'status = "draft"  # set by `hsp-docs new-year`: delete this line when the report is final\n'


class NewYearError(HspDocsError):
    """The new year cannot be made (it exists already, or the source is not a year's inputs)."""


def shift_years(text: str, years: int) -> str:
    """Move every year range in text ('2022-23', '2022/23', '2022-2023') on by `years`."""
    def move(m: re.Match) -> str:
        start, sep, end = int(m.group(1)), m.group(2), m.group(3)
        if int(end) % 100 != (start + 1) % 100:
            return m.group(0)
        new_end = str(start + 1 + years) if len(end) == 4 else f"{(start + 1 + years) % 100:02d}"
        return f"{start + years}{sep}{new_end}"

    return _RANGE.sub(move, text)


def _shift_date(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _label_like(example: str, start: int) -> str:
    """The year starting in `start`, written the way `example` writes a year."""
    m = _RANGE.search(example or "")
    if not m:
        return f"{start}-{(start + 1) % 100:02d}"
    end = str(start + 1) if len(m.group(3)) == 4 else f"{(start + 1) % 100:02d}"
    return example[:m.start()] + f"{start}{m.group(2)}{end}" + example[m.end():]


def new_report_toml(text: str, year: str, years: int, previous: str) -> str:
    """report.toml for the new year: dates and year labels moved on, status draft; comments kept."""
    has_status = "status" in tomllib.loads(text).get("report", {})
    out, table = [], None
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([\w.\"-]+)\s*\]\]?", stripped)
        if header:
            table = header.group(1)
            out.append(line)
            if table == "report" and not has_status:
                out.append(DRAFT_LINE)
            continue
        key = re.match(r"^(\s*)([\w\"-]+)(\s*=\s*)(.*?)(\s*(#.*)?)$", line.rstrip("\n"))
        if key and table == "report":
            name = key.group(2).strip('"')
            value = key.group(4)
            if name in ("period_start", "period_end", "publication_date"):
                d = re.search(r"(\d{4})-(\d{2})-(\d{2})", value)
                if d:
                    moved = _shift_date(dt.date(*map(int, d.groups())), years)
                    value = value[:d.start()] + moved.isoformat() + value[d.end():]
            elif name == "current_year":
                value = f'"{year}"'
            elif name == "previous_year":
                value = f'"{previous}"'
            elif name == "status":
                value = '"draft"'
            elif name == "title":
                value = shift_years(value, years)
            line = f"{key.group(1)}{key.group(2)}{key.group(3)}{value}{key.group(5)}\n"
        elif key and table in ("sections", "appendix_tables") and key.group(2) == "title":
            line = shift_years(line, years)
        out.append(line)
    return "".join(out)


def _carried(ds, raw: RawTable) -> list[list[str]]:
    """The rows of a reference list to carry forward: its carried columns, the others blank."""
    if not ds.reference:
        return []
    renamed = {a: c.name for c in ds.columns for a in c.aliases}
    index = {renamed.get(h, h): i for i, h in enumerate(raw.header)}
    keep = set(ds.carry) if ds.carry is not None else set(ds.column_names)
    rows = []
    for _n, cells in raw.rows:
        if all(is_blank(x) for x in cells):
            continue
        row = []
        for col in ds.columns:
            i = index.get(col.name)
            value = cells[i] if i is not None and i < len(cells) else None
            row.append("" if col.name not in keep or value is None else str(value))
        rows.append(row)
    return rows


def _derived(name: str, tables: dict[str, RawTable]) -> list[list[str]] | None:
    """Reference lists a year made before they had their own file: made from that year's rows."""
    source = {"board_members": ("attendance", ("board", "member")),
              "course_catalogue": ("training_courses", ("course",))}.get(name)
    if source is None or source[0] not in tables:
        return None
    raw = tables[source[0]]
    index = {h: i for i, h in enumerate(raw.header)}
    if any(c not in index for c in source[1]):
        return None
    seen: dict[tuple, None] = {}
    for _n, cells in raw.rows:
        values = tuple(str(cells[index[c]] or "").strip() for c in source[1])
        if all(values) and values not in seen:
            seen[values] = None
    width = len(BY_NAME[name].columns)
    return [list(v) + [""] * (width - len(v)) for v in seen]


def _csv_text(ds, rows: list[list[str]], raw: RawTable | None = None) -> str:
    """The dataset's file: its columns (less the optional ones the source's file leaves out), then rows."""
    renamed = {a: c.name for c in ds.columns for a in c.aliases}
    had = {renamed.get(h, h) for h in raw.header} if raw is not None else set(ds.column_names)
    keep = [i for i, c in enumerate(ds.columns) if c.in_header or c.name in had]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([ds.columns[i].name for i in keep])
    w.writerows([[r[i] for i in keep] for r in rows])
    return buf.getvalue()


def _source_tables(source: Path) -> tuple[dict[str, RawTable], set[str]]:
    """The source's datasets (raw), and which of them came from its input workbook."""
    tables, from_workbook = {}, set()
    wb = source / WORKBOOK_NAME
    if wb.exists():
        reader = WorkbookReader(wb, WORKBOOK_NAME, tuple(BY_NAME), source, allow_hidden_rows=True)
        for name, raw in reader.sheets.items():
            if name in BY_NAME:
                tables[name] = raw
                from_workbook.add(name)
    for ds in DATASETS:
        path = source / ds.filename
        if path.exists() and ds.name not in tables:
            got = read_csv(path, ds.filename)
            tables[ds.name] = got if isinstance(got, RawTable) else RawTable(ds.filename, ds.column_names, [])
    return tables, from_workbook


def new_year(year: str, source: Path) -> Path:
    """Create the inputs folder for `year` beside `source` (a year's inputs folder) and return it."""
    source = Path(source).resolve()
    toml_path = source / "report.toml"
    if not toml_path.exists():
        raise NewYearError(f"{source} is not a year's inputs folder: it has no report.toml")
    text = toml_path.read_text(encoding="utf-8-sig")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NewYearError(f"{toml_path} is not valid TOML: {exc}") from None
    rep = doc.get("report", {})
    current = str(rep.get("current_year") or source.name)
    old, new = year_key(current), year_key(year)
    if new is None or old is None:
        raise NewYearError(f"{year!r} is not a year like 2023-24")
    years = new[0] - old[0]
    if years < 1:
        raise NewYearError(f"{year} is not after {current}, the year of {source.name}")
    dest = source.parent / year
    if dest.exists():
        raise NewYearError(f"{dest} already exists: new-year never overwrites a year. Rename or remove it first "
                           "if you mean to start that year again.")
    previous = current if years == 1 else _label_like(current, new[0] - 1)
    work = source.parent / f".{year}.new-year-{os.getpid()}"
    try:
        _write(work, source, text, doc, year, years, previous)
        try:
            work.rename(dest)
        except OSError:
            raise NewYearError(f"{dest} already exists: new-year never overwrites a year") from None
    finally:
        if work.exists():
            shutil.rmtree(work)
    return dest


def _write(work: Path, source: Path, text: str, doc: dict, year: str, years: int, previous: str) -> None:
    work.mkdir()
    new_toml = new_report_toml(text, year, years, previous)
    check = tomllib.loads(new_toml)["report"]
    if check.get("status") != "draft":
        raise NewYearError("could not mark report.toml as a draft: add status = \"draft\" under [report] by hand")
    (work / "report.toml").write_text(new_toml, encoding="utf-8")
    tables, from_workbook = _source_tables(source)
    for ds in DATASETS:
        rows = _carried(ds, tables[ds.name]) if ds.name in tables else _derived(ds.name, tables)
        if ds.name not in tables and rows is None:
            continue
        if ds.name in from_workbook:
            continue
        (work / ds.filename).write_text(_csv_text(ds, rows or [], tables.get(ds.name)), encoding="utf-8")
    if from_workbook:
        _write_workbook(work / WORKBOOK_NAME, {n: _carried(BY_NAME[n], tables[n]) for n in from_workbook})
    labels = source / "labels.toml"
    if labels.is_file():  # the partnership's wording carries forward, its year ranges moved on
        (work / labels.name).write_text(shift_years(labels.read_text(encoding="utf-8-sig"), years), encoding="utf-8")
    narrative = source / "narrative"
    if narrative.is_dir():
        (work / "narrative").mkdir()
        marker = MARKER.format(year=year)
        for md in sorted(narrative.glob("*.md")):
            body = md.read_text(encoding="utf-8-sig")
            (work / "narrative" / md.name).write_text(f"{marker}\n\n{body}", encoding="utf-8")
        for word in sorted(narrative.glob("*.docx")):  # a section the comms team edits in Word
            if not word.name.startswith("~$"):
                # lazy: the Word template writer (~250 ms at import) only for words kept in Word
                from .docx.template_writer import with_first_paragraph

                (work / "narrative" / word.name).write_bytes(with_first_paragraph(word.read_bytes(), marker))
    images = {source / "images"} if (source / "images").is_dir() else set()
    for table, key in (("chair", "photo"), ("structure", "image")):
        path = _file_inside(source, doc.get(table, {}).get(key))
        if path:  # never write outside the new folder
            dest = work / path.relative_to(source)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    for folder in images:
        shutil.copytree(folder, work / folder.name, dirs_exist_ok=True)
    _appendix_headers(work, source, doc)


def _file_inside(folder: Path, rel) -> Path | None:
    """The file report.toml names (relative to the year's folder), if it is one and inside it."""
    path = (folder / str(rel)).resolve() if rel else None
    return path if path and path.is_file() and path.is_relative_to(folder) else None


def appendix_files(folder: Path, doc: dict) -> list[tuple[dict, Path]]:
    """(entry, file) for each [[appendix_tables]] entry of report.toml (`doc`) whose file is in `folder`."""
    specs = doc.get("appendix_tables", [])
    out = []
    for spec in specs if isinstance(specs, list) else []:
        path = _file_inside(folder, spec.get("file")) if isinstance(spec, dict) else None
        if path:
            out.append((spec, path))
    return out


def _appendix_headers(work: Path, source: Path, doc: dict) -> None:
    """Each appendix table's file, with its header row and no records: the year's are to come."""
    for spec, path in appendix_files(source, doc):
        got = read_csv(path, str(spec["file"]))
        declared = [c.get("name", "") for c in spec.get("columns", []) if isinstance(c, dict)]
        header = got.header if isinstance(got, RawTable) else declared
        dest = work / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow(header)
        dest.write_text(buf.getvalue(), encoding="utf-8")


def _write_workbook(path: Path, rows: dict[str, list[list[str]]]) -> None:
    # lazy: the input workbook is written with openpyxl (~250 ms at import); only a workbook source needs it
    from .inputs.workbook import write_input_workbook

    class _Rows:
        def rows(self, name):
            ds = BY_NAME[name]
            return [type("Row", (), dict(zip(ds.column_names, [v or None for v in r]))) for r in rows.get(name, [])]

    write_input_workbook(path, _Rows(), only=set(rows))
