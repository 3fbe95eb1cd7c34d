"""The hsp-docs command. Exit codes: 0 ok, 1 invalid input or failed check, 2 usage error."""
from __future__ import annotations

import io
import os
import signal
import sys
import time
from pathlib import Path

import click

from . import collector


def default_inputs(*, bundled: bool = True) -> Path:
    """INPUTS when none is given: the latest year under ./inputs, else the bundled default year
    (said in one line on stderr). With bundled=False (new-year, which writes beside its source)
    a missing ./inputs is a usage error instead."""
    base = Path.cwd() / "inputs"
    years = sorted(p for p in base.glob("*") if (p / "report.toml").exists()) if base.is_dir() else []
    if years:
        return years[-1]
    if not bundled:
        raise click.UsageError("no inputs/<year>/report.toml here: give --from INPUTS, or start one with "
                               "`hsp-docs init inputs/2022-23`")
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .resources import default_inputs as bundled_inputs

    path = bundled_inputs()
    click.echo(f"No INPUTS given and no inputs/ folder here: using the bundled {path.name} inputs "
               "(`hsp-docs init DIR` copies them for editing).", err=True)
    return path


def _load(inputs: Path | None, allow_hidden_rows: bool = False):
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .errors import InputError
    from .inputs.loader import load_inputs

    path = inputs or default_inputs()
    try:
        data = load_inputs(path, allow_hidden_rows=allow_hidden_rows)
    except InputError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for w in data.warnings:
        click.echo(f"warning: {w}", err=True)
    return data


class Steps:
    """Shows progress through the build's steps on stderr."""

    def __init__(self, total: int):
        self.total, self.n, self.t0 = total, 0, time.perf_counter()

    def __call__(self, label: str) -> None:
        self.n += 1
        click.echo(f"[{self.n}/{self.total}] {label}…", err=True)


inputs_arg = click.argument("inputs", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
hidden_rows_opt = click.option("--allow-hidden-rows", is_flag=True,
                               help="Read hidden or filtered-out rows of datasets.xlsx (a warning, not an error).")
soffice_opt = click.option("--soffice", metavar="PATH",
                           help="LibreOffice's soffice program (or set HSP_DOCS_SOFFICE; 'none' turns it off).")


class _Commands(click.Group):
    """Every failure ends in one line naming the file or setting and exit code 1 (2 for usage),
    never a traceback; `--debug` (or HSP_DOCS_DEBUG=1) shows the traceback as well."""

    def invoke(self, ctx: click.Context):
        # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
        from .failures import explain

        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted: nothing was half written (the output folder holds a whole set).", err=True)
            sys.exit(130)
        except Exception as exc:
            if _debug(ctx):
                raise
            click.echo(explain(exc), err=True)
            sys.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug")) or os.environ.get("HSP_DOCS_DEBUG", "") not in ("", "0")


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="hsp-docs")
@click.option("--debug", is_flag=True, help="Show the Python traceback of a failure.")
def main(debug: bool) -> None:
    """Build a safeguarding partnership's annual report, data workbook and agency data packs."""


