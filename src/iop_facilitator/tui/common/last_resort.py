"""The last resort for an error nobody expected: one sentence and an exit code, never a traceback.

Textual's own handler prints a traceback with the local variables of every frame, which can
hold a note's text or a member's name; ours ends the app with one sentence that names only the
kind of error and says what is safe. Set `IOP_FACILITATOR_DEBUG=1` to get Textual's traceback.
"""

from __future__ import annotations

from collections import deque
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import App
from textual.notifications import Notify
from textual.worker import WorkerFailed

from iop_facilitator.errors import ExitCode, UserError, unexpected_error
from iop_facilitator.settings import read_settings

ReturnType = TypeVar("ReturnType")


class SafeApp(App[ReturnType]):
    """An app that ends with one sentence on an unexpected error (see the module)."""

    KEPT_ON_ERROR: ClassVar[str] = "everything saved before it is kept in the vault"
    """What is safe when the app stops on an unexpected error, in words (part of a sentence)."""

    TOASTS_KEPT: ClassVar[int] = 50

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.toasts: deque[str] = deque(maxlen=self.TOASTS_KEPT)
        """The latest toasts shown (`notify`), oldest first: what the app said over the
        screen, for tests to read (Textual keeps its own list private)."""

    def on_notify(self, message: Notify) -> None:
        self.toasts.append(message.notification.message)

    def _handle_exception(self, error: Exception) -> None:
        if read_settings().debug:
            super()._handle_exception(error)
            return
        cause = error.error if isinstance(error, WorkerFailed) else error
        if self._exception is None:
            # As Textual does: a test's pilot raises it again, so a bug still fails its test.
            self._exception = error
            self._exception_event.set()
        if isinstance(cause, UserError):  # one of ours that nobody caught: still a sentence
            self._return_code = int(cause.exit_code)
            self.panic(Text(f"Error: {cause}"))
            return
        self._return_code = int(ExitCode.UNEXPECTED)
        self.panic(Text(unexpected_error(cause, self.KEPT_ON_ERROR)))
