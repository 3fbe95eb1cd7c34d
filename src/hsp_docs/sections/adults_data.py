"""Adult social care data: demand by month, types of abuse, age groups, five-year trends,
Making Safeguarding Personal and risk outcomes."""
from __future__ import annotations

from ..formatting import thousands
from ..labels import Labels
from ..parts import Chart, Column, Derived, Spread, Table
from .declare import chart, table
from .shapes import Slot, labelled_chart, labelled_table

_YEAR_PAIR = {"series": {"current_year": "{current_year}", "previous_year": "{previous_year}"},
              "axes": {"value": "Percentage of cases", "category": "Outcome"}}
_PER_100K = {"england": "England", "local": "{area}"}


def _trend(data, lab: Labels, series: list[tuple[str, str]], omit=(), person_count: bool = False) -> Chart:
    """A line chart over the five years: one series per (label slot, column of asc_five_year)."""
    rows = data.asc.five_year
    shown = [(slot, [getattr(r, attr) for r in rows]) for slot, attr in series if slot not in omit]
    parts = []
    for slot, values in shown:
        vals = ", ".join(f"{r.year} {'not available' if v is None else thousands(v)}" for r, v in zip(rows, values))
        parts.append(f"{lab.series(slot)}: {vals}")
    return labelled_chart(lab, "line", [r.year for r in rows], shown, f"{'. '.join(parts)}.", omit,
                          person_count=person_count)


def _per_100k(data, lab: Labels, measure: str) -> Chart:
    blank = data.blank_columns("asc_five_year")
    series = [("england", f"{measure}_per_100k_england"), ("local", f"{measure}_per_100k_local")]
    return _trend(data, lab, series, omit={slot for slot, column in series if column in blank})


def _year_pair(data, lab: Labels, rows) -> Chart:
    """This year's and last year's share of cases by outcome; the dataset is the part's own (its key)."""
    m = data.meta
    desc = "; ".join(f"{r.outcome} {r.current_year:.0%} in {m.current_year} and "
                     f"{'not available' if r.previous_year is None else f'{r.previous_year:.0%}'} in {m.previous_year}"
                     for r in rows)
    return labelled_chart(lab, "bar", [r.outcome for r in rows],
                          [("current_year", [r.current_year for r in rows]),
                           ("previous_year", [r.previous_year for r in rows])], f"{desc}.",
                          omit={"previous_year"} & data.blank_columns(lab.key), number_format="0%")



@chart("asc_concerns_enquiries", datasets="asc_five_year", owner="asc",
       what="the chart of adult safeguarding concerns and enquiries over five years",
       title="Concerns and enquiries completed over five years",
       series={"concerns": "Concerns", "enquiries": "Enquiries"},
       axes={"value": "Number completed", "category": "Year"})
def concerns_enquiries(data, lab: Labels) -> Chart:
    return _trend(data, lab, [("concerns", "concerns"), ("enquiries", "enquiries")], person_count=True)


@chart("asc_monthly", datasets="asc_monthly", owner="asc",
       what="the chart of adult safeguarding demand by month",
       title="Concerns, enquiries and concluded cases by month",
       series={"concerns": "Concerns", "enquiries": "Enquiries", "concluded": "Concluded cases"},
       axes={"value": "Number of cases", "category": "Month"})
def monthly_chart(data, lab: Labels) -> Chart:
    a = data.asc
    months = a.monthly
    return labelled_chart(
        lab, "column", [data.meta.theme.dates.month_label(m.month) for m in months],
        [("concerns", [m.concerns for m in months]), ("enquiries", [m.enquiries for m in months]),
         ("concluded", [m.concluded for m in months])],
        f"{a.concerns.computed} concerns, {a.enquiries.computed} enquiries and {a.concluded.computed} concluded "
        "cases in all. The values are in the table that follows.", data_labels=False, person_count=True)


@table("asc_monthly", datasets="asc_monthly", owner="asc",
       what="the table of adult safeguarding demand by month",
       title="Concerns, enquiries and concluded cases by month, {current_year}",
       columns={"measure": "Measure", "total": "Total", "average": "Average"},
       rows={"concerns": "Concerns", "enquiries": "Enquiries", "concluded": "Concluded cases",
             "conversion_rate": "Conversion rate"},
       notes={"conversion_rate": "Conversion rate: enquiries as a percentage of concerns."})
