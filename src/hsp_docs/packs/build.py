"""Build one workbook per agency, in parallel across processes; one failure doesn't stop the rest."""
from __future__ import annotations

import io
import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BuildError
from .suppression import Rule, suppress

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_filename(name: str, suffix: str = ".xlsx") -> str:
    """A file name that Windows, macOS and Linux all accept, from an agency's canonical name."""
    name = unicodedata.normalize("NFC", name)
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name)
    stem = re.sub(r"[\s_]+", "-", stem.strip()).strip(".-")[:80] or "agency"
    if stem.upper().split(".")[0] in _RESERVED:
        stem += "-pack"
    return stem + suffix


def pack_bytes(data, report, entry, rule: Rule | None) -> bytes:
    from ..xlsx.writer import write_workbook
    from .contents import pack_report, recommendations_for

    pack = pack_report(data, report, entry)
    lines = [("Pack for", entry.name), ("Sector", entry.sector)]
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


def _init_worker(inputs: str, allow_hidden_rows: bool = False) -> None:
    from ..inputs.loader import load_inputs
    from ..sections import build_report_model

    data = load_inputs(inputs, allow_hidden_rows=allow_hidden_rows)
    _WORKER["data"], _WORKER["report"] = data, build_report_model(data)


def _one(name: str, path: str, threshold: int | None) -> str:
    data, report = _WORKER["data"], _WORKER["report"]
    entry = data.agencies.resolve(name)
    blob = pack_bytes(data, report, entry, Rule(threshold) if threshold is not None else None)
    with open(path, "wb") as f:  # into the staging folder: moved in with the others at the end
        f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    return path


class PackNameClash(BuildError):
    """Two agencies of the register would be written to one file name."""


def pack_names(register) -> dict[str, str]:
    """Each agency's pack file name. Two agencies whose names make the same file name (ignoring
    case, as Windows and macOS do) are an error naming both: one would overwrite the other."""
    names: dict[str, str] = {}
    taken: dict[str, str] = {}
    for e in register:
        fname = safe_filename(e.name)
        other = taken.get(fname.casefold())
        if other is not None:
            raise PackNameClash(f"agencies.csv: agencies {other!r} and {e.name!r} would both be written to "
                                f"{fname}: make their names differ in letters or digits, not only in "
                                "punctuation, spaces or case (or after the first 80 characters)")
        taken[fname.casefold()] = e.name
        names[e.name] = fname
    return names


def build_packs(data, outdir: Path, agencies: list[str] | None = None, threshold: int | None = 4,
                jobs: int | None = None, progress: Callable[[str], None] = lambda s: None, *,
                allow_hidden_rows: bool = False) -> PacksResult:
    """Write a pack per agency (or only those named) into outdir. threshold None: no suppression.

    The packs are staged and moved in together when all are done (outputs.py), so the folder
    never holds some new packs beside old ones of one run; `written` lists the files that are in
    the folder afterwards. Packs of agencies not built this time are left as they were."""
    from ..outputs import OutputFolder, describe

    files = pack_names(data.agencies)
    names = [e.name for e in data.agencies] if not agencies else agencies
    result = PacksResult()
    entries = []
    for n in names:
        e = data.agencies.resolve(n)
        if e is None:
            result.failed.append((n, "not in the agency register (agencies.csv)"))
        elif e.name not in entries:
            entries.append(e.name)
    jobs = jobs or os.cpu_count() or 1
    with OutputFolder(outdir) as out:
        with ProcessPoolExecutor(max_workers=min(jobs, max(1, len(entries))), initializer=_init_worker,
                                 initargs=(str(data.root), allow_hidden_rows)) as pool:
            futures = {pool.submit(_one, n, str(out.staged(files[n])), threshold): n for n in entries}
            for i, fut in enumerate(as_completed(futures), 1):
                name = futures[fut]
                try:
                    fut.result()
                    progress(f"[{i}/{len(entries)}] {name}")
                except Exception as exc:  # one agency's failure must not stop the others
                    out.staged(files[name]).unlink(missing_ok=True)
                    why = (f"{outdir / files[name]} cannot be written: {describe(exc)}" if isinstance(exc, OSError)
                           else f"{type(exc).__name__}: {exc}")
                    result.failed.append((name, why))
                    progress(f"[{i}/{len(entries)}] {name}: FAILED ({exc})")
        result.written = [p for p in out.commit() if p.is_file()]
    return result
