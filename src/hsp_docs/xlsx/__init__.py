"""The Excel workbook writer: the data workbook and per-agency data packs, laid out to the
Analysis Function standard "Releasing statistics in spreadsheets" (cover, contents, notes, one
table per sheet, native charts), and a checker for that standard."""
