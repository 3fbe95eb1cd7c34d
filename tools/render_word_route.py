"""Render the Word route for docs/annual-cycle.md: the training section exported as a Word
template, edited as a comms officer would (a sentence with a figure added as a tracked change,
a comment), the template's first page, and the page of the draft report built from it.

    python tools/render_word_route.py   # needs LibreOffice (soffice) and poppler (pdftoppm)
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx.oxml import parse_xml

import docx
from hsp_docs.build import build_all
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.narrative_forms import export_narratives
from hsp_docs.soffice import find_soffice

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "pages" / "word-route"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ADDED = " Of the {{ training.delegates }} bookings, {{ training.not_attended }} did not attend."


def edit_like_a_comms_officer(template: Path) -> None:
    """Add a sentence with two figures as a tracked change, and a comment on the paragraph."""
    doc = docx.Document(str(template))
    para = next(p for p in doc.paragraphs if p.text.startswith("In October 2021 the partnership"))
    para._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="901" w:author="Comms officer" '
                             f'w:date="2023-09-01T10:00:00Z"><w:r><w:t xml:space="preserve">{ADDED}</w:t></w:r>'
                             "</w:ins>"))
    doc.add_comment(para.runs[0], text="Figures checked with Learning and Development.", author="Comms officer")
    doc.save(str(template))


def page_with(pdf: Path, text: str) -> int:
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    return next(n for n, page in enumerate(pages, 1) if text in " ".join(page.split()))


def main() -> None:
    soffice = find_soffice()
    if not soffice or not shutil.which("pdftoppm"):
        raise SystemExit("needs LibreOffice and poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "2022-23"
        shutil.copytree(ROOT / "inputs" / "2022-23", inputs)
        toml = inputs / "report.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("[report]\n", '[report]\nstatus = "draft"\n', 1),
                        encoding="utf-8")
        (inputs / "narrative" / "training.docx").unlink(missing_ok=True)
        export_narratives(inputs, "docx")
        for other in (inputs / "narrative").glob("*.docx"):
            if other.stem != "training":
                other.unlink()
        (inputs / "narrative" / "training.md").unlink()
        template = inputs / "narrative" / "training.docx"
        edit_like_a_comms_officer(template)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(template)], check=True,
                       capture_output=True)
        out = Path(tmp) / "out"
        build_all(load_inputs(inputs), out, soffice=soffice, pdf=True)
        report_pdf = out / "report.pdf"
        data = load_inputs(inputs)
        sentence = f"Of the {data.training.delegates} bookings"
        OUT.mkdir(parents=True, exist_ok=True)
        shots = {"1-template": (Path(tmp) / "training.pdf", 1),
                 "2-report": (report_pdf, page_with(report_pdf, sentence))}
        for name, (pdf, page) in shots.items():
            subprocess.run(["pdftoppm", "-r", "60", "-f", str(page), "-l", str(page), "-png", "-singlefile",
                            str(pdf), str(OUT / name)], check=True)
        print(f"wrote {len(shots)} page images to {OUT}")


if __name__ == "__main__":
    main()
