"""Lists of text rows grouped by a key: recommendations, areas for development."""
from __future__ import annotations


class Grouped:
    def __init__(self, rows: tuple):
        self.rows = rows

    def group(self, key: str) -> list:
        return [r for r in self.rows if r.group == key]

    def groups(self) -> list[str]:
        return list(dict.fromkeys(r.group for r in self.rows))

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)
