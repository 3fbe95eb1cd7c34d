"""The theme's colours against WCAG: text 4.5:1 and chart colours 3:1 against the background
(hsp_docs.theme.theme_problems), and 3:1 between the colours of any two series a chart of the
report draws side by side (theme.series_problems)."""
from __future__ import annotations

from ..theme import series_problems, theme_problems
from .findings import Finding

OWNER = "Communications (house style)"


def check_theme(data, report=None) -> list[Finding]:
    """`report`: the Report built from `data` (its charts' series side by side), None to check the colours alone."""
    where = "theme.toml" if data.root is not None and (data.root / "theme.toml").exists() else "report.toml"
    out = [Finding(severity, "theme-contrast", where, message, owner=OWNER)
           for severity, message in theme_problems(data.meta.theme)]
    if report is not None:
        out += [Finding(severity, "series-contrast", where, message, owner=OWNER)
                for severity, message in series_problems(report.charts(), data.meta.theme)]
    return out
