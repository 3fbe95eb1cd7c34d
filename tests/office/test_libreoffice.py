"""LibreOffice in a build: the contents render cached by content, one office per build, and no
LibreOffice process ever left running. A stand-in program (a Python script) plays soffice and
counts its invocations, so these run without LibreOffice and fast."""
from __future__ import annotations

import io
import os
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from hsp_docs import cache
from hsp_docs.build import build_all
from hsp_docs.docx.contents import package_digest

# A LibreOffice stand-in: each run appends a line to COUNT. With --convert-to it writes a PDF of
# one page per heading (Heading1/Heading2 paragraphs of the .docx), each heading a bookmark on
# its page, as LibreOffice's export does; without it (the build's shared office) it just exits.
STAND_IN = textwrap.dedent('''\
    import re, sys, zipfile
    from pathlib import Path
    with open({count!r}, "a") as f:
        f.write(" ".join(sys.argv[1:]) + "\\n")
    args = sys.argv[1:]
    if "--convert-to" in args:
        from pypdf import PdfWriter
        source = Path(args[-1])
        outdir = Path(args[args.index("--outdir") + 1])
        xml = zipfile.ZipFile(source).read("word/document.xml").decode()
        heads = []
        for p in re.findall(r"<w:p>.*?</w:p>", xml):
            if re.search(r'w:pStyle w:val="Heading[12]"', p):
                heads.append("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)))
        w = PdfWriter()
        for h in heads:
            page = w.add_blank_page(595, 842)
            w.add_outline_item(h, len(w.pages) - 1)
        with open(outdir / (source.stem + ".pdf"), "wb") as f:
            w.write(f)
''')


@pytest.fixture
def stand_in(tmp_path) -> tuple[Path, Path]:
    count = tmp_path / "invocations.txt"
    script = tmp_path / "stand_in.py"
    script.write_text(STAND_IN.format(count=str(count)))
    program = tmp_path / "soffice"  # a shell script, so the interpreter's path can be of any length
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
    program.chmod(0o755)
    return program, count


def _calls(count: Path) -> list[str]:
    return count.read_text().splitlines() if count.exists() else []


