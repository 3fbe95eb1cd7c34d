"""Where a section's words came from: its file, and for a Word template where each line of the
narrative markup it was read into sits in the document, so errors point into the document."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem


@dataclass(frozen=True)
class NarrativeSource:
    """A section's narrative file ("narrative/training.docx"). `places[n - 1]` says where line n of
    the markup came from ("paragraph 12 ('In October 2021 the…')"); a Markdown file has none, its
    own line numbers being the place. `notes` go to the build summary (comments ignored, the form
    used when a section has both)."""

    file: str
    places: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def is_word(self) -> bool:
        return self.file.endswith(".docx")

    def where(self, line: int | None) -> str:
        """'paragraph 12 (…)' for a Word template, 'line 12' for Markdown ('' if unknown)."""
        if line is None:
            return ""
        if not self.is_word:
            return f"line {line}"
        for n in range(min(line, len(self.places)), 0, -1):  # a blank line: the paragraph before it
            if self.places[n - 1]:
                return self.places[n - 1]
        return ""

    def problem(self, message: str, line: int | None = None, severity: str = "error") -> Problem:
        """A Problem at this line: its row for Markdown, its paragraph and opening words for Word."""
        if not self.is_word:
            return Problem(self.file, message, row=line, severity=severity)
        where = self.where(line)
        return Problem(self.file, f"{where}: {message}" if where else message, severity=severity)


def source_of(data, key: str) -> NarrativeSource:
    """The source of section `key`'s words: what the loader recorded, else its Markdown file."""
    return (getattr(data, "narrative_sources", None) or {}).get(key) or NarrativeSource(f"narrative/{key}.md")
