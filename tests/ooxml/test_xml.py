"""The OOXML layer's escaping and column letters: one of each, shared by the Word and Excel writers."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from lxml import etree
from openpyxl.utils.cell import get_column_letter

from hsp_docs.ooxml.xml import attr, column_letter, esc

SRC = Path(__file__).resolve().parents[2] / "src" / "hsp_docs"


@pytest.mark.parametrize(("n", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (702, "ZZ"),
                                            (703, "AAA"), (16384, "XFD")])
def test_column_letter(n, letters):
    assert column_letter(n) == letters == get_column_letter(n)


def test_column_letter_starts_at_one():
    with pytest.raises(ValueError):
        column_letter(0)


def _read_back(escaped_text: str, escaped_attr: str) -> tuple[str, str]:
    root = etree.fromstring(f'<r a="{escaped_attr}">{escaped_text}</r>'.encode())
    return root.text or "", root.get("a")


def test_escaping_reads_back_as_written():
    text = 'Fish & "chips" <b> \r\n\tend'
    assert _read_back(esc(text), attr(text)) == (text, text)
    # in an attribute esc is safe but line breaks and tabs would read as spaces: attr keeps them
    assert _read_back(esc(text), esc(text))[1] == 'Fish & "chips" <b> \r  end'


def test_escaping_drops_what_xml_forbids():
    assert esc("a\x00b\x0bc\x1fd\ufffe") == "abcd"
    assert esc("plain text 123") == "plain text 123"


def _imports(path: Path) -> set[str]:
    """The hsp_docs modules a module imports, as dotted names (relative imports resolved)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            out.add(f"{base}.{node.module}" if node.level and node.module else base or (node.module or ""))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


@pytest.mark.parametrize(("writer", "others"), [("docx", ("xlsx", "html")), ("xlsx", ("docx", "html")),
                                                ("html", ("docx", "xlsx")), ("ooxml", ("docx", "xlsx", "html"))])
def test_writers_share_only_the_layers_below_them(writer, others):
    """The Word, Excel and HTML writers do not import each other; what two of them need is in
    hsp_docs.ooxml (OOXML) or hsp_docs.partdata (any writer)."""
    for path in sorted((SRC / writer).glob("*.py")):
        bad = {m for m in _imports(path) for o in others if m == f"hsp_docs.{o}" or m.startswith(f"hsp_docs.{o}.")}
        assert not bad, f"{path.relative_to(SRC)} imports {sorted(bad)}"
