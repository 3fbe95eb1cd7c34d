"""Months and dates in one format each, from the theme (hsp_docs.dates): the report's tables,
chart categories, cover and back page, the workbook's cells and cover, and the HTML edition."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from conftest import validate_ooxml
from hsp_docs.dates import DateStyle, format_date, format_problem, month_of
from hsp_docs.theme import DEFAULT_THEME, parse_theme

SHORT_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d\d\b")  # the default "Apr-22"


@pytest.mark.parametrize("pattern, text", [
    ("mmm-yy", "Apr-22"), ("mmmm yyyy", "April 2022"), ("mm/yyyy", "04/2022"), ("d mmmm yyyy", "1 April 2022"),
    ("dd/mm/yyyy", "01/04/2022"), ("dddd, d mmm yyyy", "Friday, 1 Apr 2022"), ("yyyy-mm-dd", "2022-04-01"),
])
def test_format_date_writes_excel_style_codes(pattern, text):
    assert format_date(dt.date(2022, 4, 1), pattern) == text


@pytest.mark.parametrize("pattern", ["mmm-yy", "mmmm yyyy", "mm/yyyy", "yyyy-mm", "m.yy"])
def test_a_month_label_reads_back(pattern):
    for month in (dt.date(2022, 4, 1), dt.date(2023, 12, 1)):
        assert month_of(format_date(month, pattern), pattern) == month
    assert month_of("Total", pattern) is None


def test_format_problems_name_what_is_wrong():
    assert format_problem("mmm-yy", day=False) is None and format_problem("d mmmm yyyy", day=True) is None
    assert "leave the day out" in format_problem("d mmm yyyy", day=False)
    assert "needs the day" in format_problem("mmmm yyyy", day=True)
    assert "needs a month" in format_problem("yyyy", day=False)
    assert "d, m and y codes" in format_problem("%b %Y", day=False)
    theme, problems = parse_theme({"month_format": "%b-%y", "date_format": "dd/mm/yyyy"})
    assert theme.date_format == "dd/mm/yyyy" and theme.month_format == DEFAULT_THEME.month_format
    assert [k for k, _ in problems] == ["month_format"] and problems[0][1].startswith("[theme] month_format ")


def test_the_default_formats_are_the_seeds():
    """The seed heads its month columns "Apr-22" (18 of its 19 month labels) and writes dates in
    words ("31 August 2023")."""
    assert DEFAULT_THEME.dates == DateStyle("mmm-yy", "d mmmm yyyy")
    assert DEFAULT_THEME.dates.month_label(dt.date(2022, 7, 1)) == "Jul-22"


def _word_text(xml: str) -> str:
    return " ".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_another_month_format_changes_report_workbook_and_html_alike(inputs_copy, tmp_path):
    from hsp_docs.build import build_all, html_files
    from hsp_docs.inputs.loader import load_inputs
    from hsp_docs.sections import build_report_model

    (inputs_copy / "theme.toml").write_text('[theme]\nmonth_format = "mmmm yyyy"\ndate_format = "dd/mm/yyyy"\n',
                                            encoding="utf-8")
    data = load_inputs(inputs_copy)
    build_all(data, tmp_path)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    with zipfile.ZipFile(tmp_path / "report.docx") as z:
        document = z.read("word/document.xml").decode("utf-8")
        charts = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"word/charts/chart\d+\.xml", n))
    words = _word_text(document)
    # the cover, the back page, Table 1's event dates, the attendance and monthly tables' headers
    assert "01/04/2022 to 31/03/2023" in words and "Published 16/10/2023" in words
    assert "published 16/10/2023" in words and "12/12/2022" in words
    assert "July 2022" in words and "April 2022" in words and "March 2023" in words
    assert "June 2022" in charts and "April 2022" in charts  # the LADO and the monthly charts' categories
    tables = " ".join(_word_text(t) for t in re.findall(r"<w:tbl>.*?</w:tbl>", document, re.S))
    assert not SHORT_MONTH.search(tables) and not SHORT_MONTH.search(charts)
    assert not re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
                         r"November|December) 20\d\d\b", tables)

    book = openpyxl.load_workbook(tmp_path / "datapack.xlsx")
    cover = {r[0]: r[1] for r in book.worksheets[0].iter_rows(min_row=2, max_col=2) if r[0].value}
    by_label = {c.value: v for c, v in cover.items()}
    assert by_label["Publication date"].number_format == "dd/mm/yyyy"
    assert by_label["Period"].value == "01/04/2022 to 31/03/2023"
    assert by_label["Next update"].value.startswith("October 2024")
    month_cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
                   if c.is_date and c.number_format == "mmmm yyyy"]
    assert len(month_cells) >= 12 + 10  # the monthly table's and the LADO chart's months: dates, in its format
    texts = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(SHORT_MONTH.search(t) for t in texts)

    page = html_files(build_report_model(data), tmp_path)["index.html"].decode("utf-8")
    assert "Published 16/10/2023" in page and "01/04/2022 to 31/03/2023" in page
    assert ">April 2022<" in page and ">July 2022<" in page and ">12/12/2022<" in page
    assert not SHORT_MONTH.search(page)


def test_the_narrative_has_month_and_date_filters(default_data):
    from hsp_docs.sections.base import narrative_context
    from hsp_docs.sections.narrative import render

    context = narrative_context(default_data)
    out = render("{{ d | date }}; {{ d | month }}", {**context, "d": dt.date(2023, 3, 8)}, "x.md")
    assert out == "8 March 2023; Mar-23"
