"""A large table (spliced into document.xml as text, docx/splice.py): the document is streamed
out, and the accessibility check reads the table's specimen in its place and finds what it
would find in the whole document."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from decimal import Decimal
from types import SimpleNamespace

from conftest import validate_ooxml
from hsp_docs.checks.docx_a11y import check_docx, check_written_report
from hsp_docs.docx.splice import SPLICE_ROWS
from hsp_docs.docx.tables import specimen
from hsp_docs.docx.writer import write_report
from hsp_docs.parts import Column, Heading, Report, Run, Section, Table, TableBlock
from hsp_docs.theme import DEFAULT_THEME

META = SimpleNamespace(partnership="Example Safeguarding Partnership", title="Annual Report 2022-23",
                       period_label="1 April 2022 to 31 March 2023", current_year="2022-23",
                       publication_date=dt.date(2023, 10, 16), author="Example", contact="Unit",
                       language="en-GB", boards=(), theme=DEFAULT_THEME, accessible_formats="", copyright="")


def _table(n: int, **kw) -> Table:
    columns = [Column("Reference"), Column("Received", "date"), Column("Children", "count"),
               Column("Cost", "money", unit="£", dp=2)]
    rows = [[f"C{i:06d}", dt.date(2022, 4, 1) + dt.timedelta(days=i % 365), i % 7, Decimal(i % 900) / 4]
            for i in range(n)]
    return Table("contacts", "Contacts", columns, rows, **kw)


def _report(*tables: Table) -> Report:
    blocks = [Heading(2, [Run("Records")]), *(TableBlock(t) for t in tables)]
    report = Report(META, [Section("appendix", "Appendix", blocks)])
    report.number_parts()
    return report


def _codes(findings) -> list[tuple[str, str]]:
    return sorted((f.check, f.message) for f in findings)


def test_the_check_of_a_spliced_report_is_the_check_of_the_whole_document(tmp_path):
    big = _table(SPLICE_ROWS + 500, total_rows=frozenset({3}))
    empty_header = dataclasses.replace(_table(SPLICE_ROWS + 10), columns=[Column(""), *_table(1).columns[1:]])
    written = write_report(_report(_table(5), big, empty_header))
    assert written.splices.tables and written.splices.unspliced != written.docx
    whole = check_docx(io.BytesIO(written.docx), "report.docx")
    assert _codes(check_written_report(written)) == _codes(whole)
    assert ("table-header", "Table 3: a header cell is empty.") in _codes(whole)  # found in the specimen too
    path = tmp_path / "r.docx"
    path.write_bytes(written.docx)
    validate_ooxml(path)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert xml.count("<w:tr>") == (5 + 1) + (len(big.rows) + 1) + (SPLICE_ROWS + 10 + 1)  # every row, once


def test_specimen_keeps_one_row_of_each_kind():
    t = _table(50, total_rows=frozenset({10, 20}), row_kinds={30: "percent", 31: "percent"})
    s = specimen(t)
    assert [r[0] for r in s.rows] == ["C000000", "C000010", "C000020", "C000030"]
    assert s.total_rows == frozenset({1, 2}) and s.row_kinds == {3: "percent"}
    assert s.caption == t.caption
