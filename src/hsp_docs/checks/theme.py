"""The theme's colours against WCAG: text 4.5:1, chart colours 3:1 against the background and
against the next series' colour (hsp_docs.theme.theme_problems)."""
from __future__ import annotations

from ..theme import theme_problems
from .findings import Finding


def check_theme(data) -> list[Finding]:
    where = "theme.toml" if data.root is not None and (data.root / "theme.toml").exists() else "report.toml"
    return [Finding(severity, "theme-contrast", where, message, owner="Communications (house style)")
            for severity, message in theme_problems(data.meta.theme)]
