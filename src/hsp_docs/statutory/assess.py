"""`hsp-docs check --statutory`: each item of the chosen profiles, answered or not, and by what.

An item's status is one of:
- "answered": by a section that claims it (and, for an impact item, shows an outcome measure),
  by reviews.csv (or priorities.csv) rows each placed in the report with what the item needs,
  or by report.toml's publication date;
- "claimed-only": a section claims it with nothing behind the claim (for impact, no outcome
  measure in that section; for reviews, rows that lack what the item needs): a warning;

A section whose words still carry a "[to be completed …]" marker claims nothing yet.
- "missing": nothing answers it: an error in a final report, a warning in a draft.
"""
from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..checks.findings import Finding
from ..checks.missing import _MARKER as _TO_COMPLETE  # the "[to be completed …]" marker, as `check` finds it
from ..parts import ChartBlock, TableBlock
from ..sections import build_report_model
from ..sections.source import source_of
from .catalogue import Item, Profile
from .config import chosen_profiles, marked_covers
from .distribution import Delivery, add_months, distribution
from .priorities import FILE as PRIORITIES_FILE
from .priorities import check_priorities
from .reviews import FILE as REVIEWS_FILE
from .reviews import check_reviews, in_year

if TYPE_CHECKING:
    from ..model.report import Meta

ANSWERED, CLAIMED, MISSING = "answered", "claimed-only", "missing"
_FIGURE = re.compile(r"\{\{-?\s*([\w.]+)")
_PENDING = "pending:"  # in _claims: the sections that claim an item but whose words are still to be completed
# which review problems bear on an item: the column it needs -> the problem's check
_NEEDS = {"findings": "review-no-findings", "actions": "review-no-actions"}


@dataclass(frozen=True)
class Evidence:
    """What answers (or claims) an item: a section, rows of a dataset, or report.toml."""

    kind: str  # "section", "dataset" or "report.toml"
    where: str  # the section's key, the dataset's file, or "report.toml"
    detail: str  # in words: "claims it in report.toml (covers)", "rows 2, 3"

    def as_dict(self) -> dict:
        return {"kind": self.kind, "where": self.where, "detail": self.detail}


@dataclass(frozen=True)
class ItemResult:
    """One item's status, why, and what answers (or claims) it."""

    item: Item
    status: str
    message: str
    evidence: tuple[Evidence, ...] = ()
    problems: tuple[Finding, ...] = ()  # the reviews.csv (priorities.csv) rows behind "claimed-only" or "missing"
    severity: str | None = None  # "error", "warning" or None (answered)


@dataclass(eq=False)
class StatutoryResult:
    """The whole check: each chosen profile with its items' results, the problems with single
    reviews and priorities, and who must receive the report."""

    meta: Meta
    profiles: list[tuple[Profile, list[ItemResult]]]
    reviews: list[Finding]
    distribution: list[Delivery]
    notes: list[str] = field(default_factory=list)
    priorities: list[Finding] = field(default_factory=list)

    @property
    def findings(self) -> list:
        """Every result that counts: items not answered, then problems with reviews and priorities."""
        return [r for _, items in self.profiles for r in items if r.severity] + self.reviews + self.priorities

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def assess(data, report=None, profiles: list[str] | None = None) -> StatutoryResult:
    """The statutory check of a year's inputs. `report`: the Report model, if already built.
    Raises KeyError for an unknown profile, NarrativeError if the words do not render."""
    report = report or build_report_model(data)
    meta = data.meta
    shown = {s.key: s.title for s in report.sections}
    shows: dict[str, set[str]] = {}
    for s in report.sections:
        keys = {f"table:{b.table.key}" for b in s.blocks if isinstance(b, TableBlock)}
        keys |= {f"chart:{b.chart.key}" for b in s.blocks if isinstance(b, ChartBlock)}
        keys |= set(_FIGURE.findall(data.narrative.get(s.key, "")))
        shows[s.key] = keys
    claims = _claims(data, shown)
    table_in = next((s.key for s in report.sections for b in s.blocks
                     if isinstance(b, TableBlock) and b.table.key == "reviews"), None)
    reviews = check_reviews(data, shown, table_in) if data.is_present("reviews") else []
    priorities = check_priorities(data, shown) if data.is_present("priorities") else []
    chosen = chosen_profiles(data, profiles)
    context = (claims, shows, reviews + priorities, table_in)
    results = [(p, [_assess_item(i, data, *context) for i in p.items]) for p in chosen]
    notes = [] if chosen else ["No statutory profile is chosen: add [statutory] profiles = [...] to report.toml "
                               "(see docs/statutory.md)."]
    return StatutoryResult(meta, results, reviews, distribution(data, chosen), notes, priorities)


