"""What goes into one agency's pack: its own rows of each dataset, plus partnership-wide summaries.

The sector-level datasets (contact sources, LADO settings, delegates) are linked to sectors by
sector_links.csv; a catch-all row ("Other", "Unknown") belongs to no sector, so it is never shown
to an agency as its sector's. Which cells the agency may see is decided by the disclosure view
(disclosure/view.py), not here.
"""
from __future__ import annotations

import copy

from ..disclosure.view import hide_table
from ..parts import Column, Report, Section, Table, TableBlock
from ..sections.registry import board_tables, pack_summaries
from ..sections.shapes import agency_names

CATCH_ALL = ("other", "others", "unknown", "not known", "not recorded")


def is_catch_all(name: str) -> bool:
    """A category that gathers what fits no other ("Other", "Other - eg ...", "Unknown")."""
    first = name.casefold().replace("-", " ").split()
    return bool(first) and first[0] in CATCH_ALL


def owner(data, name: str):
    """What a name in the data denotes: its agency register entry, else a board of report.toml (by
    key or name), else None."""
    entry = data.agencies.resolve(name)
    if entry is not None:
        return entry
    key = name.strip().casefold()
    return next((b for b in data.meta.boards if key in (b.key.casefold(), b.name.casefold())), None)


def is_board(data, entry) -> bool:
    """A board of report.toml, or a register entry that names one (a board gets a pack only when asked for)."""
    names = {n.casefold() for b in data.meta.boards for n in (b.key, b.name)}
    return entry in data.meta.boards or entry.name.casefold() in names or any(
        a.strip().casefold() in names for a in (entry.aliases or "").split(";"))


def _links(data, sector: str, dataset: str) -> list[str]:
    return [r.name for r in data.rows("sector_links") if r.sector == sector and r.dataset == dataset
            and not is_catch_all(r.name)]


def attendance(data, entry) -> Table | None:
    rows = []
    names = data.labels("table:attendance")
    for m in data.attendance:
        for a, name in zip(m.members, agency_names(data, [a.member for a in m.members], names)):
            if data.agencies.resolve(a.member) is entry:
                for meeting, mark in zip(m.meetings, a.marks):
                    rows.append([m.board.name, name, meeting.label, None if mark is None else int(mark)])
    if not rows:
        return None
    lab = data.labels("pack:attendance", agency=entry.name)
    cols = [Column(lab.column("board")), Column(lab.column("member")), Column(lab.column("meeting")),
            Column(lab.column("attended"), "count")]
    return Table("pack_attendance", lab.title, cols, rows)


def training(data, entry) -> list[Table]:
    out = []
    names = {n.casefold() for n in _links(data, entry.sector, "delegates_by_sector")}
    rows = [[r.sector, r.description, r.delegates] for r in data.training.sectors if r.sector.casefold() in names]
    if rows:
        lab = data.labels("pack:sector_delegates", sector=entry.sector)
        out.append(Table("pack_sector_delegates", lab.title,
                         [Column(lab.column("sector")), Column(lab.column("description")),
                          Column(lab.column("delegates"), "count", person_count=True)],
                         rows))
    csa = [[a.date, a.organisation, a.attended] for a in data.training.csa_attendance
           if data.agencies.resolve(a.organisation) is entry]
    if csa:
        lab = data.labels("pack:csa", agency=entry.name)
        out.append(Table("pack_csa", lab.title,
                         [Column(lab.column("date"), "date"), Column(lab.column("organisation")),
                          Column(lab.column("attended"), "count", person_count=True)],
                         csa))
    return out


def contacts(data, entry) -> Table | None:
    prefixes = [p.casefold() for p in _links(data, entry.sector, "csc_contact_sources")]
    rows = [[s.source, s.count] for s in data.csc.sources if any(s.source.casefold().startswith(p) for p in prefixes)]
    if not rows:
        return None
    lab = data.labels("pack:contacts", sector=entry.sector)
    return Table("pack_contacts", lab.title,
                 [Column(lab.column("source")), Column(lab.column("count"), "count", person_count=True)], rows)


def lado_referrals(data, entry) -> Table | None:
    settings = {s.casefold() for s in _links(data, entry.sector, "lado_referral_settings")}
    rows = [[s.setting, s.referrals] for s in data.lado.settings if s.setting.casefold() in settings]
    if not rows:
        return None
    lab = data.labels("pack:lado", sector=entry.sector)
    return Table("pack_lado", lab.title,
                 [Column(lab.column("setting")), Column(lab.column("referrals"), "count", person_count=True)], rows)


def recommendations_for(data, entry) -> list:
    """The recommendations addressed to an agency (register entry) or a board."""
    return [r for r in data.recommendations if any(owner(data, n) is entry for n in r.addressed_to.split(";"))]


def pack_tables(data, report: Report, entry) -> list[Table]:
    """The agency's tables (a board's: its own table of each part declared `per_board`, its
    attendance), then the partnership-wide summaries (the parts declared `in_packs`), as the full
    report holds them."""
    by_key = {t.key: t for t in report.tables()}
    if entry in data.meta.boards:
        own = [copy.copy(by_key[key]) if key in by_key else None for key in board_tables(entry.key)]
    else:
        own = [attendance(data, entry), *training(data, entry), contacts(data, entry), lado_referrals(data, entry)]
    tables = [t for t in own if t is not None]
    charts = {c.key: c for c in report.charts()}
    for spec in pack_summaries():  # the parts declared in_packs, where the report has them
        if spec.kind == "table" and spec.name in by_key:
            tables.append(copy.copy(by_key[spec.name]))
        elif spec.kind == "chart" and spec.name in charts:
            t = charts[spec.name].data_table()
            t.title = data.labels("pack:summary", title=charts[spec.name].title).title
            tables.append(t)
    return tables


def pack_report(data, report: Report, entry, hidden: set | frozenset = frozenset()) -> Report:
    """A small Report holding the agency's tables and the summaries, as the agency may see them:
    the cells in `hidden` (disclosure.view.Decision.hidden_from) shown as [c]."""
    note = data.meta.disclosure.note
    tables = [hide_table(t, set(hidden), note) for t in pack_tables(data, report, entry)]
    pack = Report(report.meta, [Section("pack", f"Data pack for {entry.name}", [TableBlock(t) for t in tables])])
    pack.number_parts()
    return pack
