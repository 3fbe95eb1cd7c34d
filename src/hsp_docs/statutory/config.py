"""What report.toml says about the statutory check: the profiles a partnership chooses, its own
items, recipients and outcome measures, and which items each section answers.

    [statutory]
    profiles = ["working-together-2018", "care-act-2014-sab"]
    outcome_measures = ["chart:asc_msp_outcomes"]   # tables, charts or figures that measure outcomes
    recipients = ["Lead Member for Children's Services"]   # beyond those the profiles require

    [[statutory.items]]                 # the partnership's own items (its priorities, say)
    id = "local.exploitation"
    requirement = "The report says what the partnership did on its exploitation priority."

    [[sections]]
    key = "training"
    covers = ["wt.impact"]              # or, in the words: {# covers: wt.impact #}
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Item, Profile, Recipient, all_item_ids, available, load_profile, make_item

LOCAL_SOURCE = "report.toml"
# a Jinja comment in a section's words, so it never prints: {# covers: wt.impact, wt.feedback #}
_MARKER = re.compile(r"\{#-?\s*covers\s*:\s*(.*?)\s*-?#\}", re.DOTALL)


@dataclass(frozen=True)
class StatutoryChoice:
    """[statutory] in report.toml."""

    profiles: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()  # the partnership's own items
    recipients: tuple[Recipient, ...] = ()  # beyond those its profiles require
    outcome_measures: tuple[str, ...] = ()

    @property
    def item_ids(self) -> set[str]:
        return {i.id for i in self.items}


def read_choice(doc: dict, add) -> StatutoryChoice:
    """[statutory] of report.toml; add(message) reports a problem with it."""
    table = doc.get("statutory", {})
    if not isinstance(table, dict):
        add("[statutory] should be a table: profiles = [...], and optionally [[statutory.items]]")
        return StatutoryChoice()
    profiles = _strings(table, "profiles", add)
    for name in profiles:
        if name not in available():
            add(f"[statutory] profiles names {name!r}, which is not a profile (the profiles: {', '.join(available())})")
    for key, form in (("items", "[[statutory.items]] tables"), ("recipients", "a list of names")):
        if not isinstance(table.get(key, []), list):
            add(f"[statutory] {key} should be {form}")
    items = []
    for i, spec in enumerate(table.get("items", ()) if isinstance(table.get("items", ()), list) else (), 1):
        if not isinstance(spec, dict) or not str(spec.get("id", "")).strip() or not str(
                spec.get("requirement", "")).strip():
            add(f"[[statutory.items]] number {i} needs an 'id' and a 'requirement' (one sentence)")
            continue
        try:
            items.append(make_item({**spec, "paragraph": spec.get("source", "")}, LOCAL_SOURCE))
        except ValueError as exc:
            add(f"[[statutory.items]] number {i}: {exc}")
    recipients = []
    for r in table.get("recipients", ()) if isinstance(table.get("recipients", ()), list) else ():
        if isinstance(r, str) and r.strip():
            recipients.append(Recipient(r.strip(), LOCAL_SOURCE, "on publication"))
        elif isinstance(r, dict) and str(r.get("name", "")).strip():
            days = r.get("within_days")
            recipients.append(Recipient(str(r["name"]).strip(), LOCAL_SOURCE, str(r.get("when", "on publication")),
                                        days if isinstance(days, int) else None))
        else:
            add("[statutory] recipients: each is a name, or a table { name = \"...\", within_days = 7 }")
    return StatutoryChoice(tuple(dict.fromkeys(profiles)), tuple(items), tuple(recipients),
                           _strings(table, "outcome_measures", add))


def _strings(table: dict, key: str, add) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        add(f"[statutory] {key} should be a list of names in quotes")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def section_covers(spec: dict, add) -> tuple[str, ...]:
    """`covers = [...]` on a [[sections]] entry."""
    value = spec.get("covers", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        add(f"section '{spec.get('key')}': covers should be a list of item ids, like [\"wt.impact\"]")
        return ()
    return tuple(v.strip() for v in value if v.strip())


def marked_covers(text: str) -> list[tuple[str, int]]:
    """The item ids a section's words mark with {# covers: id, id #}, each with its line."""
    out = []
    for m in _MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        out += [(i.strip(), line) for i in re.split(r"[,\s]+", m.group(1)) if i.strip()]
    return out


def known_ids(choice: StatutoryChoice) -> set[str]:
    """Ids a section may claim: every shipped profile's items and the partnership's own."""
    return all_item_ids() | choice.item_ids


def check_claims(meta, narrative: dict[str, str], add) -> None:
    """Every item a section claims (in report.toml or its words) is one the check knows;
    add(file, message, line) reports one that is not."""
    known = known_ids(meta.statutory)
    hint = "see docs/statutory.md for the ids, or add it as a [[statutory.items]] in report.toml"
    for spec in meta.sections:
        for item in spec.covers:
            if item not in known:
                add("report.toml", f"section '{spec.key}': covers names {item!r}, which is not a statutory item "
                                   f"({hint})")
        for item, line in marked_covers(narrative.get(spec.key, "")):
            if item not in known:
                add(f"narrative/{spec.key}.md", f"{{# covers: {item} #}} names an item the check does not know "
                                                f"({hint})", line)


def chosen_profiles(data, override: list[str] | None = None) -> list[Profile]:
    """The profiles to check: those named (override), else report.toml's [statutory] profiles,
    and the partnership's own items as a profile of their own."""
    choice = data.meta.statutory
    out = [load_profile(p) for p in (override or choice.profiles)]
    if choice.items:
        out.append(Profile("local", f"{data.meta.partnership}: its own items", LOCAL_SOURCE, "",
                           choice.items))
    return out
