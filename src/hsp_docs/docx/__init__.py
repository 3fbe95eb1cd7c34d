"""The Word writer: the report as WordprocessingML, on the master template."""
