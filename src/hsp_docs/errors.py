"""The library's exceptions (one base, HspDocsError) and the problems found in inputs, reported
together with file, row and column."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in the inputs."""

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class HspDocsError(Exception):
    """The base of every error hsp_docs raises on purpose: catch it to catch them all."""


class InputError(HspDocsError):
    """The inputs are invalid; carries every problem found, not only the first.

    `problems` are the errors and `warnings` the rest, each a Problem with file, row, column
    and message."""

    problems: list[Problem]
    warnings: list[Problem]

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity != "error"]
        n = len(self.problems)
        lines = [f"{n} problem{'s' if n != 1 else ''} in the inputs:"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class BuildError(HspDocsError):
    """A build step failed for a reason that is not the inputs' fault."""
