"""Every key the runner answers to, in one place.

Screens take their `BINDINGS` from here and the keys modal (`?`) and the README's key reference
are written from the same lists, so a key cannot change in one place and not the other.
Keys are Textual key names (`exclamation_mark` is `!`, `upper_e`-style names are just `E`);
the convention both apps follow is in `tui/common/keys.py`.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType

from iop_facilitator.tui.common.keys import GROUP_VIEW, KEYS, key_label, with_ids
from iop_facilitator.tui.runner.views import MEMBER_KEYS

FACILITATOR_KEY = "f"
CO_FACILITATOR_KEY = "F"

SESSION: list[BindingType] = with_ids(
    "session",
    [
        KEYS,
        Binding(
            "enter",
            "next_speaker",
            "Next speaker",
            tooltip="Give the floor to the member marked next on the board (next in a round, "
            "least heard in open discussion); between phases, start the next phase",
        ),
        Binding("space", "end_turn", "End turn", tooltip="Whoever is speaking has finished"),
        Binding(
            "p",
            "pass_turn",
            "Pass",
            tooltip="The member speaking passes, else the member marked next (in a check-in, "
            "their check-in is a pass too)",
        ),
        Binding("n", "note", "Note", tooltip="A note to the session, this phase or a member"),
        Binding(
            "exclamation_mark",
            "flag",
            "Flag",
            tooltip="A safety concern about a member (in the summary until handled)",
        ),
        Binding("h", "homework", "Homework", tooltip="Homework for the group or a member"),
        Binding(
            "right_square_bracket",
            "next_phase",
            "Next phase",
            tooltip="End this phase and start the next (z undoes, for 2 min); after the last, "
            "end the session",
        ),
        Binding(FACILITATOR_KEY, "facilitator_turn", "Me", tooltip="The lead facilitator speaks"),
        Binding(
            CO_FACILITATOR_KEY,
            "co_facilitator_turn",
            "Co-facilitator",
            show=False,
            tooltip="The co-facilitator speaks",
        ),
        Binding(
            "x",
            "skip_phase",
            "Skip",
            show=False,
            tooltip="Skip the next phase (z undoes, for 2 min)",
        ),
        Binding(
            "z",
            "undo",
            "Undo",
            show=False,
            tooltip="Undo a skip, or a phase or round ended, within 2 minutes",
        ),
        Binding(
            "C",
            "check_in_form",
            "Check-in form",
            show=False,
            tooltip="Open the check-in form of the member speaking, or (then their key) of any "
            "member; no new turn",
        ),
        Binding("e", "extend(1)", "+1 min", show=False, tooltip="One more minute for this phase"),
        Binding("E", "extend(5)", "+5 min", show=False, tooltip="Five more minutes for this phase"),
        Binding("P", "pause", "Pause", show=False, tooltip="Pause the whole session, or resume it"),
        Binding(
            "r",
            "rebudget",
            "Re-budget",
            show=False,
            tooltip="Accept the suggestion to shorten the phases to come and end on time",
        ),
        Binding(
            "a",
            "attendance",
            "Attendance",
            show=False,
            tooltip="Late arrivals, early leavers, a drop-in or first-time member",
        ),
        Binding("c", "reminder", "Reminder", show=False, tooltip="The confidentiality reminder"),
        Binding(
            "s",
            "group_view",
            "Group view",
            show=False,
            tooltip="The group's view, safe to share in the call (Esc comes back)",
        ),
        Binding(
            "pagedown",
            "scroll_prompts(1)",
            "Prompts down",
            show=False,
            tooltip="Scroll the phase's prompts and script down (at 80x24 they may not fit)",
        ),
        Binding(
            "pageup",
            "scroll_prompts(-1)",
            "Prompts up",
            show=False,
            tooltip="Scroll the phase's prompts and script back up",
        ),
        Binding("q", "quit_session", "Quit", show=False, tooltip="Quit (asks first; resume later)"),
    ],
)
"""The cockpit; the member keys are `MEMBER_TURNS`. The footer shows those with `show=True`,
in this order, as far as the width allows; `?` lists them all."""

ATTENDANCE: list[BindingType] = with_ids(
    "attendance",
    [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("y", "mark('present')", "Present", tooltip="Present (once started: arrived late)"),
        Binding("a", "mark('absent')", "Absent"),
        Binding("l", "mark('late')", "Late", tooltip="Arrived late, now"),
        Binding("o", "mark('left')", "Left early", tooltip="Left before the end, now"),
        Binding(
            "plus",
            "add_member",
            "Add drop-in",
            tooltip="Add a drop-in or first-time member",
        ),
        Binding("escape", "done", "Done"),
        KEYS,
    ],
)
"""Attendance: one key per mark on the highlighted member (Enter or a click: present);
digits jump to a member."""

REMINDER: list[BindingType] = with_ids(
    "reminder",
    [
        Binding(
            "g", "given", "Reminder given", tooltip="Log that the reminder (and norms) were read"
        ),
        Binding("escape", "later", "Later"),
        KEYS,
    ],
)

CAPTURE: list[BindingType] = with_ids(
    "capture",
    [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ],
)
"""The quick-capture modals (note, flag, homework): Enter in the text saves too."""

CHECK_IN: list[BindingType] = with_ids(
    "check-in",
    [
        Binding("ctrl+s", "save", "Save"),
        # A priority binding: the text boxes always have the focus and an Input takes Ctrl+X (cut).
        Binding(
            "ctrl+x",
            "pass_check_in",
            "Passes",
            tooltip="The member passes on the check-in",
            priority=True,
        ),
        Binding("escape", "cancel", "Later"),
    ],
)

SUMMARY: list[BindingType] = with_ids(
    "summary",
    [
        Binding(
            "f1",
            "show_tab('draft-tab')",
            "Draft note",
            key_display="F1",
            tooltip="The draft note, to edit",
        ),
        Binding(
            "f2",
            "show_tab('summary-tab')",
            "Summary",
            key_display="F2",
            tooltip="The session's summary",
        ),
        Binding(
            "ctrl+s",
            "save",
            "Save & finish",
            tooltip="Save the note and finish the session in the vault",
        ),
        replace(KEYS, show=False),
    ],
)

# Both screens before a session open review over the same unlocked vault.
_OPEN_REVIEW = Binding(
    "v",
    "review",
    "Review",
    tooltip="Review past sessions over the same vault (q there comes back here)",
)

START: list[BindingType] = with_ids(
    "start",
    [
        Binding("enter", "start", "Start", tooltip="Start the session: attendance comes first"),
        _OPEN_REVIEW,
        Binding(
            "e",
            "edit_agenda",
            "Edit agenda",
            tooltip="Change today's copy of the agenda in the agenda studio (this session only)",
        ),
        Binding("escape", "quit", "Quit"),
        replace(KEYS, show=False),
    ],
)
"""Before a session: the group, the agenda and what carries over from last time."""

RESUME: list[BindingType] = with_ids(
    "resume",
    [
        Binding("r,enter", "resume", "Resume it", tooltip="Resume the unfinished session chosen"),
        Binding("up,k", "cursor(-1)", "Up", show=False, tooltip="The newer unfinished session"),
        Binding("down,j", "cursor(1)", "Down", show=False, tooltip="The older unfinished session"),
        Binding("n", "new", "Start a new one", tooltip="Start a new session instead"),
        Binding(
            "d",
            "discard",
            "Discard",
            tooltip="Discard the chosen session when nobody was marked present in it (asks first)",
        ),
        _OPEN_REVIEW,
        Binding("escape", "quit", "Quit"),
        replace(KEYS, show=False),
    ],
)
"""Every unfinished session of the group is offered back, newest first."""

GROUP_PICKER: list[BindingType] = with_ids(
    "group-picker",
    [
        Binding("escape", "quit", "Quit"),
        replace(KEYS, show=False),
    ],
)
"""`run` without --group, or with a name the vault lacks: choose the group (Enter)."""

GROUP_HELD: list[BindingType] = with_ids(
    "group-held",
    [
        Binding("r,enter", "retry", "Try again", tooltip="Look again whether the group is free"),
        _OPEN_REVIEW,
        Binding("escape", "quit", "Quit"),
        replace(KEYS, show=False),
    ],
)
"""The group's session is live in another window."""

