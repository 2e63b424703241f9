"""Start: the group and agenda about to run, what carries over, and the way to review.

The session (and its clock) starts only when the facilitator says so, so the app can be opened
before the call; `v` opens review over the same unlocked vault and comes back here, and `e`
the agenda studio on today's copy of the agenda.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label

from iop_facilitator.tui.common.keys_help import KeysScreen
from iop_facilitator.tui.runner import keys
from iop_facilitator.tui.runner.sessions import SessionPreview
from iop_facilitator.wording import full_stop

StartChoice = Literal["new", "review", "edit"]


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def preview_text(p: SessionPreview, *, can_edit: bool = False) -> tuple[str, str]:
    """The headline and the details of the session about to start, in sentences."""
    what = f"{p.group_name}: {p.agenda_title} ({p.planned_minutes} min)"
    who = _count(p.members, "member", "members")
    if p.first_timers and len(p.first_timers) == p.members:
        who += ", all new today"
    elif p.first_timers:
        who += f"; new today: {', '.join(p.first_timers)}"
    lines = [full_stop(who)]
    if p.last_session is None:
        lines.append("The group's first session.")
    else:
        lines.append(f"Last session {p.last_session.astimezone():%a %d %b}.")
    carried = []
    if p.homework_to_review:
        carried.append(_count(p.homework_to_review, "homework", "homework tasks") + " to review")
    if p.open_flags:
        carried.append(_count(p.open_flags, "safety flag", "safety flags") + " still open")
    if carried:
        lines.append("Carried over: " + " and ".join(carried) + ".")
    lines.append("")
    lines.append("Enter  start the session (attendance first)")
    lines.append("v      review past sessions, then come back here")
    if can_edit:
        lines.append("e      change today's agenda (for this session only)")
    return what, "\n".join(lines)


class StartScreen(Screen[StartChoice]):
    """Dismisses with "new" to start the session, "review" to open review first, or "edit" to
    change today's agenda first (offered when `can_edit`)."""

    BINDINGS = keys.START

    def __init__(
        self, preview: SessionPreview, *, notice: str | None = None, can_edit: bool = False
    ) -> None:
        """`notice` (the demo's: where its throwaway vault is) is a line of the box, not a
        toast over the choices."""
        super().__init__()
        self.preview = preview
        self.notice = notice
        self.can_edit = can_edit

    def compose(self) -> ComposeResult:
        what, detail = preview_text(self.preview, can_edit=self.can_edit)
        with Vertical() as box:
            box.border_title = "Ready to start"
            yield Label(what, id="what")
            yield Label(detail, id="detail")
            if self.notice:
                yield Label(self.notice, id="notice")
        yield Footer()

    def action_start(self) -> None:
        self.dismiss("new")

    def action_review(self) -> None:
        self.dismiss("review")

    def action_edit_agenda(self) -> None:
        self.dismiss("edit")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.can_edit or action != "edit_agenda"

    def action_quit(self) -> None:
        self.app.exit()

    def action_keys(self) -> None:
        """`?`: every key of the runner."""
        self.app.push_screen(KeysScreen(keys.help_sections()))
