"""The disclosure policy, declared once in report.toml:

    [disclosure]
    threshold = 5      # counts of people from 1 to threshold-1 are hidden (primary suppression)
    public = true      # apply to the public outputs (report, workbook); false: publish as stated
    prose = "fewer than {threshold}"   # what the narrative prints for a hidden count
    internal = ["Harrow Council"]      # agencies whose packs show everything, marked INTERNAL
"""
from __future__ import annotations

from dataclasses import dataclass

from ..formatting import CONFIDENTIAL

INTERNAL_MARK = "INTERNAL – NOT FOR CIRCULATION"


@dataclass(frozen=True)
class Policy:
    """What may be shown: the threshold, whether the public outputs apply it, how hidden counts read."""

    threshold: int = 5
    public: bool = False
    prose: str = "fewer than {threshold}"
    internal: tuple[str, ...] = ()

    def is_small(self, value) -> bool:
        """A count of people that primary suppression hides: 1 to threshold - 1 (never 0)."""
        return isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < self.threshold

    @property
    def protection(self) -> int:
        """How wide the range of values a recipient could work out for a hidden count must stay."""
        return self.threshold

    @property
    def prose_text(self) -> str:
        return self.prose.format(threshold=self.threshold)

    @property
    def note(self) -> str:
        """The note of a table that hides a cell."""
        return (f"{CONFIDENTIAL.code} means confidential: a count of people under {self.threshold}, or a cell "
                "hidden so that one cannot be worked out.")

    @property
    def description(self) -> str:
        """What the cover of a workbook says about the rule."""
        return (f"Counts of people from 1 to {self.threshold - 1} are shown as {CONFIDENTIAL.code} (confidential), "
                "and so are the other cells (counts, totals, percentages or changes) from which a hidden count "
                "could be worked out to within fewer than "
                f"{self.threshold}. Zeros, money, meetings and course attendance are not hidden.")


def policy_from_toml(table, problem) -> Policy:
    """[disclosure] from report.toml; problem(message) is called for each bad setting."""
    if table is None:
        return Policy()
    if not isinstance(table, dict):
        problem("[disclosure] should be a table of settings (threshold, public, prose, internal)")
        return Policy()
    unknown = sorted(set(table) - {"threshold", "public", "prose", "internal"})
    if unknown:
        problem(f"[disclosure] has unknown setting(s) {', '.join(unknown)}: expected threshold, public, prose, "
                "internal")
    threshold = table.get("threshold", 5)
    if not isinstance(threshold, int) or isinstance(threshold, bool) or not 2 <= threshold <= 100:
        problem(f"[disclosure] threshold must be a whole number from 2 to 100, got {threshold!r}")
        threshold = 5
    public = table.get("public", False)
    if not isinstance(public, bool):
        problem(f"[disclosure] public must be true or false, got {public!r}")
        public = False
    prose = table.get("prose", Policy.prose)
    if not isinstance(prose, str) or not prose.strip():
        problem("[disclosure] prose must be the words printed for a hidden count, e.g. \"fewer than {threshold}\"")
        prose = Policy.prose
    internal = table.get("internal", [])
    if not isinstance(internal, list) or not all(isinstance(a, str) for a in internal):
        problem("[disclosure] internal must be a list of agency names")
        internal = []
    try:
        prose.format(threshold=threshold)
    except (KeyError, IndexError, ValueError):
        problem(f"[disclosure] prose may use only {{threshold}}, got {prose!r}")
        prose = Policy.prose
    return Policy(threshold, public, prose, tuple(internal))
