"""`iop-facilitator group ...`: groups and their rosters, kept in the vault.

Thin: parse, open the vault, call `session.records.Records`, print. Members are named by their
display name (or id, shown by `group show`); renaming keeps a member's id and history, and
archiving keeps them in history while taking them off the roster of new sessions.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from iop_facilitator.cli.vault_options import unlock_vault, vault_options
from iop_facilitator.session import Group, Member, Records


def open_records(vault_path: Path | None, passphrase_file: Path | None) -> Records:
    """Unlock the vault (the shared options' rules) and give its groups and sessions."""
    return Records(unlock_vault(vault_path, passphrase_file))


@click.group()
def group() -> None:
    """Groups and their rosters (kept encrypted in the vault)."""


@group.command("new")
@click.argument("name")
@click.option(
    "--facilitator",
    "facilitators",
    multiple=True,
    help="A facilitator's name; give it twice for a co-facilitator.",
)
@vault_options
def new_group(
    name: str,
    facilitators: tuple[str, ...],
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Create a group called NAME."""
    records = open_records(vault_path, passphrase_file)
    created = records.new_group(name, facilitators=facilitators)
    click.echo(f"Created group {created.name} ({created.id}).")


@group.command("list")
@vault_options
def list_groups(vault_path: Path | None, passphrase_file: Path | None) -> None:
    """List the groups, with their members and finished sessions."""
    records = open_records(vault_path, passphrase_file)
    groups, problems = records.readable_groups()
    if not groups and not problems:
        click.echo("No groups yet. Create one with `iop-facilitator group new NAME`.")
        return
    for g in groups:
        sessions = len(records.session_index(g.id))
        click.echo(
            f"{g.name}: {_count(len(g.active_members), 'member')}, "
            f"{_count(sessions, 'finished session')}"
        )
    for problem in problems:  # the readable groups are listed above; each damaged one here
        click.echo(f"Error: {problem}", err=True)
    if problems:
        sys.exit(int(max(p.exit_code for p in problems)))


@group.command("show")
@click.argument("group_name")
@vault_options
def show_group(group_name: str, vault_path: Path | None, passphrase_file: Path | None) -> None:
    """Show a group's roster, facilitators and archived members."""
    records = open_records(vault_path, passphrase_file)
    g = records.group(group_name)
    _print_group(g)


def _print_group(g: Group) -> None:
    click.echo(f"{g.name}  (id {g.id}, created {g.created.isoformat()})")
    for f in g.facilitators:
        click.echo(f"  facilitator ({f.role}): {f.name}")
    click.echo("Members:" if g.active_members else "No members yet.")
    for m in g.active_members:
        pronouns = f", {m.pronouns}" if m.pronouns else ""
        click.echo(f"  {m.name} ({m.shown_initials}{pronouns}) since {m.joined}  id {m.id}")
        for goal in m.goals:
            click.echo(f"      goal: {goal}")
    archived = [m for m in g.members if not m.active]
    if archived:
        click.echo("Archived:")
        for m in archived:
            click.echo(f"  {m.name} ({m.joined} to {m.left})  id {m.id}")


@group.command("add-member")
@click.argument("group_name")
@click.argument("name")
@click.option("--pronouns", default="", help="e.g. she/her, he/him, they/them.")
@click.option("--initials", default="", help="Initials for others' notes (default: derived).")
@click.option("--goal", "goals", multiple=True, help="A personal goal; repeat for more.")
@click.option(
    "--allow-duplicate",
    is_flag=True,
    help="Add them even though a member of the group already has this name (two people "
    "with one name: give each initials that tell them apart).",
)
@vault_options
def add_member(
    group_name: str,
    name: str,
    pronouns: str,
    initials: str,
    goals: tuple[str, ...],
    allow_duplicate: bool,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Add a member called NAME to a group (refused if the roster has that name already)."""
    records = open_records(vault_path, passphrase_file)

    def add(g: Group) -> Member:
        if not allow_duplicate:
            g.refuse_duplicate(name)
        return g.add_member(
            name, on=date.today(), pronouns=pronouns, goals=list(goals), initials=initials
        )

    g, member = records.change_group(group_name, add)
    click.echo(f"Added {member.name} to {g.name} (id {member.id}).")


@group.command("rename-member")
@click.argument("group_name")
@click.argument("member")
@click.argument("new_name")
@vault_options
def rename_member(
    group_name: str,
    member: str,
    new_name: str,
    vault_path: Path | None,
    passphrase_file: Path | None,
) -> None:
    """Change MEMBER's display name to NEW_NAME (their history stays theirs)."""
    records = open_records(vault_path, passphrase_file)

    g, (old, renamed) = records.change_group(
        group_name, lambda g: (g.member(member).name, g.rename_member(member, new_name))
    )
    click.echo(f"Renamed {old} to {renamed.name} in {g.name}.")


@group.command("archive-member")
@click.argument("group_name")
@click.argument("member")
@vault_options
def archive_member(
    group_name: str, member: str, vault_path: Path | None, passphrase_file: Path | None
) -> None:
    """Take MEMBER off the roster of new sessions; their history stays."""
    records = open_records(vault_path, passphrase_file)
    g, archived = records.change_group(
        group_name, lambda g: g.archive_member(member, on=date.today())
    )
    click.echo(f"Archived {archived.name} from {g.name} (left {archived.left}).")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
