"""The words of the tables and charts: titles, column headers, row and category labels, series
names, notes, units, axis titles and source lines.

Every part declares its labels with neutral wording on its builder (sections/declare.py);
a partnership gives its own in `labels.toml` in the year's folder, keyed by the part:

    [table.csc_contacts_quarterly]
    title = "Number of contacts processed each quarter"
    columns = { contacts = "Number of contacts" }
    notes = { mashed = "MASHed: contacts passed to the Multi-Agency Safeguarding Hub (MASH)." }

A part that lists agencies (the attendance and CSA events tables) prints them as the register spells them;
`names = "as written"` prints them as the data writes them instead.

A label may use `{current_year}`, `{previous_year}`, `{partnership}`, `{short_name}`, `{area}`
and `{funder}` from report.toml, and the fields its part adds (an attendance table's `{board}`
and `{board_key}`). A note keyed like a column or series (`notes.mashed`) goes with it: when
the column is left out because its data is empty, so is the note. An empty label ("") leaves a
note, a source line or a unit out.

A source line is usually the same for every part drawn from one dataset, so `[sources]` gives it
once, by dataset (a name or a pattern, as report.toml's [owners]); a part's own `source` overrides
it. A part takes the first entry that matches the dataset it cannot do without (its first):

    [sources]
    "lado_*" = "LADO service case records (MOSAIC)"
    "budget" = "{partnership} budget outturn"
"""
from __future__ import annotations

import fnmatch
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

GROUPS = ("columns", "rows", "series", "axes", "units", "notes")
"""The named groups of a part's labels; `notes` may add keys of its own, the others only relabel."""
SINGLES = ("title", "source", "alt")
NAMES = ("register", "as written")
REPORT_FIELDS = ("current_year", "previous_year", "partnership", "short_name", "area", "funder")


@dataclass(frozen=True)
class PartLabels:
    """A part's labels: the neutral defaults its declaration gives, or a partnership's own."""

    title: str = ""
    source: str = ""
    alt: str = ""  # the alt text's opening sentence; default: "<Kind> chart: <title>."
    columns: Mapping[str, str] = field(default_factory=dict)
    rows: Mapping[str, str] = field(default_factory=dict)  # row labels (a total) and chart categories
    series: Mapping[str, str] = field(default_factory=dict)
    axes: Mapping[str, str] = field(default_factory=dict)  # "value" and "category"
    units: Mapping[str, str] = field(default_factory=dict)  # by column: "£" prints "Outturn (£)"
    notes: Mapping[str, str] = field(default_factory=dict)
    fields: tuple[str, ...] = ()  # format fields this part adds ({board})
    names: str = ""  # of a part listing agencies: "register" (their register names) or "as written"

    def as_dict(self) -> dict:
        """The labels as labels.toml writes them (for docs/parts.md)."""
        out: dict = {k: getattr(self, k) for k in (*SINGLES, "names") if getattr(self, k)}
        out.update({g: dict(getattr(self, g)) for g in GROUPS if getattr(self, g)})
        return out


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(key)


@dataclass(frozen=True, eq=False)
class Labels:
    """One part's labels as it prints them: the partnership's where given, else the defaults,
    with `{fields}` filled in."""

    defaults: PartLabels
    given: Mapping = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    part: str = ""  # the part's key ("table:budget_outturn")

    @property
    def key(self) -> str:
        """The part's key without its kind ("budget_outturn"): the key of the Table or Chart it labels."""
        return self.part.split(":", 1)[-1]

    def _fill(self, text: str) -> str:
        return text.format_map(_Fields(self.values)) if "{" in text else text

    def _single(self, name: str) -> str:
        return self._fill(str(self.given.get(name, getattr(self.defaults, name))))

    def _get(self, group: str, slot: str) -> str:
        given = self.given.get(group, {})
        if slot in given:
            return self._fill(str(given[slot]))
        defaults = getattr(self.defaults, group)
        if slot not in defaults:
            raise KeyError(f"no {group} label {slot!r} declared")
        return self._fill(defaults[slot])

    @property
    def title(self) -> str:
        return self._single("title")

    @property
    def source(self) -> str:
        return self._single("source")

    @property
    def alt(self) -> str:
        return self._single("alt")

    @property
    def names(self) -> str:
        """"register": agencies print as the register spells them; "as written": as the data writes them."""
        return str(self.given.get("names", self.defaults.names))

    def column(self, slot: str) -> str:
        return self._get("columns", slot)

    def row(self, slot: str) -> str:
        return self._get("rows", slot)

    def row_or(self, slot: str, written: str) -> str:
        """A row's label where the part declares or is given one for this slot, else as written."""
        known = slot in self.defaults.rows or slot in self.given.get("rows", {})
        return self.row(slot) if known else written

    def series(self, slot: str) -> str:
        return self._get("series", slot)

    def axis(self, slot: str) -> str:
        return self._get("axes", slot)

    def unit(self, slot: str) -> str | None:
        if slot not in self.defaults.units and slot not in self.given.get("units", {}):
            return None
        return self._get("units", slot) or None

    def notes(self, dropped: Iterable[str] = ()) -> list[str]:
        """The notes, in declared order then the partnership's own, less those keyed by a dropped
        column or series and those left empty."""
        dropped = set(dropped)
        given = self.given.get("notes", {})
        keys = list(dict.fromkeys([*self.defaults.notes, *given]))
        texts = [self._fill(str(given.get(k, self.defaults.notes.get(k, "")))) for k in keys if k not in dropped]
        return [t for t in texts if t.strip()]

    def with_values(self, **values: str) -> Labels:
        return Labels(self.defaults, self.given, {**self.values, **values}, self.part)


