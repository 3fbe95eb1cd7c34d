"""Escaping for OOXML parts written as strings, and cell references.

One escaping rule for every part the writers write: characters XML 1.0 forbids are dropped (as
openpyxl's ILLEGAL_CHARACTERS_RE), &, <, > and " become entities and a carriage return a
character reference, so the result is safe as element text and inside a double-quoted
attribute. `attr` also keeps line breaks and tabs in an attribute value, which a parser would
otherwise read as spaces. (Not xml.sax.saxutils: importing it pulls in urllib and http.client,
a twentieth of a build.)
"""
from __future__ import annotations

import re

ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010\013\014\016-\037\ufffe\uffff]")
_NEEDS_ESCAPE = re.compile(r'[&<>"\r\000-\010\013\014\016-\037\ufffe\uffff]')


def esc(text: str) -> str:
    """Element text or a double-quoted attribute: escaped, illegal characters dropped, a carriage
    return kept as &#13; (cheap when there is nothing to escape, as most texts)."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\r", "&#13;"))


def attr(text: object) -> str:
    """An attribute value (in double quotes) that keeps its line breaks and tabs."""
    return esc(str(text)).replace("\n", "&#10;").replace("\t", "&#9;")


def column_letter(n: int) -> str:
    """A spreadsheet column's letters from its 1-based number, as Excel numbers them:
    1 -> A, 26 -> Z, 27 -> AA, 16384 -> XFD."""
    if n < 1:
        raise ValueError(f"column number {n} is not 1 or more")
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
