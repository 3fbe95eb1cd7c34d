#!/usr/bin/env python3
"""The performance figures of hsp-docs, each as a ratio against a baseline measured in the same run.

    python benchmarks/run.py            # full sizes; writes benchmarks/results/latest.json
    python benchmarks/run.py --quick    # small sizes, well under a minute (what CI runs)
    python benchmarks/run.py --json OUT # write the JSON somewhere else

Figures (see benchmarks/README.md):
  (a) a whole `hsp-docs build` process (LibreOffice off) against a process that only imports the
      same third-party modules; LibreOffice's extra time on its own line;
  (b) a 10,000 x 6 table into a .docx by the project's table writer, against python-docx
      add_row().cells, and against writing the same XML string directly;
  (c) a 100,000 x 6 dataset as a workbook sheet to the workbook standard, by the project's
      workbook writer, against openpyxl's normal mode;
  (d) peak memory (RSS) of a process doing (c);
  (e) time per row at 1k, 10k and 100k rows for (b) and (c).

Each time is the minimum of a few repeats (the machine is shared and noisy). Nothing here is
a special benchmark-only writer: (b) calls hsp_docs.docx.writer.render_report and (c) calls
hsp_docs.xlsx.writer.write_workbook, each on a Report whose one section holds the table: the
code that writes report.docx and datapack.xlsx.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
INPUTS = ROOT / "inputs" / "2022-23"
RESULTS = ROOT / "benchmarks" / "results"

FULL = {"b_sizes": [1_000, 10_000, 100_000], "b_ratio": 10_000, "c_sizes": [1_000, 10_000, 100_000],
        "c_ratio": 100_000, "repeats": 5, "slow_repeats": 2, "build_repeats": 7}
QUICK = {"b_sizes": [1_000, 2_000], "b_ratio": 2_000, "c_sizes": [10_000, 20_000], "c_ratio": 20_000,
         "repeats": 3, "slow_repeats": 1, "build_repeats": 5}
TARGETS = {"a_build_vs_import_floor": ("<=", 2.0), "b_python_docx_vs_writer": (">=", 10.0),
           "b_writer_vs_raw_xml": ("<=", 2.0), "c_openpyxl_vs_writer": (">=", 3.0),
           "d_peak_rss_mb": ("<", 300.0), "e_docx_growth": ("<=", 1.5), "e_xlsx_growth": ("<=", 1.5)}

def _meta() -> SimpleNamespace:
    """What the writers read of a Meta (the theme imported here, after the import-time measure)."""
    from hsp_docs.theme import DEFAULT_THEME

    return SimpleNamespace(
        partnership="Example Safeguarding Partnership", title="Annual Report 2022-23",
        period_label="1 April 2022 to 31 March 2023", current_year="2022-23", publication_date=dt.date(2023, 10, 16),
        author="Example Safeguarding Partnership", contact="The business unit", language="en-GB", boards=(),
        theme=DEFAULT_THEME)


# --- data ---------------------------------------------------------------------------------------

def dataset(n: int):
    """A record-level appendix: n contacts x 6 columns (text, date, text, count, money, percent),
    with a missing value now and then, as an analyst would attach."""
    from hsp_docs.parts import Column, Table

    columns = [Column("Contact reference"), Column("Date received", "date"), Column("Team"),
               Column("Children in household", "count", person_count=True),
               Column("Cost", "money", unit="£", dp=2), Column("Share of cases", "percent", dp=1)]
    start = dt.date(2022, 4, 1)
    teams = [f"Locality team {i}" for i in range(1, 18)]
    rows = [[f"C{i:07d}", start + dt.timedelta(days=i % 365), teams[i % 17], None if i % 97 == 0 else i % 9,
             Decimal(i % 50_000) / 4, (i % 1000) / 1000] for i in range(n)]
    return Table("contacts", f"Contacts received, {n:,} records", columns, rows,
                 notes=["Each row is one contact received by the front door."], source="Case management system")


def best(fn, repeats: int) -> float:
    """The minimum wall time of fn() over repeats (garbage collected between runs)."""
    times = []
    for _ in range(max(1, repeats)):
        gc.collect()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


# --- (a) the build against the import floor --------------------------------------------------------

_FIND_IMPORTS = r"""
import json, os, runpy, sys, sysconfig
sys.argv = ["hsp-docs", "build", sys.argv[1], "-o", sys.argv[2]]
try:
    runpy.run_module("hsp_docs.cli", run_name="__main__")
