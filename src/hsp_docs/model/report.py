"""ReportData: everything a year's report is built from, loaded and checked once."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..disclosure.policy import Policy
from ..labels import Labels, PartLabels
from ..statutory.config import StatutoryChoice
from ..theme import DEFAULT_THEME, Theme
from .adults import AdultSocialCare
from .agencies import AgencyRegister
from .attendance import attendance_matrices
from .budget import Budget
from .childrens import ChildrensSocialCare
from .figures import FigureBook, Stated
from .lado import Lado
from .lists import Grouped
from .previous import PriorYear
from .schema import BY_NAME
from .training import Training

if TYPE_CHECKING:
    import pandas

    from .attendance import AttendanceMatrix


def _undeclared(part: str) -> PartLabels:
    raise KeyError(f"no declared labels for {part!r}: ReportData comes from the loader, which knows them")


@dataclass(frozen=True)
class Board:
    """A board or subgroup of the partnership, with its chair, as report.toml lists it."""

    key: str
    name: str
    chair: str = ""
    subgroups: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionSpec:
    """One section of the report, in report.toml's order."""

    key: str
    title: str
    requires: tuple[str, ...] = ()  # datasets: the section is left out when none of them is in the inputs
    covers: tuple[str, ...] = ()  # statutory items the section answers (`covers` in report.toml)


@dataclass(frozen=True)
class BudgetCategory:
    """A group of budget lines, with the label of its total row; income or expenditure."""

    key: str  # as written in budget.csv's category column
    name: str  # as the budget table's first column shows it
    total_label: str
    income: bool = False


DEFAULT_BUDGET = (BudgetCategory("income", "Income", "Total income", True),
                  BudgetCategory("staffing", "Staffing", "Total staffing", False),
                  BudgetCategory("delivery", "Delivery", "Total delivery costs", False))


@dataclass(frozen=True)
class Chair:
    """The independent chair, whose foreword opens the report."""

    name: str
    role: str


# The pictures report.toml can name: key -> what it shows (and where report.toml names it).
@dataclass(frozen=True)
class Image:
    """A picture from the inputs' images folder, with its alternative text."""

    key: str
    filename: str
    data: bytes = field(repr=False)
    alt: str
    placeholder: bool = False  # a stand-in, declared in report.toml, to be replaced before publication
    stands_for: str = ""  # what the real picture is, as the placeholder label names it

    @property
    def placeholder_label(self) -> str:
        """The line printed under a stand-in picture (and its alt text): nobody can miss it."""
        return f"PLACEHOLDER \u2013 replace with {self.stands_for}" if self.placeholder else ""

    @property
    def published_alt(self) -> str:
        """The alt text the documents carry: a stand-in says what it is, never the real picture's text."""
        return f"Placeholder image, a stand-in: replace with {self.stands_for}" if self.placeholder else self.alt


@dataclass(frozen=True)
class Meta:
    """What report.toml says about the report: partnership, period, boards, sections, images."""

    partnership: str
    short_name: str
    title: str
    period_start: dt.date
    period_end: dt.date
    current_year: str
    previous_year: str
    publication_date: dt.date
    author: str
    contact: str
    language: str
    funder: str
    chair: Chair
    boards: tuple[Board, ...]
    sections: tuple[SectionSpec, ...]
    area: str = ""  # the place the partnership serves, as charts name it beside England
    status: str = "final"  # "draft" while a year is being prepared (set by `hsp-docs new-year`)
    budget: tuple[BudgetCategory, ...] = DEFAULT_BUDGET
    owners: tuple[tuple[str, str], ...] = ()  # (dataset name or pattern, who supplies it), from [owners]
    narrative_seconds: float = 10.0  # [limits]: how long one section's words may take to render
    narrative_characters: int = 2_000_000  # [limits]: how much text they may make
    disclosure: Policy = Policy()  # [disclosure]: small counts of people (docs/disclosure.md)
    statutory: StatutoryChoice = StatutoryChoice()  # [statutory]: the profiles the report answers to
    theme: Theme = DEFAULT_THEME  # [theme] or theme.toml: fonts, sizes, colours (hsp_docs.theme)
    accessible_formats: str = ""  # the back page's statement on other formats ([report] accessible_formats)
    copyright: str = ""  # the back page's copyright line ([report] copyright)
    split_long_tables: bool = False  # [workbook]: a table too long for one Excel sheet continues on more sheets

    @property
    def period_label(self) -> str:
        dates = self.theme.dates
        return f"{dates.date_label(self.period_start)} to {dates.date_label(self.period_end)}"

    @property
    def draft(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True)
