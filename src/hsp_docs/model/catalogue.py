"""Every placeholder a narrative can use, what it is and the datasets it is computed from: the
source of docs/placeholders.md (`hsp-docs placeholders`). A figure with no datasets here comes
from stated_figures.csv alone ("stated only"). tests/test_reference_docs.py checks that every
figure the model computes is listed, and that without its datasets it is missing."""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Placeholder:
    """One row of docs/placeholders.md: its placeholders, what they are, and what they need."""

    names: tuple[str, ...]  # as a narrative writes them: "csc.total_contacts", 'budget.total("staffing")'
    what: str
    datasets: tuple[str, ...] = ()  # computed from these; () and a figure: stated only
    figure: bool = True  # a figure (prints as stated where stated_figures.csv states it)

    @property
    def keys(self) -> tuple[str, ...]:
        """The figure keys it names (a plain dotted name is its own key)."""
        return tuple(n for n in self.names if re.fullmatch(r"\w+\.\w+", n)) if self.figure else ()

    @property
    def stated_only(self) -> bool:
        return self.figure and not self.datasets


def _p(names: str, what: str, datasets: str = "", figure: bool = True) -> Placeholder:
    return Placeholder(tuple(n.strip() for n in names.split(",") if n.strip()) if "(" not in names else (names,),
                       what, tuple(datasets.split()), figure)


def _rows(names: str, what: str, datasets: str) -> Placeholder:
    return _p(names, what, datasets, figure=False)


CATALOGUE: tuple[tuple[str, tuple[Placeholder, ...]], ...] = (
    ("Training (`training.…`)", (
        _p("training.courses_run", "multi-agency courses run (rows of `training_courses.csv`)", "training_courses"),
        _p("training.distinct_courses", "different courses offered (distinct course names)", "training_courses"),
        _p("training.catalogue_size", "courses in the catalogue", "course_catalogue"),
        _rows("training.catalogue", "the catalogue's course names (text)", "course_catalogue"),
        _p("training.delegates", "delegates booked, all courses", "training_courses"),
        _p("training.attended", "delegates who attended", "training_courses"),
        _p("training.not_attended", "delegates who did not attend", "training_courses"),
        _p("training.csa_attended", "delegates at the CSA events, together", "csa_event_attendance"),
        _p("training.refresher_delegates", "delegates at the DSL refresher"),
        _p("training.conference_consulted", "practitioners consulted on the conference theme"),
        _p("training.workshop_attended", "practitioners at the ACE workshop"),
        _p("training.cancelled", "training events cancelled (the lists give examples)"),
        _p("training.cancelled_trainer", "… because the trainer was not available"),
        _p("training.cancelled_insufficient", "… because of insufficient delegate numbers"),
        _rows("training.sectors", "rows: `sector`, `description`, `delegates`", "delegates_by_sector"),
        _rows("training.adult_sessions", "rows: `date`, `session`, `attended`", "adult_training_sessions"),
        _rows("training.vah_delivery", "rows: `activity`, `level`, `count`", "vah_delivery"),
        _rows("training.vah_reach", "rows: `measure`, `count`", "vah_reach"),
        _rows("training.dsl_topics", "termly DSL forum topics (text)", "dsl_forum_topics"),
        _rows("training.refresher_topics", "DSL refresher topics (text)", "dsl_forum_topics"),
        _rows("training.cancelled_trainer_courses, training.cancelled_insufficient_courses", "course names (text)",
              "cancelled_courses"),
    )),
    ("LADO (`lado.…`)", (
        _p("lado.contacts, lado.referrals", "this year's contacts and referrals", "lado_contacts"),
        _p("lado.previous_contacts, lado.previous_referrals", "last year's", "lado_contacts"),
        _p("lado.contacts_change, lado.referrals_change", "% change on last year (negative: a fall)",
           "lado_contacts"),
        _p("lado.meetings", "strategy and evaluation meetings together", "lado_meetings"),
        _p("lado.strategy_meetings, lado.evaluation_meetings", "each kind", "lado_meetings"),
        _p("lado.referrals_by_setting", "referrals, all types of setting together", "lado_referral_settings"),
        _p("lado.substantiated, lado.unsubstantiated, lado.unfounded, lado.malicious",
           "outcomes (rows of `lado_outcomes.csv` of those names)", "lado_outcomes"),
        _p("lado.ongoing", "cases ongoing at the time of writing"),
        _p("lado.within_one_month, lado.within_three_months", "allegations completed in time"),
        _rows("lado.sessions", "rows: `date`, `session`, `forward_looking`", "lado_sessions"),
    )),
    ("Adult social care (`asc.…`)", (
        _p("asc.concerns, asc.enquiries, asc.concluded", "this year's totals", "asc_monthly"),
        _p("asc.average_concerns, asc.average_enquiries, asc.average_concluded", "the monthly averages",
           "asc_monthly"),
        _p("asc.concerns_reduction, asc.enquiries_reduction", "% fall on last year", "asc_five_year"),
        _p("asc.conversion_rate", "enquiries as a % of concerns", "asc_monthly"),
        _p("asc.previous_conversion_rate", "last year's", "asc_five_year"),
        _p("asc.abuse_types_total, asc.abuse_types_previous_total", "concerns by type of abuse, this year and last",
           "asc_abuse_types"),
        _p("asc.abuse_types_reduction", "% fall in types of abuse reported", "asc_abuse_types"),
        _p("asc.concerns_per_100k_reduction, asc.enquiries_per_100k_reduction", "% fall per 100k adults",
           "asc_five_year"),
        _p("asc.asked_outcomes, asc.previous_asked_outcomes", "% asked about desired outcomes"),
        _p("asc.risk_identified, asc.previous_risk_identified", "% of cases with risk identified"),
    )),
    ("Children's social care (`csc.…`)", (
        _p("csc.total_contacts", "contacts year to date: the sources of contacts together (without them, the "
           "quarters' contacts together)", "csc_contact_sources csc_contacts_quarterly"),
        _p("csc.abuse_neglect_total", "abuse and neglect presenting issues together", "csc_abuse_neglect"),
        _p("csc.outcomes_total", "completed contacts, all outcomes together", "csc_contact_outcomes"),
        _rows("csc.top_source", "the most frequent source of contacts (text)", "csc_contact_sources"),
        _p('csc.source_share("Police")', "one source's share of contacts (as published where stated)",
           "csc_contact_sources"),
        _p('csc.source_group_share("Health Services")', "share of all sources whose name starts with that text",
           "csc_contact_sources"),
        _rows("csc.top_issue", "the most common presenting issue (text)", "csc_presenting_issues"),
        _p('csc.issue_share("Parenting Support")', "one presenting issue's share", "csc_presenting_issues"),
        _p('csc.outcome_share("NFA")', "one contact outcome's share, to the whole per cent", "csc_contact_outcomes"),
    )),
    ("Lists", (
        _rows('recommendations.group("key")', "the recommendations of one group, each with `.text`",
              "recommendations"),
        _rows('areas.group("Adults")', "areas for development of one group, each with `.text`",
              "areas_for_development"),
    )),
    ("Budget (`budget.…`)", (
        _p('budget.total("staffing")', "one category's total (a key of `[[budget.categories]]`)", "budget"),
        _p("budget.total_income, budget.total_expenditure", "income, and expenditure", "budget"),
        _p("budget.net_expenditure", "expenditure less income (negative: a surplus)", "budget"),
        _p("budget.surplus", "income less expenditure (negative: a deficit): "
           "`{{ budget.surplus.word(\"a surplus\", \"a deficit\") }} of {{ budget.surplus.abs }}`", "budget"),
    )),
)

