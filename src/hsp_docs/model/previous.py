"""Last year's figures, for this year's comparisons.

When last year's inputs folder sits beside this year's (report.toml's previous_year names it,
e.g. inputs/2021-22 beside inputs/2022-23), the previous-year figures come from it: last
year's types of abuse, concerns and enquiries, Making Safeguarding Personal and risk
outcomes, and LADO contacts and referrals. Where it does not exist, or does not hold a
dataset, they come from this year's previous-year columns, as stated there. `disagreements`
lists where both sources give a figure and they differ, for `hsp-docs check`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..formatting import format_number
from .figures import Figure, Stated
from .rows import ROW_TYPES

_YEAR = re.compile(r"(\d{4})\s*[-/–]\s*(\d{4}|\d{2})")


def year_key(label: str | None) -> tuple[int, int] | None:
    """'2021-22', '2021/22', '2021/2022' and '2021 - 22' -> (2021, 22); '2022' -> (2022, 23)."""
    if not label:
        return None
    m = _YEAR.search(str(label))
    if m:
        return int(m.group(1)), int(m.group(2)) % 100
    m = re.fullmatch(r"\s*(\d{4})\s*", str(label))
    return (int(m.group(1)), (int(m.group(1)) + 1) % 100) if m else None


def find_year(rows, label: str, attr: str = "year"):
    """The row whose year is `label`, whatever way each writes the year."""
    key = year_key(label)
    return next((r for r in rows if key is not None and year_key(getattr(r, attr)) == key), None)


@dataclass(frozen=True, eq=False)
class Disagreement:
    """A previous-year figure that this year's inputs and last year's inputs give differently."""

    what: str  # e.g. "2021-22 concerns of type 'Neglect'"
    dataset: str  # this year's dataset (file) holding the figure, or stated_figures
    row: int | None
    column: str | None
    this_year: str  # the figure as this year's inputs give it
    last_year: str  # as last year's inputs give it
    last_where: str  # last year's file (and row)
    owner_dataset: str  # whose owner should settle it


def _number(fig: Figure | None):
    """A figure as its report printed it: the stated number where stated, else the computed value."""
    if fig is None:
        return None
    if fig.stated is not None and fig.stated.number is not None:
        return fig.stated.number
    return fig.value


def _same(a, b, kind: str) -> bool:
    tolerance = 0.005 + 1e-9 if kind == "percent" else 1e-9
    return abs(float(a) - float(b)) <= tolerance


def _show(v, kind: str) -> str:
    if kind == "proportion":
        return f"{float(v):.1%}"
    return format_number(v, kind, 1 if kind == "percent" else 0)


class PriorYear:
    """The previous year's figures, each from last year's folder where it holds them."""

    def __init__(self, data):
        self.data = data
        self.label = data.meta.previous_year
        self.folder = data.previous  # ReportData of last year's inputs, or None

    # --- where each figure comes from -------------------------------------------------
    def uses_folder(self, dataset: str) -> bool:
        return self.folder is not None and self.folder.has(dataset)

    def folder_label(self, dataset: str, row: int | None = None) -> str:
        name = self.folder.root.name if self.folder.root else self.label
        return f"{name}/{dataset}.csv" + (f", row {row}" if row else "")

    @property
    def source(self) -> str:
        if self.folder is None:
            return f"the {self.label} columns of this year's inputs"
        return f"last year's inputs ({self.folder.root.name if self.folder.root else self.label}/)"

    # --- rows as last year's folder gives them --------------------------------------
    def named_counts(self, dataset: str, name_attr: str) -> dict[str, tuple]:
        """name (casefolded) -> (name, last year's value, its row) from last year's current_year column."""
        return {getattr(r, name_attr).casefold(): (getattr(r, name_attr), r.current_year, r._row)
                for r in self.folder.rows(dataset)}

    def with_last_year(self, dataset: str, name_attr: str) -> tuple:
        """This year's rows of a two-year dataset, their previous_year taken from last year's folder."""
        rows = self.data.rows(dataset)
        if not self.uses_folder(dataset):
            return rows
        last = self.named_counts(dataset, name_attr)
        return tuple(r._replace(previous_year=last.get(getattr(r, name_attr).casefold(), (None, None))[1])
                     for r in rows)

    def five_year_rows(self) -> list:
        """Last year's five-year rows, up to and including its own year (made from its monthly
        totals when its five-year table lacks that row)."""
        f = self.folder
        if f is None:
            return []
        own = year_key(f.meta.current_year)
        rows = [r for r in f.rows("asc_five_year") if (year_key(r.year) or (0, 0)) <= (own or (9999, 0))]
        if find_year(rows, f.meta.current_year) is None and f.has("asc_monthly"):
            rows.append(ROW_TYPES["asc_five_year"](
                year=f.meta.current_year, concerns=f.asc.concerns.value, enquiries=f.asc.enquiries.value,
                concerns_per_100k_local=None, concerns_per_100k_england=None, enquiries_per_100k_local=None,
                enquiries_per_100k_england=None, _row=None))
        return rows

    def five_year(self, rows: tuple) -> tuple:
        """This year's five-year rows with last year's folder's figures for its years: its own
        year always, earlier years where this year's rows leave them out."""
        history = self.five_year_rows()
        if not history:
            return rows
        by_year = {year_key(r.year): r for r in rows}
        previous = year_key(self.label)
        for r in history:
            k = year_key(r.year)
            if k == previous and k in by_year:
                by_year[k] = r._replace(year=by_year[k].year, _row=by_year[k]._row)
            elif k not in by_year:
                by_year[k] = r
        ordered = sorted(by_year.values(), key=lambda r: year_key(r.year) or (0, 0))
        return tuple(ordered[-max(5, len(rows)):])

    def lado_row(self):
        """Last year's own row of LADO contacts and referrals."""
        f = self.folder
        rows = f.rows("lado_contacts")
        return find_year(rows, f.meta.current_year) or (rows[-1] if rows else None)

    def figure(self, key: str) -> Figure | None:
        """A figure of last year's report by its key, e.g. 'asc.conversion_rate'."""
        if self.folder is None:
            return None
        family, _, attr = key.partition(".")
        fig = getattr(getattr(self.folder, family, None), attr, None)
        return fig if isinstance(fig, Figure) else None

    def restated(self, key: str, last_key: str) -> tuple[bool, object, Stated | None]:
        """(found, value, stated) of last year's `last_key`, to stand as this year's `key`."""
        fig = self.figure(last_key)
        if fig is None or fig.missing:
            return False, None, None
        stated = fig.stated and Stated(key, fig.stated.text, fig.stated.number, None)
        return True, fig.value, stated

    def figure_for(self, key: str, last_key: str, value, kind: str = "count", from_folder: bool = False,
                   stated_only: bool = False) -> Figure:
        """A previous-year figure. With last year's inputs beside: as last year's report printed its
        own figure `last_key` (its statement), valued from last year's rows where they give it.
        Otherwise computed from this year's previous-year columns, with this year's statement."""
        book = self.data.figures
        if stated_only:
            book.stated_only_keys.add(key)
        found, last_value, stated = self.restated(key, last_key)
        if found:
            return book(key, value if value is not None else last_value, kind, stated=stated)
        if from_folder:
            return book(key, value, kind, stated=None)
        return book(key, value, kind)

    # --- the two sources side by side --------------------------------------------------
    def disagreements(self) -> list[Disagreement]:
        """Every previous-year figure that both this year's and last year's inputs give, where they differ."""
        if self.folder is None:
            return []
        out: list[Disagreement] = []
        label = self.label
        for dataset, attr, noun, kind in (("asc_abuse_types", "abuse_type", "concerns of type", "count"),
                                          ("asc_msp_outcomes", "outcome", "Making Safeguarding Personal outcome",
                                           "proportion"),
                                          ("asc_risk_outcomes", "outcome", "risk outcome", "proportion")):
            if not self.uses_folder(dataset):
                continue
            last = self.named_counts(dataset, attr)
            for r in self.data.rows(dataset):
                name = getattr(r, attr)
                got = last.get(name.casefold())
                if got is None:
                    out.append(Disagreement(f"{label} {noun} '{name}'", dataset, r._row, attr, name,
                                            "not listed", self.folder_label(dataset), dataset))
                    continue
                if r.previous_year is not None and got[1] is not None and not _same(r.previous_year, got[1], kind):
                    out.append(Disagreement(f"{label} {noun} '{name}'", dataset, r._row, "previous_year",
                                            _show(r.previous_year, kind), _show(got[1], kind),
                                            self.folder_label(dataset, got[2]), dataset))
            this_names = {getattr(r, attr).casefold() for r in self.data.rows(dataset)}
            if this_names:
                for key, (name, value, row) in last.items():
                    if key not in this_names:
                        out.append(Disagreement(f"{label} {noun} '{name}'", dataset, None, attr, "not listed",
                                                _show(value, kind) if value is not None else "listed",
                                                self.folder_label(dataset, row), dataset))
        out += self._five_year_disagreements()
        out += self._lado_disagreements()
        out += self._stated_disagreements()
        return out

    def _five_year_disagreements(self) -> list[Disagreement]:
        history = {year_key(r.year): r for r in self.five_year_rows()}
        out = []
        columns = ("concerns", "enquiries", "concerns_per_100k_local", "concerns_per_100k_england",
                   "enquiries_per_100k_local", "enquiries_per_100k_england")
        for r in self.data.rows("asc_five_year"):
            last = history.get(year_key(r.year))
            if last is None:
                continue
            where = self.folder_label("asc_five_year", last._row) if last._row else \
                self.folder_label("asc_monthly") + " (its totals)"
            for col in columns:
                a, b = getattr(r, col), getattr(last, col)
                if a is not None and b is not None and not _same(a, b, "count"):
                    out.append(Disagreement(f"{r.year} {col.replace('_', ' ')}", "asc_five_year", r._row, col,
                                            _show(a, "count"), _show(b, "count"), where, "asc_five_year"))
        return out

    def _lado_disagreements(self) -> list[Disagreement]:
        if not self.uses_folder("lado_contacts"):
            return []
        last = self.lado_row()
        mine = find_year(self.data.rows("lado_contacts"), self.label)
        out: list[Disagreement] = []
        if last is None or mine is None:
            return out
        for col in ("contacts", "referrals"):
            a, b = getattr(mine, col), getattr(last, col)
            if a != b:
                out.append(Disagreement(f"{self.label} LADO {col}", "lado_contacts", mine._row, col, _show(a, "count"),
                                        _show(b, "count"), self.folder_label("lado_contacts", last._row),
                                        "lado_contacts"))
        return out

    def _stated_disagreements(self) -> list[Disagreement]:
        out = []
        for key, last_key, kind, owner in PREVIOUS_FIGURES:
            mine = self.data.stated.get(key)
            last = self.figure(last_key)
            b = _number(last)
            if mine is None or mine.number is None or b is None or last is None:
                continue
            if not _same(mine.number, b, kind):
                shown = last.stated.text if last.stated is not None else last.computed
                out.append(Disagreement(f"{self.label} {key}", "stated_figures", mine.row, "value", mine.text, shown,
                                        self.folder_label("stated_figures") + f" ({last_key})", owner))
        return out


PREVIOUS_FIGURES = (
    # this year's previous-year figure, last year's own figure, kind, the dataset it belongs with
    ("asc.previous_conversion_rate", "asc.conversion_rate", "percent", "asc_monthly"),
    ("asc.previous_asked_outcomes", "asc.asked_outcomes", "percent", "asc_msp_outcomes"),
    ("asc.previous_risk_identified", "asc.risk_identified", "percent", "asc_risk_outcomes"),
    ("asc.abuse_types_previous_total", "asc.abuse_types_total", "count", "asc_abuse_types"),
    ("lado.previous_contacts", "lado.contacts", "count", "lado_contacts"),
    ("lado.previous_referrals", "lado.referrals", "count", "lado_contacts"),
)