@main.command()
@inputs_arg
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder for report.docx and datapack.xlsx.")
@click.option("--pdf", is_flag=True, help="Also write report.pdf (needs LibreOffice).")
@click.option("--html", is_flag=True, help="Also write html/index.html, the accessible HTML edition of the report.")
@click.option("--strict", is_flag=True, help="Fail (exit 1, nothing written) when `check` finds any error.")
@soffice_opt
@hidden_rows_opt
def build(inputs: Path | None, outdir: Path, pdf: bool, html: bool, strict: bool, soffice: str | None,
          allow_hidden_rows: bool) -> None:
    """Build report.docx, datapack.xlsx and datapack-long.csv (and report.pdf, html/) from INPUTS
    (default: the bundled latest year)."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .build import StrictStop, build_all
    from .soffice import find_soffice

    steps = Steps(5 + pdf + html)
    steps("Loading and checking inputs")
    data = _load(inputs, allow_hidden_rows)
    office = find_soffice(soffice)
    try:
        result = build_all(data, outdir, soffice=office, pdf=pdf, strict=strict, html=html, progress=steps)
    except StrictStop as exc:
        click.echo(f"Stopped: --strict and {exc}; run `hsp-docs check` for the list. Nothing was written.",
                   err=True)
        sys.exit(1)
    if not office:
        result.notes.append("LibreOffice not used: contents page numbers and PDF skipped")
    warnings = len(result.findings) - len(result.errors)
    click.echo(f"Built in {time.perf_counter() - steps.t0:.1f} s. Checks (data, accessibility and disclosure): "
               f"{len(result.errors)} error(s), {warnings} warning(s) (run `hsp-docs check` for the list).", err=True)
    for p in result.outputs:
        click.echo(f"  {p}")
    for n in result.notes:
        click.echo(f"  note: {n}", err=True)


@main.command()
@click.argument("target", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print findings as JSON (schema in docs/check.md).")
@click.option("--disclosure", is_flag=True, help="Only the disclosure audit: each recipient's view (the public, "
              "each agency), every hidden count solved for the range it could have (docs/disclosure.md).")
@click.option("--statutory", is_flag=True, help="Check the report against its statutory profiles instead "
              "(docs/statutory.md).")
@click.option("--profile", "profiles", multiple=True, metavar="ID", help="With --statutory: check against this "
              "profile (repeatable) instead of those report.toml chooses.")
@soffice_opt
@hidden_rows_opt
def check(target: Path | None, as_json: bool, disclosure: bool, statutory: bool, profiles: tuple[str, ...],
          soffice: str | None, allow_hidden_rows: bool) -> None:
    """Find data errors, broken totals and accessibility failures.

    TARGET is an inputs folder (default: the bundled latest year), or a built report.docx or
    datapack.xlsx — ours or anyone's. Exits 1 when any error-level finding exists. With
    --statutory, TARGET is an inputs folder: each item the law asks the report to answer."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .checks.findings import render_by_owner, to_json
    from .checks.run import check_file
    from .soffice import find_soffice

    if statutory or profiles:
        if target is not None and target.is_file():
            raise click.UsageError("--statutory checks an inputs folder, not a file")
        from .statutory.run import run_statutory

        sys.exit(run_statutory(_load(target, allow_hidden_rows), list(profiles), as_json))
    if disclosure:
        if target is not None and target.is_file():
            raise click.UsageError("--disclosure audits an inputs folder, not a built file")
        from .disclosure.audit import audit

        findings = audit(_load(target, allow_hidden_rows))
    elif target is not None and target.is_file():
        findings = check_file(target)
    else:
        from .build import check_inputs  # lazy: the whole build (~400 ms at import), for an inputs folder only

        findings = check_inputs(_load(target, allow_hidden_rows), soffice=find_soffice(soffice) if soffice else None)
    import json  # lazy: only `check --json` prints JSON; the other commands need not load it

    click.echo(json.dumps(to_json(findings), indent=2) if as_json else render_by_owner(findings))
    sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


@main.command()
@inputs_arg
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("out/packs"),
              show_default=True, help="Folder for the packs.")
@click.option("--agency", "agencies", multiple=True, metavar="NAME", help="Only this agency (repeatable): "
              "any name or alias in the register; or a board, by key or name (a board's pack is made only when "
              "named).")
@click.option("--threshold", type=click.IntRange(2, 100), default=None,
              help="Hide counts of people below this (default: report.toml's [disclosure] threshold, or 5).")
@click.option("--no-suppression", is_flag=True, help="Show every count. For internal use only: the file name, "
              "cover, every sheet and the properties say INTERNAL – NOT FOR CIRCULATION.")
