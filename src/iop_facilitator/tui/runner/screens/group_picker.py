"""Which group? `run` without `--group`, or with a name the vault does not hold, asks here,
after the one unlock, instead of ending with an error and a second passphrase prompt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from iop_facilitator.tui.runner import keys


class GroupPickerScreen(Screen[str]):
    """Dismisses with the chosen group's name; Esc quits the runner."""

    BINDINGS = keys.GROUP_PICKER

    def __init__(self, groups: list[str], wanted: str = "") -> None:
        super().__init__()
        self.groups = groups
        self.wanted = wanted

    def compose(self) -> ComposeResult:
        why = (
            f"The vault has no group called {self.wanted}. Which group is this session for?"
            if self.wanted
            else "Which group is this session for?"
        )
        with Vertical() as box:
            box.border_title = "Choose the group"
            yield Label(why, id="why")
            if self.groups:
                yield OptionList(*[Option(name, id=name) for name in self.groups], id="groups")
            else:
                yield Label(
                    "The vault holds no group yet: create one with `iop-facilitator group new`.",
                    id="none",
                )
        yield Footer()

    def on_mount(self) -> None:
        if self.groups:
            self.query_one("#groups", OptionList).focus()

    @on(OptionList.OptionSelected, "#groups")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.groups[event.option_index])

    def action_quit(self) -> None:
        self.app.exit()

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        from iop_facilitator.tui.common.keys_help import KeysScreen

        self.app.push_screen(KeysScreen(keys.help_sections()))
