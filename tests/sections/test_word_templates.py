"""Sections whose words are Word templates (narrative/<key>.docx): read into the same blocks as
the Markdown, and what Word does to a template handled."""
from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docx
from conftest import DEFAULT_INPUTS, validate_ooxml
from hsp_docs.docx.template_reader import read_word_template
from hsp_docs.docx.template_writer import word_template_bytes
from hsp_docs.errors import InputError
from hsp_docs.inputs.loader import load_inputs
from hsp_docs.narrative_forms import markdown_to_word, template_blocks, word_to_markdown
from hsp_docs.parts import Heading, Paragraph
from hsp_docs.sections import build_report_model
from hsp_docs.sections.base import narrative_context
from hsp_docs.sections.narrative import NarrativeError, parse, render
from tests_helpers import blocks_signature

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def template(path, body_xml: str, styles_xml: str = "", comment_on_first: str | None = None):
    """A Word template in the master's styles whose body is `body_xml` (paragraphs)."""
    doc = docx.Document(io.BytesIO(word_template_bytes([])))
    body = doc.element.body
    sectpr = body[-1]
    for el in docx.oxml.parse_xml(f'<w:body xmlns:w="{W}">{body_xml}</w:body>'):
        sectpr.addprevious(el)
    if styles_xml:
        for el in docx.oxml.parse_xml(f'<w:styles xmlns:w="{W}">{styles_xml}</w:styles>'):
            doc.styles.element.append(el)
    if comment_on_first:
        doc.add_comment(doc.paragraphs[0].runs, text=comment_on_first, author="Comms officer")
    doc.save(path)
    return path


def section_words(folder, key="introduction"):
    data = load_inputs(folder)
    report = build_report_model(data)
    section = next(s for s in report.sections if s.key == key)
    return data, report, ["".join(r.text for r in b.runs) if isinstance(b, (Heading, Paragraph)) else b
                          for b in section.blocks]


def use_word(folder, body_xml: str, **kw):
    (folder / "narrative" / "introduction.md").unlink()
    return template(folder / "narrative" / "introduction.docx", body_xml, **kw)


def p(*runs: str, style: str | None = None) -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def r(text: str, bold: bool = False) -> str:
    return f'<w:r>{"<w:rPr><w:b/></w:rPr>" if bold else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


# --- the same blocks as the Markdown ------------------------------------------------------

EXAMPLE = DEFAULT_INPUTS.parents[1] / "examples" / "kestrel-vale" / "inputs" / "2023-24"
_DATA: dict = {}


def loaded(folder):
    if folder not in _DATA:
        _DATA[folder] = load_inputs(folder)
    return _DATA[folder]


@pytest.mark.parametrize("folder,key", [(f, p.stem) for f in (DEFAULT_INPUTS, EXAMPLE)
                                        for p in sorted((f / "narrative").glob("*.md"))])
def test_each_section_as_a_word_template_gives_the_same_blocks(folder, key):
    data = loaded(folder)
    text = data.narrative[key]
    context = narrative_context(data)
    from_markdown = parse(render(text, context, key + ".md"), key + ".md")
    read = read_word_template(io.BytesIO(markdown_to_word(text)), key + ".docx")
    from_word = parse(render(read.text, context, key + ".docx"), key + ".docx")
    assert blocks_signature(from_word) == blocks_signature(from_markdown)
    assert read.warnings == [] and read.changes == []


def test_a_word_template_exported_to_markdown_gives_the_same_blocks(default_data, tmp_path):
    text = default_data.narrative["chair_report"]
    word = tmp_path / "chair_report.docx"
    word.write_bytes(markdown_to_word(text))
    markdown = word_to_markdown(word)
    context = narrative_context(default_data)
    assert blocks_signature(parse(render(markdown, context, "a"), "a")) == \
        blocks_signature(parse(render(text, context, "b"), "b"))
    assert "[^1]:" in markdown and "fn" not in re.findall(r"\[\^(\w+)\]", markdown)[0]


def test_markdown_structure_becomes_word_styles_and_real_footnotes(tmp_path):
    text = ("## Heading\n\nSome **bold** and a [link](https://example.org)[^1].\n\n[^1]: The note.\n\n"
            "{% for t in items %}\n- {{ t }}\n{% endfor %}\n\n[[table: csa_events]]\n")
    path = tmp_path / "s.docx"
    path.write_bytes(markdown_to_word(text))
    validate_ooxml(path)
    doc = docx.Document(str(path))
    styles = [(para.style.name, para.text) for para in doc.paragraphs]
    assert styles[0] == ("Heading 2", "Heading")
    assert ("Normal", "{%p for t in items %}") in styles and ("List Bullet", "{{ t }}") in styles
    assert ("Normal", "[[table: csa_events]]") in styles
    xml = doc.part.blob.decode() if hasattr(doc.part, "blob") else doc.element.xml
    assert "footnoteReference" in doc.element.xml and "<w:b/>" in xml
    assert [b.__class__.__name__ for b in template_blocks(text)][:2] == ["Heading", "Paragraph"]


