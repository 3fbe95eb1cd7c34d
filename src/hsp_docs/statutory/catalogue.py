"""The statutory profiles shipped with hsp-docs: what a yearly report must answer, item by item.

A profile is a TOML file in `statutory/profiles/` (package data, read with importlib.resources):
its document, when the report is due, its items (id, requirement in one sentence, source
paragraph, what evidence answers it) and who must receive the report. docs/statutory.md
explains every item for a business manager.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

EVIDENCE = ("section", "measure", "reviews", "priorities", "publication")


@dataclass(frozen=True)
class Item:
    """One thing the report must answer, and what evidence answers it (see EVIDENCE):

    - "section": a section of the report that claims it (`covers`);
    - "measure": a claiming section that also shows an outcome measure (else only claimed);
    - "reviews": rows of reviews.csv of the given types and status, each placed in the report
      with the columns `review_needs` filled (or, with no such row, a claiming section);
    - "priorities": rows of priorities.csv, each placed in the report, those with little or no
      progress analysed (or, without that file, a claiming section);
    - "publication": the publication date in report.toml, within the profile's limit."""

    id: str
    requirement: str
    document: str
    paragraph: str
    evidence: str
    how: str = ""
    measures: tuple[str, ...] = ()  # part or figure keys (patterns) that count as outcome measures
    review_types: tuple[str, ...] = ()
    review_status: tuple[str, ...] = ()
    review_needs: tuple[str, ...] = ()
    in_year: bool = False  # only reviews concluded in the report's year
    say_none: bool = False  # with no such review, a section must say so
    declined: bool = False  # about findings the board decided not to implement


@dataclass(frozen=True)
class Recipient:
    """Who must be sent the published report, and by when."""

    name: str
    source: str  # document and paragraph (or "report.toml" for one the partnership adds)
    when: str  # in words: "within seven days of publication"
    within_days: int | None = None  # days after publication, where the source sets them


@dataclass(frozen=True)
class Profile:
    id: str
    title: str
    document: str
    publish: str  # when the report is due, in words
    items: tuple[Item, ...]
    recipients: tuple[Recipient, ...] = ()
    publish_within_months: int | None = None  # after the period end
    notes: str = ""
    applies_to: str = ""


def _folder():
    from importlib import resources  # lazy: ~4 ms at import; only a build that checks a profile reads one

    return resources.files(__package__) / "profiles"


@cache
def available() -> tuple[str, ...]:
    """The ids of the shipped profiles."""
    folder = _folder()
    return tuple(sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")))


@cache
def load_profile(profile_id: str) -> Profile:
    """A shipped profile by its id; KeyError naming the ones there are if it is unknown."""
    if profile_id not in available():
        raise KeyError(f"no statutory profile {profile_id!r} (the profiles: {', '.join(available())})")
    text = (_folder() / f"{profile_id}.toml").read_text(encoding="utf-8")
    return profile_from_toml(tomllib.loads(text))


def profile_from_toml(doc: dict) -> Profile:
    head = doc["profile"]
    document = head["document"]
    items = tuple(make_item(spec, document) for spec in doc.get("items", ()))
    recipients = tuple(Recipient(r["name"], f"{document.split(',')[0]}, {r['paragraph']}", r.get("when", ""),
                                 r.get("within_days")) for r in doc.get("recipients", ()))
    return Profile(head["id"], head["title"], document, head.get("publish", ""), items, recipients,
                   head.get("publish_within_months"), head.get("notes", "").strip(), head.get("applies_to", ""))


def make_item(spec: dict, document: str) -> Item:
    """An Item from its TOML table (a profile's [[items]] or report.toml's [[statutory.items]])."""
    evidence = spec.get("evidence", "section")
    if evidence not in EVIDENCE:
        raise ValueError(f"item {spec.get('id')!r}: evidence must be one of {', '.join(EVIDENCE)}, got {evidence!r}")
    tuples = {k: tuple(spec.get(k, ())) for k in ("measures", "review_types", "review_status", "review_needs")}
    return Item(spec["id"], " ".join(spec["requirement"].split()), spec.get("document", document),
                spec.get("paragraph", ""), evidence, " ".join(spec.get("how", "").split()), **tuples,
                in_year=bool(spec.get("in_year")), say_none=bool(spec.get("say_none")),
                declined=bool(spec.get("declined")))


def all_item_ids() -> set[str]:
    return {i.id for p in available() for i in load_profile(p).items}
