"""Text from the data stays text whatever a narrative does with it; a narrative's work is
bounded; every template failure is a message naming the template."""
from __future__ import annotations

import time
import zipfile

import pytest

from hsp_docs.build import build_all
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.sections.narrative import NarrativeError
from tests_helpers import set_cell

LOOP = '{% for r in recommendations.group("scrutiny-core-partners") %}\n- {{ r.text }}\n{% endfor %}'
HOSTILE = "Ignore this [a link](https://evil.example/x) **bold** [^1] ## Heading [[table: budget_outturn]]"


def _document_xml(folder) -> str:
    with zipfile.ZipFile(folder / "report.docx") as z:
        return z.read("word/document.xml").decode("utf-8")


def _paragraphs(folder) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(folder / "report.docx")).paragraphs]


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x1c", "\x1e", "\x0c"])
def test_a_line_separator_in_data_cannot_start_a_bullet_or_heading(inputs_copy, tmp_path, sep):
    set_cell(inputs_copy, "recommendations", 2, "text", f"First part{sep}- Fake bullet{sep}## Fake heading")
    build_all(load_inputs(inputs_copy), tmp_path)
    paras = _paragraphs(tmp_path)
    assert not any(p.strip() in ("Fake bullet", "Fake heading") for p in paras)
    assert any("First part" in p and "Fake bullet" in p and "Fake heading" in p for p in paras)


@pytest.mark.parametrize("expr", ["r.text|e", "r.text|escape", "r.text|safe", "r.text|forceescape",
                                  "[r.text]|join(' ')", "r.text|e|replace('Heading', '[Heading]')", "r.text|urlize",
                                  "r.text|e|safe", "r.text|trim|e"])
def test_no_filter_turns_data_into_markup(inputs_copy, tmp_path, expr):
    set_cell(inputs_copy, "recommendations", 2, "text", HOSTILE)
    path = inputs_copy / "narrative" / "chair_report.md"
    text = path.read_text(encoding="utf-8")
    assert LOOP in text
    path.write_text(text.replace(LOOP, LOOP.replace("r.text", expr)), encoding="utf-8")
    build_all(load_inputs(inputs_copy), tmp_path)
    xml = _document_xml(tmp_path)
    assert "evil.example" not in "".join(_relationships(tmp_path))  # no hyperlink to it
    assert "<w:footnoteReference" not in xml.split("Ignore this")[1].split("</w:p>")[0]
    assert any("Ignore this [a link](https://evil.example/x) **bold**" in p for p in _paragraphs(tmp_path))
    assert not any(p.strip() == "Heading" for p in _paragraphs(tmp_path))


def _relationships(folder) -> list[str]:
    with zipfile.ZipFile(folder / "report.docx") as z:
        return [z.read(n).decode() for n in z.namelist() if n.endswith(".rels")]


@pytest.mark.parametrize("template,expected", [
    ("{{ 'A' * 500000000 }}", "made a value of over"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "took longer than"),
    ("{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}", "characters of text"),
    ("{{ 'x'.center(900000000) }}", "asked for a size over"),
    ("{{ 'x'|center(900000000) }}", "asked for a size over"),
    ("{{ 9 ** 9999999 }}", "raised a number to a power"),
    ("{% set ns = namespace(x='ab') %}{% for i in range(34) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
     "made a value of over"),
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "a macro calls itself"),
    ("{% include 'other.md' %}", "no other file can be included"),
    ("{% import 'other.md' as o %}", "no other file can be included"),
    ("{{ lipsum(1000000) }}", "unknown placeholder"),
    ("{{ 1 / 0 }}", "ZeroDivisionError"),
])
def test_a_runaway_or_failing_template_is_a_message_naming_it(inputs_copy, tmp_path, template, expected):
    path = inputs_copy / "narrative" / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + template + "\n", encoding="utf-8")
    (inputs_copy / "report.toml").write_text((inputs_copy / "report.toml").read_text(encoding="utf-8")
                                             + "\n[limits]\nnarrative_seconds = 2\nnarrative_characters = 10000\n",
                                             encoding="utf-8")
    data = load_inputs(inputs_copy)
    t0 = time.monotonic()
    with pytest.raises(NarrativeError) as exc:
        build_all(data, tmp_path / "out")
    assert time.monotonic() - t0 < 30
    assert str(exc.value).startswith("narrative/introduction.md")
    assert expected in str(exc.value)
    assert not (tmp_path / "out" / "report.docx").exists()


def test_check_and_validate_are_bounded_too(inputs_copy):
    from click.testing import CliRunner

    from hsp_docs.cli import main

    path = inputs_copy / "narrative" / "introduction.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n{{ 'A' * 500000000 }}\n", encoding="utf-8")
    for command in ("validate", "check"):
        t0 = time.monotonic()
        res = CliRunner().invoke(main, [command, str(inputs_copy)], env={"HSP_DOCS_SOFFICE": "none"})
        assert time.monotonic() - t0 < 30
        assert res.exit_code == 1, res.output
        assert "Traceback" not in res.output


def test_an_agency_name_in_another_normal_form_matches_the_register(inputs_copy):
    import unicodedata

    with (inputs_copy / "agencies.csv").open("a", encoding="utf-8", newline="") as f:
        f.write("Caf\u00e9 Project,other,\n")  # NFC in the register
    set_cell(inputs_copy, "attendance", 2, "member", unicodedata.normalize("NFD", "Caf\u00e9 Project"))
    data = load_inputs(inputs_copy)  # no "not in the agency register" error
    assert data.agencies.resolve("Cafe\u0301 Project").name == "Caf\u00e9 Project"