class ReportData:
    """Typed, validated inputs. Derived figures live on the families (training, lado, ...)."""

    meta: Meta
    datasets: dict[str, tuple]
    stated: dict[str, Stated]
    narrative: dict[str, str]
    images: dict[str, Image]
    root: Path | None = field(default=None, compare=False)
    warnings: tuple = field(default=(), compare=False)
    present: frozenset[str] | None = field(default=None, compare=False)  # datasets with a file (or sheet)
    previous: ReportData | None = field(default=None, compare=False, repr=False)  # last year's inputs
    appendices: tuple = ()  # model.appendices.AppendixTable: record-level tables report.toml declares
    # section key -> sections.source.NarrativeSource, for a section whose words are a Word template
    narrative_sources: dict = field(default_factory=dict, compare=False)
    wording: dict = field(default_factory=dict, compare=False)  # labels.toml: part key -> its labels
    # part key -> its neutral labels, as the part declarations give them (the loader passes
    # sections/registry.py's part_labels: the model does not import the sections above it)
    declared_labels: Callable[[str], PartLabels] = field(default=_undeclared, compare=False, repr=False)

    def labels(self, part: str, **values: str) -> Labels:
        """A part's labels ("table:budget_outturn", or a pack's table, "pack:lado"): labels.toml's
        where it gives them, else the neutral defaults its declaration gives, with report.toml's fields
        ({current_year}, ...) and the part's own (`values`) filled in."""
        m = self.meta
        fields = {"current_year": m.current_year, "previous_year": m.previous_year, "partnership": m.partnership,
                  "short_name": m.short_name, "area": m.area, "funder": m.funder, **values}
        return Labels(self.declared_labels(part), self.wording.get(part, {}), fields, part)

    def blank_columns(self, name: str) -> frozenset[str]:
        """The optional columns of a dataset that are absent or hold no value in any row: the
        tables and charts drawing on them leave them (and their notes and series) out."""
        rows = self.rows(name)
        return frozenset(c.name for c in BY_NAME[name].columns
                         if c.optional and all(getattr(r, c.name) is None for r in rows))

    def rows(self, name: str) -> tuple:
        return self.datasets.get(name, ())

    def frame(self, name: str) -> pandas.DataFrame:
        """One dataset as a pandas DataFrame, one column per schema column (for analysts' scripts)."""
        import pandas as pd  # lazy: ~430 ms at import; only analysts' scripts call frame()

        columns = BY_NAME[name].column_names
        return pd.DataFrame([[getattr(r, c) for c in columns] for r in self.rows(name)], columns=columns)

    def has(self, name: str) -> bool:
        return bool(self.datasets.get(name))

    def is_present(self, name: str) -> bool:
        """The inputs hold this dataset (its file or sheet), even if it has no rows yet."""
        return name in self.present if self.present is not None else self.has(name)

    @cached_property
    def prior(self) -> PriorYear:
        """The previous year's figures: from last year's inputs folder, else this year's columns."""
        return PriorYear(self)

    @cached_property
    def figures(self) -> FigureBook:
        return FigureBook(self.stated)

    @cached_property
    def agencies(self) -> AgencyRegister:
        return AgencyRegister(self.rows("agencies"))

    @cached_property
    def training(self) -> Training:
        return Training(self)

    @cached_property
    def lado(self) -> Lado:
        return Lado(self)

    @cached_property
    def asc(self) -> AdultSocialCare:
        return AdultSocialCare(self)

    @cached_property
    def csc(self) -> ChildrensSocialCare:
        return ChildrensSocialCare(self)

    @cached_property
    def budget(self) -> Budget:
        return Budget(self)

    @cached_property
    def attendance(self) -> list[AttendanceMatrix]:
        return attendance_matrices(self)

    @cached_property
    def recommendations(self) -> Grouped:
        return Grouped(self.rows("recommendations"))

    @cached_property
    def areas(self) -> Grouped:
        return Grouped(self.rows("areas_for_development"))

    def all_figures(self) -> dict:
        """Touch every family so the FigureBook knows every figure key."""
        for fam in (self.training, self.lado, self.asc, self.csc, self.budget):
            fam.figures()
        return self.figures.known
