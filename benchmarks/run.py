#!/usr/bin/env python3
"""The performance figures of hsp-docs, every one a paired ratio measured in one run.

    python benchmarks/run.py            # full sizes (about 10 minutes); writes benchmarks/results/latest.json
    python benchmarks/run.py --quick    # small sizes, no LibreOffice, no peers needed (what CI runs)
    python benchmarks/run.py --json OUT # write the JSON somewhere else

Method (benchmarks/README.md): each figure times two things, A and B, in alternating pairs
(A B, then B A, ...), and reports the median of the per-pair ratios A/B with their spread
(lowest and highest), never a ratio of separate best-of-k times: on a shared, noisy machine a
slow moment then hits both sides of a pair. Peers that are not installed are skipped (the
`benchmarks` extra installs them: pip install -e '.[benchmarks]').

Figures:
  build     the `hsp-docs build` process (LibreOffice off) against a bare `python -c pass` and
            against a process importing the same third-party modules (the import floor);
            with LibreOffice: a rebuild with unchanged inputs, and a build after a change to the
            report's words, each against the LibreOffice-off build;
  word      a 10,000 x 6 table into a .docx by the project's writer against the same cell XML
            spliced into a document as text; python-docx, docxtpl's {%tr} loop and lxml
            SubElement against the writer;
  sheet     a 100,000 x 5 sheet by the project's workbook writer against the Rust-backed
            rustpy-xlsxwriter, XlsxWriter (normal and constant_memory), openpyxl write-only,
            pyexcelerate, and a minimal pure-Python sheet writer;
  appendix  a 100,000-row appendix in the report against the workbook-only build of the same
            table (time and peak memory, whole processes); peak memory of the default, a
            12,000-row and the 100,000-row build; loading the appendix CSV, per row;
  linear    time per row at growing sizes, the fixed cost (one row) subtracted, for the Word and
            sheet writers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
INPUTS = ROOT / "inputs" / "2022-23"
RESULTS = ROOT / "benchmarks" / "results"

FULL = {"pairs": 5, "slow_pairs": 3, "build_pairs": 9, "lo_pairs": 3, "word_rows": 10_000, "sheet_rows": 100_000,
        "appendix_rows": 100_000, "appendix_small": 12_000, "appendix_pairs": 3,
        "word_sizes": [1_000, 10_000, 100_000], "sheet_sizes": [1_000, 10_000, 100_000], "libreoffice": True,
        "peers": True}
QUICK = {"pairs": 3, "slow_pairs": 2, "build_pairs": 5, "lo_pairs": 0, "word_rows": 2_000, "sheet_rows": 20_000,
         "appendix_rows": 12_000, "appendix_small": 3_000, "appendix_pairs": 2,
         "word_sizes": [2_000, 8_000], "sheet_sizes": [10_000, 40_000], "libreoffice": False,
         "peers": False}

# figure -> (op, target); "reported" figures have none
TARGETS = {
    "build_vs_python": ("<=", 15.0),
    "build_vs_import_floor": ("<=", 2.0),
    "lo_rebuild_unchanged_vs_lo_off": ("<=", 1.3),
    "lo_build_after_change_vs_lo_off": ("<=", 6.0),
    "word_writer_vs_spliced_text": ("<=", 1.0),
    "sheet_writer_vs_rust": ("<=", 1.0),
    "sheet_xlsxwriter_vs_writer": (">=", 1.0),
    "sheet_xlsxwriter_constant_memory_vs_writer": (">=", 1.0),
    "sheet_openpyxl_write_only_vs_writer": (">=", 1.0),
    "sheet_pyexcelerate_vs_writer": (">=", 1.0),
    "appendix_time_report_vs_workbook_only": ("<=", 1.8),
    "appendix_peak_report_vs_workbook_only": ("<=", 2.0),
    "appendix_load_us_per_row": ("<=", 15.0),
    "linear_word_growth": ("<=", 1.5),
    "linear_sheet_growth": ("<=", 1.5),
}

def _meta() -> SimpleNamespace:
    """What the writers read of a Meta (the theme imported here, after the import-time measure)."""
    from hsp_docs.theme import DEFAULT_THEME

    return SimpleNamespace(
        partnership="Example Safeguarding Partnership", title="Annual Report 2022-23",
        period_label="1 April 2022 to 31 March 2023", current_year="2022-23", publication_date=dt.date(2023, 10, 16),
        author="Example Safeguarding Partnership", contact="The business unit", language="en-GB", boards=(),
        theme=DEFAULT_THEME, accessible_formats="", copyright="")


# --- paired timing ---------------------------------------------------------------------------------

def _time(fn) -> float:
    """CPU time of this process (all its threads) running fn: in-process work is CPU-bound, and
    on a shared machine CPU time is far steadier than wall time, which counts other people's work."""
    gc.collect()
    t = time.process_time()
    fn()
    return time.process_time() - t


