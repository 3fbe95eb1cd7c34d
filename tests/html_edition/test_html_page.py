"""The HTML edition read back as a document (no browser): what it holds, how it is marked up,
that data stays text, that it is written like the other outputs, and its fidelity to the seed.
The browser tests (axe-core, keyboard, reflow) are in test_browser.py."""
from __future__ import annotations

import dataclasses
import re
import subprocess
import sys

import lxml.html
import pytest
from click.testing import CliRunner
from html_site import EXAMPLE_INPUTS, parse_page, text
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import SEED, SHARED, need_tool
from hsp_docs.build import build_all, build_html, report_model
from hsp_docs.cli import main
from hsp_docs.html import render_site
from hsp_docs.html.svg import nice_scale, tag, wrap
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.parts import Chart, ChartBlock, Heading, ImageBlock, Paragraph, Run, TableBlock
from tests_helpers import BUILD_OUTPUTS, set_cell

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory, default_data):
    out = tmp_path_factory.mktemp("html")
    build_all(default_data, out, html=True)
    return out


@pytest.fixture(scope="module")
def page(site):
    return parse_page(site / "html" / "index.html")


def footnote_runs(report) -> int:
    def runs(b):
        return b.runs if isinstance(b, (Paragraph, Heading)) else []
    return sum(1 for s in report.sections for b in s.blocks for r in runs(b) if r.footnote is not None)


def test_done_when_counts(page, default_report):
    """All sections, 14 footnotes, every table with caption and th, 13 SVG charts each with a
    text alternative and a data table."""
    sections = page.xpath("//main/section[h2][not(@class)]")
    assert [text(s.find("h2")) for s in sections] == [f"{i}. {s.title}" for i, s in
                                                      enumerate(default_report.sections, 1)]
    notes = page.xpath("//section[@class='footnotes']/ol/li")
    assert len(notes) == footnote_runs(default_report) == 14
    for n, li in enumerate(notes, 1):  # links both ways
        assert li.get("id") == f"fn-{n}" and li.xpath(f".//a[@href='#fnref-{n}']")
        (ref,) = page.xpath(f"//a[@id='fnref-{n}']")
        assert ref.get("href") == f"#fn-{n}" and text(ref) == str(n)
    tables = page.xpath("//table")
    assert len(tables) == len(default_report.tables()) + len(default_report.charts())
    for t in tables:
        assert text(t.find("caption")) and t.xpath("./thead/tr/th[@scope='col']")
    charts = page.xpath("//figure[@class='chart-figure']")
    assert len(charts) == len(default_report.charts()) == 13
    for fig, chart in zip(charts, default_report.charts()):
        (svg,) = fig.xpath("./svg")
        assert svg.get("role") == "img"
        title, desc = svg.xpath("./title")[0], svg.xpath("./desc")[0]
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert text(title) == chart.caption and text(desc) == " ".join(chart.alt.split())
        (data,) = fig.xpath("./details/div[@role='region']/table")
        assert len(data.xpath("./tbody/tr")) == len(chart.categories)
        assert text(fig.find("figcaption")) == chart.caption


def test_tables_match_the_report(page, default_report):
    for table in default_report.tables():
        (t,) = page.xpath(f"//table[caption/@id='table-{table.number}']")
        assert text(t.find("caption")) == table.caption
        assert [text(th) for th in t.xpath("./thead/tr/th")] == [c.header for c in table.columns]
        body = [[text(c) for c in tr] for tr in t.xpath("./tbody/tr")]
        assert body == [[" ".join(s.split()) for s in row] for row in table.cell_texts()]
        for tr in t.xpath("./tbody/tr"):  # numbers and n/m fractions right-aligned (class num)
            for cell, col in zip(tr, table.columns):
                assert ("num" in (cell.get("class") or "")) == col.right_aligned
        region = t.getparent()
        assert region.get("role") == "region" and region.get("tabindex") == "0"
        assert region.get("aria-labelledby") == f"table-{table.number}"
        totals = [i for i, tr in enumerate(t.xpath("./tbody/tr")) if tr.get("class") == "total"]
        assert set(totals) == set(table.total_rows)


