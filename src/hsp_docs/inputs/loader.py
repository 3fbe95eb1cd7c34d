"""load_inputs: a folder of inputs -> ReportData, with every problem collected and reported."""
from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
import unicodedata
import zipfile
from collections.abc import Mapping
from pathlib import Path

from docx.image.image import Image as WordImage

from ..disclosure.facts import tag_row
from ..disclosure.policy import policy_from_toml
from ..docx.template_reader import read_word_template
from ..errors import InputError, Problem
from ..labels import check_labels, with_sources
from ..model.agencies import AgencyRegister
from ..model.attendance import attendance_problems
from ..model.figures import Stated, parse_stated
from ..model.images import IMAGE_ROLES
from ..model.report import (
    DEFAULT_BUDGET,
    Board,
    BudgetCategory,
    Chair,
    Image,
    Meta,
    ReportData,
    SectionSpec,
)
from ..model.rows import ROW_TYPES
from ..model.schema import BY_NAME, DATASETS, SECTORS
from ..sections.registry import declared, declared_labels, part_labels
from ..sections.source import NarrativeSource
from ..statutory.config import check_claims, read_choice, section_covers
from ..theme import DEFAULT_THEME, Theme, parse_theme
from .files import Refused, decode_text, inside, read_input, zip_bomb
from .readers import RawTable, header_problem, read_csv
from .sanitize import clean_text
from .settings import check_settings
from .values import PARSERS, BadValue, is_blank, parse_date
from .workbook_reader import WorkbookReader

WORKBOOK_NAME = "datasets.xlsx"
EXCEL_CELL = 32_767  # the most characters an Excel cell holds
_SECTION_KEY = re.compile(r"[A-Za-z0-9_-]+")
LABELS_NAME = "labels.toml"
IMAGE_TYPES = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif"}

