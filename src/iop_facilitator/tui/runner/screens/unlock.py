"""Unlock the vault: a masked passphrase, one KDF run off the UI thread, a sentence if wrong."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label
from textual.worker import get_current_worker

from iop_facilitator.errors import UserError
from iop_facilitator.tui.runner import keys

Opened = TypeVar("Opened")


class UnlockScreen(Screen[Opened], Generic[Opened]):
    """Asks for the passphrase until `open_vault` accepts one; dismisses with what it opened.

    `open_vault` runs in a thread (the KDF takes most of a second by design); an error of the
    `ask_again_on` kinds is shown as its sentence and the passphrase is asked again; any other
    `UserError` ends the app with its sentence and exit code.
    """

    BINDINGS = keys.UNLOCK

    def __init__(
        self,
        open_vault: Callable[[str], Opened],
        where: str,
        *,
        ask_again_on: tuple[type[UserError], ...] = (UserError,),
    ) -> None:
        super().__init__()
        self._open_vault = open_vault
        self._where = where
        self._ask_again_on = ask_again_on

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Unlock the vault"
            yield Label(self._where, id="where")
            yield Input(password=True, placeholder="Passphrase", id="passphrase")
            yield Label("", id="problem")
        yield Footer()

    @on(Input.Submitted, "#passphrase")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value:
            self.query_one("#problem", Label).update("Type the vault's passphrase.")
            return
        self.query_one("#problem", Label).update("Unlocking…")
        event.input.disabled = True
        self._unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _unlock(self, passphrase: str) -> None:
        try:
            opened = self._open_vault(passphrase)
        except self._ask_again_on as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._refused, str(error))
            return
        except UserError as error:
            # Not a passphrase problem (no vault, a damaged key file): asking again won't help.
            self.app.call_from_thread(self.app.exit, None, int(error.exit_code), f"Error: {error}")
            return
        self.app.call_from_thread(self.dismiss, opened)

    def _refused(self, message: str) -> None:
        self.query_one("#problem", Label).update(message)
        field = self.query_one("#passphrase", Input)
        field.value = ""
        field.disabled = False
        field.focus()

    def action_quit(self) -> None:
        self.app.exit()