def test_one_h1_then_headings_without_gaps(page, default_report):
    headings = page.xpath("//h1|//h2|//h3|//h4|//h5|//h6")
    levels = [int(h.tag[1]) for h in headings]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    h3 = [" ".join("".join(h.xpath(".//text()[not(ancestor::sup)]")).split())  # footnote marks aside
          for h in page.xpath("//main//h3")]
    expected = [" ".join(b.text.split()) for s in default_report.sections for b in s.blocks
                if isinstance(b, Heading) and b.level == 2]
    assert h3 == expected


def test_lang_title_skip_link_and_contents(page, default_data, default_report):
    m = default_data.meta
    assert page.get("lang") == m.language == "en-GB"
    assert text(page.find("head/title")) == f"{m.partnership} {m.title}"
    first = page.xpath("//body/*")[0]
    assert first.tag == "a" and first.get("href") == "#main" and page.xpath("//main[@id='main']")
    nav = page.xpath("//nav[@aria-labelledby='contents-heading']")[0]
    links = nav.xpath(".//a")
    targets = [a.get("href")[1:] for a in links]
    assert all(len(page.xpath(f"//*[@id='{t}']")) == 1 for t in targets)
    top = [text(a) for a in nav.xpath("./ul/li/a")]
    assert top == [f"{i}. {s.title}" for i, s in enumerate(default_report.sections, 1)] + ["Notes"]
    level2 = sum(1 for s in default_report.sections for b in s.blocks if isinstance(b, Heading) and b.level == 2)
    assert len(links) == len(top) + level2  # the Word contents' two levels


def test_lang_comes_from_the_inputs(default_report):
    meta = dataclasses.replace(default_report.meta, language="cy")
    report = dataclasses.replace(default_report, meta=meta)
    assert parse_html(render_site(report)["index.html"]).get("lang") == "cy"


def parse_html(blob: bytes):
    return lxml.html.fromstring(blob)


def test_safe_no_script_no_inline_style_and_a_csp(site, page):
    raw = (site / "html" / "index.html").read_text(encoding="utf-8")
    assert not page.xpath("//script|//style|//iframe|//object|//embed|//form")
    assert not page.xpath("//@style") and not [a for a in page.xpath("//@*") if a.attrname.startswith("on")]
    (csp,) = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    rules = dict(r.strip().split(" ", 1) for r in csp.split(";"))
    assert rules["default-src"] == "'none'" and rules["style-src"] == "'self'" and rules["img-src"] == "'self'"
    assert "unsafe" not in csp and "http" not in csp
    for ref in page.xpath("//link/@href|//img/@src"):  # only files beside the page: works offline
        assert not re.match(r"\w+:|//", ref) and (site / "html" / ref).is_file(), ref
    assert raw.startswith("<!DOCTYPE html>")


def test_images_are_copied_with_their_alt_text(site, page, default_report):
    images = [b for s in default_report.sections for b in s.blocks if isinstance(b, ImageBlock)]
    imgs = page.xpath("//main//img")
    assert [i.get("alt") for i in imgs] == [b.alt for b in images]
    for img, block in zip(imgs, images):
        assert (site / "html" / img.get("src")).read_bytes() == block.data


def test_the_cover_pictures_are_in_the_masthead(site, page, default_report):
    """The logo (a stand-in in the default inputs) with the alt text the Word cover gives it and
    its PLACEHOLDER label as visible text; the theme's panel decorative (alt="")."""
    logo = default_report.cover["logo"]
    (figure,) = page.xpath("//header//figure[contains(@class, 'logo')]")
    (img,) = figure.xpath(".//img")
    assert img.get("alt") == logo.published_alt and img.get("alt").startswith("Placeholder image")
    assert (site / "html" / img.get("src")).read_bytes() == logo.data
    assert text(figure.xpath(".//figcaption")[0]) == logo.placeholder_label
    (panel,) = page.xpath("//header//img[@class='cover-panel']")
    assert panel.get("alt") == "" and (site / "html" / panel.get("src")).read_bytes().startswith(b"\x89PNG")
    header = page.xpath("//header")[0]
    assert [c.tag for c in header][:2] == ["figure", "h1"]  # the logo first, as on the Word cover


