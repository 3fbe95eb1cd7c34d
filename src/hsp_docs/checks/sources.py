"""Charts without a source line: a reader cannot tell where a chart's figures come from, so
`check` names each one (a warning), with where to give it: labels.toml's [sources] for the
chart's dataset, or the chart's own `source` label."""
from __future__ import annotations

from ..sections.declare import PARTS
from .findings import Finding
from .owners import owner_of


def check_sources(data, report=None) -> list[Finding]:
    """One warning per chart of `report` (the Report built from `data`; None: nothing to check)
    that prints no source line."""
    if report is None:
        return []
    out = []
    for chart in report.charts():
        if chart.source.strip():
            continue
        spec = PARTS.get(f"chart:{chart.key}")
        dataset = spec.datasets[0] if spec else chart.key
        out.append(Finding("warning", "chart-source", "labels.toml",
                           f"{chart.label}, \"{chart.title}\", has no source line: say where its figures "
                           f"come from in labels.toml, under [sources] for {dataset} or as source in "
                           f"[chart.{chart.key}].",
                           owner=owner_of(data, dataset) if spec else None))
    return out