# --- what Word does to a template -----------------------------------------------------------

def test_a_placeholder_split_across_three_runs_is_joined(inputs_copy):
    use_word(inputs_copy, p(r("Delegates: {{ train"), '<w:proofErr w:type="spellStart"/>', r("ing.atte", bold=True),
                            '<w:proofErr w:type="spellEnd"/>', r("nded }} this year.")))
    data, _, words = section_words(inputs_copy)
    assert words == [f"Delegates: {data.training.attended} this year."]


def test_smart_quotes_inside_template_tags_are_straightened(inputs_copy):
    use_word(inputs_copy, p(r("{% if report.area == \u2018" + "Harrow" + "\u2019 %}In {{ report.area ~ \u201c, "
                              "with partners\u201d }}.{% endif %} \u201cQuoted\u201d outside stays curly.")))
    data, _, words = section_words(inputs_copy)
    assert words == [f"In {data.meta.area}, with partners. \u201cQuoted\u201d outside stays curly."]


def test_comments_are_ignored_and_counted_in_the_build_summary(inputs_copy):
    use_word(inputs_copy, p(r("Partnership words.")), comment_on_first="Please check this figure")
    _, report, words = section_words(inputs_copy)
    assert words == ["Partnership words."]
    assert [n for n in report.notes if "comment" in n] == ["2022-23/narrative/introduction.docx: 1 comment(s) ignored"]


TRACKED = p(r("Kept "), '<w:ins w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">', r("new words"), "</w:ins>",
            '<w:del w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old words</w:delText>'
            "</w:r></w:del>", r(" end."))


def test_a_draft_with_tracked_changes_builds_as_accepted_with_a_warning_naming_the_paragraph(inputs_copy):
    toml = inputs_copy / "report.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[report]\n", '[report]\nstatus = "draft"\n', 1),
                    encoding="utf-8")
    use_word(inputs_copy, p(r("First paragraph.")) + TRACKED)
    data, _, words = section_words(inputs_copy)
    assert words == ["First paragraph.", "Kept new words end."]
    warnings = [str(w) for w in data.warnings if "tracked changes" in w.message]
    assert len(warnings) == 1 and "paragraph 2 ('Kept new words end.')" in warnings[0]
    assert "introduction.docx" in warnings[0]


def test_a_final_report_refuses_unaccepted_tracked_changes(inputs_copy):
    use_word(inputs_copy, TRACKED)
    with pytest.raises(InputError) as err:
        load_inputs(inputs_copy)
    assert "introduction.docx" in str(err.value) and "paragraph 1 ('Kept new words end.')" in str(err.value)
    assert "not yet accepted" in str(err.value)


def test_a_style_the_master_lacks_is_mapped_by_name_or_named_in_a_warning(inputs_copy):
    styles = ('<w:style w:type="paragraph" w:styleId="Kop2"><w:name w:val="heading 2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="Fancy"><w:name w:val="Fancy Body"/></w:style>')
    use_word(inputs_copy, p(r("Dutch heading"), style="Kop2") + p(r("Styled words."), style="Fancy"),
             styles_xml=styles)
    data, report, _ = section_words(inputs_copy)
    blocks = next(s for s in report.sections if s.key == "introduction").blocks
    assert isinstance(blocks[0], Heading) and blocks[0].level == 2 and blocks[0].text == "Dutch heading"
    assert isinstance(blocks[1], Paragraph) and blocks[1].runs[0].text == "Styled words."
    warning = next(str(w) for w in data.warnings if "Fancy Body" in w.message)
    assert "introduction.docx" in warning and "paragraph 2" in warning


def test_docxtpl_paragraph_tags_loop_and_condition(inputs_copy, default_data):
    use_word(inputs_copy, p(r("{%p if False %}")) + p(r("Never printed.")) + p(r("{%p endif %}"))
             + p(r("{%p for t in training.dsl_topics %}")) + p(r("{{ t }}"), style="ListBullet")
             + p(r("{%p endfor %}")))
    _, report, _ = section_words(inputs_copy)
    blocks = next(s for s in report.sections if s.key == "introduction").blocks
    assert [(b.bullet_level, b.runs[0].text) for b in blocks] == [(1, t) for t in default_data.training.dsl_topics]