CHOICES = {
    ("agencies", "sector"): SECTORS,
    ("sector_links", "sector"): SECTORS,
    ("sector_links", "dataset"): ("csc_contact_sources", "lado_referral_settings", "delegates_by_sector"),
    ("budget", "category"): ("income", "staffing", "delivery"),
    ("cancelled_courses", "reason"): ("trainer not available", "insufficient delegate numbers"),
    ("dsl_forum_topics", "forum"): ("termly", "refresher"),
    ("reviews", "type"): ("sar", "cspr", "rapid review", "learning review", "national review", "other"),
    ("reviews", "status"): ("concluded", "ongoing"),
    ("priorities", "progress"): ("achieved", "good progress", "some progress", "little or no progress"),
}


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def label(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def add(self, *args, **kw) -> None:
        self.problems.append(Problem(*args, **kw))


def _date(value, c: _Collector, label: str, key: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(value)
    except BadValue as exc:
        c.add(label, f"key '{key}': {exc}")
        return None


def _clean_strings(value, label: str, c: _Collector, where: str = ""):
    """Drop characters XML forbids from every string of report.toml, with a warning naming the key."""
    if isinstance(value, dict):
        return {k: _clean_strings(v, label, c, f"{where}.{k}" if where else k) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v, label, c, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):
        text, removed = clean_text(value)
        if removed:
            c.add(label, f"key '{where}': removed characters that documents cannot hold ({', '.join(removed)})",
                  severity="warning")
        return text
    return value


def _budget_categories(doc: dict, label: str, c: _Collector) -> tuple[BudgetCategory, ...]:
    """[[budget.categories]] in report.toml: the groups of budget lines (default: income, staffing, delivery)."""
    specs = doc.get("budget", {}).get("categories") if isinstance(doc.get("budget"), dict) else None
    if not specs:
        return DEFAULT_BUDGET
    out = []
    for i, spec in enumerate(specs):
        if not isinstance(spec, dict) or not str(spec.get("key", "")).strip():
            c.add(label, f"[[budget.categories]] number {i + 1} needs a 'key' (as budget.csv's category column "
                         "writes it)")
            continue
        key = str(spec["key"]).strip().casefold()
        kind = str(spec.get("kind", "expenditure")).strip().casefold()
        if kind not in ("income", "expenditure"):
            c.add(label, f"[[budget.categories]] '{key}': kind must be \"income\" or \"expenditure\", got {kind!r}")
        name = str(spec.get("name", key.capitalize()))
        out.append(BudgetCategory(key, name, str(spec.get("total_label", f"Total {name.lower()}")), kind == "income"))
    if len({b.key for b in out}) != len(out):
        c.add(label, "[[budget.categories]] names a category key twice")
    return tuple(out) or DEFAULT_BUDGET


def _section_specs(doc: dict, label: str, c: _Collector) -> tuple[SectionSpec, ...]:
    known = {d.name for d in DATASETS}
    out = []
    for s in doc.get("sections", []):
        if not isinstance(s, dict) or "key" not in s:
            continue
        if not isinstance(s["key"], str) or not _SECTION_KEY.fullmatch(s["key"]):
            c.add(label, f"[[sections]] key {s['key']!r}: should be one word of letters, digits, _ or - (the name "
                         "of its file in narrative/, without .md)")
            continue
        requires = tuple(s.get("requires", ()))
        for name in requires:
            if name not in known:
                c.add(label, f"section '{s['key']}': requires names {name!r}, which is not a dataset "
                             "(see docs/inputs.md for their names)")
        covers = section_covers(s, lambda m: c.add(label, m))
        out.append(SectionSpec(s["key"], str(s.get("title", s["key"])), requires, covers))
    keys = [s.key for s in out]
    for k in sorted({k for k in keys if keys.count(k) > 1}):
        c.add(label, f"section '{k}' is listed twice in [[sections]]")
    return tuple(out)


def _read_text(root: Path, path: Path, kind: str, label: str, c: _Collector) -> str | None:
    """A text input (report.toml, a section's words) read safely, or None with the problem noted."""
    try:
        text, warning = decode_text(read_input(root, path, kind))
    except Refused as exc:
        c.add(label, str(exc))
        return None
    except OSError as exc:
        c.add(label, f"cannot be read: {exc.strerror}")
        return None
    if warning:
        c.add(label, warning, severity="warning")
    return text


def _load_meta(root: Path, c: _Collector, role: str = "current") -> tuple[Meta, dict] | None:
    """report.toml as Meta, with the parsed document (for the images and appendix tables it
    declares); None when it cannot be read (the problems are in `c`)."""
    path = root / "report.toml"
    label = c.label(path)
    if not path.exists():
        c.add(label, "is missing: every inputs folder needs report.toml with the report's details")
        return None
    text = _read_text(root, path, "report.toml", label, c)
    if text is None:
        return None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        c.add(label, f"is not valid TOML: {exc}")
        return None
    except RecursionError:
        c.add(label, "is not valid TOML: lists or tables nested too deeply")
        return None
    doc = _clean_strings(doc, label, c)
    found = check_settings(doc, text)
    for severity, line, message in found:
        c.add(label, f"line {line}: {message}" if line else message, severity=severity)
    if any(severity == "error" for severity, _, _ in found):
        return None
    rep = doc.get("report", {})
    missing = [k for k in ("partnership", "title", "period_start", "period_end") if k not in rep]
    for k in missing:
        c.add(label, f"[report] needs '{k}'")
    if missing:
        return None
    long = len(f"{rep['partnership']} {rep['title']}")
    if long > 250:
        c.add(label, f"[report] partnership and title together are {long:,} characters: Word's document title "
                     "holds 255 (with the space between them), so shorten them")
        return None
    start = _date(rep["period_start"], c, label, "period_start")
    end = _date(rep["period_end"], c, label, "period_end")
    pub = _date(rep.get("publication_date", rep["period_end"]), c, label, "publication_date")
    if start and end and end <= start:
        c.add(label, f"period_end {end} is not after period_start {start}")
    chair = doc.get("chair", {})
    boards = tuple(Board(b["key"], b.get("name", b["key"]), b.get("chair", ""), tuple(b.get("subgroups", ())))
                   for b in doc.get("boards", []) if "key" in b)
    sections = _section_specs(doc, label, c)
    if not sections and role == "current":
        c.add(label, "lists no [[sections]]: say which sections the report has, in order")
    status = str(rep.get("status", "final")).strip().casefold()
    if status not in ("draft", "final"):
        c.add(label, f"[report] status must be \"draft\" or \"final\", got {status!r}")
    owners = doc.get("owners", {})
    if not isinstance(owners, dict) or not all(isinstance(v, str) for v in owners.values()):
        c.add(label, "[owners] should map dataset names (or patterns like \"asc_*\") to who supplies them")
        owners = {}
    budget = _budget_categories(doc, label, c)
    theme = _theme(root, doc, label, c)
    disclosure = policy_from_toml(doc.get("disclosure"), lambda message: c.add(label, message))
    if start is None or end is None or pub is None:
        return None
    cur = rep.get("current_year") or f"{start.year}-{str(end.year)[-2:]}"
    prev = rep.get("previous_year") or f"{start.year - 1}-{str(end.year - 1)[-2:]}"
    return Meta(
        partnership=rep["partnership"], short_name=rep.get("short_name", ""), title=rep["title"],
        period_start=start, period_end=end, current_year=cur, previous_year=prev,
        publication_date=pub, author=rep.get("author", rep["partnership"]), contact=rep.get("contact", ""),
        language=rep.get("language", "en-GB"), funder=rep.get("funder", ""),
        chair=Chair(chair.get("name", ""), chair.get("role", "")), boards=boards, sections=sections,
        area=str(rep.get("area") or rep["partnership"].split()[0]), status=status, budget=budget,
        owners=tuple((str(k), v) for k, v in owners.items()), disclosure=disclosure, **_limits(doc, label, c),
        statutory=read_choice(doc, lambda m: c.add(label, m)), theme=theme,
        accessible_formats=str(rep.get("accessible_formats") or (
            "This report is available in other formats, such as large print, easy read or audio, on request"
            + (" from the contact above." if rep.get("contact") else "."))),
        copyright=str(rep.get("copyright") or f"\u00a9 {rep['partnership']} {pub.year}"),
        split_long_tables=isinstance(doc.get("workbook"), dict) and doc["workbook"].get("split_long_tables") is True,
    ), doc


def _theme(root: Path, doc: dict, label: str, c: _Collector) -> Theme:
    """The house style: theme.toml beside report.toml (if any), then report.toml's [theme] over it."""
    table: dict = {}
    path = root / "theme.toml"
    if path.exists():
        try:
            outer = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            c.add(c.label(path), f"is not valid TOML: {exc}")
            outer = {}
        settings = outer.get("theme", outer)  # a [theme] table, or the settings at the top
        table.update(settings if isinstance(settings, dict) else {})
    own = doc.get("theme", {})
    if not isinstance(own, dict):
        c.add(label, "[theme] should be a table of settings (docs/theme.md)")
        own = {}
    for key in own:
        table[key] = own[key]
    theme, problems = parse_theme(table)
    for key, problem in problems:
        c.add(label if key in own else c.label(path), problem)
    return theme


def _limits(doc: dict, label: str, c: _Collector) -> dict:
    """[limits] in report.toml: narrative_seconds and narrative_characters (docs/inputs.md)."""
    limits = doc.get("limits", {})
    out: dict = {}
    if not isinstance(limits, dict):
        c.add(label, "[limits] should be a table: [limits] then narrative_seconds = 10 on the next line")
        return out
    for key, kind, low, high in (("narrative_seconds", (int, float), 0.1, 600),
                                 ("narrative_characters", (int,), 1000, 100_000_000)):
        if key in limits:
            v = limits[key]
            if isinstance(v, bool) or not isinstance(v, kind) or not low <= v <= high:
                c.add(label, f"[limits] {key} should be a number from {low:,} to {high:,}, got {v!r}")
            else:
                out[key] = v
    return out


def _raw_tables(root: Path, c: _Collector, allow_hidden_rows: bool = False) -> dict[str, RawTable]:
    tables: dict[str, RawTable] = {}
    wb_path = root / WORKBOOK_NAME
    if wb_path.exists() or wb_path.is_symlink():
        reader = WorkbookReader(wb_path, c.label(wb_path), tuple(d.name for d in DATASETS), root, allow_hidden_rows)
        c.problems.extend(reader.problems)
        tables.update(reader.sheets)
        opened = not any(p.file == reader.label and p.severity == "error" for p in reader.problems)
        for ds in DATASETS:
            if opened and ds.name not in tables and not (root / ds.filename).exists():
                c.add(c.label(wb_path), f"has no sheet '{ds.name}' (nor is there a {ds.filename}): the report's "
                                        "parts made from it are left out", severity="warning")
    for ds in DATASETS:
        path = root / ds.filename
        if path.exists():
            label = c.label(path)
            if ds.name in tables:
                c.add(label, f"and sheet '{ds.name}' of {WORKBOOK_NAME} both hold this dataset: keep one")
                continue
            got = read_csv(path, label, root)
            if isinstance(got, Problem):
                c.problems.append(got)
            else:
                c.problems.extend(got.problems)
                tables[ds.name] = got
    return tables


def _parse_table(ds, raw: RawTable, c: _Collector, choices: dict | None = None, draft: bool = False,
                 make_row=None, tag: bool = True) -> tuple:
    """Typed rows of one dataset. In a draft year, a reference list's yearly columns (those not
    carried forward, like a budget line's amount) may still be empty: they are to be completed.
    make_row(_row=n, **values) makes a row (default: the dataset's row type). tag: counts of people
    carry their Fact (disclosure/facts.py); last year's folder's don't, so its row numbers are
    never taken for this year's."""
    choices = CHOICES if choices is None else choices
    expected = ds.column_names
    renamed = {a: col.name for col in ds.columns for a in col.aliases}
    header = [renamed.get(h, h) for h in raw.header]
    wrong = header_problem(expected, header, required=[col.name for col in ds.columns if col.in_header],
                           optional=[col.name for col in ds.columns if not col.in_header])
    if wrong:
        c.add(raw.label, wrong, row=1)
        return ()
    index = {h: i for i, h in enumerate(header)}
    row_type = make_row or ROW_TYPES[ds.name]
    rows = []
    for n, cells in raw.rows:
        if len(cells) > len(header):
            c.add(raw.label, "has values beyond the last column of the header", row=n)
            continue
        if all(is_blank(x) for x in cells):
            continue
        values: dict[str, object] = {}
        ok = True
        for col in ds.columns:
            cell = cells[index[col.name]] if col.name in index else None
            if is_blank(cell):
                pending = draft and ds.carry is not None and col.name not in ds.carry
                if not col.optional and not pending:
                    c.add(raw.label, f"expected {_expect(col.type)}, got an empty cell", row=n, column=col.name)
                    ok = False
                values[col.name] = None
                continue
            try:
                v = PARSERS[col.type](cell)
            except BadValue as exc:
                c.add(raw.label, str(exc), row=n, column=col.name)
                ok = False
                continue
            if isinstance(v, str):
                v, removed = clean_text(v)
                if removed:
                    c.add(raw.label, f"removed characters that documents cannot hold ({', '.join(removed)})",
                          row=n, column=col.name, severity="warning")
                if len(v) > EXCEL_CELL:
                    c.add(raw.label, f"is {len(v):,} characters long: a spreadsheet cell holds at most "
                                     f"{EXCEL_CELL:,}, so the workbook could not show it whole", row=n, column=col.name)
                    ok = False
                    continue
            allowed = choices.get((ds.name, col.name))
            if allowed and str(v).casefold() not in allowed:
                c.add(raw.label, f"expected one of {', '.join(allowed)}, got {v!r}", row=n, column=col.name)
                ok = False
            values[col.name] = str(v).casefold() if allowed else v
        if ok:
            rows.append(row_type(**(tag_row(ds, values, n) if make_row is None and tag else values), _row=n))
    return tuple(rows)


def _expect(typ: str) -> str:
    try:
        PARSERS[typ]("\x00?")
    except BadValue as exc:
        return exc.expected
    return typ


def _check_agencies(datasets: dict, labels: dict, c: _Collector, boards: tuple[Board, ...]) -> None:
    register = AgencyRegister(datasets.get("agencies", ()))
    seen: dict[str, str] = {}
    for r in datasets.get("agencies", ()):
        for n in [r.name, *(r.aliases or "").split(";")]:
            k = unicodedata.normalize("NFC", n.strip()).casefold()
            if k and k in seen and seen[k] != r.name:
                c.add(labels["agencies"], f"the name {n.strip()!r} belongs to two agencies: {seen[k]!r} and "
                                          f"{r.name!r}", row=r._row, column="aliases")
            seen.setdefault(k, r.name)
    unknown = []
    board_names = {n.casefold() for b in boards for n in (b.key, b.name)}
    for ds in DATASETS:
        for col in (c_ for c_ in ds.columns if c_.agency):
            for r in datasets.get(ds.name, ()):
                raw = getattr(r, col.name) or ""
                names = [x for x in raw.split(";")] if col.many else [raw]
                for name in (x.strip() for x in names):
                    if not name or register.resolve(name) is not None or (col.board and name.casefold() in board_names):
                        continue
                    also = " or a board of report.toml (its key or name)" if col.board else ""
                    unknown.append(Problem(labels[ds.name], f"{name!r} is not in the agency register "
                                           f"(agencies.csv){also}: add it as an agency or as an alias of one",
                                           row=r._row, column=col.name))
    c.problems.extend(unknown)
    keys = {b.key for b in boards}
    if not keys:  # report.toml is missing or broken: that is the problem to report
        return
    for name in ("meetings", "attendance", "attendance_totals", "board_members"):
        for r in datasets.get(name, ()):
            if r.board not in keys:
                c.add(labels[name], f"expected a board key from report.toml ({', '.join(sorted(keys))}), "
                                    f"got {r.board!r}", row=r._row, column="board")


def _load_labels(root: Path, c: _Collector) -> dict[str, Mapping]:
    """labels.toml, if the folder has one: the partnership's own wording of its tables and charts."""
    path = root / LABELS_NAME
    if not path.exists():
        return {}
    label = c.label(path)
    text = _read_text(root, path, "report.toml", label, c)
    if text is None:
        return {}
    try:
        doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        c.add(label, f"is not valid TOML: {exc or 'nested too deeply'}")
        return {}
    doc = _clean_strings(doc, label, c)
    for problem in check_labels(doc, declared_labels(), [ds.name for ds in DATASETS]):
        c.add(label, problem)
    wording: dict[str, Mapping] = {f"{kind}:{key}": given for kind, parts in doc.items()
                                   if kind != "sources" and isinstance(parts, dict)
                                   for key, given in parts.items() if isinstance(given, dict)}
    sources = doc.get("sources")  # a part's source line by dataset, where the part gives none of its own
    main = {spec.key: spec.datasets[0] for spec in declared()}
    return with_sources(wording, sources, main) if isinstance(sources, dict) else wording


def _load_images(root: Path, doc: dict, c: _Collector, theme: Theme = DEFAULT_THEME) -> dict[str, Image]:
    images = {}
    cover = doc.get("cover", {})
    brand = {"logo": theme.logo, "logo_alt": theme.logo_alt} if theme.logo and "logo" not in cover else {}
    specs = [("logo", cover, "logo", "logo_alt", "cover", "logo_placeholder"),
             ("logo", brand, "logo", "logo_alt", "theme", "logo_placeholder"),  # the house style's logo
             ("cover_image", cover, "image", "image_alt", "cover", "image_placeholder"),
             ("chair_photo", doc.get("chair", {}), "photo", "photo_alt", "chair", "photo_placeholder"),
             ("partnership_structure", doc.get("structure", {}), "image", "alt", "structure", "placeholder")]
    for key, table, file_key, alt_key, tname, stand_in_key in specs:
        if file_key not in table:
            continue
        setting = f"[{tname}] {file_key}"
        try:
            path = inside(root, table[file_key])
        except Refused as exc:
            c.add(c.label(root / "report.toml"), f"{setting}: {exc}")
            continue
        label = c.label(path)
        if not path.exists():
            c.add(label, f"is missing: {setting} in {'the theme' if tname == 'theme' else 'report.toml'} points to it")
            continue
        try:
            data = read_input(root, path, "image")
        except Refused as exc:
            c.add(c.label(root / "report.toml"), f"{setting} = {table[file_key]!r}: {exc}")
            continue
        if not any(data.startswith(sig) for sig in IMAGE_TYPES):
            c.add(label, "is not a PNG, JPEG or GIF image")
            continue
        damaged = _damaged_image(data)
        if damaged:
            c.add(label, f"is a damaged image ({damaged}): save it again from an image editor")
            continue
        alt = str(table.get(alt_key, "")).strip()
        if not alt:
            c.add(c.label(root / "report.toml"), f"[{tname}] needs '{alt_key}': alternative text for the image")
        stand_in = table.get(stand_in_key, False)
        if not isinstance(stand_in, bool):
            c.add(c.label(root / "report.toml"), f"[{tname}] {stand_in_key} must be true or false, got {stand_in!r}")
            stand_in = False
        images[key] = Image(key, path.name, data, alt, stand_in, IMAGE_ROLES[key])
    return images


def _damaged_image(data: bytes) -> str | None:
    """Why Word's image reader cannot take the picture (truncated, bad header), or None."""
    try:
        img = WordImage.from_blob(data)
        if not (0 < img.px_width and 0 < img.px_height and img.px_width * img.px_height <= 100_000_000):
            return f"{img.px_width:,} × {img.px_height:,} pixels: at most 100 million"
    except Exception as exc:  # noqa: BLE001 - python-docx raises many types for damaged headers
        return type(exc).__name__
    return None


def load_inputs(path: str | Path, *, allow_hidden_rows: bool = False) -> ReportData:
    """Load and check a year's inputs folder. Raises InputError listing every problem found.

    When last year's folder (named by report.toml's previous_year) sits beside this one, it is
    loaded too, as `data.previous`: the previous-year figures of comparisons come from it."""
    return _load(Path(path), "current", allow_hidden_rows)


def _load(path: Path, role: str, allow_hidden_rows: bool = False) -> ReportData:
    """role "current": a year to build; "previous": last year's folder, read for its figures only
    (its sections, words and images are not needed, and its agency register may be left out)."""
    root = path.resolve()
    c = _Collector(root)
    if not root.is_dir():
        raise InputError([Problem(str(path), "is not a folder of inputs")])
    got = _load_meta(root, c, role)
    meta, doc = got if got else (None, {})
    raw = _raw_tables(root, c, allow_hidden_rows)
    datasets, labels = _parse_datasets(root, raw, meta, c, role)
    _check_register(root, raw, meta, datasets, labels, c, role)
    stated = _stated_figures(datasets, labels, c)
    narrative: dict[str, str] = {}
    sources: dict = {}
    if meta and role == "current":
        narrative, sources = _load_narratives(root, meta, c)
        _check_claims(root, meta, narrative, sources, c)
    images = _load_images(root, doc, c, meta.theme if meta else DEFAULT_THEME) if role == "current" else {}
    wording = _load_labels(root, c) if role == "current" else {}
    appendices: tuple = ()
    if role == "current" and "appendix_tables" in doc:
        from .appendices import load_appendices  # lazy: ~10 ms at import; only declared appendix tables need it

        appendices = load_appendices(root, doc, c)
    previous = _load_previous(root, meta, c) if meta and role == "current" else None
    errors = [p for p in c.problems if p.severity == "error"]
    if errors or meta is None:
        raise InputError(c.problems)
    data = ReportData(meta, datasets, stated, narrative, images, root=root,
                      warnings=tuple(p for p in c.problems if p.severity != "error"),
                      present=frozenset(raw), previous=previous, appendices=appendices,
                      narrative_sources=sources, wording=wording, declared_labels=part_labels)
    known = data.all_figures()
    for key, figure in stated.items():
        if key not in known and not key.startswith("csc."):
            c.add(labels["stated_figures"], f"unknown figure key {key!r}: see docs/placeholders.md for the keys",
                  row=figure.row, column="key")
    if any(p.severity == "error" for p in c.problems):
        raise InputError(c.problems)
    return data


def _parse_datasets(root: Path, raw: dict, meta: Meta | None, c: _Collector, role: str) -> tuple[dict, dict]:
    """(dataset name -> typed rows, dataset name -> its file's label) of every dataset of the schema;
    the choices a column allows come from report.toml (budget categories) and sectors.csv."""
    choices = dict(CHOICES)
    if meta:
        choices[("budget", "category")] = tuple(b.key for b in meta.budget)
    datasets: dict = {}
    labels: dict = {}
    if "sectors" in raw:  # the partnership's own sectors: what agencies.csv and sector_links.csv may name
        datasets["sectors"] = _parse_table(BY_NAME["sectors"], raw["sectors"], c, choices)
        choices[("agencies", "sector")] = choices[("sector_links", "sector")] = tuple(
            dict.fromkeys(r.sector.casefold() for r in datasets["sectors"])) or SECTORS
    for ds in DATASETS:
        labels[ds.name] = raw[ds.name].label if ds.name in raw else c.label(root / ds.filename)
        if ds.name == "sectors" and ds.name in raw:
            continue
        datasets[ds.name] = (_parse_table(ds, raw[ds.name], c, choices, bool(meta and meta.draft),
                                          tag=role == "current") if ds.name in raw else ())
    return {ds.name: datasets[ds.name] for ds in DATASETS}, labels


def _check_register(root: Path, raw: dict, meta: Meta | None, datasets: dict, labels: dict, c: _Collector,
                    role: str) -> None:
    """Agency names against the register, report.toml's internal agencies, and attendance
    against the meetings."""
    if "agencies" not in raw and role == "current":
        c.add(labels["agencies"], "is missing: the agency register is needed to check agency names")
    if "agencies" in raw or role == "current":
        _check_agencies(datasets, labels, c, meta.boards if meta else ())
    if meta and "agencies" in raw:
        register = AgencyRegister(datasets["agencies"])
        for name in meta.disclosure.internal:
            if register.resolve(name) is None:
                c.add(c.label(root / "report.toml"), f"[disclosure] internal names {name!r}, which is not in the "
                                                     "agency register (agencies.csv)")
    if not any(p.file == labels["meetings"] and p.severity == "error" for p in c.problems):  # else: fix those first
        for name, row, column, message in attendance_problems(datasets.get("meetings", ()),
                                                               datasets.get("attendance", ())):
            c.add(labels[name], message, row=row, column=column)


def _stated_figures(datasets: dict, labels: dict, c: _Collector) -> dict[str, Stated]:
    """stated_figures.csv by key; a key stated twice is an error."""
    stated: dict[str, Stated] = {}
    for r in datasets.get("stated_figures", ()):
        if r.key in stated:
            c.add(labels["stated_figures"], f"figure {r.key!r} is stated twice", row=r._row, column="key")
        stated[r.key] = parse_stated(r.key, r.value, r._row)
    return stated


def _load_narratives(root: Path, meta: Meta, c: _Collector) -> tuple[dict[str, str], dict]:
    """(section key -> narrative markup, section key -> NarrativeSource of a Word template): each
    section's words, from narrative/<key>.docx where there is one, else narrative/<key>.md."""
    narrative: dict[str, str] = {}
    sources: dict = {}
    for s in meta.sections:
        word = _load_word_narrative(root, s.key, meta.draft, c)
        if word is not None:
            narrative[s.key], sources[s.key] = word
            continue
        p = root / "narrative" / f"{s.key}.md"
        if p.exists() or p.is_symlink():
            text = _read_text(root, p, "narrative", c.label(p), c)
            if text is None:
                continue
            text, removed = clean_text(text)
            if removed:
                c.add(c.label(p), f"removed characters that documents cannot hold ({', '.join(removed)})",
                      severity="warning")
            narrative[s.key] = text
        elif not (root / "narrative" / f"{s.key}.docx").exists():
            c.add(c.label(p), f"is missing: section '{s.key}' in report.toml needs its words here "
                  f"(or in narrative/{s.key}.docx)")
    return narrative, sources


def _check_claims(root: Path, meta: Meta, narrative: dict[str, str], sources: dict, c: _Collector) -> None:
    """What the sections claim to answer (report.toml's covers, markers in the words), checked
    against the statutory profiles; a Word template's problem points to its paragraph."""
    def claim(where: str, msg: str, line: int | None = None) -> None:
        key = where.removeprefix("narrative/").removesuffix(".md")
        if where.startswith("narrative/") and key in sources:
            c.problems.append(sources[key].problem(msg, line))
        else:
            c.add(c.label(root / where), msg, row=line)

    check_claims(meta, narrative, claim)


def _unsafe_package(root: Path, path: Path) -> str | None:
    """Why a Word file among the inputs is not opened (outside the folder, not a regular file,
    too large, a zip bomb), or None."""
    try:
        blob = read_input(root, path, "word")
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            return zip_bomb(z)
    except Refused as exc:
        return str(exc)
    except (zipfile.BadZipFile, OSError):
        return None  # the Word reader says what is wrong with it


def _load_word_narrative(root: Path, key: str, draft: bool, c: _Collector):
    """(markup, NarrativeSource) of narrative/<key>.docx, a Word template, or None if there is
    none (or it cannot be read: the problem is collected). A Word template is used before a
    Markdown file beside it; unaccepted tracked changes are an error in a final report."""
    path = root / "narrative" / f"{key}.docx"
    if not path.exists():
        return None
    label = c.label(path)
    refused = _unsafe_package(root, path)
    if refused:
        c.add(label, refused)
        return None
    try:
        got = read_word_template(path, f"narrative/{key}.docx")
    except ValueError as exc:
        c.add(label, str(exc))
        return None
    for w in got.warnings:
        c.add(label, w, severity="warning")
    for place in got.changes:
        if draft:
            c.add(label, f"{place}: has tracked changes not yet accepted; built as if accepted (accept or reject "
                  "them in Word: Review > Accept)", severity="warning")
        else:
            c.add(label, f"{place}: has tracked changes not yet accepted: a final report is built only from "
                  "accepted words (in Word: Review > Accept or Reject), or set status = \"draft\"")
    notes = []
    if got.comments:
        notes.append(f"{label}: {got.comments} comment(s) ignored")
    if (root / "narrative" / f"{key}.md").exists():
        notes.append(f"{label} used for section '{key}'; narrative/{key}.md beside it is not (a Word template "
                     "comes first: delete the one you do not use)")
    text, removed = clean_text(got.text)
    if removed:
        c.add(label, f"removed characters that documents cannot hold ({', '.join(removed)})", severity="warning")
    return text, NarrativeSource(got.source.file, got.source.places, tuple(notes))


def _load_previous(root: Path, meta: Meta, c: _Collector) -> ReportData | None:
    """Last year's inputs, when a folder named by previous_year sits beside this one. Its problems
    are reported with its own file names; its warnings become this year's warnings."""
    label = meta.previous_year
    if not label or any(ch in label for ch in "/\\:") or label.startswith("."):
        return None  # a year label, not a path: only a sibling folder is read
    folder = root.parent / label
    if folder == root or not (folder / "report.toml").exists():
        return None
    try:
        previous = _load(folder, "previous")
    except InputError as exc:
        c.problems.extend(exc.problems + exc.warnings)
        return None
    c.problems.extend(previous.warnings)
    if previous.meta.current_year != meta.previous_year:
        c.add(c.label(folder / "report.toml"), f"says current_year is {previous.meta.current_year!r}, but "
              f"{c.label(root / 'report.toml')} expects last year's folder to be {meta.previous_year!r}")
        return None
    return previous