UNLOCK: list[BindingType] = with_ids(
    "unlock",
    [
        Binding("escape", "quit", "Quit"),
    ],
)

SAVING_BEFORE_QUIT: list[BindingType] = with_ids(
    "saving-before-quit",
    [
        Binding("escape", "answer(False)", "Back to the session"),
        Binding("x", "answer(True)", "Quit anyway", tooltip="Quit, losing the actions not saved"),
    ],
)
"""Quitting while actions wait to be saved: the app closes by itself once they are."""

ADD_MEMBER: list[BindingType] = with_ids(
    "add-member",
    [
        Binding("escape", "cancel", "Cancel"),
    ],
)

MEMBER_TURNS: list[BindingType] = with_ids(
    "session",
    [Binding(key, f"member_turn({index})", show=False) for index, key in enumerate(MEMBER_KEYS)],
)
"""The cockpit's member keys: the n-th key gives the floor to the n-th member on the board."""

MEMBER_JUMPS: list[BindingType] = with_ids(
    "attendance",
    [Binding(key, f"jump({index})", show=False) for index, key in enumerate(MEMBER_KEYS[:10])],
)
"""Attendance: a digit moves to that member (letters there are marks, not members)."""

APP: list[BindingType] = with_ids(
    "runner",
    [
        Binding("ctrl+q", "quit_session", "Quit", show=False, priority=True),
        # Ctrl+C does what q does everywhere: ask to quit (never a silent copy or an exit).
        Binding("ctrl+c", "quit_session", "Quit", show=False, priority=True),
    ],
)
"""Anywhere in the runner: the screen showing decides what quitting means there."""

