"""Section builders: each takes ReportData and returns a Section (words, tables, charts, images).

A section is its narrative (narrative/<key>.md) with the parts its directives place; any
section may place any declared part (declare.py, registry.py), so the sections, their order
and their titles come from report.toml. `build_section(data, "training")` builds one
section alone.
"""
from __future__ import annotations

from ..parts import Paragraph, Report, Section
from . import appendices
from .base import build_section as _build
from .base import part_blocks
from .registry import Parts


def build_section(data, key: str) -> Section:
    """Build one section by its key in report.toml (empty if its data is not in the inputs)."""
    spec = next((s for s in data.meta.sections if s.key == key), None)
    title = spec.title if spec else key.replace("_", " ").capitalize()
    section = _build(data, key, title, Parts(data), requires=spec.requires if spec else ())
    return section if section is not None else Section(key, title, [])


def build_report_model(data, only: list[str] | None = None) -> Report:
    """All sections (or only the keys given), in the order report.toml lists them, with tables
    and figures numbered. Sections whose data is not in the inputs are left out; Report.notes
    says which."""
    if only:
        unknown = sorted(set(only) - {s.key for s in data.meta.sections})
        if unknown:
            raise ValueError(f"no section {', '.join(map(repr, unknown))} in report.toml")
    parts, notes = Parts(data), list[str]()
    for source in data.narrative_sources.values():  # comments ignored, which form a section's words are in
        notes.extend(source.notes)
    sections = []
    for spec in data.meta.sections:
        if only and spec.key not in only:
            continue
        section = _build(data, spec.key, spec.title, parts, notes, spec.requires)
        if section is not None:
            sections.append(section)
    unplaced = parts.unplaced_appendices()
    if unplaced and sections and (not only or data.meta.sections[-1].key in only):
        for pk in unplaced:  # declared in report.toml, placed by no narrative: at the end of the report
            parts.placed[pk] = "the end of the report"
            sections[-1].blocks += part_blocks(parts, pk, parts.state(pk))
    pending = sum(1 for s in sections for b in s.blocks
                  if isinstance(b, Paragraph) and b.runs and b.runs[0].text.startswith("[to be completed: ")
                  and b.runs[0].bold)
    if pending:
        notes.append(f"{pending} table(s) and chart(s) are marked [to be completed]: their data has no rows yet "
                     "(run `hsp-docs check` for everything still missing).")
    if data.meta.draft:
        notes.append("This is a draft (report.toml says status = \"draft\"): delete that line when the report "
                     "is final.")
    workbook_only = [] if only else [appendices.record_table(a, in_report=False) for a in data.appendices
                                     if not a.in_report]
    cover = {k: data.images[k] for k in ("logo", "cover_image") if k in data.images}
    report = Report(data.meta, sections, notes, workbook_only, cover)
    report.number_parts()
    return report