def _pagerefs(docx: Path) -> str:
    """The contents' page numbers as written: the text of document.xml around each PAGEREF."""
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode()
    return xml[xml.index("PAGEREF"):xml.rindex("PAGEREF") + 400]


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_a_rebuild_with_unchanged_inputs_does_not_call_libreoffice(default_data, stand_in, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    program, count = stand_in
    first = build_all(default_data, tmp_path / "one", soffice=str(program))
    assert len(_calls(count)) == 1 and "--convert-to" in _calls(count)[0]
    filled = [n for n in first.notes if "page numbers filled in for" in n]
    assert filled and int(filled[0].split()[6]) > 40, first.notes  # the stand-in's PDF has most headings

    second = build_all(default_data, tmp_path / "two", soffice=str(program))
    assert len(_calls(count)) == 1, "the second build called LibreOffice"
    assert any(filled[0] in n and "reused" in n for n in second.notes), second.notes
    one, two = (tmp_path / d / "report.docx" for d in ("one", "two"))
    assert _pagerefs(one) == _pagerefs(two)
    assert package_digest(one.read_bytes()) == package_digest(two.read_bytes())


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_a_changed_report_renders_again(default_data, default_report, stand_in, tmp_path, monkeypatch):
    import dataclasses

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    program, count = stand_in
    build_all(default_data, tmp_path / "one", soffice=str(program))
    meta = dataclasses.replace(default_data.meta, title=default_data.meta.title + " (revised)")
    build_all(dataclasses.replace(default_data, meta=meta), tmp_path / "two", soffice=str(program))
    assert len(_calls(count)) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_the_office_starts_at_once_when_the_last_build_had_to_render(default_data, stand_in, tmp_path, monkeypatch):
    """A build into a folder whose last build had to render (its inputs had changed) starts the
    office at its very beginning, while it composes; a rebuild whose render turns out cached stops
    it unused, and the one after, following a cached build, does not start it at all."""
    import dataclasses

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    program, count = stand_in
    out = tmp_path / "out"
    build_all(default_data, out, soffice=str(program))  # nothing known of this folder: renders only
    assert [("--convert-to" in c) for c in _calls(count)] == [True]
    meta = dataclasses.replace(default_data.meta, title=default_data.meta.title + " (revised)")
    changed = dataclasses.replace(default_data, meta=meta)
    build_all(changed, out, soffice=str(program))  # the last build rendered: the office first, then the render
    assert [("--convert-to" in c) for c in _calls(count)] == [True, False, True]
    assert "open.txt" in _calls(count)[1]
    build_all(changed, out, soffice=str(program))  # started in case; the render is cached
    assert [("--convert-to" in c) for c in _calls(count)] == [True, False, True, False]
    build_all(changed, out, soffice=str(program))  # the last build did not render: no office at all
    assert len(_calls(count)) == 4


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_no_cache_when_turned_off(default_data, stand_in, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "none")
    program, count = stand_in
    for d in ("one", "two"):
        build_all(default_data, tmp_path / d, soffice=str(program))
    assert len(_calls(count)) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in is a script with a #! line")
def test_pdf_build_starts_one_office_and_stops_it(default_data, stand_in, tmp_path, monkeypatch):
    """With --pdf the office is started at the beginning of the build (one call without
    --convert-to); the stand-in's conversions run on their own when it is gone."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    program, count = stand_in
    result = build_all(default_data, tmp_path / "out", soffice=str(program), pdf=True)
    calls = _calls(count)
    assert sum("--convert-to" not in c for c in calls) == 1 and "open.txt" in calls[0]
    assert sum("--convert-to" in c for c in calls) == 2  # the contents render and the PDF
    assert (tmp_path / "out" / "report.pdf").read_bytes().startswith(b"%PDF"), result.notes


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to see the processes")
def test_a_conversion_that_times_out_kills_its_whole_process_group(tmp_path):
    """soffice starts soffice.bin: a timeout must stop both, not only the program it ran."""
    from hsp_docs.soffice import Office

    pidfile = tmp_path / "child.pid"
    program = tmp_path / "hung-soffice"
    program.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pidfile}\nwait\n")
    program.chmod(0o755)
    source = tmp_path / "report.docx"
    source.write_bytes(b"x")
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="did not finish converting report.docx within 1 s"):
        Office(str(program)).convert(source, "pdf", tmp_path, timeout=1)
    assert time.monotonic() - started < 30
    child = int(pidfile.read_text())
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child), "the conversion's child process was left running"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to see the processes")
def test_the_build_office_stops_with_the_build(tmp_path):
    from hsp_docs.soffice import Office

    pidfile = tmp_path / "office.pid"
    program = tmp_path / "office"
    program.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pidfile}\nwait\n")
    program.chmod(0o755)
    with Office(str(program)) as office:
        office.start()
        for _ in range(100):
            if pidfile.exists() and pidfile.read_text().strip():
                break
            time.sleep(0.05)
        child = int(pidfile.read_text())
        assert _alive(child)
    for _ in range(100):
        if not _alive(child):
            break
        time.sleep(0.05)
    assert not _alive(child)


def test_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "none")
    assert cache.cache_dir() is None
    cache.put_json("k", "abc", [1])
    assert cache.get_json("k", "abc") is None
    monkeypatch.setenv(cache.ENV, str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
    cache.put_json("k", "abc", [["Heading", 3]])
    assert cache.get_json("k", "abc") == [["Heading", 3]]
    assert [p.name for p in (tmp_path / "c" / "k").iterdir()] == ["abc.json"]  # no temporary file left
    (tmp_path / "c" / "k" / "abc.json").write_text("{not json")
    assert cache.get_json("k", "abc") is None  # a damaged entry is made again, not an error
    monkeypatch.delenv(cache.ENV)
    if sys.platform not in ("win32", "darwin"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache.cache_dir() == tmp_path / "xdg" / "hsp-docs"


def test_package_digest_ignores_zip_times_but_not_content():
    def package(text: str, when: tuple) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(zipfile.ZipInfo("word/document.xml", when), text)
            core = f'<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">{when[0]}-01-01T00:00:00Z' \
                   '</dcterms:created></cp:coreProperties>'
            z.writestr(zipfile.ZipInfo("docProps/core.xml", when), core)
        return buf.getvalue()

    assert package_digest(package("a", (2020, 1, 1, 0, 0, 0))) == package_digest(package("a", (2024, 5, 6, 7, 8, 10)))
    assert package_digest(package("a", (2020, 1, 1, 0, 0, 0))) != package_digest(package("b", (2020, 1, 1, 0, 0, 0)))


def test_cache_keys_do_not_collide_by_concatenation():
    assert cache.content_key("ab", "c") != cache.content_key("a", "bc")
    assert os.path.basename(cache.content_key("x")) == cache.content_key("x")


def _default_probe(default_report) -> bytes:
    from hsp_docs.docx.writer import WordWriter, contents_probe

    return WordWriter(contents_probe(default_report), None).write()


def test_the_layout_document_has_frames_of_the_same_sizes(default_report, tmp_path):
    """with_frames: every chart and picture of the probe becomes an empty frame of its size; the
    rest of document.xml is untouched, and the package is valid."""
    import re

    from conftest import validate_ooxml
    from hsp_docs.docx.contents import FRAME_RID, with_frames

    probe = _default_probe(default_report)
    light = with_frames(probe)
    before = zipfile.ZipFile(io.BytesIO(probe)).read("word/document.xml").decode()
    after = zipfile.ZipFile(io.BytesIO(light)).read("word/document.xml").decode()
    drawing = re.compile(r"<w:drawing>.*?</w:drawing>", re.S)
    assert drawing.sub("", before) == drawing.sub("", after)
    extents = re.compile(r'<wp:extent cx="\d+" cy="\d+"/>')
    assert extents.findall(before) == extents.findall(after) and len(extents.findall(after)) >= 5
    chart = 'graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    assert chart in before and chart not in after
    assert after.count(f'r:embed="{FRAME_RID}"') == len(drawing.findall(after))
    (tmp_path / "light.docx").write_bytes(light)
    validate_ooxml(tmp_path / "light.docx")


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="needs LibreOffice")
def test_the_framed_layout_gives_the_full_renders_pages(default_report):
    """The contents' page numbers come from the framed document's outline: LibreOffice gives every
    heading the same page there as in a full, tagged render of the probe with its charts."""
    from hsp_docs.docx.contents import with_frames
    from hsp_docs.soffice import OUTLINE_FILTER, Office, heading_pages, to_pdf

    probe = _default_probe(default_report)
    with Office("soffice") as office:
        office.start()
        full = heading_pages(to_pdf(office, probe))
        framed = heading_pages(to_pdf(office, with_frames(probe), fmt=OUTLINE_FILTER))
    assert len(full) > 50 and full[-1][1] > 20  # every heading, over many pages
    assert framed == full
