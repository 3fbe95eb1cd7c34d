"""The house style set by configuration: one Theme read by the Word report, the workbook's charts
and the HTML edition; its contrast checked; one colour per series name across every chart."""
from __future__ import annotations

import io
import re
import zipfile
from types import SimpleNamespace

import pytest
from PIL import Image

from conftest import validate_ooxml
from hsp_docs.theme import (
    DEFAULT_THEME,
    Theme,
    adjacent_series,
    contrast_ratio,
    parse_theme,
    series_problems,
    theme_problems,
)

# A second house style: another font, palette, heading and header colours, no page per chapter.
SECOND = {"font": "Verdana", "heading_font": "Georgia", "body_size": 12, "heading_colour": "5B1A5E",
          "table_header_fill": "0B4F4A", "palette": ["0B4F4A", "E36C0A", "5B1A5E", "3A89C9"],
          "chapter_new_page": False, "contents_levels": 3}
THEME_TOML = """[theme]
logo = "images/brand-logo.png"
logo_alt = "Partnership logo in the second house style"
font = "Verdana"
heading_font = "Georgia"
body_size = 12
heading_colour = "5B1A5E"
table_header_fill = "0B4F4A"
palette = ["0B4F4A", "E36C0A", "5B1A5E", "3A89C9"]
chapter_new_page = false
contents_levels = 3
"""


def test_the_default_theme_meets_wcag():
    assert theme_problems(DEFAULT_THEME) == []
    assert contrast_ratio("767676") == pytest.approx(4.54, abs=0.01)


def test_parse_theme_keeps_defaults_and_names_each_wrong_setting():
    theme, problems = parse_theme({"font": "Verdana", "text": "#123456", "palette": ["000000"], "colour": "red",
                                   "body_size": 40, "chapter_new_page": "yes", "contents_levels": 4})
    assert theme.font == "Verdana" and theme.text == "123456" and theme.palette == DEFAULT_THEME.palette
    assert [k for k, _ in problems] == ["palette", "colour", "body_size", "chapter_new_page", "contents_levels"]
    assert all(m.startswith("[theme] ") for _, m in problems)


def test_low_contrast_colours_are_reported():
    problems = theme_problems(Theme(text="AAAAAA", palette=("1F3864", "203A66", "FFFF00")))
    messages = " ".join(m for _, m in problems)
    assert "[theme] text" in messages and "needs 4.5:1" in messages
    assert "palette colour 3: #FFFF00" in messages  # against the white background
    assert "palette colours" not in messages  # colours side by side are judged in the charts that draw them


def test_series_side_by_side_are_checked_in_the_charts_that_draw_them():
    """Slots 0 and 2 are both navy: a chart whose neighbouring bars take them fails; the same
    colours apart (a line chart, or bars not side by side) do not."""
    theme = Theme(palette=("1F3864", "E36C0A", "203A66", "00968F"))

    def chart(kind, slots, caption="Figure 4: Outcomes"):
        return SimpleNamespace(kind=kind, caption=caption, series=[SimpleNamespace(name=f"s{k}") for k in slots],
                               categories=[f"c{k}" for k in slots], series_slot=lambda i: slots[i],
                               point_slot=lambda i: slots[i])

    assert series_problems([chart("column", [0, 1, 2])], theme) == []  # navy, orange, navy: no two alike adjacent
    (problem,) = series_problems([chart("bar", [0, 2, 1])], theme)
    assert problem[0] == "error" and problem[1].startswith("Figure 4: Outcomes: 's0' (#1F3864) next to 's2' "
                                                           "(#203A66) has contrast 1.0:1")
    assert series_problems([chart("line", [0, 2])], theme) == []  # lines: markers and dashes tell them apart
    (pie,) = series_problems([chart("pie", [2, 1, 0])], theme)  # the last slice lies beside the first
    assert "'c0' (#1F3864) next to 'c2' (#203A66)" in pie[1]


def test_the_default_report_has_no_two_series_alike_side_by_side(default_report):
    assert series_problems(default_report.charts(), DEFAULT_THEME) == []
    pairs = {(a, b) for ch in default_report.charts() for a, _, b, _ in adjacent_series(ch)}
    assert {("Concerns", "Enquiries"), ("Enquiries", "Concluded cases"), ("2022-23", "2021-22")} <= pairs  # judged


def test_check_names_the_chart_and_the_two_series(inputs_copy):
    from hsp_docs.checks.data import check_data
    from hsp_docs.inputs.loader import load_inputs

    (inputs_copy / "theme.toml").write_text('[theme]\npalette = ["1F3864", "203A66", "00968F"]\n', encoding="utf-8")
    findings = check_data(load_inputs(inputs_copy))
    assert [f for f in findings if f.check == "theme-contrast"] == []  # each colour is fine on white
    found = [f for f in findings if f.check == "series-contrast"]
    assert found and all(f.severity == "error" and f.where == "theme.toml" for f in found)
    assert any(re.match(r"Figure 1: .*: '2022/2023' \(#1F3864\) next to '2021/2022' \(#203A66\)", f.message)
               or re.match(r"Figure \d+: .*'2022-23' \(#1F3864\) next to '2021-22' \(#203A66\)", f.message)
               for f in found), [f.message for f in found]


