"""Adult social care data: demand by month, types of abuse, age groups, five-year trends,
Making Safeguarding Personal and risk outcomes."""
from __future__ import annotations

from ..parts import Chart, Column, Derived, Spread, Table
from .shapes import Slot, labelled_chart, labelled_table


def monthly_demand(data) -> Table:
    a = data.asc
    lab = data.labels("table:asc_monthly")
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
    return labelled_table(lab, "asc_monthly", slots, rows, landscape=True, row_kinds={3: "percent"}, derived=[mean],
                          spread=spread)


def abuse_types(data) -> Table:
    a = data.asc
    lab = data.labels("table:asc_abuse_types")
    rows = [[r.abuse_type, r.previous_year, r.current_year, a.type_change(r)] for r in a.abuse_types]
    total_change = -a.abuse_types_reduction.value if a.abuse_types_reduction.value is not None else None
    rows.append([lab.row("total"), a.abuse_types_previous_total.value, a.abuse_types_total.value, total_change])
    slots = [Slot("abuse_type"), Slot("previous_year", "count", person_count=True),
             Slot("current_year", "count", person_count=True), Slot("change", "percent")]
    omit = {slot for i, slot in ((1, "previous_year"), (3, "change")) if all(r[i] is None for r in rows[:-1])}
    return labelled_table(lab, "asc_abuse_types", slots, rows, omit, total_rows=frozenset({len(rows) - 1}),
                          derived=[Derived(3, "change", (1, 2))])


def age_groups(data) -> Table:
    rows = [[r.abuse_type, r.age_18_64, r.age_65_plus, r.age_85_plus, r.count] for r in data.asc.age_groups]
    slots = [Slot("abuse_type"), Slot("age_18_64", "percent"), Slot("age_65_plus", "percent"),
             Slot("age_85_plus", "percent"), Slot("count", "count", person_count=True)]
    return labelled_table(data.labels("table:asc_age_groups"), "asc_age_groups", slots, rows)


def _trend(data, key, series: list[tuple[str, str]], omit=(), person_count: bool = False) -> Chart:
    """A line chart over the five years: one series per (label slot, column of asc_five_year)."""
    lab = data.labels(f"chart:{key}")
    rows = data.asc.five_year
    shown = [(slot, [getattr(r, attr) for r in rows]) for slot, attr in series if slot not in omit]
    parts = []
    for slot, values in shown:
        vals = ", ".join(f"{r.year} {'not available' if v is None else f'{v:,}'}" for r, v in zip(rows, values))
        parts.append(f"{lab.series(slot)}: {vals}")
    return labelled_chart(lab, key, "line", [r.year for r in rows], shown, f"{'. '.join(parts)}.", omit,
                          person_count=person_count)


def _per_100k(data, key: str, measure: str) -> Chart:
    blank = data.blank_columns("asc_five_year")
    series = [("england", f"{measure}_per_100k_england"), ("local", f"{measure}_per_100k_local")]
    return _trend(data, key, series, omit={slot for slot, column in series if column in blank})


def _year_pair(data, key, rows) -> Chart:
    m = data.meta
    desc = "; ".join(f"{r.outcome} {r.current_year:.0%} in {m.current_year} and "
                     f"{'not available' if r.previous_year is None else f'{r.previous_year:.0%}'} in {m.previous_year}"
                     for r in rows)
    return labelled_chart(data.labels(f"chart:{key}"), key, "bar", [r.outcome for r in rows],
                          [("current_year", [r.current_year for r in rows]),
                           ("previous_year", [r.previous_year for r in rows])], f"{desc}.",
                          omit={"previous_year"} & data.blank_columns(key), number_format="0%")


def parts(data) -> dict:
    a = data.asc
    months = a.monthly
    monthly_chart = labelled_chart(
        data.labels("chart:asc_monthly"), "asc_monthly", "column",
        [data.meta.theme.dates.month_label(m.month) for m in months],
        [("concerns", [m.concerns for m in months]), ("enquiries", [m.enquiries for m in months]),
         ("concluded", [m.concluded for m in months])],
        f"{a.concerns.computed} concerns, {a.enquiries.computed} enquiries and {a.concluded.computed} concluded "
        "cases in all. The values are in the table that follows.", data_labels=False, person_count=True)
    return {
        "chart:asc_concerns_enquiries": _trend(data, "asc_concerns_enquiries",
                                               [("concerns", "concerns"), ("enquiries", "enquiries")],
                                               person_count=True),
        "chart:asc_monthly": monthly_chart,
        "table:asc_monthly": monthly_demand(data),
        "table:asc_abuse_types": abuse_types(data),
        "chart:asc_concerns_per_100k": _per_100k(data, "asc_concerns_per_100k", "concerns"),
        "chart:asc_enquiries_per_100k": _per_100k(data, "asc_enquiries_per_100k", "enquiries"),
        "table:asc_age_groups": age_groups(data),
        "chart:asc_msp_outcomes": _year_pair(data, "asc_msp_outcomes", a.msp_outcomes),
        "chart:asc_risk_outcomes": _year_pair(data, "asc_risk_outcomes", a.risk_outcomes),
    }
