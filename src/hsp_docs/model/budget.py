"""The partnership's budget outturn: income, staffing and delivery lines, and their totals."""
from __future__ import annotations

from .family import Family

from decimal import Decimal


class Budget(Family):
    CATEGORIES = ("income", "staffing", "delivery")

    def __init__(self, data):
        f = data.figures
        self.lines = data.rows("budget")
        self.funder = data.meta.funder

        def total(cat):
            return sum((r.amount for r in self.lines if r.category == cat), Decimal(0))

        self.total_income = f("budget.total_income", total("income"), "money")
        self.total_staffing = f("budget.total_staffing", total("staffing"), "money")
        self.total_delivery = f("budget.total_delivery", total("delivery"), "money")
        expenditure = total("staffing") + total("delivery")
        self.total_expenditure = f("budget.total_expenditure", expenditure, "money")
        self.net_expenditure = f("budget.net_expenditure", expenditure - total("income"), "money")

    def lines_in(self, category: str):
        return [r for r in self.lines if r.category == category]