def monthly_demand(data, lab: Labels) -> Table:
    a = data.asc
    months, dates = a.monthly, data.meta.theme.dates
    slots = [Slot("measure")] + [Slot("month", "count", person_count=True, header=dates.month_label(m.month))
                                 for m in months] + [
        Slot("total", "count", person_count=True), Slot("average", "count")]
    rates = [a.month_conversion(m) for m in months]
    known = [r for r in rates if r is not None]
    rows = [
        [lab.row("concerns")] + [m.concerns for m in months] + [a.concerns.value, a.average_concerns.value],
        [lab.row("enquiries")] + [m.enquiries for m in months] + [a.enquiries.value, a.average_enquiries.value],
        [lab.row("concluded")] + [m.concluded for m in months] + [a.concluded.value, a.average_concluded.value],
        [lab.row("conversion_rate")] + rates + [a.conversion_rate.value, sum(known) / len(known) if known else None],
    ]
    mean = Derived(len(slots) - 1, "mean", (len(slots) - 2,), len(months))
    spread = Spread(Column("Month", "month"), tuple(range(1, len(months) + 1)), tuple(m.month for m in months),
                    summaries=((len(months) + 1, "Total"), (len(months) + 2, "Average")))
    return labelled_table(lab, slots, rows, landscape=True, row_kinds={3: "percent"}, derived=[mean], spread=spread)


@table("asc_abuse_types", datasets="asc_abuse_types", owner="asc", in_packs=True,
       what="the table of concerns by type of abuse",
       title="Concerns by type of abuse",
       columns={"abuse_type": "Type of abuse", "previous_year": "{previous_year}", "current_year": "{current_year}",
                "change": "Change"},
       rows={"total": "Total"})
def abuse_types(data, lab: Labels) -> Table:
    a = data.asc
    rows = [[r.abuse_type, r.previous_year, r.current_year, a.type_change(r)] for r in a.abuse_types]
    total_change = -a.abuse_types_reduction.value if a.abuse_types_reduction.value is not None else None
    rows.append([lab.row("total"), a.abuse_types_previous_total.value, a.abuse_types_total.value, total_change])
    slots = [Slot("abuse_type"), Slot("previous_year", "count", person_count=True),
             Slot("current_year", "count", person_count=True), Slot("change", "percent")]
    omit = {slot for i, slot in ((1, "previous_year"), (3, "change")) if all(r[i] is None for r in rows[:-1])}
    return labelled_table(lab, slots, rows, omit, total_rows=frozenset({len(rows) - 1}),
                          derived=[Derived(3, "change", (1, 2))])


@chart("asc_concerns_per_100k", datasets="asc_five_year", owner="asc",
       what="the chart of concerns per 100,000 adults",
       title="Concerns per 100,000 adults over five years",
       series=_PER_100K, axes={"value": "Concerns per 100,000 adults", "category": "Year"})
def concerns_per_100k(data, lab: Labels) -> Chart:
    return _per_100k(data, lab, "concerns")


@chart("asc_enquiries_per_100k", datasets="asc_five_year", owner="asc",
       what="the chart of enquiries per 100,000 adults",
       title="Enquiries per 100,000 adults over five years",
       series=_PER_100K, axes={"value": "Enquiries per 100,000 adults", "category": "Year"})
def enquiries_per_100k(data, lab: Labels) -> Chart:
    return _per_100k(data, lab, "enquiries")


@table("asc_age_groups", datasets="asc_age_groups", owner="asc",
       what="the table of concerns by age group",
       title="Concerns by age group and type of abuse, {current_year}",
       columns={"abuse_type": "Type of abuse", "age_18_64": "18-64", "age_65_plus": "65+", "age_85_plus": "85+",
                "count": "Concerns"},
       notes={"ages": "Percentages are of each age group's concerns; the last column is the number of concerns."})
def age_groups(data, lab: Labels) -> Table:
    rows = [[r.abuse_type, r.age_18_64, r.age_65_plus, r.age_85_plus, r.count] for r in data.asc.age_groups]
    slots = [Slot("abuse_type"), Slot("age_18_64", "percent"), Slot("age_65_plus", "percent"),
             Slot("age_85_plus", "percent"), Slot("count", "count", person_count=True)]
    return labelled_table(lab, slots, rows)


@chart("asc_msp_outcomes", datasets="asc_msp_outcomes", owner="asc",
       what="the chart of Making Safeguarding Personal outcomes",
       title="Desired outcomes achieved", **_YEAR_PAIR)
def msp_outcomes(data, lab: Labels) -> Chart:
    return _year_pair(data, lab, data.asc.msp_outcomes)


@chart("asc_risk_outcomes", datasets="asc_risk_outcomes", owner="asc",
       what="the chart of outcomes where risk was identified",
       title="Outcomes where risk was identified", **_YEAR_PAIR)
def risk_outcomes(data, lab: Labels) -> Chart:
    return _year_pair(data, lab, data.asc.risk_outcomes)
