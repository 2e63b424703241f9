"""The runner's sessions kept in the encrypted vault: one group, one agenda."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.group import Group
from iop_facilitator.session.live import LiveSession, Save
from iop_facilitator.session.records import Records, UnfinishedSession
from iop_facilitator.tui.runner.sessions import SessionPreview
from iop_facilitator.vault import Vault

NOTE_DRAFT_KIND = "note-draft"
"""The end screen's note while it is being edited, one record per session (emptied once the
session is finished: the finished record holds the note from then on)."""


class VaultSessions:
    """Sessions of the group named `group_name` on `agenda`, in the vault at `path`.

    Give `vault` when it is already open (the demo's throwaway vault); otherwise `unlock`
    opens it with the passphrase.
    """

    def __init__(
        self, path: Path, group_name: str, agenda: Agenda, *, vault: Vault | None = None
    ) -> None:
        self.path = path
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
        records = Records(vault)
        self._group = records.group(self.group_name)  # a wrong name is said after unlocking
        self._vault, self._records = vault, records

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

    def review_app(self) -> App[None]:
        from iop_facilitator.review.library import Library
        from iop_facilitator.tui.review.app import ReviewApp

        lead = self.group.facilitators[0].name if self.group.facilitators else ""
        if self._vault is None:
            raise RuntimeError("the vault is not unlocked")
        return ReviewApp(Library(self._vault), signer=lead, back_to="the session's start")

    def start(self, clock: Clock, save: Save, new_id: Callable[[], str]) -> LiveSession:
        return self.records.start_live(self.group, self.agenda, clock, save=save, new_id=new_id)

    def resume(
        self, session_id: str, clock: Clock, save: Save, new_id: Callable[[], str]
    ) -> LiveSession:
        return self.records.resume_live(session_id, clock, save=save, new_id=new_id)

    def resume_before_damage(
        self, session_id: str, clock: Clock, save: Save, new_id: Callable[[], str]
    ) -> LiveSession:
        return self.records.resume_before_damage(session_id, clock, save=save, new_id=new_id)

    def load_draft(self, session_id: str) -> str | None:
        vault = self.records.vault
        if session_id not in vault.ids(NOTE_DRAFT_KIND):
            return None
        return vault.get(NOTE_DRAFT_KIND, session_id).decode("utf-8") or None

    def keep_draft(self, session_id: str, text: str) -> None:
        self.records.vault.put(NOTE_DRAFT_KIND, session_id, text.encode("utf-8"))

    def finish(self, live: LiveSession, note: str) -> None:
        self.records.finish(live, note)
        vault = self.records.vault
        if live.session_id in vault.ids(NOTE_DRAFT_KIND):
            # The vault keeps no record it cannot replace; an empty one says "nothing here".
            vault.put(NOTE_DRAFT_KIND, live.session_id, b"")
