"""Section builders: each takes ReportData and returns a Section (words, tables, charts, images).

Sections whose words have no tables or charts share the generic builder; the others supply
their parts from their own module. `build_section(data, "training")` builds one section alone.
"""
from __future__ import annotations

from ..parts import Report, Section
from . import appendices, lado, training
from .base import build_section as _build


def _chair_report(data) -> dict:
    return {"image:chair_photo": data.images["chair_photo"]} if "chair_photo" in data.images else {}


PARTS = {
    "chair_report": _chair_report,
    "training": training.parts,
    "lado": lado.parts,
    "appendices": appendices.parts,
}


def build_section(data, key: str) -> Section:
    """Build one section by its key in report.toml."""
    spec = next((s for s in data.meta.sections if s.key == key), None)
    title = spec.title if spec else key.replace("_", " ").capitalize()
    parts = PARTS.get(key, lambda d: {})(data)
    return _build(data, key, title, parts)


def build_report_model(data) -> Report:
    """All sections, in the order report.toml lists them, with tables and figures numbered."""
    report = Report(data.meta, [build_section(data, s.key) for s in data.meta.sections])
    report.number_parts()
    return report
