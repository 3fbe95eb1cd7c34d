"""A section's words: a Jinja template (sandboxed, autoescaped, strict) in a small Markdown.

Markup: '## Heading', '### Heading', '- bullet', '  - sub-bullet', '[^N]' footnote marks with
'[^N]: text' notes, '[text](url)' links, '**bold**', and '[[table: key]]', '[[chart: key]]',
'[[image: key]]' on their own lines for the section's parts.
"""
from __future__ import annotations

import html
import re

from jinja2 import StrictUndefined, TemplateError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..disclosure.facts import CountText, Described, Fact, FigureRef, TextAbout, fact_of
from ..errors import InputError, Problem
from ..model.figures import Figure
from ..parts import Heading, Paragraph, Run
from ..templating import compile_cached

_DIRECTIVE = re.compile(r"^\[\[\s*(table|chart|image)\s*:\s*([\w.-]+)\s*\]\]$")
_DIRECTIVES = re.compile(r"^\s*\[\[\s*(table|chart|image)\s*:\s*([\w.-]+)\s*\]\]\s*$", re.MULTILINE)
_NOTE = re.compile(r"^\[\^(\w+)\]:\s*(.*)$")
_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\[(?P<ltext>[^\]]+)\]\((?P<url>(?:https?|mailto):[^)\s]+)\)"
                     r"|\[\^(?P<note>\w+)\]")


class NarrativeError(InputError):
    """A narrative template that cannot be rendered: one Problem, which is also its message."""

    def __init__(self, problem: Problem):
        super().__init__([problem])
        self.problem = problem
        self.args = (str(problem),)


_AS_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "[": "&#91;",
                          "]": "&#93;", "*": "&#42;", "#": "&#35;", "\n": " ", "\r": " "})


def _as_text(value) -> Markup:
    """A value from the data, escaped so it can only ever be text: XML-special characters
    (autoescape) and the markup's own characters, so data cannot add headings, links,
    footnotes or parts. The parser unescapes them when it makes runs. A count of people (or
    text describing one) is marked with its Fact, so the run that prints it carries the Fact
    and each recipient's disclosure view can hide it (see disclosure/facts.py)."""
    if isinstance(value, Markup):
        return value
    text = Markup(str(value).translate(_AS_TEXT))
    fact = fact_of(value)
    if fact is not None:
        kind = "d" if isinstance(value, Described) else "n"
        payload = _SEP.join((kind, fact.dataset, str(fact.row), fact.column, fact.label.translate(_AS_TEXT)))
    else:
        parts = getattr(getattr(value, "value", None), "parts", None)
        if not isinstance(value, Figure) or not parts or len({(p.dataset, p.column) for p in parts}) != 1:
            return text
        payload = _SEP.join(("t", parts[0].dataset, ",".join(str(p.row) for p in parts), parts[0].column,
                             value.key))
    return Markup(f"{_OPEN}{payload}{_MID}") + text + Markup(_CLOSE)


_OPEN, _MID, _CLOSE, _SEP = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKED = re.compile("\ue000([^\ue001]*)\ue001(.*?)\ue002", re.S)


def _marked_runs(runs: list[Run]) -> list[Run]:
    """Runs with every marked value split out into a run carrying its Fact (or TextAbout)."""
    out = []
    for r in runs:
        if r.footnote:
            r.footnote = _marked_runs(r.footnote)
        if _OPEN not in r.text:
            out.append(r)
            continue
        pos = 0
        for m in _MARKED.finditer(r.text):
            if m.start() > pos:
                out.append(Run(r.text[pos:m.start()], r.bold, r.url))
            kind, dataset, row, column, label = m.group(1).split(_SEP)
            about: Fact | FigureRef | TextAbout
            if kind == "t":
                about = FigureRef(label, tuple(Fact(dataset, int(n), column) for n in row.split(",")))
            else:
                fact = Fact(dataset, int(row), column, label)
                about = TextAbout(fact, label) if kind == "d" else fact
            out.append(Run(m.group(2), r.bold, r.url, fact=about))
            pos = m.end()
        if pos < len(r.text):
            out.append(Run(r.text[pos:], r.bold, r.url))
    return out


