"""Checks that find what a reader would: data errors in the inputs, and accessibility or
spreadsheet-standard failures in the built files."""
