"""`iop-facilitator demo`: a throwaway vault, a demo group and a shipped agenda."""

from __future__ import annotations

import click


@click.command()
def demo() -> None:
    """Start a demo session that needs nothing set up."""
    click.echo("The live runner is not built yet.")
