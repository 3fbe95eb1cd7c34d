"""Build one workbook per agency, in parallel across processes; one failure doesn't stop the rest."""
from __future__ import annotations

import io
import os
import re
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .suppression import Rule, suppress

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, suffix: str = ".xlsx") -> str:
    """A file name that Windows, macOS and Linux all accept, from an agency's canonical name."""
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name)
    stem = re.sub(r"[\s_]+", "-", stem.strip()).strip(".-")[:80] or "agency"
    if stem.upper().split(".")[0] in _RESERVED:
        stem += "-pack"
    return stem + suffix


def pack_bytes(data, report, entry, rule: Rule | None) -> bytes:
    from ..xlsx.writer import write_workbook
    from .contents import pack_report, recommendations_for

    pack = pack_report(data, report, entry)
    board = entry in data.meta.boards
    lines = [("Pack for", entry.name), ("Board", entry.key) if board else ("Sector", entry.sector)]
    if rule is None:
        lines.append(("Disclosure control", "None: small numbers are NOT suppressed. For internal use within "
                                            "the partnership only; do not send outside it."))
    else:
        lines.append(("Disclosure control", rule.description))
    buf = io.BytesIO()
    write_workbook(pack, recommendations_for(data, entry), buf, title_suffix=f"data pack for {entry.name}",
                   cover_lines=lines, suppress=(lambda t: suppress(t, rule)) if rule else None)
    return buf.getvalue()


@dataclass(eq=False)
class PacksResult:
    """The packs written, and the agencies whose pack failed with why."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


_WORKER: dict = {}


def _init_worker(inputs: str) -> None:
    from ..inputs.loader import load_inputs
    from ..sections import build_report_model

    data = load_inputs(inputs)
    _WORKER["data"], _WORKER["report"] = data, build_report_model(data)


def _one(name: str, outdir: str, threshold: int | None) -> str:
    from ..atomic import write_bytes
    from .contents import owner

    data, report = _WORKER["data"], _WORKER["report"]
    entry = owner(data, name)
    path = Path(outdir) / safe_filename(entry.name)
    write_bytes(path, pack_bytes(data, report, entry, Rule(threshold) if threshold is not None else None))
    return str(path)


def build_packs(data, outdir: Path, agencies: list[str] | None = None, threshold: int | None = 4,
                jobs: int | None = None, progress: Callable[[str], None] = lambda s: None) -> PacksResult:
    """Write a pack per agency (or only those named, agencies or boards) into outdir. A board gets
    a pack only when named. threshold None: no suppression."""
    from .contents import is_board, owner

    names = [e.name for e in data.agencies if not is_board(data, e)] if not agencies else agencies
    result = PacksResult()
    entries = []
    for n in names:
        e = owner(data, n)
        if e is None:
            result.failed.append((n, "not in the agency register (agencies.csv) nor a board of report.toml"))
        else:
            entries.append(e.name)
    outdir.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=min(jobs, max(1, len(entries))), initializer=_init_worker,
                             initargs=(str(data.root),)) as pool:
        futures = {pool.submit(_one, n, str(outdir), threshold): n for n in entries}
        for i, fut in enumerate(as_completed(futures), 1):
            name = futures[fut]
            try:
                result.written.append(Path(fut.result()))
                progress(f"[{i}/{len(entries)}] {name}")
            except Exception as exc:  # one agency's failure must not stop the others
                result.failed.append((name, f"{type(exc).__name__}: {exc}"))
                progress(f"[{i}/{len(entries)}] {name}: FAILED ({exc})")
    return result
