"""A section's words: a Jinja template (sandboxed, autoescaped, strict) in a small Markdown.

Markup: '## Heading', '### Heading', '- bullet', '  - sub-bullet', '[^N]' footnote marks with
'[^N]: text' notes, '[text](url)' links, '**bold**', and '[[table: key]]', '[[chart: key]]',
'[[image: key]]' on their own lines for the section's parts.
"""
from __future__ import annotations

import contextlib
import functools
import html
import re
import signal
import threading
import time
import traceback
from typing import Any, Callable

from jinja2 import StrictUndefined, TemplateError, UndefinedError, pass_context
from jinja2.sandbox import safe_range
from markupsafe import Markup

from ..dates import DEFAULT_DATES
from ..disclosure.facts import CountText, Described, Fact, FigureRef, TextAbout, fact_of
from ..errors import InputError, Problem
from ..formatting import thousands
from ..model.figures import Figure
from ..parts import Heading, Paragraph, Run
from ..templating import CachedSandbox, compile_cached

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


#: Every character str.splitlines breaks a line at: a value printed into the words is one line.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_AS_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "[": "&#91;",
                          "]": "&#93;", "*": "&#42;", "#": "&#35;", **{ch: " " for ch in LINE_BREAKS},
                          **{ch: "" for ch in "\ue000\ue001\ue002\ue003"}})  # data cannot forge a count's mark


def _as_text(value) -> Markup:
    """What a `{{ … }}` prints, escaped so it can only ever be text: XML-special characters
    (autoescape) and the markup's own characters, so data cannot add headings, links,
    footnotes or parts. The parser unescapes them when it makes runs.

    Markup is escaped too (after undoing its HTML escaping): `|e`, `|escape`, `|safe`, `|join`
    or a macro's output must not make data into markup. Markdown belongs in the template's own
    text, outside `{{ }}`. A count of people (or text describing one) is marked with its Fact,
    so the run that prints it carries the Fact and each recipient's disclosure view can hide it
    (see disclosure/facts.py)."""
    if isinstance(value, Markup):
        return _reescaped(str(value))
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


def _reescaped(text: str) -> Markup:
    """Markup a filter or macro made, as text: its HTML escaping undone and the text escaped as
    data is, keeping the marks _as_text put on counts of people (for the disclosure view)."""
    out, pos = [], 0
    for m in _MARKED.finditer(text):
        out.append(html.unescape(text[pos:m.start()]).translate(_AS_TEXT))
        out.append(f"{_OPEN}{m.group(1)}{_MID}{html.unescape(m.group(2)).translate(_AS_TEXT)}{_CLOSE}")
        pos = m.end()
    out.append(html.unescape(text[pos:]).translate(_AS_TEXT))
    return Markup("".join(out))




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
    return CountText(thousands(value), fact) if fact is not None and not isinstance(value, str) else thousands(value)


class Limits:
    """How long one narrative may take to render and how much text it may make (report.toml's
    [limits] narrative_seconds and narrative_characters)."""

    def __init__(self, seconds: float = 10.0, characters: int = 2_000_000):
        self.seconds, self.characters = seconds, characters


class _TooMuch(Exception):
    pass


class BoundedSandbox(CachedSandbox):
    """The sandbox, with the work a template can ask for bounded: string and list repetition,
    powers, padding and `range` checked before they run, any call's result checked after, and
    a deadline checked on every attribute access, call and step of a range."""

    intercepted_binops = frozenset({"*", "**", "+"})
    deadline = float("inf")
    characters = 2_000_000

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise _TooMuch("took longer than its time limit")

    def _size(self, value) -> None:
        if isinstance(value, (str, list, tuple, dict, bytes)) and len(value) > self.characters:
            raise _TooMuch(f"made a value of over {self.characters:,} characters")

    def call_binop(self, context, operator, left, right):
        self.tick()
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > self.characters:
                    raise _TooMuch(f"made a value of over {self.characters:,} characters")
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise _TooMuch("raised a number to a power over 1,000")
        result = super().call_binop(context, operator, left, right)
        self._size(result)
        return result

    def getattr(self, obj, attribute):
        self.tick()
        result = super().getattr(obj, attribute)
        self._size(result)  # a namespace() value grown in a loop is caught as it is read back
        return result

    def getitem(self, obj, argument):
        self.tick()
        result = super().getitem(obj, argument)
        self._size(result)
        return result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        __self.tick()
        for a in (*args, *kwargs.values()):
            if isinstance(a, int) and not isinstance(a, bool) and abs(a) > __self.characters and \
                    getattr(__obj, "__self__", None).__class__ in (str, list):
                raise _TooMuch(f"asked for a size over {__self.characters:,}")
        result = super().call(__context, __obj, *args, **kwargs)
        __self._size(result)
        return result


