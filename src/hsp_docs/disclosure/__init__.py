"""Disclosure control as a view: the policy (report.toml [disclosure]), the counts of people the
inputs declare, the view of the Report each recipient may see, and the audit that tries to
recover every hidden value from what that recipient sees (docs/disclosure.md)."""
