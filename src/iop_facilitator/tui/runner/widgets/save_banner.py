"""The banner that stays while something is not saved: the session goes on, the app retries."""

from __future__ import annotations

from textual.widgets import Static


class SaveBanner(Static):
    """Hidden while every action is on disk; a persistent red line otherwise."""

    DEFAULT_CSS = """
    SaveBanner {
        display: none;
        height: auto;
        max-height: 3;
        width: 1fr;
        background: $error;
        color: $text;
        text-style: bold;
        padding: 0 1;
    }
    SaveBanner.-failing { display: block; }
    """

    def show_failure(self, reason: str, waiting: int) -> None:
        """Say what failed and how many actions wait to be saved; stays until `clear`."""
        actions = "action" if waiting == 1 else "actions"
        # The essentials first: a narrow window shows only the first line.
        self.update(
            f"NOT SAVED, retrying ({waiting} {actions} waiting); the session goes on. {reason}"
        )
        self.add_class("-failing")

    def clear(self) -> None:
        """Everything is saved again."""
        self.remove_class("-failing")
        self.update("")
