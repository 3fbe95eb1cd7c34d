"""What every section builder shares: the narrative context, and turning a section's
rendered words plus its parts (tables, charts, images) into a Section."""
from __future__ import annotations

from dataclasses import dataclass

from ..parts import Chart, ChartBlock, ImageBlock, Paragraph, Run, Section, Table, TableBlock
from .narrative import Limits, NarrativeError, parse, render
from .registry import ABSENT, IMAGES, PENDING
from .source import source_of


@dataclass(frozen=True, eq=False)
class ReportContext:
    """`report.*` in the narrative."""

    partnership: str
    short_name: str
    title: str
    current_year: str
    previous_year: str
    chair: object
    period: str
    area: str = ""
    status: str = "final"
    draft: bool = False


def narrative_context(data) -> dict:
    m = data.meta
    return {
        "report": ReportContext(m.partnership, m.short_name, m.title, m.current_year, m.previous_year, m.chair,
                                m.period_label, m.area, m.status, m.draft),
        "has": lambda name: data.has(str(name)),
        "dates": m.theme.dates,  # read by the month and date filters
        "boards": data.meta.boards,
        "attendance": data.attendance,
        "training": data.training,
        "lado": data.lado,
        "asc": data.asc,
        "csc": data.csc,
        "budget": data.budget,
        "recommendations": data.recommendations,
        "areas": data.areas,
    }


def build_section(data, key: str, title: str, parts, notes: list[str] | None = None,
                  requires: tuple[str, ...] = ()) -> Section | None:
    """Render a section's narrative and put its parts where its directives say.

    `parts` is a sections.registry.Parts. A part whose data is not in the inputs is left out,
    and a section whose every table and chart is left out (or whose `requires` datasets are
    all absent) is left out: None, with a note. A part whose data has no rows yet is replaced
    by a "[to be completed: …]" marker."""
    notes = [] if notes is None else notes
    if requires and not any(data.is_present(d) for d in requires):
        notes.append(f"Section '{title}' left out: its data ({', '.join(f'{d}.csv' for d in requires)}) "
                     "is not in the inputs.")
        return None
    source = source_of(data, key)
    parsed = _parsed(data, key, source)
    states = {pk: parts.state(pk) for pk in _place(parts, parsed, source)}
    data_parts = [pk for pk in states if pk not in IMAGES]
    if data_parts and all(states[pk] == ABSENT for pk in data_parts):
        files = sorted({d for pk in data_parts for d in parts.spec(pk).datasets})
        notes.append(f"Section '{title}' left out: its data ({', '.join(f'{d}.csv' for d in files)}) is not "
                     "in the inputs.")
        for pk in data_parts:
            del parts.placed[pk]
        return None
    blocks, absent = [], []
    for b in parsed:
        if not isinstance(b, tuple):
            blocks.append(b)
        elif states[_key(b)] == ABSENT:
            pk = _key(b)
            absent.append((b[2], f"[[{b[0]}: {b[1]}]]", IMAGES[pk] if pk in IMAGES else parts.spec(pk).files))
        else:
            blocks += part_blocks(parts, _key(b), states[_key(b)])
    notes += _left_out(source, absent)
    return Section(key, title, blocks)


def _key(directive: tuple) -> str:
    """A parsed directive's part key: ("table", "reviews", line) -> "table:reviews"."""
    return f"{directive[0]}:{directive[1]}"


def _parsed(data, key: str, source) -> list:
    """The section's narrative rendered and parsed into blocks and (kind, key, line) directives;
    a Word template's error points to its paragraph."""
    try:
        limits = Limits(data.meta.narrative_seconds, data.meta.narrative_characters)
        return parse(render(data.narrative.get(key, ""), narrative_context(data), source.file, limits), source.file)
    except NarrativeError as exc:
        if not source.is_word:
            raise
        raise NarrativeError(source.problem(exc.problem.message, exc.problem.row)) from None


def _place(parts, parsed: list, source) -> list[str]:
    """Record each directive's part as placed by this section (its key, in order); a part the
    report does not know, publishes in the workbook alone, or has placed already is an error."""
    keys = []
    for b in parsed:
        if not isinstance(b, tuple):
            continue
        kind, part_key, line = b
        pk = _key(b)
        if pk in parts.workbook_only:
            raise NarrativeError(source.problem(f"[[{kind}: {part_key}]] is published in the workbook alone "
                                                "(report = false in its [[appendix_tables]] entry in "
                                                "report.toml)", line))
        if not parts.is_known(pk):
            known = ", ".join(k for k in parts.known() if k.startswith(kind + ":"))
            raise NarrativeError(source.problem(f"[[{kind}: {part_key}]] is not a {kind} the report knows "
                                                f"(the {kind}s: {known})", line))
        placed = parts.clash(pk)
        if placed:
            also = "" if placed == pk else f" (as [[{placed.replace(':', ': ', 1)}]])"
            raise NarrativeError(source.problem(f"[[{kind}: {part_key}]] is already placed in "
                                                f"{parts.placed[placed]}{also}: each part appears once", line))
        parts.placed[pk] = source.file
        keys.append(pk)
    return keys


def _left_out(source, absent: list[tuple]) -> list[str]:
    """The build summary's note on the parts left out, their data not in the inputs."""
    if len(absent) == 1:
        line, directive, what = absent[0]
        return [f"{source.file}, {source.where(line)}: {directive} left out: {what} not in the inputs."]
    if absent:
        return [f"{source.file}: {len(absent)} parts left out, their data not in the inputs: "
                + "; ".join(f"{d} ({source.where(line)}, {what})" for line, d, what in absent) + "."]
    return []


def part_blocks(parts, pk: str, state: str) -> list:
    """The blocks of one placed part: its tables, chart or image, or the bold "[to be completed: …]"
    marker standing in for a part whose data has no rows yet."""
    if state == PENDING:
        return [Paragraph([Run(parts.pending_text(pk), bold=True)])]
    part = parts.get(pk)
    blocks: list[TableBlock | ChartBlock | ImageBlock] = []
    for p in part if isinstance(part, list) else [part]:
        if isinstance(p, Table):
            blocks.append(TableBlock(p))
        elif isinstance(p, Chart):
            blocks.append(ChartBlock(p))
        else:
            width = 5.0 if p.key == "chair_photo" else 16.0
            blocks.append(ImageBlock(p.key, p.filename, p.data, p.published_alt, width_cm=width,
                                     placeholder_label=p.placeholder_label))
    return blocks
