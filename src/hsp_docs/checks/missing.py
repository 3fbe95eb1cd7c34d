"""What is still missing from a year's inputs, for `hsp-docs check`, each with who should supply it.

A new year's folder (`hsp-docs new-year`) starts with every dataset empty and every
narrative file marked for update. This check lists what remains to be done:

- a dataset whose file is in the inputs but has no rows yet ("no-rows-yet"), and likewise a
  record-level appendix table report.toml declares;
- a cell of a carried-forward list still empty, such as a budget line's amount ("cell-to-complete");
- a {{ placeholder }} in the words that has no figure yet, so the report prints
  [to be completed] ("figure-to-complete");
- a "[to be completed: …]" marker still in the words ("words-to-update").

While report.toml says status = "draft" these are warnings; in a final report, errors.
`findings.render_by_owner` prints findings grouped by who should act on them.
"""
from __future__ import annotations

import re

from ..model.figures import TO_BE_COMPLETED, Figure
from ..model.schema import DATASETS
from ..parts import Heading, Paragraph
from ..sections import build_report_model
from ..sections.base import narrative_context
from ..sections.narrative import Limits, NarrativeError, bounded, environment
from ..sections.registry import dataset_parts
from ..sections.source import source_of
from .findings import Finding
from .owners import owner_of, owner_of_figure, section_of_parts

_PLACEHOLDER = re.compile(r"\{\{-?\s*(.+?)\s*-?\}\}", re.DOTALL)
_MARKER = re.compile(r"\[to be completed\b[^\]]*\]?", re.IGNORECASE)
_NOT_TO_FILL = {"stated_figures"}  # may rightly stay empty: a new year states nothing until it is written


def check_missing(data, report=None) -> list[Finding]:
    """Pass the Report the build already made, if there is one, to save building it again."""
    severity = "warning" if data.meta.draft else "error"
    shown = _shown_text(data, report)
    out = _empty_datasets(data, severity) + _empty_appendices(data, severity) + _empty_cells(data, severity)
    for spec in data.meta.sections:
        if spec.key in shown:
            text = data.narrative.get(spec.key, "")
            out += _words_to_update(data, spec, text, severity)
            words = shown[spec.key]
            if words is None or TO_BE_COMPLETED in words:
                out += _figures_to_complete(data, spec, text, severity)
    return out


def report_or_none(data):
    """The Report built from `data`, or None where its words cannot be rendered (validate and build
    report why; the checks check what can be checked)."""
    try:
        return build_report_model(data)
    except NarrativeError:
        return None


def _shown_text(data, report) -> dict[str, str | None]:
    """The sections the report shows (those whose data is absent are left out), with their
    printed words, or None where the words could not be rendered."""
    if report is None:
        report = report_or_none(data)
        if report is None:
            return {s.key: None for s in data.meta.sections}
    return {s.key: " ".join(r.text for b in s.blocks if isinstance(b, (Heading, Paragraph)) for r in b.runs)
            for s in report.sections}


def _empty_datasets(data, severity: str) -> list[Finding]:
    placed = section_of_parts(data)
    uses = dataset_parts()
    out = []
    for ds in DATASETS:
        if ds.name in _NOT_TO_FILL or not data.is_present(ds.name) or data.has(ds.name):
            continue
        shown = [p.what for p in uses.get(ds.name, []) if p.key in placed]
        where = f" It fills {'; '.join(shown)}." if shown else ""
        out.append(Finding(severity, "no-rows-yet", ds.filename,
                           f"{ds.filename} ({_lower_first(ds.description)}) has no rows for {data.meta.current_year} "
                           f"yet.{where} Enter them under the header row; if there is nothing to report this "
                           "year, delete the file and what it fills is left out.",
                           None, None, None, None, owner_of(data, ds.name)))
    return out


