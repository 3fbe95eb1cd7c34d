"""Record-level appendix tables ([[appendix_tables]] in report.toml): declared, checked cell by
cell, printed as a table of the report and a sheet of the workbook, carried to next year empty."""
from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from conftest import validate_ooxml
from docx import Document
from hsp_docs.build import build_all
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs

DECLARATION = '''
[[appendix_tables]]
key = "contacts"
title = "Contacts received by the front door, 2022-23"
file = "appendices/contacts.csv"
source = "Children's social care case management system"
notes = ["Each row is one contact."]
owner = "Children's social care (Harrow Council)"
columns = [
  { name = "Contact reference" },
  { name = "Date received", kind = "date" },
  { name = "Team" },
  { name = "Children in household", kind = "count" },
  { name = "Cost", kind = "money" },
  { name = "Share of cases", kind = "percent", dp = 1 },
]
'''
HEADER = ["Contact reference", "Date received", "Team", "Children in household", "Cost", "Share of cases"]


def records(n: int) -> list[list[str]]:
    """n contacts, a blank cell now and then, in the forms a spreadsheet export writes."""
    start = dt.date(2022, 4, 1)
    return [[f"C{i:06d}", f"{start + dt.timedelta(days=i % 365):%d/%m/%Y}", f"Locality team {i % 7 + 1}",
             "" if i % 50 == 0 else str(i % 6), f"£{(i % 400) * 12.5:,.2f}", f"{(i % 1000) / 10:.1f}%"]
            for i in range(n)]


def add_appendix(folder: Path, rows: list[list[str]], declaration: str = DECLARATION,
                 header: list[str] = HEADER) -> Path:
    (folder / "appendices").mkdir(exist_ok=True)
    with (folder / "appendices" / "contacts.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    with (folder / "report.toml").open("a", encoding="utf-8") as f:
        f.write(declaration)
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(InputError) as exc:
        load_inputs(folder)
    return [str(p) for p in exc.value.problems]


def test_an_appendix_is_a_table_of_the_report_and_a_sheet_of_the_workbook(inputs_copy, tmp_path):
    data = load_inputs(add_appendix(inputs_copy, records(1200)))
    (a,) = data.appendices
    assert len(a.rows) == 1200
    assert a.rows[1] == ("C000001", dt.date(2022, 4, 2), "Locality team 2", 1, Decimal("12.50"), 0.001)
    assert a.rows[0][3] is None  # a blank cell: not available

    build_all(data, tmp_path)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    doc = Document(str(tmp_path / "report.docx"))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("Table")]
    assert captions[-1].endswith(": Contacts received by the front door, 2022-23")  # the report's last table
    table = doc.tables[-1]
    assert len(table.rows) == 1201
    assert [c.text for c in table.rows[0].cells] == HEADER
    assert [c.text for c in table.rows[2].cells] == ["C000001", "2 April 2022", "Locality team 2", "1", "£12.50",
                                                     "0.1%"]
    assert [c.text for c in table.rows[1].cells][3:5] == ["[x]", "£0.00"]  # pence in the column: all show them

    number = captions[-1].split(":")[0].split()[-1]
    ws = openpyxl.load_workbook(tmp_path / "datapack.xlsx")[f"Table_{number}"]
    assert ws["A1"].value.startswith(captions[-1])  # and its [note N] marker
    values = [[c.value for c in r] for r in ws.iter_rows(min_row=1) if r[0].value == "C000001"][0]
    assert values == ["C000001", dt.datetime(2022, 4, 2), "Locality team 2", 1, 12.5, 0.001]
    cost = next(r for r in ws.iter_rows() if r[0].value == "C000001")[4]
    assert cost.number_format == "£#,##0.00"  # as the Word table prints it: £12.50, not £13
    assert sum(1 for r in ws.iter_rows() if str(r[0].value or "").startswith("C0")) == 1200


def test_a_narrative_places_it_where_it_says(inputs_copy):
    from hsp_docs.parts import TableBlock
    from hsp_docs.sections import build_report_model

    folder = add_appendix(inputs_copy, records(5))
    intro = folder / "narrative" / "introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n[[table: contacts]]\n", encoding="utf-8")
    data = load_inputs(folder)

    def where(report):
        return [s.key for s in report.sections for b in s.blocks
                if isinstance(b, TableBlock) and b.table.key == "contacts"]

    assert where(build_report_model(data)) == ["introduction"]
    assert where(build_report_model(data, only=["appendices"])) == []  # its place is not being built


def test_a_bad_cell_names_the_file_row_and_column(inputs_copy):
    rows = records(5)
    rows[2][1] = "sometime in May"
    rows[3][3] = "two"
    found = problems(add_appendix(inputs_copy, rows))
    assert found == [
        "2022-23/appendices/contacts.csv, row 4, column 'Date received': expected a date like 2022-12-31 or "
        "31/12/2022, got 'sometime in May'",
        "2022-23/appendices/contacts.csv, row 5, column 'Children in household': expected a whole number >= 0, "
        "got 'two'"]


def test_the_header_must_be_the_declared_columns(inputs_copy):
    found = problems(add_appendix(inputs_copy, [r + ["x"] for r in records(3)], header=HEADER + ["Worker name"]))
    assert len(found) == 1
    assert found[0].startswith("2022-23/appendices/contacts.csv, row 1: unknown column(s) 'Worker name'")