except SystemExit:
    pass
roots = {os.path.realpath(sysconfig.get_paths()[k]) for k in ("purelib", "platlib")}
found = set()
for name, mod in list(sys.modules.items()):
    path = os.path.realpath(getattr(mod, "__file__", None) or "")
    if any(path.startswith(r + os.sep) for r in roots) and not name.startswith(("hsp_docs", "_distutils_hack")):
        found.add(name)
print(json.dumps(sorted(found)))
"""


def _env(pycache: str, soffice: str = "none") -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(HSP_DOCS_SOFFICE=soffice, PYTHONPYCACHEPREFIX=pycache)  # bytecode cached, as for any user
    return env


def _run(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr}")
    return elapsed


def bench_build(cfg: dict, tmp: Path, with_soffice: bool) -> dict:
    py = sys.executable
    pycache = str(tmp / "pycache")
    env = _env(pycache)
    out = str(tmp / "build")
    proc = subprocess.run([py, "-c", _FIND_IMPORTS, str(INPUTS), out], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    modules = json.loads(proc.stdout.strip().splitlines()[-1])
    # Import exactly the third-party modules the build imported (every submodule: importing lxml
    # alone is not importing lxml.etree), and nothing else.
    floor_code = (f"import importlib\nfor m in {modules!r}:\n    try:\n        importlib.import_module(m)\n"
                  "    except Exception:\n        pass\n")
    floor_cmd = [py, "-c", floor_code]
    build_cmd = [py, "-m", "hsp_docs.cli", "build", str(INPUTS), "-o", out]
    # The same build through cli.main, as a program calling the library would: the garbage
    # collector left on (the hsp-docs program turns it off; see src/hsp_docs/collector.py).
    collector_on_cmd = [py, "-c", "from hsp_docs.cli import main; main()", "build", str(INPUTS), "-o", out]
    _run(floor_cmd, env)  # warm the bytecode cache of both
    _run(build_cmd, env)
    floor, build, collector_on = [], [], []
    for _ in range(cfg["build_repeats"]):  # interleaved, so a noisy moment hits all three
        floor.append(_run(floor_cmd, env))
        build.append(_run(build_cmd, env))
        collector_on.append(_run(collector_on_cmd, env))
    result = {"import_floor_s": min(floor), "build_s": min(build), "ratio": min(build) / min(floor),
              "build_collector_on_s": min(collector_on), "ratio_collector_on": min(collector_on) / min(floor),
              "third_party_packages": sorted({m.split(".")[0] for m in modules}),
              "third_party_modules": len(modules)}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if with_soffice and soffice:
        lo_env = _env(pycache, soffice)
        lo = min(_run(build_cmd, lo_env) for _ in range(2))
        result["libreoffice_extra_s"] = lo - min(build)
        result["build_with_libreoffice_s"] = lo
    else:
        result["libreoffice_extra_s"] = None
    return result


# --- (b) a Word table ---------------------------------------------------------------------------------

def docx_writer(table) -> bytes:
    """The table through the Word writer a build uses: the master template filled, the table
    (with its caption and notes) placed in a section, the package saved."""
    from hsp_docs.docx.writer import render_report
    from hsp_docs.parts import Report, Section, TableBlock

    report = Report(_meta(), [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    docx, _pdf, _notes = render_report(report)
    return docx


def docx_python_docx(table) -> bytes:
    import docx

    doc = docx.Document()
    texts = table.cell_texts()
    grid = doc.add_table(rows=1, cols=len(table.columns))
    for cell, column in zip(grid.rows[0].cells, table.columns):
        cell.text = column.header
    for row in texts:
        for cell, text in zip(grid.add_row().cells, row):
            cell.text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def docx_raw_xml(table) -> bytes:
    """The same table markup, written as directly as it can be: one f-string per cell, no styles
    looked up, no widths computed; then parsed once, as the writer's output is."""
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml

    import docx
    from hsp_docs.docx.tables import TEXT_WIDTH_TWIPS

    doc = docx.Document()
    n = len(table.columns)
    w = TEXT_WIDTH_TWIPS // n
    tc = f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>'
    rows = ["<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(f"{tc}<w:r><w:t>{escape(x)}</w:t></w:r></w:p></w:tc>" for x in r) + "</w:tr>"
            for r in [[c.header for c in table.columns], *table.cell_texts()]]
    grid = f'<w:gridCol w:w="{w}"/>' * n
    xml = (f'<w:tbl xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tblPr>'
           f'<w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
           f'{"".join(rows)}</w:tbl>')
    doc.element.body.append(parse_xml(xml))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def bench_docx(cfg: dict) -> dict:
    per_row = {}
    for n in cfg["b_sizes"]:
        table = dataset(n)
        repeats = cfg["repeats"] if n <= 20_000 else cfg["slow_repeats"]
        per_row[n] = best(lambda table=table: docx_writer(table), repeats) / n
    table = dataset(cfg["b_ratio"])
    writer = best(lambda: docx_writer(table), cfg["repeats"])
    raw = best(lambda: docx_raw_xml(table), cfg["repeats"])
    python_docx = best(lambda: docx_python_docx(table), cfg["slow_repeats"])
    sizes = cfg["b_sizes"]
    return {"rows": cfg["b_ratio"], "columns": 6, "writer_s": writer, "python_docx_s": python_docx,
            "raw_xml_s": raw, "python_docx_vs_writer": python_docx / writer, "writer_vs_raw_xml": writer / raw,
            "per_row_us": {str(n): per_row[n] * 1e6 for n in sizes}, "growth": growth(per_row)}