SCREENS_FOR_HELP: dict[str, list[BindingType]] = {
    "Session": SESSION,
    "Attendance": ATTENDANCE,
    "Confidentiality reminder": REMINDER,
    "Note, flag, homework": CAPTURE,
    "Check-in": CHECK_IN,
    "End summary": SUMMARY,
    "Before the session": START,
    "Unfinished session": RESUME,
    "Group view": GROUP_VIEW,
}


MEMBER_KEYS_ROW = ("1-9, 0, b d g…", "Give the floor to that member (or click their row)")


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key of the runner, screen by screen, as the keys modal (`?`) lists them."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for screen, bindings in SCREENS_FOR_HELP.items():
        rows = [MEMBER_KEYS_ROW] if screen == "Session" else []
        seen: set[str] = set()
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.description in seen:
                continue
            seen.add(binding.description)
            rows.append((key_label(binding), binding.tooltip or binding.description))
        sections.append((screen, rows))
    return sections


def reference_markdown() -> str:
    """The key reference as Markdown tables, one per screen (README.md holds a copy; a test
    keeps the two in step)."""
    lines: list[str] = []
    for screen, bindings in SCREENS_FOR_HELP.items():
        lines += [f"**{screen}**", "", "| key | what it does |", "| --- | --- |"]
        if screen == "Session":
            lines.append(
                "| `1`-`9`, `0`, then `b` `d` `g` `i` … | Give the floor to that member "
                "(or click their row) |"
            )
        seen: set[str] = set()
        for binding in bindings:
            if not isinstance(binding, Binding) or binding.description in seen:
                continue
            seen.add(binding.description)
            label = key_label(binding).replace("|", "\\|")
            lines.append(f"| `{label}` | {binding.tooltip or binding.description} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