def _bounded(env: BoundedSandbox, fn, *sizes):
    """A filter whose size arguments (at these positions after the value) are checked first."""
    def wrapped(value, *args, **kwargs):
        for i in sizes:
            n = args[i] if i < len(args) else None
            if isinstance(n, int) and abs(n) > env.characters:
                raise _TooMuch(f"asked for a size over {env.characters:,}")
        if any(isinstance(v, int) and abs(v) > env.characters for v in kwargs.values()):
            raise _TooMuch(f"asked for a size over {env.characters:,}")
        return fn(value, *args, **kwargs)
    return wrapped


class _Range:
    """range for templates: the sandbox's (each range capped in length), with the deadline
    checked as a loop goes through it; len, indexing and reversing work as on a range."""

    def __init__(self, env: BoundedSandbox, *args):
        self._env = env
        self._range = safe_range(*args)

    def __len__(self) -> int:
        return len(self._range)

    def __getitem__(self, i):
        return self._range[i]

    def __iter__(self):
        for i, x in enumerate(self._range):
            if not i % 256:
                self._env.tick()
            yield x


@pass_context
def _month(context, value) -> str:
    return context.get("dates", DEFAULT_DATES).month_label(value)


@pass_context
def _date(context, value) -> str:
    return context.get("dates", DEFAULT_DATES).date_label(value)


def environment(observe: Callable[[Any], object] | None = None, *, master: bool = False) -> BoundedSandbox:
    """The one factory of Jinja environments: the bounded sandbox with the house filters
    (`thousands`, `month`, `date`), for the narratives (the build and `check` alike) and for the
    master template.

    A narrative's environment is strict about unknown placeholders and makes everything printed
    text; `observe`, if given, sees each printed value first (`check` uses it to learn which
    missing figures the words actually print). The master's (`master=True`, docxtpl filling the
    cover and header XML) escapes for XML and keeps the template's whitespace as it is."""
    if master:
        env = BoundedSandbox(autoescape=True)
    else:
        finalize = _as_text if observe is None else (lambda value: _as_text(observe(value)))
        env = BoundedSandbox(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True, finalize=finalize)
        env.filters["safe"] = str  # data never becomes markup; the finalize escapes it as text
    env.filters["thousands"] = _thousands
    env.filters["month"] = _month  # {{ m.month | month }}: the theme's month format
    env.filters["date"] = _date  # {{ s.date | date }}: the theme's date format
    for name, sizes in (("center", (0,)), ("indent", (0,)), ("wordwrap", (0,)), ("format", ())):
        env.filters[name] = _bounded(env, env.filters[name], *sizes)
    env.globals["range"] = functools.partial(_Range, env)
    env.globals.pop("lipsum", None)
    return env


_ENV = environment()


def directives(text: str) -> list[tuple[str, str]]:
    """The (kind, key) of each part a narrative's text places, in order, without rendering it."""
    return _DIRECTIVES.findall(text)


def _template_line(exc: BaseException, name: str) -> int | None:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == name:
            return frame.lineno
    return getattr(exc, "lineno", None)


def render(text: str, context: dict, name: str, limits: Limits | None = None) -> str:
    """Fill the template; an unknown placeholder is an error naming the file, line and name, and
    so is a template that runs past its time or size limit, or fails in any other way."""
    limits = limits or Limits()
    out: list[str] = []
    size = 0
    try:
        with bounded(_ENV, limits):
            template = _ENV.template_class.from_code(_ENV, compile_cached(_ENV, text, name),
                                                     _ENV.make_globals(None), None)
            for chunk in template.generate(context):
                size += len(chunk)
                if size > limits.characters:
                    raise _TooMuch(f"made over {limits.characters:,} characters of text")
                _ENV.tick()
                out.append(chunk)
    except UndefinedError as exc:
        raise NarrativeError(Problem(name, f"unknown placeholder: {exc.message}",
                                     row=_template_line(exc, name))) from None
    except TemplateError as exc:
        raise NarrativeError(Problem(name, f"template error: {exc.message}",
                                     row=_template_line(exc, name))) from None
    except _TooMuch as exc:
        raise NarrativeError(Problem(name, f"stopped: the template {exc} (report.toml [limits] narrative_seconds = "
                                           f"{limits.seconds:g}, narrative_characters = {limits.characters})",
                                     row=_template_line(exc, name))) from None
    except RecursionError as exc:
        raise NarrativeError(Problem(name, "template error: a macro calls itself without end",
                                     row=_template_line(exc, name))) from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError, MemoryError) as exc:
        why = "no other file can be included or imported" if "loader" in str(exc) else f"{type(exc).__name__}: {exc}"
        raise NarrativeError(Problem(name, f"template error: {why}", row=_template_line(exc, name))) from None
    return "".join(out)


@contextlib.contextmanager
def bounded(env: BoundedSandbox, limits: Limits):
    """Run templates of `env` within `limits`: the deadline its checks read, and a timer that
    stops a template looping where no check runs (POSIX, main thread only)."""
    env.characters, env.deadline = limits.characters, time.monotonic() + limits.seconds
    try:
        with _alarm(limits.seconds + 1):
            yield
    finally:
        env.deadline = float("inf")


@contextlib.contextmanager
def _alarm(seconds: float):
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise _TooMuch("took longer than its time limit")

    old = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


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