def paired(a, b, pairs: int, warm: bool = True) -> dict:
    """A against B in alternating pairs: the median of the per-pair ratios a/b and their spread.
    a and b are callables returning None (timed here) or a number of seconds they measured."""
    def run(fn):
        t = _time(fn) if not getattr(fn, "measures_itself", False) else fn()
        return t

    if warm:
        run(a), run(b)
    ta, tb = [], []
    for i in range(max(1, pairs)):
        if i % 2 == 0:
            ta.append(run(a))
            tb.append(run(b))
        else:
            tb.append(run(b))
            ta.append(run(a))
    ratios = [x / y for x, y in zip(ta, tb)]
    return {"ratio": statistics.median(ratios), "spread": [min(ratios), max(ratios)], "pairs": len(ratios),
            "a_s": statistics.median(ta), "b_s": statistics.median(tb)}


def measures_itself(fn):
    fn.measures_itself = True
    return fn


# --- data ------------------------------------------------------------------------------------------

def dataset(n: int, columns: int = 6):
    """A record-level appendix: n contacts x 6 columns (text, date, text, count, money, percent),
    with a missing value now and then; `columns` keeps the first few."""
    from hsp_docs.parts import Column, Table

    cols = [Column("Contact reference"), Column("Date received", "date"), Column("Team"),
            Column("Children in household", "count", person_count=True),
            Column("Cost", "money", unit="£", dp=2), Column("Share of cases", "percent", dp=1)][:columns]
    start = dt.date(2022, 4, 1)
    teams = [f"Locality team {i}" for i in range(1, 18)]
    rows = [[f"C{i:07d}", start + dt.timedelta(days=i % 365), teams[i % 17], None if i % 97 == 0 else i % 9,
             Decimal(i % 50_000) / 4, (i % 1000) / 1000][:columns] for i in range(n)]
    return Table("contacts", f"Contacts received, {n:,} records", cols, rows,
                 notes=["Each row is one contact received by the front door."], source="Case management system")


# --- build ------------------------------------------------------------------------------------------

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


def _env(tmp: Path, soffice: str = "none") -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(HSP_DOCS_SOFFICE=soffice, PYTHONPYCACHEPREFIX=str(tmp / "pycache"),  # bytecode cached, as installed
               HSP_DOCS_CACHE=str(tmp / "cache"))
    return env


def _process(cmd: list[str], env: dict):
    def run() -> float:
        t = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - t
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{proc.stderr}")
        return elapsed

    return measures_itself(run)