def test_an_unknown_placeholder_names_the_file_paragraph_opening_words_and_variable(inputs_copy):
    use_word(inputs_copy, p(r("Opening paragraph.")) + p(r("In the last year {{ training.no_such_figure }} "
                                                           "delegates attended.")))
    with pytest.raises(NarrativeError) as err:
        build_report_model(load_inputs(inputs_copy))
    message = str(err.value)
    assert message.startswith("narrative/introduction.docx: paragraph 2 ('In the last year {{ training.no_such_figure")
    assert "no_such_figure" in message.split("):", 1)[1]


def test_word_text_that_looks_like_markup_prints_as_written(inputs_copy):
    literal = "# Not a heading, **not bold**, [^1] not a note, [x](https://example.org) & R&amp;D <b>"
    placement = "[[table: csa_events]] is how a placement is written"
    use_word(inputs_copy, p(r("- not a bullet")) + p(r(literal.replace("&", "&amp;").replace("<", "&lt;")
                                                         .replace(">", "&gt;"))) + p(r(placement)))
    _, report, words = section_words(inputs_copy)
    assert words == ["- not a bullet", literal, placement]
    blocks = next(s for s in report.sections if s.key == "introduction").blocks
    assert all(not run.bold and run.url is None and run.footnote is None for b in blocks for run in b.runs)


def test_a_data_value_with_word_markup_or_template_syntax_prints_as_text(inputs_copy, tmp_path):
    from hsp_docs.build import report_bytes

    hostile = ("</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{{ 7*7 }} {% if 1 %}x{% endif %} **bold** "
               "[[table: csa_events]] [^1] &amp; <w:p/>")
    topics = inputs_copy / "dsl_forum_topics.csv"
    topics.write_text(topics.read_text(encoding="utf-8") + f'termly,"{hostile}"\n', encoding="utf-8")
    use_word(inputs_copy, p(r("{%p for t in training.dsl_topics %}")) + p(r("{{ t }}"), style="ListBullet")
             + p(r("{%p endfor %}")))
    data = load_inputs(inputs_copy)
    docx_bytes, _ = report_bytes(data, soffice=None)
    out = tmp_path / "report.docx"
    out.write_bytes(docx_bytes)
    validate_ooxml(out)
    doc = docx.Document(str(out))
    printed = [para for para in doc.paragraphs if "{{ 7*7 }}" in para.text]
    assert len(printed) == 2  # the Word template's list, and the training section's (Markdown) one
    for para in printed:
        assert para.text == hostile and not any(run.bold for run in para.runs) and "49" not in para.text


def test_both_forms_the_build_uses_the_word_template_and_says_so(inputs_copy):
    template(inputs_copy / "narrative" / "introduction.docx", p(r("From Word.")))
    _, report, words = section_words(inputs_copy)
    assert words == ["From Word."]
    assert any("introduction.docx used for section 'introduction'" in n and "introduction.md" in n
               for n in report.notes)


def test_a_file_that_is_not_a_word_document_is_named(inputs_copy):
    (inputs_copy / "narrative" / "introduction.docx").write_bytes(b"not a zip")
    with pytest.raises(InputError) as err:
        load_inputs(inputs_copy)
    assert "narrative/introduction.docx: is not a Word document" in str(err.value)


def test_heading_1_numbered_paragraphs_and_links_from_word(inputs_copy):
    link = ('<w:hyperlink r:id="rIdX" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships">' + r("the [draft] plan") + "</w:hyperlink>")
    path = use_word(inputs_copy, p(r("A title typed as Heading 1"), style="Heading1")
                    + '<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                    + r("numbered point") + "</w:p>" + p(r("See "), link, r(".")))
    doc = docx.Document(str(path))
    rid = doc.part.relate_to("https://example.org/a plan(1)", docx.opc.constants.RELATIONSHIP_TYPE.HYPERLINK,
                             is_external=True)
    for el in doc.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}hyperlink"):
        el.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", rid)
    doc.save(str(path))
    data, report, _ = section_words(inputs_copy)
    heading, point, para = next(s for s in report.sections if s.key == "introduction").blocks
    assert isinstance(heading, Heading) and heading.level == 2 and heading.text == "A title typed as Heading 1"
    assert any("Heading 1 is the section's own title" in w.message for w in data.warnings)
    assert point.bullet_level == 2 and point.runs[0].text == "numbered point"
    url = "https://example.org/a%20plan%281%29"
    assert [(x.text, x.url) for x in para.runs] == [("See ", None), ("the [draft] plan", url), (".", None)]


