"""Render the default report's pages to docs/pages/ so a person can see the output without
building it: the cover, the contents, the first page of each section, and every page that
holds a chart.

    python tools/render_pages.py        # needs LibreOffice (soffice) and poppler (pdftoppm)
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from hsp_docs.build import build_all
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.soffice import find_soffice

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pages"


def main() -> None:
    soffice = find_soffice()
    if not soffice or not shutil.which("pdftoppm"):
        raise SystemExit("needs LibreOffice and poppler-utils")
    data = load_inputs(ROOT / "inputs" / "2022-23")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_all(data, tmp, soffice=soffice, pdf=True)
        pdf = tmp / "report.pdf"
        pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                               check=True).stdout.split("\f")
        wanted: dict[int, str] = {1: "00-cover", 2: "01-contents"}
        # the sections' pages: after the contents (one page or more: its lines end in dot leaders)
        body = [(n, text) for n, text in enumerate(pages[2:], 3) if not re.search(r"\.{6,}\s*\d+\s*$", text, re.M)]
        for i, s in enumerate(data.meta.sections, 1):
            first_words = re.escape(" ".join(s.title.split()[:4]))
            for n, text in body:
                if re.search(rf"^\s*{i}\.\s+{first_words}", text, re.M):
                    wanted.setdefault(n, f"{i + 1:02d}-section-{s.key}")
                    break
        for n, text in enumerate(pages, 1):
            for m in re.finditer(r"^\s*Figure (\d+):", text, re.M):
                wanted.setdefault(n, f"figure-{int(m.group(1)):02d}")
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.png"):
            old.unlink()
        for n, name in sorted(wanted.items()):
            subprocess.run(["pdftoppm", "-r", "50", "-f", str(n), "-l", str(n), "-png", "-singlefile", str(pdf),
                            str(OUT / name)], check=True)
        print(f"wrote {len(wanted)} page images to {OUT}")


if __name__ == "__main__":
    main()