def _claims(data, shown: dict[str, str]) -> dict[str, list[Evidence]]:
    """item id -> the shown sections that claim it, in report.toml (covers) or in their words.
    A section whose words are still marked "[to be completed …]" claims nothing yet."""
    out: dict[str, list[Evidence]] = {}
    for spec in data.meta.sections:
        if spec.key not in shown:
            continue
        if _TO_COMPLETE.search(data.narrative.get(spec.key, "")):
            for item in [*spec.covers, *(i for i, _ in marked_covers(data.narrative.get(spec.key, "")))]:
                out.setdefault(_PENDING + item, []).append(Evidence("section", spec.key, f"'{spec.title}'"))
            continue
        for item in spec.covers:
            out.setdefault(item, []).append(Evidence("section", spec.key, f"'{spec.title}' claims it (covers in "
                                                                         "report.toml)"))
        source = source_of(data, spec.key)  # a Word template's paragraph, or the Markdown file's line
        for item, line in marked_covers(data.narrative.get(spec.key, "")):
            out.setdefault(item, []).append(Evidence("section", spec.key, f"'{spec.title}' claims it "
                                                     f"({source.file}, {source.where(line)})"))
    return out


def _result(item: Item, status: str, message: str, evidence=(), problems=(), draft: bool = False) -> ItemResult:
    severity = None if status == ANSWERED else "warning" if status == CLAIMED or draft else "error"
    return ItemResult(item, status, message, tuple(evidence), tuple(problems), severity)


def _assess_item(item: Item, data, claims, shows, problems: list[Finding], table_in: str | None) -> ItemResult:
    """problems: those check_reviews and check_priorities found; table_in: the section that places
    the reviews table."""
    draft = data.meta.draft
    claimed = claims.get(item.id, [])
    if item.evidence == "publication":
        return _publication(item, data.meta, draft)
    if item.evidence == "reviews":
        return _reviews_item(item, data, claimed, problems, draft, table_in)
    if item.evidence == "priorities" and data.has("priorities"):
        return _priorities_item(item, data, claimed, problems, draft)
    if not claimed:
        pending = ", ".join(e.detail for e in claims.get(_PENDING + item.id, []))
        return _result(item, MISSING, f"Claimed by {pending}, but its words are still marked [to be completed]."
                       if pending else "No section of the report claims it.", draft=draft)
    if item.evidence == "measure":
        patterns = item.measures + data.meta.statutory.outcome_measures
        measured = [(e, k) for e in claimed for k in sorted(shows.get(e.where, ()))
                    if any(fnmatch.fnmatchcase(k, p) for p in patterns)]
        if not measured:
            return _result(item, CLAIMED, "Claimed, but the claiming section shows no outcome measure (a table, "
                           "chart or figure named in [statutory] outcome_measures).", claimed, draft=draft)
        return _result(item, ANSWERED, "Answered, with outcome measure(s): "
                       + ", ".join(dict.fromkeys(k for _, k in measured)) + ".", claimed)
    return _result(item, ANSWERED, "Answered by the section that claims it.", claimed)


def _publication(item: Item, meta, draft: bool) -> ItemResult:
    evidence = [Evidence("report.toml", "report.toml", f"publication_date = {meta.publication_date:%Y-%m-%d}")]
    if meta.publication_date <= meta.period_end:
        return _result(item, CLAIMED, "report.toml's publication_date is not after the end of the period the report "
                       "covers: set the date it is published.", evidence, draft=draft)
    limit = add_months(meta.period_end, 12)
    if meta.publication_date > limit:
        return _result(item, MISSING, f"Published {meta.publication_date:%-d %B %Y}, more than 12 months after "
                       f"the period's end ({meta.period_end:%-d %B %Y}).", evidence, draft=draft)
    return _result(item, ANSWERED, f"Published {meta.publication_date:%-d %B %Y}, within 12 months of the "
                   f"period's end ({meta.period_end:%-d %B %Y}).", evidence)