def test_a_real_cover_picture_and_logo_and_no_panel(inputs_copy, tmp_path):
    """A cover picture given (not a stand-in): its own alt text, no label; cover_panel = false: no panel."""
    report_toml = inputs_copy / "report.toml"
    toml = report_toml.read_text(encoding="utf-8").replace("logo_placeholder = true", "")
    toml = toml.replace('logo_alt = "Harrow Safeguarding Partnership logo"',
                        'logo_alt = "Harrow Safeguarding Partnership logo"\nimage = "images/chair-photo.png"\n'
                        'image_alt = "Partners at the annual conference"')
    report_toml.write_text(toml + '\n[theme]\ncover_panel = false\n', encoding="utf-8")
    files = render_site(report_model(load_inputs(inputs_copy)))
    page = lxml.html.fromstring(files["index.html"])
    alts = [i.get("alt") for i in page.xpath("//header//img")]
    assert alts == ["Harrow Safeguarding Partnership logo", "Partners at the annual conference"]
    assert not page.xpath("//header//figcaption") and not page.xpath("//img[@class='cover-panel']")
    assert [c.tag for c in page.xpath("//header")[0]][:4] == ["p", "h1", "p", "p"]  # picture after the period


def test_links_to_the_other_outputs_written(site, page):
    links = {a.get("href"): text(a) for a in page.xpath("//nav[@class='downloads']//a")}
    assert set(links) == {f"../{name}" for name in BUILD_OUTPUTS}  # no PDF was written
    assert all((site / "html" / h).is_file() for h in links)


def test_lists_nest_as_in_the_word_report(page, default_report):
    items = [b for s in default_report.sections for b in s.blocks if isinstance(b, Paragraph) and b.bullet_level]
    sections = "//main/section[not(@class)]"
    assert len(page.xpath(f"{sections}//li")) == len(items)
    nested = sum(1 for b in items if b.bullet_level == 2)
    assert nested and len(page.xpath(f"{sections}//li/ul/li")) == nested


def test_data_is_only_ever_text(inputs_copy, tmp_path):
    nasty = '<script>alert(1)</script> & "q" \'s\' <img src=x onerror=alert(2)>'
    set_cell(inputs_copy, "training_courses", 2, "course", nasty)  # a table cell
    set_cell(inputs_copy, "lado_outcomes", 2, "outcome", nasty)  # a chart category and its data table
    set_cell(inputs_copy, "recommendations", 2, "text", nasty)  # a narrative bullet
    data = load_inputs(inputs_copy)
    build_all(data, tmp_path, html=True)
    page = parse_page(tmp_path / "html" / "index.html")
    assert not page.xpath("//script|//main//img[@src='x']") and not page.xpath("//@onerror")
    cells = [text(td) for td in page.xpath("//td|//th")]
    assert cells.count(nasty) >= 2  # the training table and the chart's data table
    assert any(nasty in text(li) for li in page.xpath("//main//li"))
    svg_text = " ".join(" ".join(t.itertext()) for t in page.xpath("//svg//text"))
    assert "<script>alert(1)</script>" in svg_text  # the chart's category label, as text


def test_every_chart_kind_draws(default_report):
    """Bar, column, line and pie: well-formed SVG, bars in proportion to their values, a missing
    value left as a gap (no bar, a broken line), never drawn as zero."""
    from hsp_docs.html.charts import chart_svg
    from hsp_docs.parts import Series

    for kind in ("bar", "column", "line", "pie"):
        series = [Series("A", [10, None, 30])] + ([] if kind == "pie" else [Series("B & <b>", [5, 15, 0])])
        chart = Chart(f"k_{kind}", f"A {kind} chart", kind, ["one", "two", "three"], series, alt=f"{kind} alt")
        chart.number = 1
        svg = etree.fromstring(str(chart_svg(chart, "f1")))
        assert svg.get("role") == "img" and svg.find(f"{SVG}title").text == "Figure 1: A " + kind + " chart"
        labels = [t for t in svg.iter(f"{SVG}text") if "".join(t.itertext()) in {"10", "30", "5", "15", "0"}]
        if kind == "bar":
            bars = [float(r.get("width")) for r in svg.iter(f"{SVG}rect") if r.get("height") != "14"]
            # by category, then series: A 10, B 5, (no bar for A's missing value) B 15, A 30, B 0
            assert len(bars) == 5 and bars[3] == pytest.approx(3 * bars[0], rel=0.01) == 6 * bars[1]
        if kind == "column":
            assert len([r for r in svg.iter(f"{SVG}rect") if float(r.get("width")) != 14]) == 5
        if kind == "line":
            first = next(p for p in svg.iter(f"{SVG}path") if p.get("fill") == "none")
            assert first.get("d").count("M") == 2  # broken at the missing value
        if kind == "pie":
            slices = [p for p in svg.iter(f"{SVG}path")]
            assert len(slices) == 2  # 10 and 30; the missing one has no slice
        else:
            assert len(labels) >= 4


