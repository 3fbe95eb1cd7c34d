"""Make input text safe to write into XML: drop the characters XML 1.0 forbids."""
from __future__ import annotations

import re

# C0 controls other than tab, newline and carriage return; U+FFFE/U+FFFF; lone surrogates.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return the text without forbidden characters, and the list of those removed (as U+XXXX)."""
    removed = [f"U+{ord(c):04X}" for c in _FORBIDDEN.findall(text)]
    return (_FORBIDDEN.sub("", text), removed) if removed else (text, [])
