"""The runner's sessions kept in the encrypted vault: one group, one agenda."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from threading import Thread

from textual.app import App

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.agenda.todays_copy import TodaysCopy
from iop_facilitator.review.access_log import record_discard
from iop_facilitator.session import (
    Clock,
    Group,
    GroupNotFound,
    LiveSession,
    Records,
    Saving,
    UnfinishedSession,
    discard_session,
    group_holder,
)
from iop_facilitator.sync.background import sync_in_background
from iop_facilitator.tui.runner.sessions import SessionPreview
from iop_facilitator.vault import Vault

EditAgenda = Callable[[Path], None]
"""Opens the agenda studio on an agenda file and returns when it is closed (given by whoever
composes the apps: the runner does not import the studio)."""

ReviewOver = Callable[[Vault, str], App[None]]
"""Builds the review app over an unlocked vault, signed by the group's lead (given by whoever
composes the apps: the runner does not import review)."""


class VaultSessions:
    """Sessions of the group named `group_name` on `agenda`, in the vault at `path`.

    Give `vault` when it is already open (the demo's throwaway vault); otherwise `unlock`
    opens it with the passphrase. `review` builds the review app the start screen opens;
    `edit` opens the agenda studio on today's copy of the agenda (read from `agenda_file`).
    """

    def __init__(
        self,
        path: Path,
        group_name: str,
        agenda: Agenda,
        *,
        vault: Vault | None = None,
        review: ReviewOver | None = None,
        edit: EditAgenda | None = None,
        agenda_file: Path | None = None,
    ) -> None:
        self.path = path
        self._review = review
        self._edit = edit
        self._today = TodaysCopy(agenda, agenda_file)
        self.group_name = group_name
        self.agenda = agenda
        self._vault = vault
        self._records = Records(vault) if vault is not None else None
        self._group: Group | None = None

    @property
    def where(self) -> str:
        return f"Vault: {self.path}"

    @property
    def needs_passphrase(self) -> bool:
        return self._records is None

    def unlock(self, passphrase: str) -> None:
        vault = Vault.unlock(self.path, passphrase)
        self._vault, self._records = vault, Records(vault)
        # A missing or wrong group name is asked about after this one unlock (`needs_group`).

    @property
    def records(self) -> Records:
        if self._records is None:
            raise RuntimeError("the vault is not unlocked")
        return self._records

    @property
    def group(self) -> Group:
        """The group, read from the vault once it is open."""
        if self._group is None:
            self._group = self.records.group(self.group_name)
        return self._group

    def needs_group(self) -> bool:
        """Whether the group named (none, or one the vault does not hold) must be chosen."""
        if self._group is not None:
            return False
        if not self.group_name:
            return True
        try:
            self._group = self.records.group(self.group_name)
        except GroupNotFound:
            return True
        return False

    def group_names(self) -> list[str]:
        """The names of the vault's groups that can be read, to choose from."""
        groups, _ = self.records.readable_groups()
        return [g.name for g in groups]

    def choose_group(self, name: str) -> None:
        """Run the session of the group called `name`."""
        self._group = self.records.group(name)
        self.group_name = self._group.name

    def unfinished(self) -> list[UnfinishedSession]:
        return self.records.unfinished(self.group.id)

    def preview(self) -> SessionPreview:
        records, group = self.records, self.group
        new = records.first_timers(group)
        past = records.session_index(group.id)
        homework, flags = records.carried_from_previous(group.id)
        return SessionPreview(
            group_name=group.name,
            agenda_title=self.agenda.title,
            planned_minutes=self.agenda.planned_minutes,
            members=len(group.active_members),
            first_timers=tuple(m.name for m in group.active_members if m.id in new),
            last_session=past[0].started if past else None,
            homework_to_review=len(homework),
            open_flags=len(flags),
        )

    @property
    def can_edit_agenda(self) -> bool:
        return self._edit is not None

    def edit_agenda(self) -> None:
        if self._edit is None:
            raise RuntimeError("no agenda studio was given to open")
        self._edit(self._today.path)
        self.agenda = self._today.reload()

    def review_app(self) -> App[None]:
        lead = self.group.facilitators[0].name if self.group.facilitators else ""
        if self._vault is None:
            raise RuntimeError("the vault is not unlocked")
        if self._review is None:
            raise RuntimeError("no review app was given to open")
        return self._review(self._vault, lead)

    def start(self, clock: Clock, saving: Saving, new_id: Callable[[], str]) -> LiveSession:
        return self.records.start_live(self.group, self.agenda, clock, saving=saving, new_id=new_id)

    def resume(
        self, session_id: str, clock: Clock, saving: Saving, new_id: Callable[[], str]
    ) -> LiveSession:
        return self.records.resume_live(session_id, clock, saving=saving, new_id=new_id)

    def resume_before_damage(
        self, session_id: str, clock: Clock, saving: Saving, new_id: Callable[[], str]
    ) -> LiveSession:
        return self.records.resume_before_damage(session_id, clock, saving=saving, new_id=new_id)

    def load_draft(self, session_id: str) -> str | None:
        return self.records.note_drafts.load(session_id)

    def keep_draft(self, session_id: str, text: str) -> None:
        self.records.note_drafts.keep(session_id, text)

    def group_holder(self) -> str | None:
        held = group_holder(self.records.vault, self.group.id, self.group.name)
        return held.message if held is not None else None

    def discard(self, live: LiveSession | str) -> None:
        now = datetime.now(UTC)
        session_id = live if isinstance(live, str) else live.session_id
        # Logged first, as an export is: a session never leaves the record without a trace.
        record_discard(
            self.records.vault,
            at=now,
            what=f"session {session_id} of {self.group.name}, discarded: nobody was present",
        )
        discard_session(self.records, live, at=now)

    def finish(self, live: LiveSession, note: str) -> None:
        self.records.finish(live, note)  # which also empties the note's draft

    def sync_in_background(self, on_done: Callable[[str], None]) -> Thread | None:
        if not isinstance(self._vault, Vault):  # only a real vault has a remote
            return None
        return sync_in_background(self._vault, on_done)
