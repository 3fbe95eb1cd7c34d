"""Adult social care data: demand by month, types of abuse, age groups, five-year trends,
Making Safeguarding Personal and risk outcomes."""
from __future__ import annotations

from ..parts import Chart, Column, Derived, Series, Table


def monthly_demand(data) -> Table:
    a = data.asc
    months = a.monthly
    cols = [Column("Measure")] + [Column(f"{m.month:%b-%y}", "count", person_count=True) for m in months] + [
        Column("Grand Total", "count", person_count=True), Column("Average", "count")]
    rates = [a.month_conversion(m) for m in months]
    known = [r for r in rates if r is not None]
    rows = [
        ["Concerns"] + [m.concerns for m in months] + [a.concerns.value, a.average_concerns.value],
        ["Enquiries"] + [m.enquiries for m in months] + [a.enquiries.value, a.average_enquiries.value],
        ["Concluded Cases"] + [m.concluded for m in months] + [a.concluded.value, a.average_concluded.value],
        ["Conversion rate"] + rates + [a.conversion_rate.value, sum(known) / len(known) if known else None],
    ]
    return Table("asc_monthly", f"Demand: concerns, enquiries and concluded cases by month, {data.meta.current_year}",
                 cols, rows, notes=["Conversion rate: enquiries as a percentage of concerns."], landscape=True,
                 row_kinds={3: "percent"}, derived=[Derived(len(cols) - 1, "mean", (len(cols) - 2,), len(months))])


def abuse_types(data) -> Table:
    a, m = data.asc, data.meta
    rows = [[r.abuse_type, r.previous_year, r.current_year, a.type_change(r)] for r in a.abuse_types]
    total_change = -a.abuse_types_reduction.value if a.abuse_types_reduction.value is not None else None
    rows.append(["Grand Total", a.abuse_types_previous_total.value, a.abuse_types_total.value, total_change])
    cols = [Column("Type of Abuse"), Column(m.previous_year, "count", person_count=True),
            Column(m.current_year, "count", person_count=True), Column("Change", "percent")]
    return Table("asc_abuse_types", "Concerns: volume and change in types of abuse", cols, rows,
                 total_rows=frozenset({len(rows) - 1}), derived=[Derived(3, "change", (1, 2))])


def age_groups(data) -> Table:
    rows = [[r.abuse_type, r.age_18_64, r.age_65_plus, r.age_85_plus, r.count] for r in data.asc.age_groups]
    cols = [Column("Type of abuse"), Column("18-64", "percent"), Column("65+", "percent"), Column("85+", "percent"),
            Column("Nos.", "count", person_count=True)]
    return Table("asc_age_groups", f"Concerns by age group and type of abuse, {data.meta.current_year}", cols, rows,
                 notes=["Percentages are of each age group's concerns; Nos. is the number of concerns."])


def _trend(key, title, rows, series: list[tuple[str, str]], axis: str, alt_intro: str,
           person_count: bool = False) -> Chart:
    s = [Series(name, [getattr(r, attr) for r in rows]) for name, attr in series]
    parts = []
    for ser in s:
        vals = ", ".join(f"{r.year} {'not available' if v is None else f'{v:,}'}" for r, v in zip(rows, ser.values))
        parts.append(f"{ser.name}: {vals}")
    return Chart(key, title, "line", [r.year for r in rows], s, alt=f"{alt_intro} {'. '.join(parts)}.",
                 value_axis_title=axis, category_axis_title="Year", person_count=person_count)


def _year_pair(data, key, title, rows, what) -> Chart:
    m = data.meta
    s = [Series(m.current_year, [r.current_year for r in rows]),
         Series(m.previous_year, [r.previous_year for r in rows])]
    desc = "; ".join(f"{r.outcome} {r.current_year:.0%} in {m.current_year} and "
                     f"{'not available' if r.previous_year is None else f'{r.previous_year:.0%}'} in {m.previous_year}"
                     for r in rows)
    return Chart(key, title, "bar", [r.outcome for r in rows], s,
                 alt=f"Bar chart of {what}, {m.current_year} against {m.previous_year}: {desc}.",
                 value_axis_title="Percentage of cases", category_axis_title="Outcome", number_format="0%")


def parts(data) -> dict:
    a = data.asc
    months = a.monthly
    monthly_chart = Chart(
        "asc_monthly", "Concerns, enquiries and concluded cases by month", "column",
        [f"{m.month:%b %Y}" for m in months],
        [Series("Concerns", [m.concerns for m in months]), Series("Enquiries", [m.enquiries for m in months]),
         Series("Concluded cases", [m.concluded for m in months])],
        alt=f"Column chart of adult safeguarding concerns, enquiries and concluded cases each month of "
            f"{data.meta.current_year}: {a.concerns.computed} concerns, {a.enquiries.computed} enquiries and "
            f"{a.concluded.computed} concluded cases in all. The values are in the table that follows.",
        value_axis_title="Number of cases", category_axis_title="Month", data_labels=False, person_count=True)
    five = a.five_year
    return {
        "chart:asc_concerns_enquiries": _trend(
            "asc_concerns_enquiries", "Concerns and enquiries completed over five years", five,
            [("Concerns", "concerns"), ("Enquiries", "enquiries")], "Number completed",
            "Line chart of adult safeguarding concerns and enquiries completed each year.", person_count=True),
        "chart:asc_monthly": monthly_chart,
        "table:asc_monthly": monthly_demand(data),
        "table:asc_abuse_types": abuse_types(data),
        "chart:asc_concerns_per_100k": _trend(
            "asc_concerns_per_100k", "Concerns received over the last 5 years, per 100,000 adults", five,
            [("England", "concerns_per_100k_england"), (data.meta.area, "concerns_per_100k_local")],
            "Concerns per 100,000 adults", "Line chart comparing concerns per 100,000 adults in England and locally."),
        "chart:asc_enquiries_per_100k": _trend(
            "asc_enquiries_per_100k", "Enquiries completed over the last 5 years, per 100,000 adults", five,
            [("England", "enquiries_per_100k_england"), (data.meta.area, "enquiries_per_100k_local")],
            "Enquiries per 100,000 adults",
            "Line chart comparing enquiries per 100,000 adults in England and locally."),
        "table:asc_age_groups": age_groups(data),
        "chart:asc_msp_outcomes": _year_pair(data, "asc_msp_outcomes",
                                             "Outcomes of people who were asked about their desired outcomes and "
                                             "expressed one", a.msp_outcomes, "desired outcomes achieved"),
        "chart:asc_risk_outcomes": _year_pair(data, "asc_risk_outcomes",
                                              "Where risk was identified, what was the outcome", a.risk_outcomes,
                                              "outcomes where risk was identified"),
    }



