"""A section's words in either form: Markdown (narrative/<key>.md) or a Word template
(narrative/<key>.docx), and converting between them (`hsp-docs narrative export`).

When a section has both files the Word template is used (the comms team's working copy) and
the build summary says so; delete one to silence the note. Both forms read into the same
narrative markup, so they render and parse into the same blocks.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_bytes
from .docx.template_reader import read_word_template
from .docx.template_writer import word_template_bytes
from .parts import Heading, Paragraph, Run
from .sections.narrative import parse_inline

FORMS = ("docx", "md")
_STATEMENT = re.compile(r"^\s*\{%-?\s*(.*?)\s*-?%\}\s*$")
_DIRECTIVE = re.compile(r"^\[\[\s*(table|chart|image)\s*:\s*([\w-]+)\s*\]\]$")
_NOTE = re.compile(r"^\[\^(\w+)\]:\s*(.*)$")
_BULLET = re.compile(r"^( *)[-·•*] +(.*)$")


def _line_kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if "%}" in line and line.count("{%") == 1 and _STATEMENT.match(line):
        return "statement"
    if stripped.startswith("#") or _DIRECTIVE.match(stripped):
        return "block"
    if _BULLET.match(line) and not stripped.startswith("**"):
        return "block"
    return "text"


def _inline_statement(kinds: list[str], i: int) -> bool:
    """Whether the statement on line i sits inside a paragraph's lines (the rendered lines join
    into one paragraph), rather than between blocks: then it stays in the paragraph's text."""
    def neighbour(step: int) -> str:
        j = i + step
        while 0 <= j < len(kinds) and kinds[j] == "statement":
            j += step
        return kinds[j] if 0 <= j < len(kinds) else "blank"

    before, after = neighbour(-1), neighbour(1)
    return "text" in (before, after) and "block" not in (before, after)


def template_blocks(text: str) -> list[Heading | Paragraph]:
    """A Markdown narrative's template (not rendered) as blocks for a Word template: the same
    line rules as narrative.parse, with each line that is a Jinja statement (`{% for … %}`)
    between blocks kept as a paragraph of its own in docxtpl's form, `{%p for … %}`, and one
    among a paragraph's lines kept in that paragraph's text."""
    notes = {}
    body = []
    for line in text.splitlines():
        m = _NOTE.match(line.strip())
        if m:
            notes[m.group(1)] = m.group(2).strip()
        else:
            body.append(line.rstrip())
    kinds = [_line_kind(line) for line in body]
    blocks: list[Heading | Paragraph] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Paragraph(parse_inline(_join(para), notes)))
            para.clear()

    for i, line in enumerate(body):
        stripped, kind = line.strip(), kinds[i]
        if kind == "blank":
            flush()
        elif kind == "statement" and _inline_statement(kinds, i):
            para.append(stripped)
        elif kind == "statement":
            flush()
            blocks.append(Paragraph([Run("{%p " + _STATEMENT.sub(r"\1", line) + " %}")]))
        elif stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            blocks.append(Heading(level, parse_inline(stripped[level:].strip(), notes)))
        elif _DIRECTIVE.match(stripped):
            flush()
            blocks.append(Paragraph([Run(stripped)]))
        elif kind == "block":
            flush()
            indent, item = _BULLET.sub(r"\1\n\2", line).split("\n", 1)
            level = 1 + len(indent) // 2
            blocks.append(Paragraph(parse_inline(item.strip(), notes), bullet_level=min(level, 3)))
        else:
            para.append(stripped)
    flush()
    return blocks


def _join(lines: list[str]) -> str:
    """A paragraph's lines as one, as rendering joins them: a space between two lines of text,
    none after a statement line (which renders to nothing)."""
    out = ""
    for i, piece in enumerate(lines):
        after_statement = i > 0 and _STATEMENT.match(lines[i - 1]) and lines[i - 1].count("{%") == 1
        out += piece if i == 0 or after_statement else " " + piece
    return out


def markdown_to_word(text: str, master: Path | None = None) -> bytes:
    """A Markdown narrative as a Word template in the master's styles."""
    return word_template_bytes(template_blocks(text), master)


def word_to_markdown(path: Path) -> str:
    """A Word template as a Markdown narrative (the markup both forms read into), footnotes
    numbered 1, 2, … in order."""
    text = read_word_template(path, path.name).text
    ids: dict[str, str] = {}
    for m in re.finditer(r"\[\^(fn\w+)\]", text):
        ids.setdefault(m.group(1), str(len(ids) + 1))
    lines = re.sub(r"\[\^(fn\w+)\]", lambda m: f"[^{ids[m.group(1)]}]", text).splitlines()

    def listy(line: str) -> bool:  # a list item or a statement line: no blank line needed between them
        return _line_kind(line) == "statement" or bool(_BULLET.match(line) and not line.startswith("**"))

    kept = [line for i, line in enumerate(lines)
            if line or not (0 < i < len(lines) - 1 and listy(lines[i - 1]) and listy(lines[i + 1]))]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


@dataclass(frozen=True)
class Exported:
    """One section converted: from which file to which, or why it was skipped."""

    source: Path
    target: Path
    skipped: str = ""


def export_narratives(inputs: Path, to: str, force: bool = False, remove: bool = False,
                      master: Path | None = None) -> list[Exported]:
    """Write each section of `inputs/narrative/` in the other form (`to` is 'docx' or 'md').
    An existing file of the target form is kept unless `force`; with `remove` the source file
    is deleted once its conversion is written, so the build uses the new form."""
    if to not in FORMS:
        raise ValueError(f"--to must be one of {', '.join(FORMS)}")
    folder = inputs / "narrative"
    source_ext = "md" if to == "docx" else "docx"
    done = []
    for src in sorted(folder.glob(f"*.{source_ext}")) if folder.is_dir() else []:
        if src.name.startswith(("~$", ".")):
            continue  # Word's lock files
        target = src.with_suffix(f".{to}")
        if target.exists() and not force:
            done.append(Exported(src, target, f"{target.name} already exists (--force replaces it)"))
            continue
        if to == "docx":
            data = markdown_to_word(src.read_text(encoding="utf-8-sig"), master)
        else:
            data = word_to_markdown(src).encode("utf-8")
        write_bytes(target, data)
        if remove:
            src.unlink()
        done.append(Exported(src, target))
    return done
