"""Which cells to hide: primary suppression of small counts of people, the derived cells that go
with them, then complementary cells, smallest first, until the audit (intervals.py) finds no
hidden cell that the public, or any agency knowing its own figures, could narrow to a range
narrower than the threshold (as tau-Argus and sdcTable choose a suppression pattern)."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..packs.contents import pack_tables
from ..parts import Report
from .cells import CellId
from .intervals import intervals
from .knowledge import Knowledge, knowledge_of
from .policy import Policy


@dataclass(eq=False)
class Decision:
    """The cells the public outputs hide, which of them are small counts, and what could not be protected."""

    policy: Policy
    knowledge: Knowledge
    hidden: set[CellId] = field(default_factory=set)
    primary: set[CellId] = field(default_factory=set)
    fixed: set[CellId] = field(default_factory=set)  # published as they are (public = false): never hidden
    unprotected: list[tuple[object, CellId, float, float]] = field(default_factory=list)

    def hidden_from(self, agency=None, internal: bool = False) -> set[CellId]:
        """What one recipient may not see: the public's hidden cells less the agency's own."""
        if internal:
            return set()
        return {h for h in self.hidden if not self.knowledge.owned_by(h, agency)}


def failures(k: Knowledge, hidden: set[CellId], policy: Policy
             ) -> tuple[list[tuple[CellId, float, float]], list[CellId]]:
    """Hidden counts that the relations narrow to a range narrower than the protection interval,
    and hidden cells whose relations contradict each other."""
    found, contradictions = intervals(k.relations, k.values, hidden)
    out = [(c, lo, hi) for c, (lo, hi) in found.items() if c in k.people and hi - lo < policy.protection - 1e-6]
    return sorted(out, key=lambda x: str(x[0])), contradictions


def _complement(k: Knowledge, cell: CellId, hidden: set[CellId], agency, fixed: set[CellId]) -> CellId | None:
    """The smallest shown count that shares a relation with `cell` (a derived cell if no count)."""
    counts, derived = [], []
    for rel in k.relations:
        if cell not in rel.cells or any(n in hidden for n in rel.needs):  # a relation that gives nothing away
            continue
        for c in rel.cells:
            if c in hidden or k.owned_by(c, agency) or c not in k.values or c in fixed:
                continue
            if c in k.people and k.values[c] > 0:
                counts.append((k.values[c], str(c), c))
        derived += [(0, str(n), n) for n in rel.needs if n not in hidden and n not in fixed]
    pick = min(counts) if counts else min(derived) if derived else None
    return pick[2] if pick else None


def decide(report: Report, data, policy: Policy, packs: bool = True, published: Policy | None = None) -> Decision:
    """The suppression pattern: what the public outputs hide (nothing when public = false) and what
    the packs hide besides (counts they alone show), robust to what each agency knows of its own
    figures. A value the public outputs show is never hidden in a pack: that would protect nothing.

    published: the policy the public outputs were made with, when packs are made with another
    (`packs --threshold`): what those outputs show stays shown."""
    extra = []
    if packs and data is not None:
        for entry in data.agencies:
            extra += [(t, t.title) for t in pack_tables(data, report, entry) if t.key.startswith("pack_")]
    k = knowledge_of(report, data, extra)
    d = Decision(policy, k)
    if published is not None and published != policy:
        public_cells = set(knowledge_of(report, data).values)
        d.fixed = public_cells - decide(report, data, published, packs).hidden
        policy = dataclasses.replace(policy, public=True)  # only what the public outputs show is fixed
    elif not policy.public:
        d.fixed = set(knowledge_of(report, data).values)
    d.primary = {c for c in k.people if policy.is_small(k.values[c]) and c not in d.fixed}
    d.hidden = k.with_derived(d.primary)
    given_up: set = set()
    for _ in range(10_000):
        audiences = [None, *dict.fromkeys(k.owners[h] for h in d.hidden if k.owners.get(h) is not None)]
        added = False
        for agency in audiences:
            seen_hidden = d.hidden_from(agency)
            for cell, _lo, _hi in failures(k, seen_hidden, policy)[0]:
                if (agency, cell) in given_up:
                    continue
                complement = _complement(k, cell, seen_hidden, agency, d.fixed)
                if complement is None:
                    given_up.add((agency, cell))
                    continue
                d.hidden |= k.with_derived({complement})
                added = True
                break
            if added:
                break
        if not added:
            break
    for agency in [None, *dict.fromkeys(k.owners[h] for h in d.hidden if k.owners.get(h) is not None)]:
        d.unprotected += [(agency, c, lo, hi) for c, lo, hi in failures(k, d.hidden_from(agency), policy)[0]]
    return d
