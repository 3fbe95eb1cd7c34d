"""Make input text safe to write into XML: drop the characters XML 1.0 forbids."""
from __future__ import annotations

import re

# C0 controls other than tab, newline and carriage return; U+FFFE/U+FFFF; lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


# The line and paragraph separators str.splitlines also breaks at: a plain line break in a value.
_LINE_BREAKS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return the text without forbidden characters, and the list of those removed (as U+XXXX).
    NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR become plain line breaks."""
    text = text.translate(_LINE_BREAKS)
    removed = [f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)]
    return (_FORBIDDEN.sub("", text), removed) if removed else (text, [])
