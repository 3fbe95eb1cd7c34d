"""What every section builder shares: the narrative context, and turning a section's
rendered words plus its parts (tables, charts, images) into a Section."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem
from ..parts import Chart, ChartBlock, ImageBlock, Section, Table, TableBlock
from .narrative import NarrativeError, parse, render


@dataclass(frozen=True)
class ReportContext:
    """`report.*` in the narrative."""

    partnership: str
    short_name: str
    title: str
    current_year: str
    previous_year: str
    chair: object
    period: str


def narrative_context(data) -> dict:
    m = data.meta
    return {
        "report": ReportContext(m.partnership, m.short_name, m.title, m.current_year, m.previous_year, m.chair,
                                m.period_label),
        "training": data.training,
        "lado": data.lado,
        "asc": data.asc,
        "csc": data.csc,
        "budget": data.budget,
        "recommendations": data.recommendations,
        "areas": data.areas,
    }


def build_section(data, key: str, title: str, parts: dict) -> Section:
    """Render a section's narrative and put its parts where its directives say."""
    name = f"narrative/{key}.md"
    text = render(data.narrative.get(key, ""), narrative_context(data), name)
    blocks = []
    for b in parse(text, name):
        if not isinstance(b, tuple):
            blocks.append(b)
            continue
        kind, part_key, line = b
        part = parts.get(f"{kind}:{part_key}")
        if part is None:
            known = ", ".join(sorted(parts)) or "none"
            raise NarrativeError(Problem(name, f"[[{kind}: {part_key}]] is not a part of this section "
                                               f"(its parts: {known})", row=line))
        for p in part if isinstance(part, list) else [part]:
            if isinstance(p, Table):
                blocks.append(TableBlock(p))
            elif isinstance(p, Chart):
                blocks.append(ChartBlock(p))
            else:
                blocks.append(ImageBlock(p.key, p.filename, p.data, p.alt,
                                         width_cm=5.0 if p.key == "chair_photo" else 16.0))
    return Section(key, title, blocks)
