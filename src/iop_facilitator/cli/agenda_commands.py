"""`iop-facilitator agenda ...`: list, validate, show and copy agenda templates."""

from __future__ import annotations

import click


@click.group()
def agenda() -> None:
    """Work with session agendas (TOML templates)."""