def _thousands(value) -> str:
    """{{ x|thousands }}: 1,234; a count of people keeps its Fact, so the view can still hide it."""
    fact = fact_of(value)
    return CountText(f"{value:,}", fact) if fact is not None and not isinstance(value, str) else f"{value:,}"


def _environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                               lstrip_blocks=True, keep_trailing_newline=True, finalize=_as_text)
    env.filters["thousands"] = _thousands
    return env


_ENV = _environment()


def directives(text: str) -> list[tuple[str, str]]:
    """The (kind, key) of each part a narrative's text places, in order, without rendering it."""
    return _DIRECTIVES.findall(text)


def _template_line(exc: BaseException, name: str) -> int | None:
    import traceback  # only when a template fails

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == name:
            return frame.lineno
    return getattr(exc, "lineno", None)


def render(text: str, context: dict, name: str) -> str:
    """Fill the template; an unknown placeholder is an error naming the file, line and name."""
    try:
        template = _ENV.template_class.from_code(_ENV, compile_cached(_ENV, text, name), _ENV.make_globals(None), None)
        return template.render(context)
    except UndefinedError as exc:
        raise NarrativeError(Problem(name, f"unknown placeholder: {exc.message}",
                                     row=_template_line(exc, name))) from None
    except TemplateError as exc:
        raise NarrativeError(Problem(name, f"template error: {exc.message}",
                                     row=_template_line(exc, name))) from None


def parse_inline(text: str, notes: dict[str, str] | None = None) -> list[Run]:
    """Text with **bold**, [links](url) and [^N] marks -> runs."""
    runs: list[Run] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Run(html.unescape(text[pos:m.start()])))
        if m.group("bold") is not None:
            runs.extend(Run(r.text, True, r.url, r.footnote) for r in parse_inline(m.group("bold"), notes))
        elif m.group("url") is not None:
            runs.append(Run(html.unescape(m.group("ltext")), url=html.unescape(m.group("url"))))
        else:
            note = (notes or {}).get(m.group("note"))
            runs.append(Run("", footnote=parse_inline(note, None) if note is not None else [Run("")]))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(html.unescape(text[pos:])))
    return runs


def parse(text: str, name: str) -> list:
    """Rendered narrative -> blocks (Heading, Paragraph, or ('table'|'chart'|'image', key))."""
    lines = text.splitlines()
    notes = {}
    body = []
    for n, line in enumerate(lines, 1):
        m = _NOTE.match(line.strip())
        if m:
            notes[m.group(1)] = m.group(2).strip()
        else:
            body.append((n, line))
    used: set[str] = set()
    blocks: list = []
    para: list[str] = []

    def flush():
        if para:
            joined = " ".join(s.strip() for s in para)
            blocks.append(Paragraph(_marked_runs(parse_inline(joined, notes))))
            used.update(re.findall(r"\[\^(\w+)\]", joined))
            para.clear()

    for n, raw in body:
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            if level < 2 or level > 4:
                raise NarrativeError(Problem(name, "headings inside a section start with '##' (or '###', '####')",
                                             row=n))
            heading = stripped[level:].strip()
            blocks.append(Heading(level, _marked_runs(parse_inline(heading, notes))))
            used.update(re.findall(r"\[\^(\w+)\]", heading))
            continue
        d = _DIRECTIVE.match(stripped)
        if d:
            flush()
            blocks.append((d.group(1), d.group(2), n))
            continue
        b = re.match(r"^( *)[-·•*] +(.*)$", line)
        if b and not stripped.startswith("**"):
            flush()
            level = 1 + len(b.group(1)) // 2
            text_ = b.group(2).strip()
            blocks.append(Paragraph(_marked_runs(parse_inline(text_, notes)), bullet_level=min(level, 3)))
            used.update(re.findall(r"\[\^(\w+)\]", text_))
            continue
        para.append(stripped)
    flush()
    missing = [k for k in used if k not in notes]
    if missing:
        raise NarrativeError(Problem(name, f"footnote mark [^{missing[0]}] has no note '[^{missing[0]}]: …'"))
    return blocks
