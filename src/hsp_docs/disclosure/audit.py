"""The disclosure audit: for each recipient (the public; each agency), read what it receives (the
report and workbook as the public sees them, and its pack), find every cell hidden there, and
solve for the smallest and largest value each could have given everything it sees (intervals.py).
A hidden count of people narrower than the protection interval is an error naming recipient,
table, row and column; so is a count hidden in one output and shown in another, and free text
that prints a small count of people.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..checks.findings import Finding
from ..packs.contents import pack_report
from ..parts import CONFIDENTIAL, Report, Table
from ..sections import build_report_model
from .cells import Cell, CellId, cell_id, columns_of_interest, counts_people, numeric_value, row_label
from .facts import Fact, FigureRef, PersonCount, TextAbout
from .knowledge import Knowledge, fact_value, knowledge_of, prose_runs
from .policy import Policy
from .suppression import Decision, decide, failures
from .view import apply

CHECK = "disclosure"
OWNER = "Partnership business unit"
PEOPLE_WORDS = (r"(?:delegates?|people|persons?|individuals?|children|child|young people|adults?|staff|"
                r"officers?|workers?|volunteers?|referrals?|allegations?|cases?|victims?|families|carers?|"
                r"residents?|pupils?|patients?)")


@dataclass(frozen=True, eq=False)
class Recipient:
    """Who receives outputs: the public, or one agency (whose pack may be internal: unsuppressed)."""

    name: str
    agency: object = None
    internal: bool = False


@dataclass(eq=False)
class Received:
    """What one recipient receives: (table as built, table as shown) pairs, and the prose as shown."""

    recipient: Recipient
    tables: list[tuple[Table, Table, str]]  # (built, shown, where)
    prose: list[tuple[object, str, str]]  # (Run.fact, text shown, where)
    texts: list[tuple[str, str]]  # (free text shown, where): alt text, notes, titles, descriptions


def report_pairs(built: Report, shown: Report, label: str) -> tuple[list, list, list]:
    """The tables, chart data, prose and free text of a report as built and as a recipient sees it."""
    tables = [(a, b, f"{label}, {a.caption}") for a, b in zip(built.tables(), shown.tables())]
    tables += [(a.data_table(), b.data_table(), f"{label}, {a.caption}")
               for a, b in zip(built.charts(), shown.charts())]
    tables += [(a, b, f"{label}, {a.caption}") for a, b in zip(built.workbook_tables, shown.workbook_tables)]
    prose = [(r.fact, r.text, f"{label}, section '{s.title}'") for s, r in prose_runs(shown)]
    texts = [(t, f"{label}, section '{s.title}'") for s, r in prose_runs(shown) for t in [r.text]]
    texts += [(c.alt, f"{label}, {c.caption} (alt text)") for c in shown.charts()]
    for t, b in [*zip(shown.tables(), built.tables()), *zip(shown.workbook_tables, built.workbook_tables)]:
        texts += [(n, f"{label}, {t.caption} (notes)") for n in t.notes]
        if counts_people(b):  # the text beside counts of people (a row's description goes with its count)
            texts += [(v, f"{label}, {t.caption}") for row in t.rows for v in row
                      if isinstance(v, str) and not hasattr(v, "fallback")]
    return tables, prose, texts


def _is_hidden(v) -> bool:
    return v is CONFIDENTIAL or (hasattr(v, "code") and v.code == CONFIDENTIAL.code)


@dataclass(eq=False)
class Seen:
    """What the audit has read of one recipient's outputs so far: the cells and relations, and
    where each cell is shown and where it is hidden."""

    k: Knowledge
    shown_at: dict
    hidden_at: dict

    def copy(self) -> Seen:
        return Seen(self.k.copy(), dict(self.shown_at), dict(self.hidden_at))


def observe(seen: Seen | None, tables: list, prose: list, data=None) -> Seen:
    """Read (built, shown) tables and the prose as shown into what a recipient has seen."""
    seen = seen or Seen(Knowledge(), {}, {})
    k, register = seen.k, data.agencies if data is not None else None
    for built, shown, where in tables:
        if not counts_people(built):
            continue
        k.add_table(built, register, where)
        wanted = columns_of_interest(built)
        for r, row in enumerate(shown.rows):
            label = None
            for c, v in enumerate(row):
                b = built.rows[r][c]
                if (c not in wanted and type(b) is not PersonCount) or numeric_value(b) is None:
                    continue
                label = row_label(built, r) if label is None else label
                i = cell_id(built, r, c, label)
                (seen.hidden_at if _is_hidden(v) else seen.shown_at).setdefault(i, where)
    for fact, text, where in prose:
        target = fact
        if isinstance(fact, FigureRef) and data is not None:
            k.add_figure(fact, data, where)
            target = Cell("figure", fact.key, "")
        elif isinstance(fact, Fact) and data is not None:
            v = fact_value(data, fact)
            if isinstance(v, int):
                k.add_fact(fact, v, register, where)
        if target is None or isinstance(fact, TextAbout) or target not in k.values:
            continue
        prints_value = re.sub(r"[^\d.]", "", text) == _digits(k.values[target])
        (seen.shown_at if prints_value else seen.hidden_at).setdefault(target, where)
    return seen


def judge(seen: Seen, recipient: Recipient, policy: Policy, texts: list) -> list[Finding]:
    """The findings on what one recipient has seen: hidden here but shown there, hidden but
    narrower than the protection interval, free text printing a small count."""
    k, agency = seen.k, recipient.agency
    findings = []
    for cell in sorted(set(seen.hidden_at) & set(seen.shown_at), key=str):
        if cell in k.people and not k.owned_by(cell, agency):
            findings.append(_finding(recipient, cell, k,
                                     f"is hidden in {seen.hidden_at[cell]} but shown in {seen.shown_at[cell]}"))
    hidden = set(seen.hidden_at) - set(seen.shown_at)
    fails, contradictions = failures(k, hidden, policy)
    for cell, lo, hi in fails:
        findings.append(_finding(recipient, cell, k, f"is hidden but can be worked out to between {_fmt(lo)} and "
                                                     f"{_fmt(hi)} from what this recipient sees (a range narrower "
                                                     f"than {policy.protection})"))
    for cell in contradictions:
        findings.append(_finding(recipient, cell, k, "is hidden, and the figures around it contradict each other, "
                                                     "so the audit cannot say what it gives away", "warning"))
    return findings + free_text(recipient, texts, policy) + hidden_in_text(recipient, texts, k, hidden)


def hidden_in_text(recipient: Recipient, texts: list[tuple[str, str]], k: Knowledge, hidden: set) -> list[Finding]:
    """Free text that names a hidden count's row beside its value ("Police 3", "2 from police"):
    the number was typed, not placed, so the view could not hide it."""
    out = []
    for cell in sorted(hidden, key=str):
        label = getattr(cell, "label", None) or getattr(cell, "row", "")
        if not label or label.casefold() == "total" or cell not in k.values:
            continue
        v = rf"(?<![\d,.]){_digits(k.values[cell])}(?![\d,.]?\d)"
        name = re.escape(label)
        near = re.compile(rf"\b{name}\W{{1,3}}{v}|{v}\s+(?:\w+\s+){{0,2}}{name}\b", re.IGNORECASE)
        for text, where in texts:
            m = near.search(text or "")
            if m:
                out.append(_finding(recipient, cell, k, f"is hidden but free text in {where} prints it: "
                                                        f"\"{m.group(0)}\""))
                break
    return out


def audit_received(received: Received, policy: Policy, data=None) -> list[Finding]:
    """The audit of what one recipient receives."""
    seen = observe(None, received.tables, received.prose, data)
    return judge(seen, received.recipient, policy, received.texts)


def _digits(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _fmt(x: float) -> str:
    return "no limit" if math.isinf(x) else f"{x:,.1f}".replace(".0", "")


def _finding(recipient: Recipient, cell: CellId, k: Knowledge, what: str, severity: str = "error") -> Finding:
    where, row, column = k.where.get(cell, (str(cell), "", ""))
    return Finding(severity, CHECK, f"{recipient.name}: {where}",
                   f"A count of people ({row}, {column}) {what}.", column=column or None, owner=OWNER)


def free_text(recipient: Recipient, texts: list[tuple[str, str]], policy: Policy) -> list[Finding]:
    """Free text (narrative, alt text, notes, descriptions) that prints a count of people below
    the threshold: the view cannot hide a number typed into words, so it is reported."""
    small = "|".join(str(n) for n in range(1, policy.threshold))
    pattern = re.compile(rf"(?<![\d.,£%])\b({small})\s+(?:\w+\s+)?{PEOPLE_WORDS}\b", re.IGNORECASE)
    out, seen = [], set()
    for text, where in texts:
        for m in pattern.finditer(text or ""):
            if (where, m.group(0)) in seen:
                continue
            seen.add((where, m.group(0)))
            out.append(Finding("error" if policy.public else "warning", CHECK, f"{recipient.name}: {where}",
                               f"Free text prints a count of people below {policy.threshold}: \"{m.group(0)}\" "
                               "(reword it, or give the number as a placeholder so the view can hide it).",
                               owner=OWNER))
    return out


def public_small_counts(decision: Decision, report: Report) -> list[Finding]:
    """public = false: every count of people below the threshold the public outputs print, as a warning."""
    policy = decision.policy
    k = knowledge_of(report, None)
    out = []
    for cell in sorted(decision.knowledge.people & set(decision.fixed), key=str):
        value = decision.knowledge.values[cell]
        if not policy.is_small(value):
            continue
        where, row, column = decision.knowledge.where.get(cell, k.where.get(cell, (str(cell), "", "")))
        out.append(Finding("warning", "disclosure-public", where,
                           f"The public outputs print a count of people below {policy.threshold} ({row}, {column}: "
                           f"{_digits(value)}); report.toml [disclosure] public = false publishes it as stated.",
                           column=column or None, computed=_digits(value), owner=OWNER))
    return out


def recipients(data, policy: Policy, agencies: list | None = None) -> list[Recipient]:
    """The public, then each agency in the register (or those given), internal where the policy says."""
    internal = {data.agencies.resolve(n) for n in policy.internal}
    entries = list(data.agencies) if agencies is None else agencies
    return [Recipient("the public"), *(Recipient(e.name, e, e in internal) for e in entries)]


def public_received(report: Report, decision: Decision) -> Received:
    shown = apply(report, decision.hidden, decision.primary, decision.policy)
    return Received(Recipient("the public"), *report_pairs(report, shown, "report and workbook"))


def pack_received(data, report: Report, decision: Decision, recipient: Recipient) -> Received:
    if recipient.agency is None:
        return Received(recipient, [], [], [])
    hidden = decision.hidden_from(recipient.agency, recipient.internal)
    built = pack_report(data, report, recipient.agency)
    shown = pack_report(data, report, recipient.agency, hidden)
    return Received(recipient, *report_pairs(built, shown, "data pack"))


def audit(data, report: Report | None = None, decision: Decision | None = None,
          agencies: list | None = None) -> list[Finding]:
    """Every recipient's audit, plus (public = false) a warning for each small count the public outputs print."""
    report = report or build_report_model(data)
    policy = data.meta.disclosure
    decision = decision or decide(report, data, policy)
    findings = [] if policy.public else public_small_counts(decision, report)
    public = public_received(report, decision)
    base = observe(None, public.tables, public.prose, data)
    for who in recipients(data, policy, agencies):
        if who.internal:
            continue  # an internal pack hides nothing, and says so on every sheet
        pack = pack_received(data, report, decision, who)
        seen = observe(base.copy(), pack.tables, pack.prose, data)
        findings += judge(seen, who, policy, public.texts if who.agency is None else pack.texts)
    for agency, cell, lo, hi in decision.unprotected:
        name = getattr(agency, "name", "the public")
        where, row, column = decision.knowledge.where.get(cell, (str(cell), "", ""))
        msg = (f"A count of people ({row}, {column}) could not be protected: no cell is left to hide with it "
               f"(it can be worked out to between {_fmt(lo)} and {_fmt(hi)}).")
        if not any(f.message.startswith(msg[:40]) and f.where.startswith(name) for f in findings):
            findings.append(Finding("error", CHECK, f"{name}: {where}", msg, column=column or None, owner=OWNER))
    return findings
