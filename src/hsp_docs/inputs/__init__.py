"""Loaders: a folder of CSV/TOML (or one input workbook) -> ReportData."""