def bench_build(cfg: dict, tmp: Path) -> dict:
    py = sys.executable
    env = _env(tmp)
    out = str(tmp / "build")
    proc = subprocess.run([py, "-c", _FIND_IMPORTS, str(INPUTS), out], env=env, cwd=ROOT, capture_output=True,
                          text=True, check=True)
    modules = json.loads(proc.stdout.strip().splitlines()[-1])
    floor_code = (f"import importlib\nfor m in {modules!r}:\n    try:\n        importlib.import_module(m)\n"
                  "    except Exception:\n        pass\n")
    build = _process([py, "-m", "hsp_docs.cli", "build", str(INPUTS), "-o", out], env)
    res = {"third_party_packages": sorted({m.split(".")[0] for m in modules}), "third_party_modules": len(modules),
           "vs_python": paired(build, _process([py, "-c", "pass"], env), cfg["build_pairs"]),
           "vs_import_floor": paired(build, _process([py, "-c", floor_code], env), cfg["build_pairs"])}
    if "pyarrow" in res["third_party_packages"]:  # the build as `pip install hsp-docs` has it: no Parquet
        hidden = tmp / "without-pyarrow"
        (hidden / "pyarrow").mkdir(parents=True, exist_ok=True)
        (hidden / "pyarrow" / "__init__.py").write_text('raise ImportError("not installed (benchmark)")\n')
        bare = {**env, "PYTHONPATH": str(hidden)}
        res["without_pyarrow_vs_python"] = paired(
            _process([py, "-m", "hsp_docs.cli", "build", str(INPUTS), "-o", str(tmp / "build-bare")], bare),
            _process([py, "-c", "pass"], env), cfg["build_pairs"])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not (cfg["libreoffice"] and soffice):
        return res
    lo_env = _env(tmp, soffice)
    lo_build = _process([py, "-m", "hsp_docs.cli", "build", str(INPUTS), "-o", out], lo_env)
    res["lo_unchanged"] = paired(lo_build, build, cfg["lo_pairs"])  # warm-up run fills the cache
    changed = tmp / "changed"
    shutil.copytree(INPUTS, changed)
    intro = changed / "narrative" / "introduction.md"
    words = intro.read_text(encoding="utf-8")
    counter = iter(range(1_000_000))

    @measures_itself
    def lo_after_change() -> float:
        intro.write_text(words + f"\n\nRevised for the benchmark, revision {next(counter)}.\n", encoding="utf-8")
        return _process([py, "-m", "hsp_docs.cli", "build", str(changed), "-o", out], lo_env)()

    off_changed = _process([py, "-m", "hsp_docs.cli", "build", str(changed), "-o", out], env)
    res["lo_after_change"] = paired(lo_after_change, off_changed, cfg["lo_pairs"])
    return res


# --- Word table -----------------------------------------------------------------------------------

