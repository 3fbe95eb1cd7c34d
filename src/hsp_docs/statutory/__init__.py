"""Does the report do what the law asks? Statutory profiles (what a yearly report must answer),
the partnership's choice of them in report.toml, and `hsp-docs check --statutory`."""