def growth(per_row: dict[int, float]) -> float:
    """The largest rise in time per row from one size to the next (1.0: linear; a quadratic
    writer would show the ratio of the sizes, e.g. 10 from 10k to 100k rows)."""
    sizes = sorted(per_row)
    return max(per_row[b] / per_row[a] for a, b in itertools.pairwise(sizes))


# --- (c) a workbook sheet -----------------------------------------------------------------------------

def xlsx_writer(table, out) -> None:
    from hsp_docs.parts import Report, Section, TableBlock
    from hsp_docs.xlsx.writer import write_workbook

    report = Report(_meta(), [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    write_workbook(report, [], out)


def xlsx_openpyxl(table, out) -> None:
    """The same sheet to the same standard in openpyxl's normal mode: title in A1, notes and units
    above, a bold text header, typed cells with number formats, one Excel table, nothing below."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    from hsp_docs.xlsx.sheets import cell_value, unique_headers
    from hsp_docs.xlsx.styles import number_format

    wb = Workbook()
    wb.properties.title, wb.properties.language = table.title, "en-GB"
    ws = wb.active
    ws.title = "Table_1"
    lines = [table.title, "This worksheet contains one table.", "Units: counts, pounds (£), percentages",
             f"Source: {table.source}"]
    for r, text in enumerate(lines, 1):
        ws.cell(row=r, column=1, value=text)
    ws["A1"].font = Font(bold=True, size=14)
    header_row = len(lines) + 1
    bold = Font(bold=True)
    for c, header in enumerate(unique_headers(col.header for col in table.columns), 1):
        cell = ws.cell(row=header_row, column=c, value=header)
        cell.font = bold
    formats = [number_format(col) for col in table.columns]
    for r, row in enumerate(table.rows, header_row + 1):
        for c, (value, fmt) in enumerate(zip(row, formats), 1):
            cell = ws.cell(row=r, column=c, value=cell_value(value))
            if fmt != "General":
                cell.number_format = fmt
    last = header_row + len(table.rows)
    excel_table = ExcelTable(displayName="Table_1_data",
                             ref=f"A{header_row}:{get_column_letter(len(table.columns))}{last}")
    excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
    ws.add_table(excel_table)
    wb.save(out)


def bench_xlsx(cfg: dict, tmp: Path) -> dict:
    from hsp_docs.xlsx.standard import check_workbook

    per_row = {}
    for n in cfg["c_sizes"]:
        table = dataset(n)
        per_row[n] = best(lambda table=table: xlsx_writer(table, tmp / "w.xlsx"), cfg["repeats"] if n <= 20_000
                          else cfg["slow_repeats"] + 1) / n
        if n == cfg["c_sizes"][0]:  # the writer's output meets the standard (checked at the smallest size)
            problems = check_workbook(tmp / "w.xlsx")
    table = dataset(cfg["c_ratio"])
    writer = best(lambda: xlsx_writer(table, tmp / "w.xlsx"), cfg["slow_repeats"] + 1)
    openpyxl_s = best(lambda: xlsx_openpyxl(table, tmp / "o.xlsx"), cfg["slow_repeats"])
    sizes = cfg["c_sizes"]
    return {"rows": cfg["c_ratio"], "columns": 6, "writer_s": writer, "openpyxl_normal_s": openpyxl_s,
            "openpyxl_vs_writer": openpyxl_s / writer, "standard_problems": problems,
            "per_row_us": {str(n): per_row[n] * 1e6 for n in sizes}, "growth": growth(per_row)}


# --- (d) peak memory of (c), in a process of its own ----------------------------------------------------

def peak_rss_mb() -> float:
    """This process's peak resident set size. On Linux VmHWM from /proc/self/status: ru_maxrss
    would also count the parent's RSS at the fork (Linux carries it across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def child_xlsx(n: int, which: str) -> None:
    if which == "writer":  # what the writer itself imports, so "data alone" is only the data
        import hsp_docs.xlsx.writer  # noqa: F401
    else:
        import openpyxl  # noqa: F401
    table = dataset(n)
    before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        (xlsx_writer if which == "writer" else xlsx_openpyxl)(table, Path(tmp) / "m.xlsx")
    print(json.dumps({"data_rss_mb": before, "peak_rss_mb": peak_rss_mb()}))


def bench_memory(cfg: dict, with_baseline: bool) -> dict:
    def run(which: str) -> dict:
        proc = subprocess.run([sys.executable, __file__, "--child-xlsx", str(cfg["c_ratio"]), which],
                              capture_output=True, text=True, check=True, cwd=ROOT)
        return json.loads(proc.stdout.strip().splitlines()[-1])

    result = {"rows": cfg["c_ratio"], "method": "peak RSS (VmHWM) of a child process that builds the "
              "dataset and writes the workbook", **run("writer")}
    if with_baseline:
        result["openpyxl_peak_rss_mb"] = run("openpyxl")["peak_rss_mb"]
    return result


# --- report ---------------------------------------------------------------------------------------------

def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in lscpu.splitlines() if ln.startswith("Model name")),
                     model)
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    import lxml.etree
    import openpyxl

    import docx

    return {"nproc": cores, "cpu": model, "python": platform.python_version(), "platform": platform.platform(),
            "versions": {"python-docx": getattr(docx, "__version__", "?"), "openpyxl": openpyxl.__version__,
                         "lxml": ".".join(map(str, lxml.etree.LXML_VERSION))}}


