"""The typed model of a year's report data and the figures derived from it."""
