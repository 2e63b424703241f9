"""Attendance: present or absent with one key each, late arrivals and early leavers any time,
and a first-time or drop-in member added on the spot."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, Footer, Input, Label, OptionList
from textual.widgets.option_list import Option

from iop_facilitator.session import AttendanceStatus, MemberState
from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.recorder import Recorder
from iop_facilitator.tui.runner.views import member_key


def attendance_words(member: MemberState) -> str:
    """How a member's attendance reads in the list, in the record's words."""
    words = AttendanceStatus.of(member).label
    if member.first_time:
        words += " · first time"
    return words


class AddMemberScreen(ModalScreen[tuple[str, bool] | None]):
    """A name and whether this is their first time; dismisses with both, or None."""

    BINDINGS = keys.ADD_MEMBER

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Add a member to this session"
            box.border_subtitle = "Enter adds · Esc cancels"
            yield Input(placeholder="Name or initials", id="name", max_length=80)
            yield Checkbox("First time in this group", True, id="first-time")

    @on(Input.Submitted, "#name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss((name, self.query_one("#first-time", Checkbox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)


class AttendanceScreen(Screen[None]):
    """The roster with each member's attendance; keys mark the highlighted member and move on."""

    BINDINGS = keys.ATTENDANCE + keys.MEMBER_JUMPS

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder
        self._ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Label(f"Attendance · {self.recorder.state.group_name}", id="title")
        yield Label("y present · a absent · l arrived late · o left early · + add", id="hint")
        yield OptionList(id="roster")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh_roster()
        roster = self.query_one(OptionList)
        roster.highlighted = 0 if self._ids else None
        roster.focus()

    def on_screen_resume(self) -> None:
        self._refresh_roster()

    def _row(self, position: int, member: MemberState) -> str:
        key = member_key(position) or " "
        return f"{key}  {member.name:<16} {attendance_words(member)}"

    def _refresh_roster(self) -> None:
        roster = self.query_one(OptionList)
        members = list(self.recorder.state.members.values())
        ids = [m.id for m in members]
        highlighted = roster.highlighted
        if ids != self._ids:
            roster.clear_options()
            roster.add_options([Option(self._row(i, m), id=m.id) for i, m in enumerate(members)])
            self._ids = ids
            roster.highlighted = highlighted
        else:
            for i, m in enumerate(members):
                roster.replace_option_prompt_at_index(i, self._row(i, m))

    def _highlighted_member(self) -> MemberState | None:
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self._ids):
            return None
        return self.recorder.state.members[self._ids[index]]

    def action_cursor(self, step: int) -> None:
        roster = self.query_one(OptionList)
        if self._ids:
            current = roster.highlighted or 0
            roster.highlighted = max(0, min(len(self._ids) - 1, current + step))

    def action_jump(self, index: int) -> None:
        if index < len(self._ids):
            self.query_one(OptionList).highlighted = index

    def action_mark(self, mark: str) -> None:
        member = self._highlighted_member()
        if member is None:
            return
        if self.recorder.mark_attendance(member.id, mark):
            self._refresh_roster()
            self.action_cursor(1)

    @on(OptionList.OptionSelected)
    def _clicked(self) -> None:
        # A click or Enter on a row marks it present: the common case, two keystrokes at most.
        self.action_mark("present")

    def action_add_member(self) -> None:
        def added(result: tuple[str, bool] | None) -> None:
            if result is not None:
                name, first_time = result
                self.recorder.add_member(name, first_time=first_time)
                self._refresh_roster()

        self.app.push_screen(AddMemberScreen(), added)

    def action_done(self) -> None:
        self.dismiss(None)

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