def test_svg_writer():
    assert nice_scale(0, 3143, whole=True) == [0, 1000, 2000, 3000, 4000]
    assert nice_scale(0, 6, whole=True) == [0, 2, 4, 6]
    assert nice_scale(0, 0.83, whole=False, min_step=0.01) == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert nice_scale(0, 2, whole=True) == [0, 1, 2]  # counts: never a step below 1
    assert nice_scale(-12, 30, whole=True)[0] == -20
    assert wrap("Legal Agency -eg courts, probation, immigration, CAFCASS, prison", 30) == [
        "Legal Agency -eg courts,", "probation, immigration,", "CAFCASS, prison"]
    assert wrap("x" * 200, 10, max_lines=2)[-1].endswith("…")
    assert str(tag("text", "a < b & \"c\"", x=1.25, class_="k", font_size=None)) == \
        '<text x="1.2" class="k">a &lt; b &amp; &#34;c&#34;</text>'


def test_written_like_the_other_outputs(default_data, tmp_path, monkeypatch):
    """A build that fails leaves the last good page and its files untouched."""
    build_all(default_data, tmp_path, html=True)
    before = {p: p.read_bytes() for p in (tmp_path / "html").rglob("*") if p.is_file()}
    import hsp_docs.html.page as page_module

    def boom(*a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(page_module, "page_html", boom)
    with pytest.raises(RuntimeError):
        build_all(default_data, tmp_path, html=True)
    assert {p: p.read_bytes() for p in (tmp_path / "html").rglob("*") if p.is_file()} == before
    assert not list(tmp_path.rglob("*.part"))


def test_cli_and_api(default_data, tmp_path):
    result = CliRunner().invoke(main, ["build", "--html", "-o", str(tmp_path), "--soffice", "none"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "html" / "index.html").is_file() and str(tmp_path / "html" / "index.html") in result.output
    alone = tmp_path / "alone"
    path = build_html(default_data, alone)  # nothing else in the folder: no download links
    assert path == alone / "html" / "index.html"
    assert not parse_page(path).xpath("//nav[@class='downloads']")


def test_example_partnership(tmp_path):
    data = load_inputs(EXAMPLE_INPUTS)
    report = report_model(data)
    build_all(data, tmp_path, html=True)
    page = parse_page(tmp_path / "html" / "index.html")
    assert len(page.xpath("//main/section[h2][not(@class)]")) == len(report.sections)
    assert len(page.xpath("//svg[@role='img']")) == len(report.charts())
    assert len(page.xpath("//table[caption][thead/tr/th]")) == len(report.tables()) + len(report.charts())
    assert page.get("lang") == data.meta.language


def html_fidelity(page_path, tmp_path) -> str:
    """The fidelity tool's line for the page: footnote reference marks are left out (the seed's
    [footnoteRef:N] markers are stripped and a Word footnote reference carries no text), then
    pandoc turns the page into a .docx for the unchanged tool."""
    doc = lxml.html.parse(str(page_path))
    for sup in doc.getroot().xpath("//sup[@class='fnref']"):
        sup.drop_tree()
    marked = tmp_path / "page.html"
    marked.write_bytes(lxml.html.tostring(doc, doctype="<!DOCTYPE html>", encoding="utf-8"))
    docx = tmp_path / "page.docx"
    subprocess.run([need_tool("pandoc"), "-f", "html", "-t", "docx", str(marked), "-o", str(docx)],
                   check=True, capture_output=True)
    return fidelity(docx)


def fidelity(docx) -> tuple[float, float]:
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "fidelity.py"), str(SEED), str(docx)],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    m = re.match(r"prose ([\d.]+)% \(\d+/\d+\) tables ([\d.]+)% \(\d+/\d+\)", out)
    assert m, out
    return float(m.group(1)), float(m.group(2))


