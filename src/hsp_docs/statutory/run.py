"""`hsp-docs check --statutory`: print the check, return the exit code."""
from __future__ import annotations

import json

import click

from ..sections.narrative import NarrativeError
from .assess import assess
from .catalogue import available
from .output import render_text, to_json


def run_statutory(data, profiles: list[str], as_json: bool) -> int:
    """0 when no item or review is an error, 1 otherwise (or when the words do not render)."""
    unknown = [p for p in profiles if p not in available()]
    if unknown:
        raise click.BadParameter(f"no profile {', '.join(map(repr, unknown))} (the profiles: "
                                 f"{', '.join(available())})", param_hint="--profile")
    try:
        result = assess(data, profiles=profiles or None)
    except NarrativeError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    click.echo(json.dumps(to_json(result), indent=2) if as_json else render_text(result))
    return 1 if result.errors or result.notes else 0
