"""Per-agency data packs: what concerns one agency, to the same spreadsheet standard as the
main workbook, with small-number suppression for packs that leave the partnership."""
