"""The runner's sessions kept in the encrypted vault: one group, one agenda."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from iop_facilitator.agenda.model import Agenda
from iop_facilitator.session.clock import Clock
from iop_facilitator.session.engine import SessionEngine
from iop_facilitator.session.events import Event, events_to_json, parse_event
from iop_facilitator.session.group import Group
from iop_facilitator.session.state import replay
from iop_facilitator.tui.journal_writer import Journal
from iop_facilitator.tui.sessions import Unfinished
from iop_facilitator.vault import Vault

FINISHED_KIND = "session"


class VaultSessions:
    """Sessions of `group` on `agenda` in the vault at `path` (or an already open `vault`)."""

    def __init__(
        self,
        path: Path,
        group: Group,
        agenda: Agenda,
        *,
        vault: Vault | None = None,
        new_id: Callable[[], str],
    ) -> None:
        self.path = path
        self.group = group
        self.agenda = agenda
        self.vault = vault
        self._new_id = new_id
        self._journals: list[object] = []

    @property
    def where(self) -> str:
        return f"Vault: {self.path}"

    @property
    def needs_passphrase(self) -> bool:
        return self.vault is None

    def unlock(self, passphrase: str) -> None:
        self.vault = Vault.unlock(self.path, passphrase)

    def _open(self) -> Vault:
        if self.vault is None:
            raise RuntimeError("the vault is not unlocked")
        return self.vault

    def unfinished(self) -> list[Unfinished]:
        vault = self._open()
        found: list[Unfinished] = []
        for session_id in vault.unfinished_sessions():
            journal = vault.open_journal(session_id)
            try:
                events = [parse_event(r) for r in journal.read().records]
            finally:
                journal.close()
            if not events:
                continue
            state = replay(events)
            if state.group_id != self.group.id:
                continue
            found.append(
                Unfinished(
                    session_id=session_id,
                    started=state.started_wall,
                    last_saved=state.last_wall,
                    agenda_title=state.agenda.title,
                    events=len(events),
                    ended=state.ended,
                )
            )
        found.sort(key=lambda u: u.started or u.last_saved, reverse=True)  # type: ignore[arg-type,return-value]
        return found

    def open_new(self) -> tuple[str, Journal]:
        session_id = self._new_id()
        return session_id, self._open().open_journal(session_id)

    def start(
        self,
        session_id: str,
        clock: Clock,
        record: Callable[[Event], None],
        new_id: Callable[[], str],
    ) -> SessionEngine:
        return SessionEngine.start(
            group=self.group,
            agenda=self.agenda,
            clock=clock,
            session_id=session_id,
            record=record,
            new_id=new_id,
        )

    def open_unfinished(self, session_id: str) -> tuple[Journal, list[Event], str | None]:
        journal = self._open().open_journal(session_id)
        contents = journal.read()
        torn = contents.torn_tail.message() if contents.torn_tail else None
        return journal, [parse_event(r) for r in contents.records], torn

    def finish(self, engine: SessionEngine, note: str) -> None:
        vault = self._open()
        summary = engine.summary()
        vault.finish_session(
            engine.session_id,
            FINISHED_KIND,
            engine.session_id,
            events_to_json(list(engine.events)),
            {"group_id": summary.group_id, "title": summary.agenda_title, "note": note[:0]},
        )

    def close(self) -> None:
        return None
