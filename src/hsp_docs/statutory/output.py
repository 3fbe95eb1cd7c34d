"""The statutory check's two forms: text for a business manager, JSON for machines (schema in
docs/statutory.md)."""
from __future__ import annotations

import textwrap

from .assess import StatutoryResult
from .distribution import publish_by

JSON_SCHEMA_VERSION = 1
_LABEL = {"answered": "ANSWERED", "claimed-only": "CLAIMED ONLY", "missing": "MISSING"}


def _date(d) -> str | None:
    return d.isoformat() if d else None


def to_json(result: StatutoryResult) -> dict:
    meta = result.meta
    return {
        "schema": JSON_SCHEMA_VERSION,
        "kind": "statutory",
        "report": {"partnership": meta.partnership, "title": meta.title, "year": meta.current_year,
                   "status": meta.status, "period_end": _date(meta.period_end),
                   "publication_date": _date(meta.publication_date)},
        "errors": result.errors,
        "warnings": result.warnings,
        "profiles": [{
            "id": p.id, "title": p.title, "document": p.document, "publish": p.publish,
            "publish_by": _date(publish_by(p, meta)), "notes": p.notes,
            "items": [{"id": r.item.id, "requirement": r.item.requirement,
                       "source": {"document": r.item.document, "paragraph": r.item.paragraph},
                       "evidence_kind": r.item.evidence, "status": r.status, "severity": r.severity,
                       "message": r.message, "evidence": [e.as_dict() for e in r.evidence],
                       "problems": [f.as_dict() for f in r.problems]} for r in items],
        } for p, items in result.profiles],
        "reviews": [f.as_dict() for f in result.reviews],
        "priorities": [f.as_dict() for f in result.priorities],
        "distribution": {
            "publication_date": _date(meta.publication_date),
            "recipients": [{"name": d.recipient.name, "required_by": d.required_by, "source": d.recipient.source,
                            "when": d.recipient.when, "deadline": _date(d.deadline)} for d in result.distribution],
        },
        "notes": list(result.notes),
    }


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    """text wrapped at 100 characters, every line indented (the first by `first`, if given)."""
    return textwrap.wrap(text, 100, initial_indent=indent if first is None else first,
                         subsequent_indent=indent) or [indent]


def render_text(result: StatutoryResult) -> str:
    meta = result.meta
    lines = [f"Statutory check: {meta.partnership}, {meta.title} ({meta.status}; publication date "
             f"{meta.publication_date:%-d %B %Y})", ""]
    for profile, items in result.profiles:
        answered = sum(r.status == "answered" for r in items)
        lines.append(f"== {profile.title}: {answered} of {len(items)} answered")
        due = publish_by(profile, meta)
        lines += _wrap(f"{profile.document}. Due: {profile.publish}" + (f" For this period, by {due:%-d %B %Y}."
                                                                         if due else "")
                       if profile.publish else profile.document, "   ")
        if profile.notes:
            lines += _wrap(" ".join(profile.notes.split()), "   ")
        for r in items:
            lines.append(f"  {_LABEL[r.status]:13} {r.item.id}" + (f"  ({r.severity})" if r.severity else ""))
            lines += _wrap(r.item.requirement + (f" [{r.item.paragraph}]" if r.item.paragraph else ""), " " * 16)
            lines += _wrap(r.message, " " * 18, " " * 16 + "→ ")
            for e in r.evidence:
                if e.kind != "report.toml":
                    lines += _wrap(e.detail, " " * 20, " " * 18)
        lines.append("")
    for heading, found in (("Reviews (reviews.csv)", result.reviews), ("Priorities (priorities.csv)",
                                                                        result.priorities)):
        if found:
            lines.append(f"== {heading}")
            for f in sorted(found, key=lambda f: (f.severity != "error", f.row or 0)):
                lines += _wrap(f"{f.severity.upper():7} row {f.row}, column '{f.column}': {f.message}", " " * 10, "  ")
            lines.append("")
    if result.distribution:
        lines.append(f"== Distribution: the published report ({meta.publication_date:%-d %B %Y}) goes to")
        for d in result.distribution:
            by = f"by {d.deadline:%-d %B %Y} ({d.recipient.when})" if d.deadline else d.recipient.when
            lines += _wrap(f"{d.recipient.name}: {by}. Source: {d.recipient.source}", "    ", "  ")
        lines.append("")
    lines += result.notes
    lines.append(f"{result.errors} error(s), {result.warnings} warning(s)")
    return "\n".join(lines)
