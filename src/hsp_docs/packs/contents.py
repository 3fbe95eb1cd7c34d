"""What goes into one agency's pack: its own rows of each dataset, plus partnership-wide summaries.

The sector-level datasets (contact sources, LADO settings, delegates) are linked to sectors by
sector_links.csv; a catch-all row ("Other", "Unknown") belongs to no sector, so it is never shown
to an agency as its sector's. Which cells the agency may see is decided by the disclosure view
(disclosure/view.py), not here.
"""
from __future__ import annotations

import copy

from ..parts import Column, Report, Section, Table, TableBlock

SUMMARY_TABLES = ("multi_agency_courses", "csc_contacts_quarterly", "asc_abuse_types")
SUMMARY_CHARTS = ("lado_contacts", "lado_outcomes")
CATCH_ALL = ("other", "others", "unknown", "not known", "not recorded")


def is_catch_all(name: str) -> bool:
    """A category that gathers what fits no other ("Other", "Other - eg ...", "Unknown")."""
    first = name.casefold().replace("-", " ").split()
    return bool(first) and first[0] in CATCH_ALL


def _links(data, sector: str, dataset: str) -> list[str]:
    return [r.name for r in data.rows("sector_links") if r.sector == sector and r.dataset == dataset
            and not is_catch_all(r.name)]


def attendance(data, entry) -> Table | None:
    rows = []
    for m in data.attendance:
        for a in m.members:
            if data.agencies.resolve(a.member) is entry:
                for meeting, mark in zip(m.meetings, a.marks):
                    rows.append([m.board.name, a.member, meeting.label, None if mark is None else int(mark)])
    if not rows:
        return None
    cols = [Column("Board"), Column("Member"), Column("Meeting"), Column("Attended (1 = yes, 0 = no)", "count")]
    return Table("pack_attendance", f"Attendance of {entry.name} at board meetings", cols, rows)


def training(data, entry) -> list[Table]:
    out = []
    names = {n.casefold() for n in _links(data, entry.sector, "delegates_by_sector")}
    rows = [[r.sector, r.description, r.delegates] for r in data.training.sectors if r.sector.casefold() in names]
    if rows:
        out.append(Table("pack_sector_delegates", f"Multi-agency training delegates from the {entry.sector} sector",
                         [Column("Sector"), Column("Description"), Column("Delegates", "count", person_count=True)],
                         rows))
    csa = [[a.date, a.organisation, a.attended] for a in data.training.csa_attendance
           if data.agencies.resolve(a.organisation) is entry]
    if csa:
        out.append(Table("pack_csa", f"{entry.name} at the child sexual abuse training events",
                         [Column("Date", "date"), Column("Organisation"),
                          Column("Attended", "count", person_count=True)],
                         csa))
    return out


def contacts(data, entry) -> Table | None:
    prefixes = [p.casefold() for p in _links(data, entry.sector, "csc_contact_sources")]
    rows = [[s.source, s.count] for s in data.csc.sources if any(s.source.casefold().startswith(p) for p in prefixes)]
    if not rows:
        return None
    return Table("pack_contacts", f"Children's social care contacts from sources linked to the {entry.sector} "
                                  "sector, year to date",
                 [Column("Source of contact"), Column("Contacts", "count", person_count=True)], rows)


def lado_referrals(data, entry) -> Table | None:
    settings = {s.casefold() for s in _links(data, entry.sector, "lado_referral_settings")}
    rows = [[s.setting, s.referrals] for s in data.lado.settings if s.setting.casefold() in settings]
    if not rows:
        return None
    return Table("pack_lado", f"LADO referrals from the settings linked to the {entry.sector} sector",
                 [Column("Setting"), Column("Referrals", "count", person_count=True)], rows)


def recommendations_for(data, entry) -> list:
    return [r for r in data.recommendations
            if any(data.agencies.resolve(n.strip()) is entry for n in r.addressed_to.split(";"))]


def pack_tables(data, report: Report, entry) -> list[Table]:
    """The agency's tables, then the partnership-wide summaries, as the full report holds them."""
    own = [attendance(data, entry), *training(data, entry), contacts(data, entry), lado_referrals(data, entry)]
    tables = [t for t in own if t is not None]
    by_key = {t.key: t for t in report.tables()}
    tables += [copy.copy(by_key[k]) for k in SUMMARY_TABLES if k in by_key]
    charts = {c.key: c for c in report.charts()}
    for k in SUMMARY_CHARTS:
        if k in charts:
            t = charts[k].data_table()
            t.title = f"{charts[k].title} (partnership-wide)"
            tables.append(t)
    return tables


def pack_report(data, report: Report, entry, hidden: set | frozenset = frozenset()) -> Report:
    """A small Report holding the agency's tables and the summaries, as the agency may see them:
    the cells in `hidden` (disclosure.view.Decision.hidden_from) shown as [c]."""
    from ..disclosure.view import hide_table

    note = data.meta.disclosure.note
    tables = [hide_table(t, set(hidden), note) for t in pack_tables(data, report, entry)]
    pack = Report(report.meta, [Section("pack", f"Data pack for {entry.name}", [TableBlock(t) for t in tables])])
    pack.number_parts()
    return pack