def test_one_template_with_every_word_quirk_builds_and_the_summary_says_what_it_did(inputs_copy):
    from click.testing import CliRunner

    from hsp_docs.cli import main

    toml = inputs_copy / "report.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("[report]\n", '[report]\nstatus = "draft"\n', 1),
                    encoding="utf-8")
    template(inputs_copy / "narrative" / "introduction.docx",
             p(r("Delegates: {{ train"), r("ing.atte", bold=True), r("nded }} in {{ report.area ~ \u201c\u201d }}."))
             + TRACKED, comment_on_first="Figures agreed with L&D")
    result = CliRunner().invoke(main, ["build", str(inputs_copy), "-o", str(inputs_copy.parent / "out"),
                                       "--soffice", "none"])
    assert result.exit_code == 0, result.output
    data, _, words = section_words(inputs_copy)
    assert words == [f"Delegates: {data.training.attended} in {data.meta.area}.", "Kept new words end."]
    summary = result.output
    assert "narrative/introduction.docx: 1 comment(s) ignored" in summary
    assert "introduction.docx used for section 'introduction'; narrative/introduction.md beside it is not" in summary
    assert "paragraph 2 ('Kept new words end.'): has tracked changes not yet accepted" in summary


def test_a_part_is_placed_by_a_placement_paragraph_or_a_docxtpl_style_call(inputs_copy):
    from hsp_docs.sections import build_section

    use_word(inputs_copy, p(r("[[table: csa_events]]")) + p(r("{{ chart(\u201clado_contacts\u201d) }}")))
    blocks = build_section(load_inputs(inputs_copy), "introduction").blocks  # the section alone: parts appear once
    assert [type(b).__name__ for b in blocks] == ["TableBlock", "ChartBlock"]
    assert blocks[0].table.key == "csa_events" and blocks[1].chart.key == "lado_contacts"


def test_field_hyperlinks_content_controls_and_smart_tags_are_read(inputs_copy):
    field_link = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
                  '"https://example.org/field" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                  + r("a field link") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    control = f'<w:sdt><w:sdtPr/><w:sdtContent>{p(r("Inside a content control."))}</w:sdtContent></w:sdt>'
    smart = f'<w:smartTag w:uri="urn:x" w:element="place">{r("Harrow")}</w:smartTag>'
    use_word(inputs_copy, p(r("See "), field_link, r(".")) + control + p(r("In "), smart, r(".")))
    _, report, words = section_words(inputs_copy)
    assert words == ["See a field link.", "Inside a content control.", "In Harrow."]
    link = next(s for s in report.sections if s.key == "introduction").blocks[0].runs[1]
    assert (link.text, link.url) == ("a field link", "https://example.org/field")


def test_a_covers_marker_in_a_word_template_is_checked_at_its_paragraph(inputs_copy):
    use_word(inputs_copy, p(r("Opening words.")) + p(r("{# covers: no.such.item #}")))
    with pytest.raises(InputError) as err:
        load_inputs(inputs_copy)
    assert ("narrative/introduction.docx: paragraph 2 ('{# covers: no.such.item #}'): {# covers: no.such.item #} "
            "names an item the check does not know") in str(err.value)


_WORDS = st.text(alphabet=st.sampled_from(list("ab Z1*#-[]()^&<>;:!_.•·{}'\"\u2019\u00a0\t")), min_size=1, max_size=40)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.lists(_WORDS.filter(lambda s: not re.search(r"\{[{%#]", s) and s.strip() and s.strip(" \t\u00a0")),
                min_size=1, max_size=12))
def test_any_text_typed_in_word_prints_exactly_as_typed(texts):
    """Whatever characters a comms officer types (outside template tags) come out as typed:
    never a heading, bullet, bold, link, footnote or placement."""
    doc = docx.Document(io.BytesIO(word_template_bytes([])))
    for text in texts:
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    read = read_word_template(io.BytesIO(buf.getvalue()), "t.docx")
    blocks = parse(render(read.text, {}, "t.docx"), "t.docx")
    assert all(isinstance(b, Paragraph) and not b.bullet_level for b in blocks)
    assert all(not r.bold and r.url is None and r.footnote is None for b in blocks for r in b.runs)
    assert ["".join(r.text for r in b.runs) for b in blocks] == [t.replace("\t", " ").strip() for t in texts]