def docx_writer(table) -> bytes:
    """The table through the Word writer a build uses: the master template filled, the table
    (with its caption and notes) placed in a section, the package saved."""
    from hsp_docs.docx.writer import render_report
    from hsp_docs.parts import Report, Section, TableBlock

    report = Report(_meta(), [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    docx, _pdf, _notes = render_report(report)
    return docx


def _esc(x: str) -> str:
    return x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def docx_spliced_text(table) -> bytes:
    """The like-for-like baseline: the same cell XML (one f-string per cell from the same
    Table.cell_texts()), spliced as text into a saved document's document.xml, compressed at the
    same level; no styles looked up, no widths computed, no template filled."""
    import docx
    from hsp_docs.docx.splice import COMPRESS_LEVEL
    from hsp_docs.docx.tables import TEXT_WIDTH_TWIPS

    doc = docx.Document()
    doc.add_paragraph("TABLE-GOES-HERE")
    buf = io.BytesIO()
    doc.save(buf)
    n = len(table.columns)
    w = TEXT_WIDTH_TWIPS // n
    tc = f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr>'
    grid = f'<w:gridCol w:w="{w}"/>' * n
    head = (f'<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH_TWIPS}" w:type="dxa"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            + "".join(f"{tc}<w:r><w:t>{_esc(c.header)}</w:t></w:r></w:p></w:tc>" for c in table.columns) + "</w:tr>")
    body = "".join("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                   + "".join(f"{tc}<w:r><w:t>{_esc(x)}</w:t></w:r></w:p></w:tc>" for x in r) + "</w:tr>"
                   for r in table.cell_texts())
    source = zipfile.ZipFile(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode()
                at = xml.index("<w:p>", xml.index("<w:body>"))
                end = xml.index("</w:p>", at) + len("</w:p>")
                with z.open("word/document.xml", "w", force_zip64=True) as f:
                    for piece in (xml[:at], head, body, "</w:tbl>", xml[end:]):
                        f.write(piece.encode())
            else:
                z.writestr(info, data)
    return out.getvalue()


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


_DOCXTPL_TEMPLATE: bytes | None = None


def docx_docxtpl(table) -> bytes:
    """docxtpl's table-row loop: a template row {%tr for r in rows %} ... {%tr endfor %}."""
    global _DOCXTPL_TEMPLATE
    from docxtpl import DocxTemplate

    import docx

    n = len(table.columns)
    if _DOCXTPL_TEMPLATE is None:  # made once, outside the timing's interest (a user has it)
        doc = docx.Document()
        t = doc.add_table(rows=4, cols=n)
        for i, c in enumerate(table.columns):
            t.cell(0, i).text = c.header
            t.cell(2, i).text = f"{{{{ r[{i}] }}}}"
        t.cell(1, 0).text = "{%tr for r in rows %}"
        t.cell(3, 0).text = "{%tr endfor %}"
        buf = io.BytesIO()
        doc.save(buf)
        _DOCXTPL_TEMPLATE = buf.getvalue()
    tpl = DocxTemplate(io.BytesIO(_DOCXTPL_TEMPLATE))
    tpl.render({"rows": table.cell_texts()}, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def docx_lxml(table) -> bytes:
    """An lxml tree built with SubElement, cell by cell, placed in a python-docx document."""
    from lxml import etree

    import docx

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    doc = docx.Document()
    tbl = etree.SubElement(doc.element.body, w + "tbl")
    etree.SubElement(tbl, w + "tblPr")
    grid = etree.SubElement(tbl, w + "tblGrid")
    for _ in table.columns:
        etree.SubElement(grid, w + "gridCol")
    for r in [[c.header for c in table.columns], *table.cell_texts()]:
        tr = etree.SubElement(tbl, w + "tr")
        for x in r:
            tc = etree.SubElement(tr, w + "tc")
            etree.SubElement(etree.SubElement(etree.SubElement(tc, w + "p"), w + "r"), w + "t").text = x
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def bench_word(cfg: dict) -> dict:
    table = dataset(cfg["word_rows"])
    table.number = 1
    writer = lambda: docx_writer(table)  # noqa: E731
    res = {"rows": cfg["word_rows"], "columns": 6,
           "vs_spliced_text": paired(writer, lambda: docx_spliced_text(table), cfg["pairs"])}
    if cfg["peers"]:
        res["python_docx"] = paired(lambda: docx_python_docx(table), writer, cfg["slow_pairs"])
        res["docxtpl_tr"] = paired(lambda: docx_docxtpl(table), writer, cfg["slow_pairs"])
        res["lxml_subelement"] = paired(lambda: docx_lxml(table), writer, cfg["pairs"])
    return res


# --- workbook sheet ---------------------------------------------------------------------------------

def xlsx_writer(table, out) -> None:
    from hsp_docs.parts import Report, Section, TableBlock
    from hsp_docs.xlsx.writer import write_workbook

    report = Report(_meta(), [Section("appendix", "Appendix", [TableBlock(table)])])
    report.number_parts()
    write_workbook(report, [], out)


def _plain_rows(table) -> list[list]:
    """The rows in the types every peer takes: money as float, a missing count as None."""
    return [[float(v) if isinstance(v, Decimal) else v for v in row] for row in table.rows]


def xlsx_xlsxwriter(headers, rows, out, constant_memory: bool = False) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(out), {"constant_memory": constant_memory})
    ws = wb.add_worksheet("Table_1")
    date = wb.add_format({"num_format": "d mmmm yyyy"})
    money = wb.add_format({"num_format": "#,##0.00"})
    ws.write_row(0, 0, headers)
    for r, (ref, received, team, children, cost) in enumerate(rows, 1):
        ws.write_string(r, 0, ref)
        ws.write_datetime(r, 1, received, date)
        ws.write_string(r, 2, team)
        if children is not None:
            ws.write_number(r, 3, children)
        ws.write_number(r, 4, cost, money)
    wb.close()


def xlsx_openpyxl_write_only(headers, rows, out) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Table_1")
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(out)


def xlsx_pyexcelerate(headers, rows, out) -> None:
    from pyexcelerate import Workbook

    wb = Workbook()
    wb.new_sheet("Table_1", data=[headers, *rows])
    wb.save(str(out))


def xlsx_rust(records, out) -> None:
    from rustpy_xlsxwriter import write_worksheet

    write_worksheet(records, str(out), sheet_name="Table_1", datetime_format="d mmmm yyyy")


def xlsx_minimal(headers, rows, out) -> None:
    """A minimal pure-Python sheet writer: one sheet, inline strings, one date format, f-strings
    into a zip entry; no cover, contents, notes, table, widths or properties."""
    def cell(ref: str, v) -> str:
        if v is None:
            return ""
        if type(v) is str:
            return f'<c r="{ref}" t="inlineStr"><is><t>{_esc(v)}</t></is></c>'
        if type(v) is dt.date:
            return f'<c r="{ref}" s="1"><v>{(v - dt.date(1899, 12, 30)).days}</v></c>'
        return f'<c r="{ref}"><v>{v}</v></c>'

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    letters = "ABCDEFGHIJ"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=4) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/styles.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
        z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Table_1" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<styleSheet {ns}><numFmts count="1"><numFmt numFmtId="164" '
                   'formatCode="d mmmm yyyy"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/>'
                   '</fills><borders count="1"><border/></borders><cellXfs count="2"><xf/><xf numFmtId="164" '
                   'applyNumberFormat="1"/></cellXfs></styleSheet>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f"<worksheet {ns}><sheetData>".encode())
            batch = []
            for r, row in enumerate([headers, *rows], 1):
                batch.append(f'<row r="{r}">' + "".join(cell(f"{letters[c]}{r}", v) for c, v in enumerate(row))
                             + "</row>")
                if len(batch) >= 2000:
                    f.write("".join(batch).encode())
                    batch.clear()
            f.write(("".join(batch) + "</sheetData></worksheet>").encode())


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def bench_sheet(cfg: dict, tmp: Path) -> dict:
    table = dataset(cfg["sheet_rows"], columns=5)
    headers = [c.header for c in table.columns]
    rows = _plain_rows(table)
    writer = lambda: xlsx_writer(table, tmp / "w.xlsx")  # noqa: E731
    res: dict = {"rows": cfg["sheet_rows"], "columns": 5, "skipped": []}
    res["minimal_pure_python"] = paired(writer, lambda: xlsx_minimal(headers, rows, tmp / "m.xlsx"), cfg["pairs"])
    if not cfg["peers"]:
        return res
    if _installed("rustpy_xlsxwriter"):
        records = [dict(zip(headers, row)) for row in rows]
        res["rust"] = paired(writer, lambda: xlsx_rust(records, tmp / "r.xlsx"), cfg["pairs"])
    else:
        res["skipped"].append("rustpy-xlsxwriter")
    peers = {"xlsxwriter": ("xlsxwriter", lambda: xlsx_xlsxwriter(headers, rows, tmp / "x.xlsx")),
             "xlsxwriter_constant_memory": ("xlsxwriter", lambda: xlsx_xlsxwriter(headers, rows, tmp / "c.xlsx", True)),
             "openpyxl_write_only": ("openpyxl", lambda: xlsx_openpyxl_write_only(headers, rows, tmp / "o.xlsx")),
             "pyexcelerate": ("pyexcelerate", lambda: xlsx_pyexcelerate(headers, rows, tmp / "p.xlsx"))}
    for name, (module, fn) in peers.items():
        if _installed(module):
            res[name] = paired(fn, writer, cfg["pairs"])
        else:
            res["skipped"].append(name)
    return res


# --- appendix builds: whole processes, time and peak memory -------------------------------------------

_MEASURED = r"""
import json, runpy, sys, time
t = time.perf_counter()
sys.argv = ["hsp-docs", "build", *sys.argv[1:]]
try:
    runpy.run_module("hsp_docs.cli", run_name="__main__")
except SystemExit as exc:
    if exc.code:
        raise
peak = 0.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(json.dumps({"seconds": time.perf_counter() - t, "peak_rss_mb": peak}))
"""


def _measured_build(inputs: Path, out: Path, env: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", _MEASURED, str(inputs), "-o", str(out)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"build of {inputs} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def appendix_inputs(dest: Path, n: int, in_report: bool = True) -> Path:
    """The default inputs with an n-row appendix table (the contacts of tests/inputs)."""
    shutil.copytree(INPUTS, dest)
    (dest / "appendices").mkdir()
    start = dt.date(2022, 4, 1)
    with (dest / "appendices" / "contacts.csv").open("w", encoding="utf-8", newline="") as f:
        f.write("Contact reference,Date received,Team,Children in household,Cost,Share of cases\n")
        for i in range(n):
            f.write(f"C{i:06d},{start + dt.timedelta(days=i % 365):%d/%m/%Y},Locality team {i % 7 + 1},"
                    f"{'' if i % 50 == 0 else i % 6},\"£{(i % 400) * 12.5:,.2f}\",{(i % 1000) / 10:.1f}%\n")
    with (dest / "report.toml").open("a", encoding="utf-8") as f:
        f.write(f'''
[[appendix_tables]]
key = "contacts"
title = "Contacts received by the front door, 2022-23"
file = "appendices/contacts.csv"
source = "Children's social care case management system"
notes = ["Each row is one contact."]
report = {"true" if in_report else "false"}
columns = [
  {{ name = "Contact reference" }},
  {{ name = "Date received", kind = "date" }},
  {{ name = "Team" }},
  {{ name = "Children in household", kind = "count" }},
  {{ name = "Cost", kind = "money" }},
  {{ name = "Share of cases", kind = "percent", dp = 1 }},
]
''')
    return dest


def bench_appendix(cfg: dict, tmp: Path) -> dict:
    env = _env(tmp)
    n, small = cfg["appendix_rows"], cfg["appendix_small"]
    report_in = appendix_inputs(tmp / "appendix-report", n)
    workbook_in = appendix_inputs(tmp / "appendix-workbook", n, in_report=False)
    small_in = appendix_inputs(tmp / "appendix-small", small)
    times, peaks = [], []
    for i in range(cfg["appendix_pairs"]):  # alternating, as paired() does, keeping each run's peak
        order = [(report_in, "r"), (workbook_in, "w")] if i % 2 == 0 else [(workbook_in, "w"), (report_in, "r")]
        got = {k: _measured_build(src, tmp / f"out-{k}", env) for src, k in order}
        times.append(got["r"]["seconds"] / got["w"]["seconds"])
        peaks.append((got["r"]["peak_rss_mb"], got["w"]["peak_rss_mb"]))
    default = _measured_build(INPUTS, tmp / "out-default", env)
    twelve = _measured_build(small_in, tmp / "out-small", env)
    peak_ratios = [r / w for r, w in peaks]

    from hsp_docs.inputs.loader import load_inputs

    loads = paired(lambda: load_inputs(report_in), lambda: load_inputs(INPUTS), cfg["pairs"])
    per_row = (loads["a_s"] - loads["b_s"]) / n * 1e6
    return {"rows": n, "time": {"ratio": statistics.median(times), "spread": [min(times), max(times)],
                                "pairs": len(times)},
            "peak": {"ratio": statistics.median(peak_ratios), "spread": [min(peak_ratios), max(peak_ratios)],
                     "report_mb": statistics.median(p[0] for p in peaks),
                     "workbook_only_mb": statistics.median(p[1] for p in peaks)},
            "peak_default_mb": default["peak_rss_mb"], "peak_small_mb": twelve["peak_rss_mb"], "small_rows": small,
            "load_us_per_row": per_row, "load": loads}


# --- linearity ------------------------------------------------------------------------------------------

def per_row_growth(cost, sizes: list[int], rounds: int) -> dict:
    """Time per row at each size with the fixed cost (one row) subtracted, and the largest rise
    from one size to the next: about 1 for linear code, the ratio of the sizes for quadratic.
    Paired like every figure: each round times one row and every size, in an order that turns
    round by round, and the rise is the median over rounds of that round's rise."""
    order = [1, *sizes]
    per_round = []
    for i in range(max(1, rounds) + 1):  # the first round warms up, and is not counted
        turned = order[i % len(order):] + order[:i % len(order)]
        times = {n: _time(lambda n=n: cost(n)) for n in turned}
        if i:
            per_round.append({n: max(times[n] - times[1], 1e-9) / n for n in sizes})
    per = {n: statistics.median(r[n] for r in per_round) for n in sizes}
    rises = [max(r[b] / r[a] for a, b in zip(sizes, sizes[1:])) for r in per_round]
    return {"fixed_s": statistics.median(_time(lambda: cost(1)) for _ in range(3)),
            "per_row_us": {str(n): v * 1e6 for n, v in per.items()},
            "growth": statistics.median(rises), "spread": [min(rises), max(rises)]}


def least_growth(cost, sizes: list[int], rounds: int, limit: float, attempts: int = 3) -> dict:
    """per_row_growth, measured again (up to `attempts` times in all) while it is over `limit`,
    keeping the attempt with the least growth. Other work on a shared machine only ever slows a
    size down (a burst of load during the large size reads as growth), so the least of a few
    attempts is the closest to the code's own; quadratic code grows by the ratio of the sizes in
    every attempt, so it still fails."""
    tries = [per_row_growth(cost, sizes, rounds)]
    while tries[-1]["growth"] > limit and len(tries) < attempts:
        tries.append(per_row_growth(cost, sizes, rounds))
    best = min(tries, key=lambda t: t["growth"])
    return {**best, "attempts": [t["growth"] for t in tries]}


def bench_linear(cfg: dict, tmp: Path) -> dict:
    tables = {n: dataset(n) for n in {1, *cfg["word_sizes"], *cfg["sheet_sizes"]}}
    for t in tables.values():
        t.number = 1
    limit = TARGETS["linear_word_growth"][1]
    word = least_growth(lambda n: docx_writer(tables[n]), cfg["word_sizes"], cfg["pairs"], limit)
    sheet = least_growth(lambda n: xlsx_writer(tables[n], tmp / "lin.xlsx"), cfg["sheet_sizes"], cfg["pairs"], limit)
    return {"word": word, "sheet": sheet}


# --- report ------------------------------------------------------------------------------------------------

def machine() -> dict:
    model = platform.processor()
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        model = next((ln.split(":", 1)[1].strip() for ln in lscpu.splitlines() if ln.startswith("Model name")),
                     model)
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for dist in ("python-docx", "docxtpl", "lxml", "openpyxl", "XlsxWriter", "rustpy-xlsxwriter", "pyexcelerate"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = None
    soffice = shutil.which("soffice")
    lo = None
    if soffice:
        try:
            lo = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            lo = None
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"nproc": cores, "cpu": model, "python": platform.python_version(), "platform": platform.platform(),
            "load_average_1min_at_start": load, "libreoffice": lo, "versions": versions}


def figures(res: dict) -> dict[str, dict]:
    """Every figure: value (the paired median ratio, or a measured quantity), spread, what it is."""
    f: dict[str, dict] = {}

    def put(name, value, what, spread=None):
        f[name] = {"value": value, "spread": spread, "what": what}

    b = res["build"]
    put("build_vs_python", b["vs_python"]["ratio"], "hsp-docs build (LibreOffice off) / python -c pass",
        b["vs_python"]["spread"])
    put("build_vs_import_floor", b["vs_import_floor"]["ratio"], "hsp-docs build (LibreOffice off) / import floor",
        b["vs_import_floor"]["spread"])
    if "without_pyarrow_vs_python" in b:
        put("build_without_pyarrow_vs_python", b["without_pyarrow_vs_python"]["ratio"],
            "hsp-docs build (LibreOffice off) without the optional pyarrow (no Parquet) / python -c pass",
            b["without_pyarrow_vs_python"]["spread"])
    if "lo_unchanged" in b:
        put("lo_rebuild_unchanged_vs_lo_off", b["lo_unchanged"]["ratio"],
            "build with LibreOffice, inputs unchanged (cached) / LibreOffice off", b["lo_unchanged"]["spread"])
        put("lo_build_after_change_vs_lo_off", b["lo_after_change"]["ratio"],
            "build with LibreOffice after a change to the words / LibreOffice off", b["lo_after_change"]["spread"])
    w = res["word"]
    rows = f"{w['rows']:,} x 6"
    put("word_writer_vs_spliced_text", w["vs_spliced_text"]["ratio"], f"Word table {rows}: writer / same XML spliced",
        w["vs_spliced_text"]["spread"])
    for key, label in (("python_docx", "python-docx"), ("docxtpl_tr", "docxtpl {%tr}"),
                       ("lxml_subelement", "lxml SubElement")):
        if key in w:
            put(f"word_{key}_vs_writer", w[key]["ratio"], f"Word table {rows}: {label} / writer", w[key]["spread"])
    s = res["sheet"]
    rows = f"{s['rows']:,} x 5"
    put("sheet_writer_vs_minimal", s["minimal_pure_python"]["ratio"],
        f"sheet {rows}: writer (to the standard) / minimal pure-Python sheet", s["minimal_pure_python"]["spread"])
    if "rust" in s:
        put("sheet_writer_vs_rust", s["rust"]["ratio"], f"sheet {rows}: writer / rustpy-xlsxwriter",
            s["rust"]["spread"])
    for key, label in (("xlsxwriter", "XlsxWriter"), ("xlsxwriter_constant_memory", "XlsxWriter constant_memory"),
                       ("openpyxl_write_only", "openpyxl write-only"), ("pyexcelerate", "pyexcelerate")):
        if key in s:
            put(f"sheet_{key}_vs_writer", s[key]["ratio"], f"sheet {rows}: {label} / writer", s[key]["spread"])
    a = res["appendix"]
    put("appendix_time_report_vs_workbook_only", a["time"]["ratio"],
        f"{a['rows']:,}-row appendix: build with it in the report / workbook only", a["time"]["spread"])
    put("appendix_peak_report_vs_workbook_only", a["peak"]["ratio"],
        f"{a['rows']:,}-row appendix: peak RSS in the report / workbook only "
        f"({a['peak']['report_mb']:.0f} / {a['peak']['workbook_only_mb']:.0f} MB)", a["peak"]["spread"])
    put("appendix_load_us_per_row", a["load_us_per_row"], "loading the appendix CSV, microseconds a row")
    put("peak_default_build_mb", a["peak_default_mb"], "peak RSS, default build (MB)")
    put("peak_small_appendix_build_mb", a["peak_small_mb"], f"peak RSS, {a['small_rows']:,}-row appendix build (MB)")
    put("peak_large_appendix_build_mb", a["peak"]["report_mb"], f"peak RSS, {a['rows']:,}-row appendix build (MB)")
    lin = res["linear"]
    for key in ("word", "sheet"):
        per = lin[key]["per_row_us"]
        put(f"linear_{key}_growth", lin[key]["growth"],
            f"{key} writer: us a row at {' / '.join(per)} rows, fixed cost subtracted: "
            + " / ".join(f"{v:.1f}" for v in per.values()), lin[key]["spread"])
    for name, fig in f.items():
        op, target = TARGETS.get(name, (None, None))
        fig["target"] = f"{op} {target:g}" if op else "reported"
        fig["met"] = None if not op else {"<=": fig["value"] <= target, ">=": fig["value"] >= target}[op]
    return f


def table(figs: dict[str, dict]) -> str:
    lines = [f"| {'figure':<86} | {'value':>8} | {'spread':>13} | {'target':>8} | met |",
             f"|{'-' * 88}|{'-' * 10}|{'-' * 15}|{'-' * 10}|-----|"]
    for fig in figs.values():
        spread = f"{fig['spread'][0]:.2f}-{fig['spread'][1]:.2f}" if fig["spread"] else ""
        met = {True: "yes", False: "NO", None: "-"}[fig["met"]]
        lines.append(f"| {fig['what']:<86} | {fig['value']:>8.2f} | {spread:>13} | {fig['target']:>8} | {met:<3} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, no LibreOffice (CI)")
    ap.add_argument("--json", type=Path, help="where to write the results (default benchmarks/results/)")
    args = ap.parse_args(argv)
    cfg = QUICK if args.quick else FULL
    t0 = time.perf_counter()
    res: dict = {"mode": "quick" if args.quick else "full", "when": dt.datetime.now().isoformat(timespec="seconds"),
                 "machine": machine(), "sizes": cfg}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for key, label, fn in (("build", "build processes", lambda: bench_build(cfg, tmp)),
                               ("word", "Word table", lambda: bench_word(cfg)),
                               ("sheet", "workbook sheet", lambda: bench_sheet(cfg, tmp)),
                               ("appendix", "appendix builds", lambda: bench_appendix(cfg, tmp)),
                               ("linear", "time per row", lambda: bench_linear(cfg, tmp))):
            print(f"{label} ...", file=sys.stderr)
            res[key] = fn()
    res["figures"] = figures(res)
    res["seconds"] = time.perf_counter() - t0
    out = args.json or RESULTS / ("quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=2, default=str) + "\n")
    m = res["machine"]
    print(f"hsp-docs benchmarks ({res['mode']}), {m['nproc']} cores, {m['cpu']}, Python {m['python']}, "
          f"load average {m['load_average_1min_at_start']}")
    print(table(res["figures"]))
    print(f"written {out} in {res['seconds']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
