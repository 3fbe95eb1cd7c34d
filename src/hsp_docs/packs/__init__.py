"""Per-agency data packs: what concerns one agency, to the same spreadsheet standard as the
main workbook, as the disclosure view lets that agency see it (disclosure/view.py)."""
