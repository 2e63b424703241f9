"""`iop-facilitator demo`: a throwaway vault, a demo group of eight and a shipped agenda."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta
from types import FrameType

import click

from iop_facilitator.cli.demo_folder import DemoFolder, demo_passphrase
from iop_facilitator.errors import ExitCode

DEMO_AGENDA = "dbt-distress-tolerance"
DEMO_WEEKS = 2  # earlier sessions of the demo group, one a week


def _end_on_hangup(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@click.command()
@click.option(
    "--agenda",
    "agenda_name",
    default=DEMO_AGENDA,
    show_default=True,
    help="A template name or a .toml file.",
)
@click.option(
    "--bell", is_flag=True, help="Ring the terminal bell at two minutes left and at overrun."
)
def demo(agenda_name: str, bell: bool) -> None:
    """Start a demo session that needs nothing set up.

    A throwaway encrypted vault in a temporary folder (opened with a random key that lives only
    in memory, so no passphrase; a crashed demo's folder is removed by the next start),
    a demo group of eight invented members with two earlier weekly sessions (homework to
    review, a safety flag still open, one member new today), and a shipped agenda. Everything
    is deleted when the app ends.
    """
    from iop_facilitator.agenda.catalog import find_agenda
    from iop_facilitator.agenda.loader import load_agenda
    from iop_facilitator.session import Records, demo_group, seed_demo_history
    from iop_facilitator.tui.apps import review_from_runner, studio_from_runner
    from iop_facilitator.tui.runner.app import RunnerApp, run_with_review
    from iop_facilitator.tui.runner.vault_sessions import VaultSessions
    from iop_facilitator.vault import KdfParams, Vault

    agenda_file = find_agenda(agenda_name)
    agenda = load_agenda(agenda_file)
    demo_folder = DemoFolder.create()
    folder = demo_folder.path
    # A closed terminal sends SIGHUP: end through `finally` so the throwaway vault goes too.
    previous = signal.signal(signal.SIGHUP, _end_on_hangup)
    try:
        path = folder / "vault"
        # A random passphrase (so the fast KDF guards nothing guessable) and no recovery key
        # kept: what a crash leaves on disk nobody can open.
        vault, _recovery = Vault.init(path, demo_passphrase(), kdf=KdfParams.for_tests())
        now = datetime.now(UTC)
        records = Records(vault)
        group = demo_group(on=(now - timedelta(weeks=DEMO_WEEKS + 1)).date())
        records.save_group(group)
        # Earlier sessions, so homework review, a carried flag and a first-timer show.
        seed_demo_history(records, group, agenda, before=now, weeks=DEMO_WEEKS)
        notice = (
            f"A throwaway vault in {folder}, opened with a random key kept only in memory. "
            "It is deleted when you quit. Press ? for the keys."
        )
        source = VaultSessions(
            path,
            group.name,
            agenda,
            vault=vault,
            review=review_from_runner,
            edit=studio_from_runner,
            agenda_file=agenda_file,
        )
        app = run_with_review(
            lambda first: RunnerApp(
                source, bell=bell, notice=notice if first else None, throwaway=True
            ),
            source,
        )
    finally:
        signal.signal(signal.SIGHUP, previous)
        demo_folder.remove()
    if app.return_code not in (None, ExitCode.OK):
        raise SystemExit(app.return_code)
