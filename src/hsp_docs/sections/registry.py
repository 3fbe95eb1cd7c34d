"""Every table, chart and image a narrative can place, with the datasets each draws on.

Any section's narrative may place any part with `[[table: key]]`, `[[chart: key]]` or
`[[image: key]]`, so which sections a report has, their order and their titles come from
report.toml alone. Whether a part appears depends on its data:

- its datasets are not in the inputs at all (no file, no sheet): the part is left out, with a
  note in the build summary; a section whose every table and chart is left out is left out;
- its main dataset is in the inputs but has no rows yet (a new year's draft): a visible
  "[to be completed: …]" marker stands in its place;
- otherwise the part is built.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..labels import PartLabels
from ..model.images import IMAGE_ROLES
from ..packs.labels import PACK_LABELS
from . import adults_data, appendices, childrens_data, lado, reviews, training
from .narrative import directives

READY, ABSENT, PENDING = "ready", "absent", "pending"
ATTENDANCE = "table:attendance"


@dataclass(frozen=True, eq=False)
class PartSpec:
    """A table or chart a narrative can place, the builder that makes it, the data it needs and
    its labels (neutral wording; a partnership's own come from labels.toml, see labels.py)."""

    key: str  # "table:multi_agency_courses"
    group: str  # which builder makes it (see GROUPS)
    datasets: tuple[str, ...]  # what it draws on; the first is the one it cannot do without
    what: str  # for markers and notes: "the table of multi-agency training courses"
    labels: PartLabels = PartLabels()

    @property
    def files(self) -> str:
        return ", ".join(f"{d}.csv" for d in self.datasets)


GROUPS = {
    "training": training.parts,
    "lado": lado.parts,
    "childrens": childrens_data.parts,
    "adults": adults_data.parts,
    "budget": lambda data: {"table:budget_outturn": appendices.budget_outturn(data)},
    "attendance": lambda data: {"table:attendance": appendices.attendance(data)},
    "reviews": reviews.parts,
}


def _spec(key: str, group: str, datasets: str, what: str, **labels) -> PartSpec:
    return PartSpec(key, group, tuple(datasets.split()), what, PartLabels(**labels))


_SHARE_NOTE = {"percent": "Percentages as published."}
_CONTACTS = {"series": {"count": "Contacts"}, "axes": {"value": "Number of contacts", "category": ""}}

PARTS: dict[str, PartSpec] = {p.key: p for p in (
    _spec("table:csa_events", "training", "csa_events csa_event_attendance",
          "the table of child sexual abuse training events",
          title="Child sexual abuse training events and attendance by organisation",
          columns={"date": "Date", "course": "Training course", "host": "Host", "organisation": "Organisation",
                   "attended": "Attended"},
          rows={"total": "Total"}, names="register"),
    _spec("table:multi_agency_courses", "training", "training_courses", "the table of multi-agency training courses",
          title="Multi-agency training courses {current_year}",
          columns={"course": "Course", "delegates": "Delegates", "attended": "Attended",
                   "not_attended": "Did not attend"},
          rows={"total": "Total"}),
    _spec("chart:lado_contacts", "lado", "lado_contacts", "the chart of LADO contacts and referrals by year",
          title="LADO contacts and referrals received, by year",
          rows={"contacts": "Contacts", "referrals": "Referrals"},
          axes={"value": "Number of contacts or referrals", "category": ""}),
    _spec("chart:lado_referral_settings", "lado", "lado_referral_settings",
          "the chart of LADO referrals by type of setting",
          title="LADO referrals by type of setting",
          series={"referrals": "Referrals"}, axes={"value": "Number of referrals", "category": "Setting"}),
    _spec("chart:lado_meetings", "lado", "lado_meetings", "the chart of LADO strategy and evaluation meetings",
          title="LADO strategy and evaluation meetings by month",
          series={"strategy": "Strategy meetings", "evaluation": "Evaluation meetings"},
          axes={"value": "Number of meetings", "category": "Month"}),
    _spec("chart:lado_outcomes", "lado", "lado_outcomes", "the chart of the outcomes of allegations",
          title="Outcomes of allegations",
          series={"count": "Cases"}, axes={"value": "Number of cases", "category": "Outcome"}),
    _spec("table:budget_outturn", "budget", "budget", "the budget outturn table",
          title="Budget outturn {current_year}",
          columns={"category": "Category", "line": "Budget line", "amount": "Outturn"}, units={"amount": "£"},
          rows={"expenditure": "Expenditure", "total_expenditure": "Total expenditure", "net": "Net",
                "net_expenditure": "Net expenditure", "surplus": "Surplus"}),
    _spec("table:attendance", "attendance", "meetings attendance board_members",
          "the tables of board meeting attendance",
          title="Attendance at {board} meetings",
          columns={"member": "Member", "total": "Total"},
          notes={"marks": "1 = attended, 0 = did not attend; Total = meetings attended / meetings held."},
          fields=("board", "board_key"), names="register"),
    _spec("table:csc_contacts_quarterly", "childrens", "csc_contacts_quarterly",
          "the table of children's social care contacts by quarter",
          title="Contacts by quarter",
          columns={"quarter": "Quarter", "contacts": "Contacts",
                   "mashed": "Contacts passed to the multi-agency safeguarding hub"}),
    _spec("table:csc_contact_sources", "childrens", "csc_contact_sources", "the table of sources of contacts",
          title="Sources of contacts, year to date",
          columns={"source": "Source", "count": "Contacts", "percent": "%"}, rows={"total": "Total"},
          notes=_SHARE_NOTE),
    _spec("chart:csc_contact_sources", "childrens", "csc_contact_sources", "the chart of sources of contacts",
          title="Sources of contacts, year to date", **_CONTACTS),
    _spec("table:csc_presenting_issues", "childrens", "csc_presenting_issues",
          "the table of the top presenting issues",
          title="Top presenting issues, year to date",
          columns={"rank": "Rank", "issue": "Presenting issue", "count": "Contacts", "percent": "%"},
          notes=_SHARE_NOTE),
    _spec("chart:csc_presenting_issues", "childrens", "csc_presenting_issues",
          "the chart of the top presenting issues",
          title="Top presenting issues, year to date", **_CONTACTS),
    _spec("table:csc_abuse_neglect", "childrens", "csc_abuse_neglect", "the table of abuse and neglect issues",
          title="Abuse and neglect presenting issues",
          columns={"category": "Category", "count": "Contacts", "percent": "%"}, rows={"total": "Total"},
          notes=_SHARE_NOTE),
    _spec("table:csc_contact_outcomes", "childrens", "csc_contact_outcomes", "the table of contact outcomes",
          title="Outcomes of completed contacts, year to date",
          columns={"outcome": "Outcome", "count": "Contacts", "percent": "%"}, rows={"total": "Total"},
          notes=_SHARE_NOTE),
    _spec("chart:csc_contact_outcomes", "childrens", "csc_contact_outcomes", "the chart of contact outcomes",
          title="Outcomes of completed contacts, year to date", **_CONTACTS),
    _spec("chart:asc_concerns_enquiries", "adults", "asc_five_year",
          "the chart of adult safeguarding concerns and enquiries over five years",
          title="Concerns and enquiries completed over five years",
          series={"concerns": "Concerns", "enquiries": "Enquiries"},
          axes={"value": "Number completed", "category": "Year"}),
    _spec("chart:asc_monthly", "adults", "asc_monthly", "the chart of adult safeguarding demand by month",
          title="Concerns, enquiries and concluded cases by month",
          series={"concerns": "Concerns", "enquiries": "Enquiries", "concluded": "Concluded cases"},
          axes={"value": "Number of cases", "category": "Month"}),
    _spec("table:asc_monthly", "adults", "asc_monthly", "the table of adult safeguarding demand by month",
          title="Concerns, enquiries and concluded cases by month, {current_year}",
          columns={"measure": "Measure", "total": "Total", "average": "Average"},
          rows={"concerns": "Concerns", "enquiries": "Enquiries", "concluded": "Concluded cases",
                "conversion_rate": "Conversion rate"},
          notes={"conversion_rate": "Conversion rate: enquiries as a percentage of concerns."}),
    _spec("table:asc_abuse_types", "adults", "asc_abuse_types", "the table of concerns by type of abuse",
          title="Concerns by type of abuse",
          columns={"abuse_type": "Type of abuse", "previous_year": "{previous_year}",
                   "current_year": "{current_year}", "change": "Change"},
          rows={"total": "Total"}),
    _spec("chart:asc_concerns_per_100k", "adults", "asc_five_year", "the chart of concerns per 100,000 adults",
          title="Concerns per 100,000 adults over five years",
          series={"england": "England", "local": "{area}"},
          axes={"value": "Concerns per 100,000 adults", "category": "Year"}),
    _spec("chart:asc_enquiries_per_100k", "adults", "asc_five_year", "the chart of enquiries per 100,000 adults",
          title="Enquiries per 100,000 adults over five years",
          series={"england": "England", "local": "{area}"},
          axes={"value": "Enquiries per 100,000 adults", "category": "Year"}),
    _spec("table:asc_age_groups", "adults", "asc_age_groups", "the table of concerns by age group",
          title="Concerns by age group and type of abuse, {current_year}",
          columns={"abuse_type": "Type of abuse", "age_18_64": "18-64", "age_65_plus": "65+", "age_85_plus": "85+",
                   "count": "Concerns"},
          notes={"ages": "Percentages are of each age group's concerns; the last column is the number of concerns."}),
    _spec("chart:asc_msp_outcomes", "adults", "asc_msp_outcomes", "the chart of Making Safeguarding Personal outcomes",
          title="Desired outcomes achieved",
          series={"current_year": "{current_year}", "previous_year": "{previous_year}"},
          axes={"value": "Percentage of cases", "category": "Outcome"}),
    _spec("chart:asc_risk_outcomes", "adults", "asc_risk_outcomes", "the chart of outcomes where risk was identified",
          title="Outcomes where risk was identified",
          series={"current_year": "{current_year}", "previous_year": "{previous_year}"},
          axes={"value": "Percentage of cases", "category": "Outcome"}),
    _spec("table:reviews", "reviews", "reviews", "the table of reviews, their findings and the actions taken",
          title="Reviews concluded or ongoing, {current_year}",
          columns={"review": "Review", "type": "Type", "status": "Status", "concluded": "Concluded",
                   "findings": "Findings", "actions": "Actions taken"},
          rows={"sar": "Safeguarding adults review", "cspr": "Child safeguarding practice review",
                "rapid review": "Rapid review", "learning review": "Learning review",
                "national review": "National child safeguarding practice review", "other": "Other review"}),
)}

DECLARED_LABELS: dict[str, PartLabels] = {**{k: p.labels for k, p in PARTS.items()}, **PACK_LABELS}
"""Every part's labels, by key: the report's tables and charts, and the tables only a data pack has."""

IMAGES = {f"image:{key}": what for key, what in IMAGE_ROLES.items()}


class Parts:
    """The parts of one report: their state, built on first use, each placed once. Beside the
    registry's parts, the record-level appendix tables report.toml declares (`table:<key>`)."""

    def __init__(self, data):
        self.data = data
        self._groups: dict[str, dict] = {}
        self.placed: dict[str, str] = {}  # part key -> narrative file that placed it
        self.appendices = {f"table:{a.key}": a for a in data.appendices if a.in_report}
        self.workbook_only = {f"table:{a.key}" for a in data.appendices if not a.in_report}

    def board_parts(self) -> dict[str, str]:
        """`table:attendance.<board key>`: one board's attendance table, placeable on its own."""
        return {f"{ATTENDANCE}.{b.key}": b.key for b in self.data.meta.boards}

    def spec(self, key: str) -> PartSpec:
        """The registry's part a key names (a board's attendance table: the attendance tables')."""
        return PARTS[ATTENDANCE if key in self.board_parts() else key]

    def known(self) -> list[str]:
        return sorted([*PARTS, *IMAGES, *self.appendices, *self.board_parts()])

    def is_known(self, key: str) -> bool:
        return key in PARTS or key in IMAGES or key in self.appendices or key in self.board_parts()

    def clash(self, key: str) -> str | None:
        """Where a part already placed covers this one: itself, or all boards' attendance tables
        against one board's."""
        if key in self.placed:
            return key
        boards = self.board_parts()
        if key in boards and ATTENDANCE in self.placed:
            return ATTENDANCE
        if key == ATTENDANCE:
            return next((k for k in boards if k in self.placed), None)
        return None

    def state(self, key: str) -> str:
        if key in IMAGES:
            return READY if key.split(":", 1)[1] in self.data.images else ABSENT
        if key in self.appendices:
            return READY if self.appendices[key].rows else PENDING
        spec = self.spec(key)
        if not any(self.data.is_present(d) for d in spec.datasets):
            return ABSENT
        return READY if self.data.has(spec.datasets[0]) else PENDING

    def get(self, key: str):
        if key in IMAGES:
            return self.data.images[key.split(":", 1)[1]]
        if key in self.appendices:
            return appendices.record_table(self.appendices[key])
        spec = self.spec(key)
        if spec.group not in self._groups:
            self._groups[spec.group] = GROUPS[spec.group](self.data)
        built = self._groups[spec.group][spec.key]
        if key != spec.key:  # one board's attendance table
            return [t for t in built if t.key == f"attendance_{self.board_parts()[key]}"]
        return built

    def pending_text(self, key: str) -> str:
        """The marker printed in place of a part whose data has no rows yet."""
        if key in self.appendices:
            a = self.appendices[key]
            return f"[to be completed: {a.title}, from {a.file}]"
        spec = self.spec(key)
        return f"[to be completed: {spec.what}, from {spec.datasets[0]}.csv]"

    def unplaced_appendices(self) -> list[str]:
        """Appendix tables no narrative places (built or not): they go at the end of the report."""
        if not self.appendices:
            return []
        named = {f"{kind}:{key}" for text in self.data.narrative.values() for kind, key in directives(text)}
        return [k for k in self.appendices if k not in self.placed and k not in named]


def dataset_parts() -> dict[str, list[PartSpec]]:
    """dataset name -> the parts that draw on it."""
    out: dict[str, list[PartSpec]] = {}
    for spec in PARTS.values():
        for d in spec.datasets:
            out.setdefault(d, []).append(spec)
    return out
