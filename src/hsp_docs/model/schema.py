"""The datasets a year's inputs may hold: file names, columns and their types.

This is the one description of the inputs. The loaders, the blank input workbook and
`new-year` all read it, so a column is declared once.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, eq=False)
class Column:
    """A column of an input dataset: its type, and whether it may be blank or left out (optional),
    names an agency or holds several values."""

    name: str
    type: str  # a key of inputs.values.PARSERS
    optional: bool = False
    agency: bool = False  # names an agency: must resolve in the agency register
    many: bool = False  # several values separated by ';'
    board: bool = False  # of an agency column: a board of report.toml (its key or name) is allowed too
    aliases: tuple[str, ...] = ()  # former names of the column, still accepted in a header
    people: bool = False  # counts people: subject to disclosure control (docs/disclosure.md)
    describes: bool = False  # free text that may state its row's count of people: hidden with it
    required: bool | None = None  # must be in the header (default: unless optional)

    @property
    def in_header(self) -> bool:
        """The file must have this column: a required one. An optional column may be left out
        of the file, or left empty; either way its tables leave it out (with its notes and series)."""
        return not self.optional if self.required is None else self.required


@dataclass(frozen=True, eq=False)
class Dataset:
    """An input dataset: its file, columns, owner and how it carries to next year."""

    name: str
    description: str
    columns: tuple[Column, ...]
    owner: str  # the section (or "register") responsible for it, for `check` and new-year
    reference: bool = False  # a reference list carried forward to next year by `new-year`
    carry: tuple[str, ...] | None = None  # of a reference list, the columns carried (None: all)
    forward_looking_column: str | None = None

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(spec: str, **flags: dict) -> tuple[Column, ...]:
    """'course:text delegates:count host:text?' -> Columns; '?' marks optional."""
    out = []
    for part in spec.split():
        name, typ = part.split(":")
        optional = typ.endswith("?")
        out.append(Column(name, typ.rstrip("?"), optional, **flags.get(name, {})))
    return tuple(out)


AGENCY = {"agency": True}
PEOPLE = {"people": True}

DATASETS: tuple[Dataset, ...] = (
    Dataset("agencies", "The agency register: canonical name, sector and other names",
            _cols("name:text sector:text aliases:text?"), "register", reference=True),
    Dataset("sectors", "The sectors agencies belong to (optional: without it, the default list)",
            _cols("sector:text"), "register", reference=True),
    Dataset("sector_links", "Which rows of the sector-level datasets concern each sector (for agency packs)",
            _cols("sector:text dataset:text name:text"), "register", reference=True),
    Dataset("stated_figures", "Figures the report states in its prose, as published",
            _cols("key:text value:text description:text?"), "all sections"),
    Dataset("course_catalogue", "The multi-agency courses the partnership offers",
            _cols("course:text provider:text?"), "training", reference=True),
    Dataset("training_courses", "Multi-agency training courses run in the year",
            _cols("course:text delegates:count attended:count not_attended:count"), "training"),
    Dataset("csa_events", "Child sexual abuse (CSA) centre training events",
            _cols("date:date course:text website:text? host:text? attended:count"), "training"),
    Dataset("csa_event_attendance", "Attendance at the CSA events by organisation",
            _cols("date:date organisation:text attended:count", organisation=AGENCY, attended=PEOPLE), "training"),
    Dataset("adult_training_sessions", "Safeguarding adults training sessions",
            _cols("date:date session:text attended:count"), "training"),
    Dataset("vah_delivery", "Voluntary and community sector training delivered",
            _cols("activity:text level:text? count:count"), "training"),
    Dataset("vah_reach", "Voluntary and community sector training reach",
            _cols("measure:text count:count"), "training"),
    Dataset("delegates_by_sector", "Training delegates by sector",
            _cols("sector:text description:text delegates:count", delegates=PEOPLE,
                  description={"describes": True}), "training"),
    Dataset("cancelled_courses", "Training courses cancelled, with the reason",
            _cols("course:text reason:text"), "training"),
    Dataset("dsl_forum_topics", "Designated Safeguarding Lead forum topics",
            _cols("forum:text topic:text"), "training"),
    Dataset("budget", "Budget outturn lines",
            _cols("category:text line:text amount:money"), "appendices", reference=True,
            carry=("category", "line")),
    Dataset("meetings", "Board meetings held in the year",
            _cols("board:text meeting:meeting label:text?"), "appendices"),
    Dataset("board_members", "The members of each board, in the order its attendance table lists them",
            _cols("board:text member:text", member=AGENCY), "appendices", reference=True),
    Dataset("attendance", "Board meeting attendance: member x meeting",
            _cols("board:text member:text meeting:meeting attended:yesno", member=AGENCY), "appendices"),
    Dataset("attendance_totals", "Board attendance totals as published",
            _cols("board:text member:text stated:text", member=AGENCY), "appendices"),
    Dataset("lado_contacts", "LADO contacts and referrals by year",
            _cols("year:text contacts:count referrals:count", contacts=PEOPLE, referrals=PEOPLE), "lado"),
    Dataset("lado_referral_settings", "LADO referrals by type of setting",
            _cols("setting:text referrals:count", referrals=PEOPLE), "lado"),
    Dataset("lado_meetings", "LADO strategy and evaluation meetings by month",
            _cols("month:month strategy:count evaluation:count"), "lado"),
    Dataset("lado_outcomes", "Outcomes of allegations",
            _cols("outcome:text count:count", count=PEOPLE), "lado"),
    Dataset("lado_sessions", "LADO training and consultation sessions",
            _cols("date:date? session:text forward_looking:yesno"), "lado",
            forward_looking_column="forward_looking"),
    Dataset("csc_contacts_quarterly", "Children's social care contacts per quarter",
            _cols("quarter:text contacts:count mashed:count?", contacts=PEOPLE, mashed=PEOPLE), "appendices"),
    Dataset("csc_contact_sources", "Sources of contacts, year to date",
            _cols("source:text count:count percent:percent?", count=PEOPLE), "appendices"),
    Dataset("csc_presenting_issues", "Top presenting issues for contacts",
            _cols("rank:count issue:text count:count percent:percent?", count=PEOPLE), "appendices"),
    Dataset("csc_abuse_neglect", "Abuse and neglect presenting issues",
            _cols("category:text count:count percent:percent?", count=PEOPLE), "appendices"),
    Dataset("csc_contact_outcomes", "Outcomes of completed contacts",
            _cols("outcome:text count:count percent:percent?", count=PEOPLE), "appendices"),
    Dataset("asc_monthly", "Adult safeguarding concerns, enquiries and concluded cases by month",
            _cols("month:month concerns:count enquiries:count concluded:count conversion_rate:percent?",
                  concerns=PEOPLE, enquiries=PEOPLE, concluded=PEOPLE),
            "appendices"),
    Dataset("asc_abuse_types", "Adult safeguarding concerns by type of abuse",
            _cols("abuse_type:text previous_year:count? current_year:count change:percent?",
                  previous_year=PEOPLE, current_year=PEOPLE), "appendices"),
    Dataset("asc_age_groups", "Types of abuse by age group",
            _cols("abuse_type:text age_18_64:percent age_65_plus:percent age_85_plus:percent count:count",
                  count=PEOPLE),
            "appendices"),
    Dataset("asc_five_year", "Adult safeguarding concerns and enquiries over five years",
            _cols("year:text concerns:count enquiries:count concerns_per_100k_local:count? "
                  "concerns_per_100k_england:count? enquiries_per_100k_local:count? "
                  "enquiries_per_100k_england:count?",
                  concerns=PEOPLE, enquiries=PEOPLE,
                  concerns_per_100k_local={"aliases": ("concerns_per_100k_harrow",)},
                  enquiries_per_100k_local={"aliases": ("enquiries_per_100k_harrow",)}), "appendices"),
    Dataset("asc_msp_outcomes", "Making Safeguarding Personal: desired outcomes achieved",
            _cols("outcome:text previous_year:proportion? current_year:proportion"), "appendices"),
    Dataset("asc_risk_outcomes", "Outcomes where a risk was identified",
            _cols("outcome:text previous_year:proportion? current_year:proportion"), "appendices"),
    Dataset("recommendations", "Recommendations made in the report",
            _cols("id:text group:text source:text section:text addressed_to:text text:text",
                  addressed_to={"agency": True, "many": True, "board": True}), "chair_report"),
    Dataset("areas_for_development", "Areas for development next year",
            _cols("group:text text:text"), "areas_for_development"),
    Dataset("reviews", "Safeguarding adults reviews and child safeguarding practice reviews: concluded and ongoing",
            _cols("review:text type:text status:text concluded:date? findings:text? actions:text? "
                  "not_implemented:text? reason:text? section:text? notes:text?"), "learning_from_reviews"),
    Dataset("priorities", "The partnership's agreed priorities, with the year's progress on each",
            _cols("priority:text progress:text analysis:text? section:text?"), "areas_for_development"),
)

BY_NAME = {d.name: d for d in DATASETS}

SECTORS = (  # the sectors when the inputs have no sectors.csv
    "police", "health", "local authority", "education", "probation", "fire", "voluntary", "other")
