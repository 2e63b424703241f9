"""What the runner tells its screens, as Textual messages: screens learn of saving and of
refusals by handling these, never by the app checking which screen is showing.

- `SaveStatusChanged` goes to every screen on the stack (it does not bubble): a screen that
  shows saving (the cockpit's banner, the quit-while-saving question) handles it.
- `Say` goes to the screen showing; a screen with a status line handles it (and stops it);
  otherwise it bubbles to the app, which shows it as a toast.
- `QuitAsked` goes to the screen showing (Ctrl+Q anywhere); a screen with its own way of
  quitting handles it (and stops it); otherwise the app quits.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.notifications import SeverityLevel

from iop_facilitator.session import SaveStatus


class SaveStatusChanged(Message, bubble=False):
    """Saving's newest status: how many actions wait and why, if saving is failing."""

    def __init__(self, status: SaveStatus) -> None:
        super().__init__()
        self.status = status


@dataclass(frozen=True)
class Notice:
    """One sentence for the person. A status line shows it (as a warning unless `severity` is
    "information") for as long as the line usually does; a toast shows it for
    `toast_seconds`."""

    text: str
    severity: SeverityLevel = "information"
    toast_seconds: float = 4.0


class Say(Message):
    """Say `notice` where it covers nothing (a status line), else as a toast (the app)."""

    def __init__(self, notice: Notice) -> None:
        super().__init__()
        self.notice = notice


class QuitAsked(Message):
    """The facilitator pressed Ctrl+Q: the screen showing decides what quitting means there."""
