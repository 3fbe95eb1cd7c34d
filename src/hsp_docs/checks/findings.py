"""A finding: one thing `hsp-docs check` reports, with where it is and both numbers."""
from __future__ import annotations

from dataclasses import asdict, dataclass

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    """One thing `check` found: in the data, or in a built document."""

    severity: str  # "error" or "warning"
    check: str  # short id of the rule, e.g. "stated-vs-computed"
    where: str  # dataset (file) or output file
    message: str  # a sentence a comms officer understands
    row: int | None = None
    column: str | None = None
    stated: str | None = None
    computed: str | None = None
    owner: str | None = None  # the section or agency that should fix it

    def as_dict(self) -> dict:
        return asdict(self)


def to_json(findings: list[Finding]) -> dict:
    """The stable machine form of `hsp-docs check --json` (documented in docs/check.md)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "findings": [f.as_dict() for f in findings],
    }


def _lines(f: Finding, indent: str) -> str:
    loc = f.where + (f", row {f.row}" if f.row else "") + (f", column '{f.column}'" if f.column else "")
    nums = ""
    if f.stated is not None or f.computed is not None:
        nums = f"  [stated {f.stated if f.stated is not None else '-'}; computed " \
               f"{f.computed if f.computed is not None else '-'}]"
    return f"{indent}{f.severity.upper():7} {loc}\n{indent}        {f.message}{nums}"


def render_by_owner(findings: list[Finding]) -> str:
    """A readable table for the terminal: findings grouped by who should act on them (owner),
    errors first within each group."""
    if not findings:
        return "No findings."
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.owner or "Not assigned", []).append(f)
    lines = []
    for owner in sorted(groups, key=str.casefold):
        items = sorted(groups[owner], key=lambda f: (f.severity != "error", f.where, f.row or 0))
        e = sum(f.severity == "error" for f in items)
        lines.append(f"== {owner}: {e} error(s), {len(items) - e} warning(s)")
        lines.extend(_lines(f, "  ") for f in items)
        lines.append("")
    e = sum(f.severity == "error" for f in findings)
    lines.append(f"{e} error(s), {len(findings) - e} warning(s)")
    return "\n".join(lines)
