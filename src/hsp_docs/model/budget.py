"""The partnership's budget outturn: its lines in the categories report.toml names
([[budget.categories]]: by default income, staffing and delivery), and their totals."""
from __future__ import annotations

import re
from decimal import Decimal

from .family import Family
from .figures import Figure


def _total(amounts) -> Decimal | None:
    """None while any line's amount is still to be entered (a draft year), or there are no lines."""
    amounts = list(amounts)
    if not amounts or any(a is None for a in amounts):
        return None
    return sum(amounts, Decimal(0))


def _add(a, b):
    return None if a is None or b is None else a + b


class Budget(Family):
    def __init__(self, data):
        f = data.figures
        self.categories = data.meta.budget
        self.lines = data.rows("budget")
        self.funder = data.meta.funder
        self.totals: dict[str, Figure] = {}
        income = expenditure = Decimal(0) if self.lines else None
        for cat in self.categories:
            lines = self.lines_in(cat.key)
            amount = _total(r.amount for r in lines) if lines else (Decimal(0) if self.lines else None)
            name = "total_" + re.sub(r"\W+", "_", cat.key)
            fig = f(f"budget.{name}", amount, "money")
            setattr(self, name, fig)
            self.totals[cat.key] = fig
            if cat.income:
                income = _add(income, amount)
            else:
                expenditure = _add(expenditure, amount)
        self.total_income = f("budget.total_income", income, "money")
        self.total_expenditure = f("budget.total_expenditure", expenditure, "money")
        net = None if income is None or expenditure is None else expenditure - income
        self.net_expenditure = f("budget.net_expenditure", net, "money")
        # income less expenditure: `{{ budget.surplus.word("a surplus", "a deficit") }} of {{ budget.surplus.abs }}`
        self.surplus = f("budget.surplus", None if net is None else -net, "money")

    def lines_in(self, category: str):
        return [r for r in self.lines if r.category == category]

    def total(self, category: str) -> Figure:
        """`budget.total("staffing")` in the narrative: one category's total."""
        return self.totals[category.casefold()]
