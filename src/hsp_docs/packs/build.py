"""Build one workbook per agency, in parallel across processes; one failure doesn't stop the rest.

Each pack is the agency's view (disclosure/view.py): its own figures in full, everything the
public outputs show, and nothing the public outputs hide that isn't its own. Each is audited
before it is written; `strict` refuses to write a pack the audit finds fault with. An internal
pack (unsuppressed) says so in its file name, on its cover, in A1 of every sheet and in its
document properties.
"""
from __future__ import annotations

import dataclasses
import io
import os
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from ..disclosure.audit import Recipient, judge, observe, pack_received, public_received
from ..disclosure.policy import INTERNAL_MARK
from ..disclosure.suppression import decide
from ..errors import BuildError
from ..inputs.loader import load_inputs
from ..outputs import OutputFolder, describe
from ..sections import build_report_model
from ..xlsx.writer import write_workbook
from .contents import is_board, owner, pack_report, recommendations_for

_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
INTERNAL_PREFIX = "INTERNAL-NOT-FOR-CIRCULATION-"


def safe_filename(name: str, suffix: str = ".xlsx") -> str:
    """A file name that Windows, macOS and Linux all accept, from an agency's canonical name."""
    name = unicodedata.normalize("NFC", name)
    stem = re.sub(r'[<>:"/\\|?*\x00-\x1f]+', " ", name)
    stem = re.sub(r"[\s_]+", "-", stem.strip()).strip(".-")[:80] or "agency"
    if stem.upper().split(".")[0] in _RESERVED:
        stem += "-pack"
    return stem + suffix


def pack_filename(name: str, internal: bool) -> str:
    return (INTERNAL_PREFIX if internal else "") + safe_filename(name)


def pack_bytes(data, report, entry, decision, internal: bool = False) -> tuple[bytes, list]:
    """The agency's pack as it may see it, and the disclosure audit's findings on what it receives."""
    policy = decision.policy
    hidden = decision.hidden_from(entry, internal)
    pack = pack_report(data, report, entry, hidden)
    board = entry in data.meta.boards
    lines = [("Pack for", entry.name), ("Board", entry.key) if board else ("Sector", entry.sector)]
    if internal:
        lines.append(("Disclosure control", f"{INTERNAL_MARK}. None: every count of people is shown, including "
                                            "counts the published report hides. For use within the partnership "
                                            "only; do not send it outside."))
    elif hidden:
        lines.append(("Disclosure control", policy.description + " Your own figures are shown in full."))
    else:
        lines.append(("Disclosure control", "Nothing is hidden: every figure here is published in the report as it "
                                            "stands, or is your own."))
    buf = io.BytesIO()
    write_workbook(pack, recommendations_for(data, entry), buf, title_suffix=f"data pack for {entry.name}",
                   cover_lines=lines, marking=INTERNAL_MARK if internal else None)
    findings = []
    if not internal:
        who = Recipient(entry.name, entry)
        public, own = public_received(report, decision), pack_received(data, report, decision, who)
        findings = judge(observe(observe(None, public.tables, public.prose, data), own.tables, own.prose, data),
                         who, policy, own.texts)
    return buf.getvalue(), findings


@dataclass(eq=False)
class PacksResult:
    """The packs written, the agencies whose pack failed with why, and the audit's findings."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    findings: list = field(default_factory=list)


_WORKER: dict = {}


def _init_worker(inputs: str, threshold: int | None, allow_hidden_rows: bool = False) -> None:
    data = load_inputs(inputs, allow_hidden_rows=allow_hidden_rows)
    report = build_report_model(data)
    published = data.meta.disclosure
    policy = published if threshold is None else dataclasses.replace(published, threshold=threshold)
    _WORKER.update(data=data, report=report, decision=decide(report, data, policy, published=published))


def _one(name: str, staging: str, internal_all: bool, strict: bool) -> tuple[str | None, list]:
    """Write one agency's (or board's) pack into the staging folder (moved in with the others at
    the end); returns its file name (None when --strict refused it) and the audit's findings."""
    data, report, decision = _WORKER["data"], _WORKER["report"], _WORKER["decision"]
    entry = owner(data, name)
    internal = internal_all or entry in {data.agencies.resolve(n) for n in decision.policy.internal}
    blob, findings = pack_bytes(data, report, entry, decision, internal)
    if strict and any(f.severity == "error" for f in findings):
        return None, findings
    filename = pack_filename(entry.name, internal)
    with open(Path(staging) / filename, "wb") as f:
        f.write(blob)
        f.flush()
        os.fsync(f.fileno())
    return filename, findings


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


def build_packs(data, outdir: Path, agencies: list[str] | None = None, threshold: int | None = None,
                jobs: int | None = None, progress: Callable[[str], None] = lambda s: None, *,
                internal: bool = False, strict: bool = False, allow_hidden_rows: bool = False) -> PacksResult:
    """Write a pack per agency (or only those named, agencies or boards) into outdir, each audited
    first. A board gets a pack only when named.

    threshold: instead of report.toml's [disclosure] threshold. internal: every pack unsuppressed
    and marked INTERNAL. strict: a pack whose audit finds an error is not written (it fails).
    The packs are staged and moved in together when all are done (outputs.py); `written` lists
    the files in the folder afterwards. Packs of agencies not built this time are left as they
    were. Two agencies whose names make one file name are refused first (PackNameClash)."""
    files = pack_names(data.agencies)
    names = [e.name for e in data.agencies if not is_board(data, e)] if not agencies else agencies
    result = PacksResult()
    entries = []
    for n in names:
        e = owner(data, n)
        if e is None:
            result.failed.append((n, "not in the agency register (agencies.csv) nor a board of report.toml"))
        elif e.name not in entries:
            entries.append(e.name)
    jobs = jobs or os.cpu_count() or 1
    with OutputFolder(outdir) as out:
        assert out.staging is not None
        with ProcessPoolExecutor(max_workers=min(jobs, max(1, len(entries))), initializer=_init_worker,
                                 initargs=(str(data.root), threshold, allow_hidden_rows)) as pool:
            futures = {pool.submit(_one, n, str(out.staging), internal, strict): n for n in entries}
            for i, fut in enumerate(as_completed(futures), 1):
                name = futures[fut]
                try:
                    filename, findings = fut.result()
                except Exception as exc:  # one agency's failure must not stop the others
                    target = outdir / files.get(name, safe_filename(name))
                    why = (f"{target} cannot be written: {describe(exc)}" if isinstance(exc, OSError)
                           else f"{type(exc).__name__}: {exc}")
                    result.failed.append((name, why))
                    progress(f"[{i}/{len(entries)}] {name}: FAILED ({exc})")
                    continue
                result.findings += findings
                if filename is None:
                    result.failed.append((name, "--strict and the disclosure audit found errors: not written"))
                    progress(f"[{i}/{len(entries)}] {name}: NOT WRITTEN (disclosure audit)")
                else:
                    out.staged(filename)  # one of the set to move in
                    progress(f"[{i}/{len(entries)}] {name}")
        result.written = [p for p in out.commit() if p.is_file()]
    return result
