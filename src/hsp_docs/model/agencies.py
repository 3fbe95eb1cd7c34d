"""The agency register: one canonical name per agency, whatever a dataset calls it."""
from __future__ import annotations

import re
import unicodedata


def _key(name: str) -> str:
    """How names are matched: NFC (so a name typed in another Unicode normal form matches),
    spaces collapsed, case ignored."""
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", name).strip()).casefold()


class AgencyRegister:
    def __init__(self, rows: tuple):
        self.entries = rows
        self._by_name: dict[str, object] = {}
        for r in rows:
            for n in [r.name, *(a for a in (r.aliases or "").split(";"))]:
                if n.strip():
                    self._by_name[_key(n)] = r

    def resolve(self, name: str):
        """The register entry for a name or alias, or None."""
        return self._by_name.get(_key(name))

    def canonical(self, name: str) -> str:
        e = self.resolve(name)
        return e.name if e else name

    def sector(self, name: str) -> str | None:
        e = self.resolve(name)
        return e.sector if e else None

    def __iter__(self):
        return iter(self.entries)