def figures(res: dict) -> dict:
    f = {"a_build_vs_import_floor": res["a"]["ratio"],
         "b_python_docx_vs_writer": res["b"]["python_docx_vs_writer"],
         "b_writer_vs_raw_xml": res["b"]["writer_vs_raw_xml"],
         "c_openpyxl_vs_writer": res["c"]["openpyxl_vs_writer"],
         "d_peak_rss_mb": res["d"]["peak_rss_mb"],
         "e_docx_growth": res["b"]["growth"], "e_xlsx_growth": res["c"]["growth"]}
    return f


def meets(name: str, value: float) -> bool:
    op, target = TARGETS[name]
    return {"<=": value <= target, ">=": value >= target, "<": value < target}[op]


def table(res: dict) -> str:
    a, b, c, d = res["a"], res["b"], res["c"], res["d"]
    rows = [
        ("(a) build / import floor", f"{a['build_s']:.2f} s / {a['import_floor_s']:.2f} s", a["ratio"],
         "a_build_vs_import_floor"),
        (f"(b) python-docx / writer, {b['rows']:,}x6", f"{b['python_docx_s']:.2f} s / {b['writer_s']:.3f} s",
         b["python_docx_vs_writer"], "b_python_docx_vs_writer"),
        (f"(b) writer / raw XML, {b['rows']:,}x6", f"{b['writer_s']:.3f} s / {b['raw_xml_s']:.3f} s",
         b["writer_vs_raw_xml"], "b_writer_vs_raw_xml"),
        (f"(c) openpyxl / writer, {c['rows']:,}x6", f"{c['openpyxl_normal_s']:.2f} s / {c['writer_s']:.2f} s",
         c["openpyxl_vs_writer"], "c_openpyxl_vs_writer"),
        (f"(d) peak RSS, {d['rows']:,}x6 (MB)", f"data alone {d['data_rss_mb']:.0f} MB", d["peak_rss_mb"],
         "d_peak_rss_mb"),
        ("(e) docx us/row " + " / ".join(f"{int(k):,}" for k in b["per_row_us"]),
         " / ".join(f"{v:.1f}" for v in b["per_row_us"].values()), b["growth"], "e_docx_growth"),
        ("(e) xlsx us/row " + " / ".join(f"{int(k):,}" for k in c["per_row_us"]),
         " / ".join(f"{v:.1f}" for v in c["per_row_us"].values()), c["growth"], "e_xlsx_growth"),
    ]
    lines = [f"| {'figure':<38} | {'measured':<34} | {'value':>7} | {'target':>8} | ok  |",
             f"|{'-' * 40}|{'-' * 36}|{'-' * 9}|{'-' * 10}|-----|"]
    for label, detail, value, key in rows:
        op, target = TARGETS[key]
        lines.append(f"| {label:<38} | {detail:<34} | {value:>7.2f} | {op + ' ' + format(target, 'g'):>8} | "
                     f"{'yes' if meets(key, value) else 'NO ':<3} |")
    lines.append(f"Build with the garbage collector left on (cli.main, as a library caller): "
                 f"{a['build_collector_on_s']:.2f} s, {a['ratio_collector_on']:.2f} x the floor (reported only)")
    lo = a.get("libreoffice_extra_s")
    lines.append(f"LibreOffice (contents page numbers) adds: {lo:.2f} s" if lo is not None
                 else "LibreOffice: not measured (--quick, or soffice not found)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (CI); well under a minute")
    ap.add_argument("--json", type=Path, help="where to write the results (default benchmarks/results/)")
    ap.add_argument("--child-xlsx", nargs=2, metavar=("ROWS", "WHICH"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_xlsx:
        child_xlsx(int(args.child_xlsx[0]), args.child_xlsx[1])
        return 0
    cfg = QUICK if args.quick else FULL
    t0 = time.perf_counter()
    res: dict = {"mode": "quick" if args.quick else "full", "when": dt.datetime.now().isoformat(timespec="seconds"),
                 "machine": machine(), "sizes": cfg}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        print("(a) build against the import floor ...", file=sys.stderr)
        res["a"] = bench_build(cfg, tmp, with_soffice=not args.quick)
        print("(b) Word table ...", file=sys.stderr)
        res["b"] = bench_docx(cfg)
        print("(c) workbook sheet ...", file=sys.stderr)
        res["c"] = bench_xlsx(cfg, tmp)
        print("(d) peak memory ...", file=sys.stderr)
        res["d"] = bench_memory(cfg, with_baseline=not args.quick)
    res["figures"] = figures(res)
    res["targets"] = {k: f"{op} {t:g}" for k, (op, t) in TARGETS.items()}
    res["met"] = {k: meets(k, v) for k, v in res["figures"].items()}
    res["seconds"] = time.perf_counter() - t0
    out = args.json or RESULTS / ("quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, default=str) + "\n")
    m = res["machine"]
    print(f"hsp-docs benchmarks ({res['mode']}), {m['nproc']} cores, {m['cpu']}, Python {m['python']}")
    print(table(res))
    print(f"written {out} in {res['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