_INTRO = """\
# Placeholders you can use in the narrative

Generated by `hsp-docs placeholders > docs/placeholders.md` from `src/hsp_docs/model/catalogue.py`:
do not edit.

Every figure below is computed from the datasets in its last column. Where `stated_figures.csv`
has a row with the same key, the report prints the figure **as stated there** (as published),
and `hsp-docs check` compares the stated figure with the computed one. Figures marked *stated
only* have no dataset behind them: they come from `stated_figures.csv` alone.

## The report
| placeholder | what |
|---|---|
| `report.partnership` | the partnership's full name |
| `report.short_name` | its short name |
| `report.current_year`, `report.previous_year` | year labels, e.g. 2022-23 |
| `report.chair.name`, `report.chair.role` | the chair |
| `report.area` | the place the partnership serves (`area` in report.toml) |
| `report.draft` | true while report.toml says `status = "draft"`: `{% if report.draft %}…{% endif %}` |
| `boards` | the boards of report.toml, each with `.key`, `.name`, `.chair`, `.subgroups` |
| `attendance` | each board's meetings and members: `.board`, `.meetings`, `.members` |
| `has("asc_monthly")` | true when that dataset has rows: `{% if has("asc_monthly") %}…{% endif %}` |

A figure with no data and no stated value prints **[to be completed]**, and `hsp-docs check`
lists it. Figures that are changes can be written with their direction in words:
`{{ lado.contacts_change.word("rose", "fell", "were unchanged") }} by {{ lado.contacts_change.abs }}`
gives "rose by 9%".

**Counts of people.** A placeholder that prints a count of people from a dataset (a row's
`{{ s.delegates }}`, `{{ lado.substantiated }}`), a total of such counts (`{{ training.csa_attended }}`)
or a row's description (`{{ s.description }}`) is marked as such. When report.toml's
`[disclosure]` hides that count from the public, the report prints "fewer than 5" (the policy's
`prose`), `[c]` for a count hidden to protect another, or the row's name instead of its
description ([disclosure.md](disclosure.md)). A number typed into the words is not hidden:
`hsp-docs check` reports one under the threshold beside a word for people.

Previous-year figures (`…previous…`, and the changes computed from them) come from last year's
inputs folder when it sits beside this year's, else from this year's previous-year columns
(see [inputs.md](inputs.md)).
"""


def placeholders_markdown() -> str:
    """docs/placeholders.md."""
    out = [_INTRO]
    for title, entries in CATALOGUE:
        out.append(f"## {title}\n| placeholder | what | computed from |\n|---|---|---|")
        for e in entries:
            needs = "*stated only*" if e.stated_only else ", ".join(f"`{d}.csv`" for d in e.datasets)
            out.append(f"| {', '.join(f'`{n}`' for n in e.names)} | {e.what} | {needs} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