def _reviews_item(item: Item, data, claimed, problems: list[Finding], draft: bool,
                  table_in: str | None) -> ItemResult:
    kinds = "/".join(t.upper() if t in ("sar", "cspr") else t for t in item.review_types)
    if not data.is_present("reviews"):
        if claimed:
            return _result(item, CLAIMED, f"Claimed, but reviews.csv is not in the inputs, so no {kinds} can be "
                           "checked: add it.", claimed, draft=draft)
        return _result(item, MISSING, f"reviews.csv is not in the inputs and no section claims it: list each {kinds} "
                       "in reviews.csv.", draft=draft)
    if not data.has("reviews"):
        if claimed:
            return _result(item, ANSWERED, "reviews.csv has no rows; the claiming section says there were none.",
                           claimed)
        return _result(item, MISSING, f"reviews.csv has no rows yet: list each {kinds} in it (or, with none, say "
                       f"so in a section that claims it: covers = [\"{item.id}\"]).", draft=draft)
    rows = [r for r in data.rows("reviews") if r.type in item.review_types and r.status in item.review_status
            and (not item.in_year or in_year(r, data.meta) is not False)
            and (not item.declined or r.not_implemented or r.reason)]
    if not rows:
        what = ("no finding the board decided not to implement" if item.declined
                else f"no {kinds} ({' or '.join(item.review_status)}"
                     + (f" in {data.meta.current_year}" if item.in_year else "") + ")")
        if item.say_none and not claimed:
            return _result(item, MISSING, f"reviews.csv lists {what}, and no section says so: say it in the "
                           f"report and claim it there (covers = [\"{item.id}\"]).", draft=draft)
        return _result(item, ANSWERED, f"reviews.csv lists {what}.", claimed)
    checks = {"review-not-placed"} | {_NEEDS[n] for n in item.review_needs if n in _NEEDS}
    if item.declined:
        checks.add("review-no-reason")
    return _rows_result(item, rows, "review", REVIEWS_FILE, checks, problems, claimed, kinds, draft,
                        lambda r: f"in section '{r.section}'" if r.section else f"in the reviews table ('{table_in}')")


def _priorities_item(item: Item, data, claimed, problems: list[Finding], draft: bool) -> ItemResult:
    rows = list(data.rows("priorities"))
    return _rows_result(item, rows, "priority", PRIORITIES_FILE, {"priority-not-placed", "priority-no-analysis"},
                        problems, claimed, "priority", draft, lambda r: f"in section '{r.section}'")


def _rows_result(item: Item, rows: list, name: str, file: str, checks: set[str], problems: list[Finding],
                 claimed, kinds: str, draft: bool, placed_in) -> ItemResult:
    """The status an item gets from rows of a dataset: answered when every row is placed in the
    report with what the item needs, claimed-only when some are, missing when none is."""
    numbers = {r._row for r in rows}
    found = [f for f in problems if f.where == file and f.row in numbers and f.check in checks]
    bad = {f.row for f in found}
    good = [r for r in rows if r._row not in bad]
    evidence = [Evidence("dataset", file, f"row {r._row}: '{getattr(r, name)}', {placed_in(r)}")
                for r in good] + list(claimed)
    names = ", ".join(f"'{getattr(r, name)}'" for r in rows if r._row in bad)
    if not good:
        return _result(item, MISSING, f"No {kinds} in {file} is answered in the report: {names}.", evidence,
                       found, draft)
    if bad:
        return _result(item, CLAIMED, f"{len(good)} of {len(rows)} answered; not answered: {names}.", evidence,
                       found, draft)
    return _result(item, ANSWERED, f"Answered for each of {len(rows)} {name} row(s) in {file}.", evidence)