def _empty_appendices(data, severity: str) -> list[Finding]:
    return [Finding(severity, "no-rows-yet", a.file,
                    f"{a.file} (the appendix table '{a.title}') has no rows for {data.meta.current_year} yet. Enter "
                    "them under the header row, or take its [[appendix_tables]] entry out of report.toml.",
                    None, None, None, None, a.owner or owner_of(data, a.key))
            for a in data.appendices if not a.rows]


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def _empty_cells(data, severity: str) -> list[Finding]:
    out = []
    for ds in DATASETS:
        if not ds.reference or ds.carry is None:
            continue
        yearly = [c for c in ds.columns if c.name not in ds.carry and not c.optional]
        for r in data.rows(ds.name):
            for col in yearly:
                if getattr(r, col.name) is None:
                    label = " / ".join(str(getattr(r, c)) for c in ds.carry)
                    out.append(Finding(severity, "cell-to-complete", ds.filename,
                                       f"'{label}' has no {col.name} for {data.meta.current_year} yet.",
                                       r._row, col.name, None, None, owner_of(data, ds.name)))
    return out


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _place(data, spec, text: str, pos: int) -> tuple[str, int | None, str]:
    """(file, row, prefix) of a finding in a section's words: the Markdown file's line, or the
    Word template's paragraph and opening words, before the message."""
    source = source_of(data, spec.key)
    line = _line(text, pos)
    if source.is_word:
        return source.file, None, f"{source.where(line)}: "
    return source.file, line, ""


def _words_to_update(data, spec, text: str, severity: str) -> list[Finding]:
    out = []
    for m in _MARKER.finditer(text):
        file, row, where = _place(data, spec, text, m.start())
        out.append(Finding(severity, "words-to-update", file,
                           f"{where}'{spec.title}' is still marked {m.group(0)!r}: update the words for "
                           f"{data.meta.current_year}, then delete the marker.", row, None,
                           None, None, spec.title))
    return out


_ENV = environment()


def _figures_to_complete(data, spec, text: str, severity: str) -> list[Finding]:
    context = narrative_context(data)
    printed = _printed_missing(text, context)
    out = []
    seen = set()
    for m in _PLACEHOLDER.finditer(text):
        expr = m.group(1).split("|")[0].strip()
        try:
            with bounded(_ENV, Limits()):
                value = _ENV.compile_expression(expr)(**context)
        except Exception:  # noqa: BLE001 - a loop's variable, or an error the build reports with its line
            continue
        if isinstance(value, Figure):
            missing, key = value.missing, value.key
        else:
            missing, key = isinstance(value, str) and TO_BE_COMPLETED in value, expr
        if not missing or (expr, spec.key) in seen or (printed is not None and key not in printed
                                                        and isinstance(value, Figure)):
            continue  # not missing, already listed, or not printed (an {% if %} leaves it out)
        seen.add((expr, spec.key))
        owner = owner_of_figure(data, key) or spec.title
        if key in data.figures.stated_only_keys:
            fix = f"no dataset gives it: add a row to stated_figures.csv with the key '{key}' and the figure"
        elif "(" in key or not isinstance(value, Figure):
            fix = "enter the data it is worked out from"
        else:
            fix = f"enter the data it is worked out from, or state it in stated_figures.csv with the key '{key}'"
        file, row, where = _place(data, spec, text, m.start())
        out.append(Finding(severity, "figure-to-complete", file,
                           f"{where}{{{{ {expr} }}}} in '{spec.title}' has no figure yet, so the report prints "
                           f"{TO_BE_COMPLETED}: {fix}.", row, None, None, None, owner))
    return out


def _printed_missing(text: str, context: dict) -> set[str] | None:
    """The keys of the missing figures the words actually print, or None if they do not render."""
    printed: set[str] = set()

    def record(value):
        if isinstance(value, Figure) and value.missing:
            printed.add(value.key)
        return value

    env = environment(observe=record)
    try:
        with bounded(env, Limits()):
            env.from_string(text).render(context)
    except Exception:  # noqa: BLE001 - the build reports template errors with their line
        return None
    return printed