@click.option("--strict", is_flag=True, help="Don't write a pack the disclosure audit finds fault with.")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=None, help="Processes (default: all cores).")
@hidden_rows_opt
def packs(inputs: Path | None, outdir: Path, agencies: tuple[str, ...], threshold: int | None, no_suppression: bool,
          strict: bool, jobs: int | None, allow_hidden_rows: bool) -> None:
    """Write one Excel data pack per agency (or only those named with --agency), each audited
    for disclosure first (docs/disclosure.md)."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .checks.findings import render_by_owner
    from .packs.build import build_packs

    data = _load(inputs, allow_hidden_rows)
    t0 = time.perf_counter()
    if not data.meta.disclosure.public and not no_suppression:
        click.echo("note: report.toml [disclosure] public = false, so the published report shows every count; the "
                   "packs hide only what the report does not show (see docs/disclosure.md).", err=True)
    result = build_packs(data, outdir, list(agencies) or None, threshold, jobs,
                         progress=lambda s: click.echo(s, err=True), internal=no_suppression, strict=strict,
                         allow_hidden_rows=allow_hidden_rows)
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        click.echo(render_by_owner(errors), err=True)
    click.echo(f"{len(result.written)} pack(s) written to {outdir} in {time.perf_counter() - t0:.1f} s; "
               f"disclosure audit: {len(errors)} error(s)", err=True)
    for name, why in result.failed:
        click.echo(f"FAILED: {name}: {why}", err=True)
    sys.exit(1 if result.failed or errors else 0)


@main.command("input-workbook")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Fill it with this inputs folder's datasets (default: blank, headers only).")
def input_workbook(out: Path, source: Path | None) -> None:
    """Write the input workbook: one sheet per dataset, made from the schema. Saved as
    datasets.xlsx in a year's folder, it replaces the CSV files. It never overwrites a file."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .atomic import write_new
    from .inputs.workbook import write_input_workbook

    if out.exists() or out.is_symlink():
        click.echo(f"error: {out} already exists: choose another name, or move it away first "
                   "(a filled workbook is never overwritten)", err=True)
        sys.exit(1)
    buf = io.BytesIO()
    write_input_workbook(buf, _load(source) if source else None)
    write_new(out, buf.getvalue())
    click.echo(f"wrote {out}")


@main.command()
@inputs_arg
@hidden_rows_opt
def validate(inputs: Path | None, allow_hidden_rows: bool) -> None:
    """Check INPUTS: every file, row and column, and every placeholder in the narrative."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .sections import build_report_model
    from .sections.narrative import NarrativeError

    data = _load(inputs, allow_hidden_rows)
    try:
        build_report_model(data)
    except NarrativeError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    n = sum(len(v) for v in data.datasets.values())
    appendices = (f", {len(data.appendices)} appendix table(s) of {sum(len(a.rows) for a in data.appendices):,} rows"
                  if data.appendices else "")
    click.echo(f"OK: {data.root} — {len(data.meta.sections)} sections, "
               f"{sum(1 for v in data.datasets.values() if v)} datasets, {n:,} rows{appendices}")


@main.group()
def narrative() -> None:
    """The sections' words: Markdown (narrative/<key>.md) or Word templates (narrative/<key>.docx)."""


@narrative.command("export")
@inputs_arg
@click.option("--to", "to", type=click.Choice(["docx", "md"]), required=True,
              help="docx: each Markdown section as a Word template in the master's styles; md: each Word "
                   "template as Markdown.")
@click.option("--force", is_flag=True, help="Replace a file of the target form that already exists.")
@click.option("--remove", is_flag=True, help="Delete each source file once converted, so the build uses the new "
                                             "form.")