@pytest.mark.parametrize("change, expected", [
    (('key = "contacts"', 'key = "budget_outturn"'),
     "[[appendix_tables]] number 1: key 'budget_outturn' is already a table of the report: choose another"),
    (('key = "contacts"', 'key = "my contacts"'),
     "[[appendix_tables]] number 1: key 'my contacts' should be one word of letters, digits, _ or -"),
    (('file = "appendices/contacts.csv"', 'file = "../../contacts.csv"'),
     "[[appendix_tables]] number 1: file '../../contacts.csv' is outside the inputs folder (through '..' or a "
     "symlink): name a file inside it"),
    (('kind = "count"', 'kind = "number"'),
     "[[appendix_tables]] number 1 ('contacts'): column 'Children in household' has kind 'number'; the kinds are "
     "text, count, money, percent, date, month"),
    (('title = "Contacts received by the front door, 2022-23"\n', ''),
     "[[appendix_tables]] number 1 needs 'title' (text)"),
    (('owner = ', 'owners = '),
     "[[appendix_tables]] number 1: unknown setting(s) owners (the settings: key, title, file, columns, source, "
     "notes, landscape, owner, report)"),
    (('kind = "count"', 'type = "count"'),
     "[[appendix_tables]] number 1 ('contacts'): column 'Children in household': unknown setting(s) type (the "
     "settings: name, kind, dp, unit)"),
    (('{ name = "Team" },', '{ name = "Team" }, { name = "Team" },'),
     "[[appendix_tables]] number 1 ('contacts'): column 'Team' is declared twice"),
])
def test_a_bad_declaration_says_what_to_write(inputs_copy, change, expected):
    found = problems(add_appendix(inputs_copy, records(3), DECLARATION.replace(*change)))
    assert found == [f"2022-23/report.toml: {expected}"]


def test_a_missing_file_is_named(inputs_copy):
    add_appendix(inputs_copy, records(3))
    (inputs_copy / "appendices" / "contacts.csv").unlink()
    assert problems(inputs_copy) == ["2022-23/appendices/contacts.csv: is missing: [[appendix_tables]] number 1 "
                                     "('contacts') in report.toml points to it"]


def test_next_year_starts_it_empty_and_check_asks_for_its_rows(inputs_copy, tmp_path):
    from hsp_docs.checks.data import check_data
    from hsp_docs.newyear import new_year
    from hsp_docs.sections import build_report_model

    new = new_year("2023-24", add_appendix(inputs_copy, records(3)))
    assert (new / "appendices" / "contacts.csv").read_text(encoding="utf-8").splitlines() == [",".join(HEADER)]
    data = load_inputs(new)
    report = build_report_model(data)
    texts = [r.text for b in report.sections[-1].blocks for r in getattr(b, "runs", [])]
    assert ("[to be completed: Contacts received by the front door, 2023-24, from appendices/contacts.csv]"
            in texts)
    (finding,) = [f for f in check_data(data, report) if f.where == "appendices/contacts.csv"]
    assert finding.check == "no-rows-yet" and finding.owner == "Children's social care (Harrow Council)"


def test_a_landscape_appendix_at_the_end_leaves_no_empty_page(inputs_copy, tmp_path):
    """A landscape table that ends the report's sections closes its landscape section straight
    after its notes; the portrait back page follows, with nothing between."""
    import zipfile

    from lxml import etree

    folder = add_appendix(inputs_copy, records(20), DECLARATION.replace('owner = ', 'landscape = true\nowner = '))
    build_all(load_inputs(folder), tmp_path)
    validate_ooxml(tmp_path / "report.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = etree.fromstring(zipfile.ZipFile(tmp_path / "report.docx").read("word/document.xml"))[0]
    *content, final = list(body)
    assert final.tag == f"{w}sectPr" and final.find(f"{w}pgSz").get(f"{w}orient") is None  # the back page
    back = max(i for i, p in enumerate(content) if p.find(f"{w}pPr/{w}pageBreakBefore") is not None)
    closing = content[back - 1]  # the landscape section ends just before the back page
    assert closing.find(f"{w}pPr/{w}sectPr/{w}pgSz").get(f"{w}orient") == "landscape"
    assert content[back - 4].tag == f"{w}tbl"  # the table, its note and source line, then the section's end
    breaks = [p for p in content if p.find(f"{w}pPr/{w}sectPr") is not None]
    assert [b.find(f"{w}pPr/{w}sectPr/{w}pgSz").get(f"{w}orient") for b in breaks][-2] is None  # portrait before


def test_report_false_publishes_it_in_the_workbook_alone(inputs_copy, tmp_path):
    declaration = DECLARATION.replace("owner = ", "report = false\nowner = ")
    data = load_inputs(add_appendix(inputs_copy, records(30), declaration))
    build_all(data, tmp_path)
    validate_ooxml(tmp_path / "report.docx", tmp_path / "datapack.xlsx")
    doc = Document(str(tmp_path / "report.docx"))
    assert not any("Contacts received" in p.text for p in doc.paragraphs)
    assert not any(t.rows[0].cells[0].text == "Contact reference" for t in doc.tables)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith("Table")]
    wb = openpyxl.load_workbook(tmp_path / "datapack.xlsx")
    sheet = wb[f"Table_{len(captions) + 1}"]  # numbered after the report's own tables
    assert sheet["A1"].value.startswith(f"Table {len(captions) + 1}: Contacts received by the front door")
    assert sum(1 for r in sheet.iter_rows(values_only=True) if str(r[0]).startswith("C0")) == 30
    notes = [r[1] for r in wb["Notes"].iter_rows(values_only=True)]
    assert "Published in this workbook only: the report does not print it." in notes

    intro = inputs_copy / "narrative" / "introduction.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n[[table: contacts]]\n", encoding="utf-8")
    from hsp_docs.sections import build_report_model
    from hsp_docs.sections.narrative import NarrativeError

    with pytest.raises(NarrativeError, match=r"\[\[table: contacts\]\] is published in the workbook alone"):
        build_report_model(load_inputs(inputs_copy))