def dataset_source(dataset: str, sources: Mapping[str, str]) -> str | None:
    """The source line [sources] gives a dataset: its first entry whose name or pattern matches."""
    return next((text for pattern, text in sources.items() if fnmatch.fnmatchcase(dataset, pattern)), None)


def with_sources(wording: Mapping[str, Mapping], sources: Mapping[str, str],
                 main_datasets: Mapping[str, str]) -> dict[str, Mapping]:
    """labels.toml's wording by part, each part that gives no `source` of its own given the one
    [sources] gives its main dataset (`main_datasets`: part key -> the dataset it cannot do without)."""
    out = dict(wording)
    for part, dataset in main_datasets.items():
        text = dataset_source(dataset, sources)
        if text is not None and "source" not in out.get(part, {}):
            out[part] = {**out.get(part, {}), "source": text}
    return out


def check_labels(doc: Mapping, declared: Mapping[str, PartLabels], datasets: Iterable[str] = ()) -> list[str]:
    """Problems with labels.toml's content, each naming its key: unknown parts, labels and fields,
    and [sources] entries that are not text or match none of `datasets` (when given)."""
    problems = []
    for kind, parts in doc.items():
        if kind == "sources":
            problems += _check_sources(parts, list(datasets))
            continue
        if kind not in ("table", "chart", "pack") or not isinstance(parts, Mapping):
            problems.append(f"[{kind}]: expected [table.<key>], [chart.<key>], [pack.<key>] or [sources] (the "
                            "keys are in docs/parts.md)")
            continue
        for key, given in parts.items():
            where = f"{kind}.{key}"
            spec = declared.get(f"{kind}:{key}")
            if spec is None:
                problems.append(f"[{where}]: no {kind} has the key {key!r} (the keys are in docs/parts.md)")
                continue
            if not isinstance(given, Mapping):
                problems.append(f"[{where}]: expected a table of labels")
                continue
            allowed = set(REPORT_FIELDS) | set(spec.fields)
            for name, value in given.items():
                if name in SINGLES:
                    problems += _check_text(f"{where}.{name}", value, allowed)
                elif name == "names" and spec.names:
                    if value not in NAMES:
                        problems.append(f"{where}.names: expected \"register\" or \"as written\", got {value!r}")
                elif name in GROUPS and isinstance(value, Mapping):
                    declared_slots = getattr(spec, name)
                    for slot, text in value.items():
                        if name != "notes" and slot not in declared_slots:
                            known = ", ".join(declared_slots) or "none"
                            problems.append(f"{where}.{name}.{slot}: not a label of this {kind} "
                                            f"(its {name}: {known})")
                        else:
                            problems += _check_text(f"{where}.{name}.{slot}", text, allowed)
                else:
                    problems.append(f"{where}.{name}: not a kind of label (expected one of "
                                    f"{', '.join(SINGLES + GROUPS)}; groups are tables like columns = {{ … }})")
    return problems


def _check_sources(sources, datasets: list[str]) -> list[str]:
    if not isinstance(sources, Mapping):
        return ["[sources]: expected a table of source lines by dataset (\"lado_*\" = \"…\")"]
    problems = []
    for pattern, text in sources.items():
        if datasets and not any(fnmatch.fnmatchcase(d, pattern) for d in datasets):
            problems.append(f"sources.{pattern}: no dataset has this name or matches this pattern (the datasets "
                            "are the input files' names, without .csv)")
        problems += _check_text(f"sources.{pattern}", text, set(REPORT_FIELDS))
    return problems


def _check_text(where: str, value, allowed: set[str]) -> list[str]:
    if not isinstance(value, str):
        return [f"{where}: expected text in quotes, got {value!r}"]
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(value) if f is not None]
    except ValueError as exc:
        return [f"{where}: {exc} (write {{{{ and }}}} for a brace)"]
    bad = [n for n in names if n not in allowed]
    if bad:
        return [f"{where}: unknown field {{{bad[0]}}} (this label may use "
                f"{', '.join('{' + a + '}' for a in sorted(allowed))})"]
    return []
