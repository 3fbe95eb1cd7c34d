"""A finding: one thing `hsp-docs check` reports, with where it is and both numbers."""
from __future__ import annotations

from dataclasses import asdict, dataclass

JSON_SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
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


def render_table(findings: list[Finding]) -> str:
    """A readable table for the terminal."""
    if not findings:
        return "No findings."
    lines = []
    for f in sorted(findings, key=lambda f: (f.severity != "error", f.where, f.row or 0)):
        loc = f.where + (f", row {f.row}" if f.row else "") + (f", column '{f.column}'" if f.column else "")
        nums = ""
        if f.stated is not None or f.computed is not None:
            nums = f"  [stated {f.stated if f.stated is not None else '-'}; computed " \
                   f"{f.computed if f.computed is not None else '-'}]"
        lines.append(f"{f.severity.upper():7} {loc}\n        {f.message}{nums}")
    e = sum(f.severity == "error" for f in findings)
    w = len(findings) - e
    lines.append(f"\n{e} error(s), {w} warning(s)")
    return "\n".join(lines)
