"""Small helpers for tests that edit a scratch copy of the inputs."""
from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

# What a build writes (sorted): the report, the workbook and its long form (Parquet with pyarrow).
BUILD_OUTPUTS = sorted(["report.docx", "datapack.xlsx", "datapack-long.csv",
                        *(["datapack-long.parquet"] if importlib.util.find_spec("pyarrow") else [])])


def set_cell(folder: Path, name: str, row: int, column: str, value: str) -> None:
    """Change one cell of a CSV; row is the spreadsheet row (header = 1)."""
    path = folder / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[row - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def set_stated(folder: Path, key: str, value: str) -> None:
    path = folder / "stated_figures.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for r in rows:
        if r[0] == key:
            r[1] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def write_previous_year(current: Path, dest: Path) -> Path:
    """Last year's inputs, as far as this year's previous-year columns state them: a folder
    beside `current`, named by its previous_year, holding only the figures comparisons need."""
    import tomllib

    meta = tomllib.loads((current / "report.toml").read_text(encoding="utf-8"))["report"]
    label = meta["previous_year"]
    folder = dest / label
    folder.mkdir(parents=True)
    (folder / "report.toml").write_text(
        f'[report]\npartnership = "{meta["partnership"]}"\ntitle = "Annual Report {label}"\n'
        f'period_start = {meta["period_start"].replace(year=meta["period_start"].year - 1)}\n'
        f'period_end = {meta["period_end"].replace(year=meta["period_end"].year - 1)}\n'
        f'current_year = "{label}"\n', encoding="utf-8")

    def read(name):
        with (current / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def write(name, header, rows):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write("asc_abuse_types", ["abuse_type", "previous_year", "current_year", "change"],
          [[r["abuse_type"], "", r["previous_year"], ""] for r in read("asc_abuse_types")])
    for name in ("asc_msp_outcomes", "asc_risk_outcomes"):
        write(name, ["outcome", "previous_year", "current_year"],
              [[r["outcome"], "", r["previous_year"]] for r in read(name)])
    five = read("asc_five_year")
    write("asc_five_year", list(five[0]), [list(r.values()) for r in five if r["year"] != meta["current_year"]])
    lado = read("lado_contacts")
    write("lado_contacts", ["year", "contacts", "referrals"], [list(r.values()) for r in lado[:-1]])
    stated = {r["key"]: r["value"] for r in read("stated_figures")}
    write("stated_figures", ["key", "value", "description"],
          [[k, stated[p], ""] for k, p in (("asc.conversion_rate", "asc.previous_conversion_rate"),
                                          ("asc.asked_outcomes", "asc.previous_asked_outcomes"),
                                          ("asc.risk_identified", "asc.previous_risk_identified"),
                                          ("asc.abuse_types_total", "asc.abuse_types_previous_total")) if p in stated])
    return folder


def blocks_signature(blocks) -> list:
    """Blocks as comparable values: kind, level, and runs merged where their format is the same."""
    from hsp_docs.parts import Heading, Paragraph

    def runs(rs):
        out: list = []
        for r in rs:
            if r.footnote is not None:
                out.append(("note", tuple(runs(r.footnote))))
            elif r.text:
                if out and out[-1][0] != "note" and out[-1][1:] == (r.bold, r.url):
                    out[-1] = (out[-1][0] + r.text, r.bold, r.url)
                else:
                    out.append((r.text, r.bold, r.url))
        return out

    sig = []
    for b in blocks:
        if isinstance(b, tuple):
            sig.append(b[:2])
        elif isinstance(b, (Heading, Paragraph)):
            sig.append((type(b).__name__, getattr(b, "level", 0), getattr(b, "bullet_level", 0), tuple(runs(b.runs))))
        else:
            sig.append((type(b).__name__, getattr(getattr(b, "table", None) or getattr(b, "chart", None), "key", "")))
    return sig
