"""The house style set by configuration: one Theme read by the Word report, the workbook's charts
and the HTML edition; its contrast checked; one colour per series name across every chart."""
from __future__ import annotations

import re
import zipfile

import pytest

from conftest import validate_ooxml
from hsp_docs.theme import DEFAULT_THEME, Theme, contrast_ratio, parse_theme, theme_problems

# A second house style: another font, palette, heading and header colours, no page per chapter.
SECOND = {"font": "Verdana", "heading_font": "Georgia", "body_size": 12, "heading_colour": "5B1A5E",
          "table_header_fill": "0B4F4A", "palette": ["0B4F4A", "E36C0A", "5B1A5E", "3A89C9"],
          "chapter_new_page": False}
THEME_TOML = """[theme]
font = "Verdana"
heading_font = "Georgia"
body_size = 12
heading_colour = "5B1A5E"
table_header_fill = "0B4F4A"
palette = ["0B4F4A", "E36C0A", "5B1A5E", "3A89C9"]
chapter_new_page = false
"""


def test_the_default_theme_meets_wcag():
    assert theme_problems(DEFAULT_THEME) == []
    assert contrast_ratio("767676") == pytest.approx(4.54, abs=0.01)


def test_parse_theme_keeps_defaults_and_names_each_wrong_setting():
    theme, problems = parse_theme({"font": "Verdana", "text": "#123456", "palette": ["000000"], "colour": "red",
                                   "body_size": 40, "chapter_new_page": "yes"})
    assert theme.font == "Verdana" and theme.text == "123456" and theme.palette == DEFAULT_THEME.palette
    assert [k for k, _ in problems] == ["palette", "colour", "body_size", "chapter_new_page"]
    assert all(m.startswith("[theme] ") for _, m in problems)


def test_low_contrast_colours_are_reported():
    problems = theme_problems(Theme(text="AAAAAA", palette=("1F3864", "203A66", "FFFF00")))
    messages = " ".join(m for _, m in problems)
    assert "[theme] text" in messages and "needs 4.5:1" in messages
    assert "palette colour 3: #FFFF00" in messages  # against the white background
    assert "palette colours 1 and 2" in messages  # navy next to navy


def test_check_reports_a_theme_below_contrast(inputs_copy):
    from hsp_docs.checks.data import check_data
    from hsp_docs.inputs.loader import load_inputs

    (inputs_copy / "theme.toml").write_text('[theme]\npalette = ["1F3864", "203A66"]\n', encoding="utf-8")
    found = [f for f in check_data(load_inputs(inputs_copy)) if f.check == "theme-contrast"]
    assert len(found) == 1 and found[0].severity == "error" and found[0].where == "theme.toml"


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
    data = load_inputs(inputs_copy)
    assert data.meta.theme == Theme(**{**SECOND, "body_size": 12.0, "palette": tuple(SECOND["palette"])})
    build_all(data, tmp_path / "second")
    build_all(default_data, tmp_path / "default")
    validate_ooxml(tmp_path / "second" / "report.docx", tmp_path / "second" / "datapack.xlsx")

    def parts(folder, prefix):
        z = zipfile.ZipFile(tmp_path / folder / ("report.docx" if prefix == "word" else "datapack.xlsx"))
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}

    word, book = parts("second", "word"), parts("second", "xl")
    styles = word["word/styles.xml"]
    assert 'w:ascii="Georgia"' in styles and 'w:ascii="Verdana"' in styles and 'w:val="5B1A5E"' in styles
    assert "pageBreakBefore" not in styles and "pageBreakBefore" in parts("default", "word")["word/styles.xml"]
    assert 'w:fill="0B4F4A"' in word["word/document.xml"] and 'w:fill="1F3864"' not in word["word/document.xml"]
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
