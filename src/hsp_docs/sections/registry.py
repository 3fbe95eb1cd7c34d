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

from . import adults_data, appendices, childrens_data, lado, reviews, training

READY, ABSENT, PENDING = "ready", "absent", "pending"


@dataclass(frozen=True, eq=False)
class PartSpec:
    """A table or chart a narrative can place, the builder that makes it and the data it needs."""

    key: str  # "table:multi_agency_courses"
    group: str  # which builder makes it (see GROUPS)
    datasets: tuple[str, ...]  # what it draws on; the first is the one it cannot do without
    what: str  # for markers and notes: "the table of multi-agency training courses"

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


def _spec(key: str, group: str, datasets: str, what: str) -> PartSpec:
    return PartSpec(key, group, tuple(datasets.split()), what)


PARTS: dict[str, PartSpec] = {p.key: p for p in (
    _spec("table:csa_events", "training", "csa_events csa_event_attendance",
          "the table of child sexual abuse training events"),
    _spec("table:multi_agency_courses", "training", "training_courses", "the table of multi-agency training courses"),
    _spec("chart:lado_contacts", "lado", "lado_contacts", "the chart of LADO contacts and referrals by year"),
    _spec("chart:lado_referral_settings", "lado", "lado_referral_settings",
          "the chart of LADO referrals by type of setting"),
    _spec("chart:lado_meetings", "lado", "lado_meetings", "the chart of LADO strategy and evaluation meetings"),
    _spec("chart:lado_outcomes", "lado", "lado_outcomes", "the chart of the outcomes of allegations"),
    _spec("table:budget_outturn", "budget", "budget", "the budget outturn table"),
    _spec("table:attendance", "attendance", "meetings attendance board_members",
          "the tables of board meeting attendance"),
    _spec("table:csc_contacts_quarterly", "childrens", "csc_contacts_quarterly",
          "the table of children's social care contacts by quarter"),
    _spec("table:csc_contact_sources", "childrens", "csc_contact_sources", "the table of sources of contacts"),
    _spec("chart:csc_contact_sources", "childrens", "csc_contact_sources", "the chart of sources of contacts"),
    _spec("table:csc_presenting_issues", "childrens", "csc_presenting_issues",
          "the table of the top presenting issues"),
    _spec("chart:csc_presenting_issues", "childrens", "csc_presenting_issues",
          "the chart of the top presenting issues"),
    _spec("table:csc_abuse_neglect", "childrens", "csc_abuse_neglect", "the table of abuse and neglect issues"),
    _spec("table:csc_contact_outcomes", "childrens", "csc_contact_outcomes", "the table of contact outcomes"),
    _spec("chart:csc_contact_outcomes", "childrens", "csc_contact_outcomes", "the chart of contact outcomes"),
    _spec("chart:asc_concerns_enquiries", "adults", "asc_five_year",
          "the chart of adult safeguarding concerns and enquiries over five years"),
    _spec("chart:asc_monthly", "adults", "asc_monthly", "the chart of adult safeguarding demand by month"),
    _spec("table:asc_monthly", "adults", "asc_monthly", "the table of adult safeguarding demand by month"),
    _spec("table:asc_abuse_types", "adults", "asc_abuse_types", "the table of concerns by type of abuse"),
    _spec("chart:asc_concerns_per_100k", "adults", "asc_five_year", "the chart of concerns per 100,000 adults"),
    _spec("chart:asc_enquiries_per_100k", "adults", "asc_five_year", "the chart of enquiries per 100,000 adults"),
    _spec("table:asc_age_groups", "adults", "asc_age_groups", "the table of concerns by age group"),
    _spec("chart:asc_msp_outcomes", "adults", "asc_msp_outcomes", "the chart of Making Safeguarding Personal outcomes"),
    _spec("chart:asc_risk_outcomes", "adults", "asc_risk_outcomes", "the chart of outcomes where risk was identified"),
    _spec("table:reviews", "reviews", "reviews", "the table of reviews, their findings and the actions taken"),
)}

IMAGES = {"image:chair_photo": "the chair's photograph ([chair] photo in report.toml)",
          "image:partnership_structure": "the partnership structure diagram ([structure] image in report.toml)"}


class Parts:
    """The parts of one report: their state, built on first use, each placed once. Beside the
    registry's parts, the record-level appendix tables report.toml declares (`table:<key>`)."""

    def __init__(self, data):
        self.data = data
        self._groups: dict[str, dict] = {}
        self.placed: dict[str, str] = {}  # part key -> narrative file that placed it
        self.appendices = {f"table:{a.key}": a for a in data.appendices if a.in_report}
        self.workbook_only = {f"table:{a.key}" for a in data.appendices if not a.in_report}

    def known(self) -> list[str]:
        return sorted([*PARTS, *IMAGES, *self.appendices])

    def is_known(self, key: str) -> bool:
        return key in PARTS or key in IMAGES or key in self.appendices

    def state(self, key: str) -> str:
        if key in IMAGES:
            return READY if key.split(":", 1)[1] in self.data.images else ABSENT
        if key in self.appendices:
            return READY if self.appendices[key].rows else PENDING
        spec = PARTS[key]
        if not any(self.data.is_present(d) for d in spec.datasets):
            return ABSENT
        return READY if self.data.has(spec.datasets[0]) else PENDING

    def get(self, key: str):
        if key in IMAGES:
            return self.data.images[key.split(":", 1)[1]]
        if key in self.appendices:
            return appendices.record_table(self.appendices[key])
        spec = PARTS[key]
        if spec.group not in self._groups:
            self._groups[spec.group] = GROUPS[spec.group](self.data)
        return self._groups[spec.group][key]

    def pending_text(self, key: str) -> str:
        """The marker printed in place of a part whose data has no rows yet."""
        if key in self.appendices:
            a = self.appendices[key]
            return f"[to be completed: {a.title}, from {a.file}]"
        spec = PARTS[key]
        return f"[to be completed: {spec.what}, from {spec.datasets[0]}.csv]"

    def unplaced_appendices(self) -> list[str]:
        """Appendix tables no narrative places (built or not): they go at the end of the report."""
        if not self.appendices:
            return []
        from .narrative import directives

        named = {f"{kind}:{key}" for text in self.data.narrative.values() for kind, key in directives(text)}
        return [k for k in self.appendices if k not in self.placed and k not in named]


def dataset_parts() -> dict[str, list[PartSpec]]:
    """dataset name -> the parts that draw on it."""
    out: dict[str, list[PartSpec]] = {}
    for spec in PARTS.values():
        for d in spec.datasets:
            out.setdefault(d, []).append(spec)
    return out
