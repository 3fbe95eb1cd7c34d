"""What a recipient can work out about each hidden cell: for every hidden cell, the smallest and
largest value consistent with every relation among the cells it sees, by linear programming
(scipy's HiGHS), as statistical offices audit a suppression pattern (tau-Argus, sdcTable).

Every hidden cell is a count of at least 1, since zeros are never hidden (the policy says so, so
a reader knows it); a cell no table states (an unstated total) is at least 0. Nothing else
bounds them but the relations.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

from .cells import CellId, Relation


def _components(relations: list[Relation], unknown: set) -> list[tuple[list, list[Relation]]]:
    """Groups of unknown cells linked by relations, each with its relations."""
    parent: dict = {u: u for u in unknown}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in relations:
        us = [c for c in rel.cells if c in unknown]
        for u in us[1:]:
            parent[find(u)] = find(us[0])
    groups: dict = {}
    for u in unknown:
        groups.setdefault(find(u), ([], []))[0].append(u)
    for rel in relations:
        us = [c for c in rel.cells if c in unknown]
        if us:
            groups[find(us[0])][1].append(rel)
    return list(groups.values())


def intervals(relations: Iterable[Relation], values: dict[CellId, float], hidden: set[CellId]
              ) -> tuple[dict[CellId, tuple[float, float]], list[CellId]]:
    """For each hidden cell, (lower, upper) of what it can be given the shown cells and the
    relations that hold in this view; and the hidden cells whose relations contradict each other
    (published figures that don't add up), for which no interval is given."""
    shown = {c for c in values if c not in hidden}
    live = [r for r in relations if all(n in shown for n in r.needs)]
    unknown = {c for r in live for c in r.cells if c not in shown}
    out = {h: (0.0, math.inf) for h in hidden}
    contradictions: list[CellId] = []
    for cells, rels in _components(live, unknown):
        if hidden.isdisjoint(cells):  # only cells no table states (an unstated total): nothing to protect
            continue
        known = frozenset((c, values[c]) for r in rels for c in r.cells if c not in unknown)
        key = (frozenset(rels), frozenset(cells), frozenset(hidden & set(cells)), known)
        if key not in _SOLVED:
            if len(_SOLVED) > 4096:
                _SOLVED.clear()
            _SOLVED[key] = _solve(cells, rels, values, hidden)
        found, bad = _SOLVED[key]
        out.update(found)
        for c in bad:
            out.pop(c, None)
        contradictions += bad
    return out, contradictions


_SOLVED: dict = {}  # a component's answer, reused by every recipient who sees it alike


def _solve(cells: list, rels: list[Relation], values: dict, hidden: set):
    """(interval of each hidden cell, hidden cells with contradictory relations) for one component."""
    # lazy: scipy.optimize costs ~640 ms at import; only an audit with a hidden count solves a programme
    import numpy as np
    from scipy.optimize import linprog

    out, contradictions = {}, []
    index = {c: i for i, c in enumerate(cells)}
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for rel in rels:
        row = np.zeros(len(cells))
        const = 0.0
        for c, k in rel.terms:
            if c in index:
                row[index[c]] += k
            else:
                const += k * values[c]
        lo, hi = rel.lo - const, rel.hi - const
        if lo == hi:
            a_eq.append(row)
            b_eq.append(lo)
            continue
        if hi != math.inf:
            a_ub.append(row)
            b_ub.append(hi)
        if lo != -math.inf:
            a_ub.append(-row)
            b_ub.append(-lo)
    kw = {"A_ub": np.array(a_ub) if a_ub else None, "b_ub": b_ub or None,
          "A_eq": np.array(a_eq) if a_eq else None, "b_eq": b_eq or None,
          "bounds": [(1 if c in hidden else 0, None) for c in cells], "method": "highs"}
    for c in cells:
        if c not in hidden:
            continue
        goal = np.zeros(len(cells))
        goal[index[c]] = 1.0
        low = linprog(goal, **kw)
        if low.status == 2:
            contradictions.append(c)
            continue
        high = linprog(-goal, **kw)
        upper = math.inf if high.status == 3 else -high.fun
        out[c] = (low.fun, upper)
    return out, contradictions