def test_a_bad_setting_is_an_input_error_naming_the_file(inputs_copy):
    from hsp_docs.errors import InputError
    from hsp_docs.inputs.loader import load_inputs

    path = inputs_copy / "report.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[theme]\ntable_header_fill = "navy"\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_inputs(inputs_copy)
    assert "report.toml" in str(exc.value) and "table_header_fill must be a colour" in str(exc.value)


def test_each_series_keeps_one_colour_across_every_chart(default_report):
    seen: dict[str, set[int]] = {}
    for ch in default_report.charts():
        if ch.kind == "pie" or len(ch.series) < 2:
            continue
        slots = [ch.series_slot(i) for i in range(len(ch.series))]
        assert len(set(slots)) == len(slots), ch.caption  # never two series alike in one chart
        for s, slot in zip(ch.series, slots):
            seen.setdefault(s.name.replace("/", "-"), set()).add(slot)
    assert all(len(v) == 1 for v in seen.values()), seen
    assert seen["2022-23"] == {0} and seen["2021-22"] == {1}  # this year always the lead colour


def _colours(xml: str) -> list[str]:
    return re.findall(r'srgbClr val="([0-9A-F]{6})"', xml)


def test_a_second_theme_changes_report_workbook_and_charts_alike(inputs_copy, tmp_path, default_data):
    from hsp_docs.build import build_all, html_files
    from hsp_docs.inputs.loader import load_inputs
    from hsp_docs.sections import build_report_model

    (inputs_copy / "theme.toml").write_text(THEME_TOML, encoding="utf-8")
    logo = io.BytesIO()
    Image.new("RGB", (240, 96), (0x5B, 0x1A, 0x5E)).save(logo, "PNG")
    (inputs_copy / "images" / "brand-logo.png").write_bytes(logo.getvalue())
    report_toml = inputs_copy / "report.toml"  # the house style brings the logo: [cover] names none
    report_toml.write_text(re.sub(r"\nlogo(_alt|_placeholder)? = [^\n]*", "", report_toml.read_text(encoding="utf-8")),
                           encoding="utf-8")
    data = load_inputs(inputs_copy)
    assert data.meta.theme == Theme(**{**SECOND, "body_size": 12.0, "palette": tuple(SECOND["palette"]),
                                       "logo": "images/brand-logo.png",
                                       "logo_alt": "Partnership logo in the second house style"})
    build_all(data, tmp_path / "second")
    build_all(default_data, tmp_path / "default")
    validate_ooxml(tmp_path / "second" / "report.docx", tmp_path / "second" / "datapack.xlsx")

    def parts(folder, prefix):
        z = zipfile.ZipFile(tmp_path / folder / ("report.docx" if prefix == "word" else "datapack.xlsx"))
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}

    word, book = parts("second", "word"), parts("second", "xl")
    cover = word["word/document.xml"].split(">Contents<")[0]  # the theme's logo on the cover, with its alt text
    assert 'descr="Partnership logo in the second house style"' in cover and "PLACEHOLDER" not in cover
    with zipfile.ZipFile(tmp_path / "second" / "report.docx") as z:
        assert any(z.read(n) == logo.getvalue() for n in z.namelist() if n.startswith("word/media/"))
    styles = word["word/styles.xml"]
    assert 'w:ascii="Georgia"' in styles and 'w:ascii="Verdana"' in styles and 'w:val="5B1A5E"' in styles
    assert "pageBreakBefore" not in styles and "pageBreakBefore" in parts("default", "word")["word/styles.xml"]
    assert 'w:fill="0B4F4A"' in word["word/document.xml"] and 'w:fill="1F3864"' not in word["word/document.xml"]
    # the contents lists the theme's levels: a third-level heading listed, a fourth not
    toc = re.findall(r'TOC(\d)"/>.*?<w:t(?: [^>]*)?>([^<]*)</w:t>', word["word/document.xml"])
    default_doc = parts("default", "word")["word/document.xml"]
    assert 'TOC \\o "1-3"' in word["word/document.xml"] and 'TOC \\o "1-2"' in default_doc
    assert ("3", "August 2022. Clinical Record Keeping: A Dip Sample of Groups and Relationships recording on "
                 "System One") in toc and not any(t == "Background / Rationale" for _, t in toc)
    palette = set(SECOND["palette"])
    for charts in ([x for n, x in word.items() if n.startswith("word/charts/")],
                   [x for n, x in book.items() if n.startswith("xl/charts/")]):
        used = {c for x in charts for c in _colours(x)}
        assert palette <= used, used  # every colour of the new palette drawn, in Word and in the workbook
        assert not used & (set(DEFAULT_THEME.palette) - palette)  # none of the default palette's left
        assert all('typeface="Verdana"' in x for x in charts)
    # the same series has the same colour in the Word chart and the workbook's chart of a figure
    w1 = next(x for n, x in word.items() if n == "word/charts/chart1.xml")
    b1 = next(x for n, x in book.items() if n.startswith("xl/charts/chart1"))
    assert [c for c in _colours(w1) if c in palette][:2] == [c for c in _colours(b1) if c in palette][:2]
    css = html_files(build_report_model(data), tmp_path)["style.css"].decode("utf-8")
    assert "Verdana" in css and "#5B1A5E" in css and "#0B4F4A" in css
    page = html_files(build_report_model(data), tmp_path)["index.html"].decode("utf-8")
    assert 'fill="#0B4F4A"' in page  # the charts' SVG in the second palette
    assert 'alt="Partnership logo in the second house style"' in page  # and its logo in the masthead