def test_fidelity_at_least_the_word_reports(site, tmp_path):
    if not (SHARED / "tools" / "fidelity.py").exists():
        pytest.skip("fidelity tool not found")
    html_prose, html_tables = html_fidelity(site / "html" / "index.html", tmp_path)
    word_prose, word_tables = fidelity(site / "report.docx")
    assert html_prose >= word_prose and html_tables >= word_tables, (html_prose, html_tables, word_prose,
                                                                     word_tables)


def test_charts_without_a_series_are_refused():
    chart = Chart("empty", "Empty", "bar", [], [], alt="")
    from hsp_docs.html.charts import chart_svg

    with pytest.raises(ValueError, match="no categories"):
        chart_svg(chart, "f")


def test_blocks_written_in_order(page, default_report):
    """Tables, charts and images come where the report places them, in order."""
    order = []
    for s in default_report.sections:
        for b in s.blocks:
            if isinstance(b, TableBlock):
                order.append(f"table-{b.table.number}")
            elif isinstance(b, ChartBlock):
                order.append(f"figure-{b.chart.number}")
    seen = [e.get("id") for e in page.xpath("//main//caption[starts-with(@id, 'table-')]|//main//figure[@id]")]
    assert seen == order


def test_footnote_in_a_heading_and_link_text(page):
    heading = [h for h in page.xpath("//main//h3") if h.xpath(".//sup[@class='fnref']")]
    assert heading  # "The Six Steps for Independent Scrutiny" carries note 8
    links = page.xpath("//main//a[starts-with(@href, 'http')]")
    assert links and all(text(a) for a in links)


def test_a_pdf_written_with_it_is_linked(default_report):
    from hsp_docs.html import Download

    page = parse_html(render_site(default_report, [Download("report.docx", 2048), Download("report.pdf", 3 << 20),
                                                   Download("datapack.xlsx", 1024)])["index.html"])
    links = page.xpath("//nav[@class='downloads']//li")
    assert [li.find("a").get("href") for li in links] == ["../report.docx", "../report.pdf", "../datapack.xlsx"]
    assert [text(li) for li in links][1] == "The report as a PDF (report.pdf, 3.0 MB)"
    assert links[1].find("a").get("type") == "application/pdf"


def test_nested_lists_never_skip_a_level():
    from markupsafe import Markup

    from hsp_docs.html.blocks import nested_list

    html = str(nested_list([(2, Markup("a")), (1, "b <c>"), (3, "d"), (1, "e")]))
    assert html == "<ul><li>a</li><li>b &lt;c&gt;<ul><li>d</li></ul></li><li>e</li></ul>\n"


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_text_from_the_data_comes_back_as_text(value):
    """Whatever a cell, a category or a run holds (the loader has removed control characters
    and lone surrogates), the page shows exactly it, and it makes no element."""
    from hsp_docs.html.blocks import Page, runs_html
    from hsp_docs.html.charts import chart_svg
    from hsp_docs.html.tables import report_table
    from hsp_docs.parts import Column, Run, Series, Table

    table = Table("t", value, [Column(value), Column("n", "count")], [[value, 1]], number=1)
    chart = Chart("c", value, "bar", [value], [Series(value, [1])], alt=value, number=1)
    html = (f"<div>{report_table(table)}{chart_svg(chart, 'f')}"
            f"<p>{runs_html([Run(value, bold=True, url='https://example.org/' + value)], Page())}</p></div>")
    root = lxml.html.fromstring(html)
    expected = " ".join(value.split())
    assert [text(e) for e in root.xpath("//caption|//th|//td|//p")] == [
        f"Table 1: {expected}".strip(), expected, "n", expected, "1", expected]
    assert {e.tag for e in root.iter() if isinstance(e.tag, str)} <= {
        "div", "table", "caption", "span", "thead", "tbody", "tr", "th", "td", "p", "a", "strong", "svg", "title",
        "desc", "g", "rect", "line", "text", "tspan"}


def test_ids_are_unique_even_when_a_heading_reads_like_a_caption(default_report):
    report = dataclasses.replace(default_report, sections=[
        dataclasses.replace(default_report.sections[-1], blocks=[
            Heading(2, [Run("Table 3")]), Heading(2, [Run("Figure 5 title")]), Heading(2, [Run("fn 1")]),
            *default_report.sections[-1].blocks])])
    page = parse_html(render_site(report)["index.html"])
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert all(len(page.xpath(f"//*[@id='{h[1:]}']")) == 1 for h in page.xpath("//a/@href") if h.startswith("#"))
