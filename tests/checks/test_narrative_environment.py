"""`check` evaluates narratives in the same Jinja environment as the build (sections/narrative.py
`environment()`), so words that use the house filters (`thousands`) are checked, not skipped."""
from __future__ import annotations

from hsp_docs.checks.missing import _ENV, _printed_missing
from hsp_docs.model.figures import Figure
from hsp_docs.sections.narrative import Limits, bounded, render

WORDS = "{{ people|thousands }} people came. {% if show %}{{ gap }}{% endif %}{{ shown_gap }}"


def test_check_renders_a_narrative_that_uses_thousands_and_sees_which_gaps_it_prints():
    context = {"people": 12345, "show": False, "gap": Figure("gap", None), "shown_gap": Figure("shown_gap", None)}
    # the gap inside a false {% if %} is not printed, so `check` does not list it; before, the
    # unknown filter made the words unrenderable (None) and every gap was listed
    assert _printed_missing(WORDS, context) == {"shown_gap"}
    assert render(WORDS, context, "narrative/x.md").startswith("12,345 people came.")


def test_check_evaluates_a_placeholder_with_the_builds_filters():
    with bounded(_ENV, Limits()):
        assert _ENV.compile_expression("people|thousands")(people=1234567) == "1,234,567"
    assert "thousands" in _ENV.filters and _ENV.globals["range"] is not range