def narrative_export(inputs: Path | None, to: str, force: bool, remove: bool) -> None:
    """Write each section's words in the other form, beside the original in INPUTS/narrative/.

    A section with both files is built from its Word template; the build summary says so."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .narrative_forms import export_narratives

    folder = inputs or default_inputs(bundled=False)
    try:
        done = export_narratives(folder, to, force=force, remove=remove)
    except (OSError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for e in done:
        if e.skipped:
            click.echo(f"  skipped {e.source.name}: {e.skipped}", err=True)
        else:
            click.echo(f"  {e.source.name} -> {e.target.name}{' (source removed)' if remove else ''}")
    written = sum(1 for e in done if not e.skipped)
    click.echo(f"{written} section(s) written as .{to} in {folder / 'narrative'}", err=True)
    if written and not remove:
        click.echo("  note: where a section has both forms the build uses the .docx; delete the one you do not "
                   "use (or export with --remove)", err=True)


@main.command("new-year")
@click.argument("year")
@click.option("--from", "source", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The year to start from (default: the latest year under inputs/).")
def new_year_command(year: str, source: Path | None) -> None:
    """Start YEAR's inputs folder (e.g. 2023-24) beside the latest year, or beside --from.

    Copies every dataset file with its header row, carries the reference lists forward (the
    agencies, board members, course catalogue, budget lines), leaves this year's rows empty,
    copies the narrative marked for update and moves report.toml's dates on a year. It never
    overwrites an existing year."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .model.previous import year_key
    from .model.schema import DATASETS
    from .newyear import NewYearError, appendix_files, new_year

    if year_key(year) is None or year != Path(year).name or year.startswith("."):
        raise click.BadParameter(f"{year!r} is not a year like 2023-24", param_hint="YEAR")
    source = source or default_inputs(bundled=False)
    try:
        dest = new_year(year, source)
    except NewYearError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    def shown(p: Path) -> Path:
        try:
            return p.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return p

    carried = [d.filename for d in DATASETS if d.reference and (dest / d.filename).exists()]
    empty = [d for d in DATASETS if not d.reference and (dest / d.filename).exists()]
    notes = sorted(p for p in (dest / "narrative").glob("*.*") if p.suffix in (".md", ".docx")) \
        if (dest / "narrative").is_dir() else []
    import tomllib  # lazy: only new-year reads report.toml here; --help need not load it

    doc = tomllib.loads((dest / "report.toml").read_text(encoding="utf-8"))
    headers = [str(spec["file"]) for spec, _ in appendix_files(dest.resolve(), doc)]
    left = sorted(p.name for p in source.iterdir() if not (dest / p.name).exists() and not p.name.startswith("."))
    click.echo(f"Created {shown(dest)} from {shown(source)}:")
    if (dest / "datasets.xlsx").exists():
        click.echo("  datasets.xlsx: a sheet per dataset, the reference lists carried forward")
    click.echo(f"  carried forward: {', '.join(carried) or 'none'}")
    click.echo(f"  {len(empty)} dataset file(s) with their header row, ready for {year}'s rows")
    click.echo(f"  {len(notes)} narrative file(s), each marked [to be completed] for updating")
    if headers:
        click.echo(f"  {len(headers)} appendix table file(s) with their header row: {', '.join(headers)}")
    if (dest / "labels.toml").exists():
        click.echo("  labels.toml: the wording of the tables and charts, carried forward")
    click.echo("  report.toml: dates moved on, status = \"draft\"")
    if left:
        click.echo(f"  not copied (not part of a year's inputs): {', '.join(left)}")
    click.echo(f"Next: `hsp-docs build {shown(dest)}` for a draft, `hsp-docs check {shown(dest)}` for what is still "
               "missing (see docs/annual-cycle.md).")


@main.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--example", "name", metavar="NAME",
              help="Which bundled inputs: 2022-23 (the Harrow report, the default) or kestrel-vale (a fictional "
                   "partnership).")
def init(dest: Path, name: str | None) -> None:
    """Copy a bundled inputs folder to DEST, to edit and build (`hsp-docs build DEST`).

    DEST must not exist (or be an empty folder): init never overwrites. `hsp-docs init
    inputs/2022-23` makes the folder `hsp-docs build` finds with no INPUTS."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .resources import UnknownInputs, copy_inputs

    try:
        name = copy_inputs(name, dest)
    except UnknownInputs as exc:
        raise click.BadParameter(str(exc), param_hint="--example") from None
    except FileExistsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot create {dest}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"Created {dest} from the bundled {name} inputs. Next: `hsp-docs build {dest}`.")


@main.command()
def parts() -> None:
    """Print the reference of every table and chart a narrative can place, with its datasets and
    labels (docs/parts.md is this output: `hsp-docs parts > docs/parts.md`)."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .reference import parts_markdown

    click.echo(parts_markdown(), nl=False)


@main.command()
def placeholders() -> None:
    """Print the reference of every placeholder a narrative can use, with the datasets each figure
    is computed from (docs/placeholders.md is this output)."""
    # lazy: a command loads only its own modules (`--help` ~70 ms at import; every command's ~950 ms)
    from .model.catalogue import placeholders_markdown

    click.echo(placeholders_markdown(), nl=False)


def run() -> None:
    """The `hsp-docs` program: one command, then the process ends (see collector.py). Tests and
    other programs call `main` instead, which leaves the garbage collector alone."""
    collector.off_for_this_process()
    _stop_cleanly_on_sigterm()
    main()


def _stop_cleanly_on_sigterm() -> None:
    """SIGTERM (a service manager, `kill`) stops a build as Ctrl-C does: the output folder is left
    as it was (or, past the commit point, with the new set), its lock and staging removed."""
    def stop(signum, frame):
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, stop)
    except (ValueError, OSError, AttributeError):  # not the main thread, or no SIGTERM here
        pass


if __name__ == "__main__":  # pragma: no cover
    run()
