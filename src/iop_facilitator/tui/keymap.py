"""Every key the runner answers to, in one place.

Screens take their `BINDINGS` from here and the help screen (`?`) and the README's key reference
are written from the same lists, so a key cannot change in one place and not the other.
Keys are Textual key names (`exclamation_mark` is `!`, `upper_e`-style names are just `E`).
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# Members get a key each in board order: digits first (the common case of up to ten people),
# then letters that no command uses, so a larger group still needs one keystroke per person.
MEMBER_KEYS: tuple[str, ...] = tuple("1234567890") + tuple("bdgijklmotuvwy")
FACILITATOR_KEY = "f"
CO_FACILITATOR_KEY = "F"

SESSION: list[BindingType] = [
    Binding("question_mark", "help", "Keys", key_display="?"),
    Binding("enter", "next_speaker", "Next speaker"),
    Binding("space", "end_turn", "End turn"),
    Binding("p", "pass_turn", "Pass"),
    Binding(CO_FACILITATOR_KEY, "co_facilitator_turn", "Co-facilitator", show=False),
    Binding("n", "note", "Note"),
    Binding("exclamation_mark", "flag", "Flag", key_display="!"),
    Binding("h", "homework", "Homework"),
    Binding("right_square_bracket", "next_phase", "Next phase", key_display="]"),
    Binding(FACILITATOR_KEY, "facilitator_turn", "Me"),
    Binding("x", "skip_phase", "Skip next phase", show=False),
    Binding("e", "extend(1)", "+1 min", show=False),
    Binding("E", "extend(5)", "+5 min", show=False),
    Binding("P", "pause", "Pause", show=False),
    Binding("r", "rebudget", "Accept re-budget", show=False),
    Binding("a", "attendance", "Attendance", show=False),
    Binding("c", "reminder", "Reminder", show=False),
    Binding("q", "quit_session", "Quit", show=False),
]
"""The cockpit; the member keys are `MEMBER_TURNS`. The footer shows those with `show=True`,
in this order, as far as the width allows; `?` lists them all."""

ATTENDANCE: list[BindingType] = [
    Binding("up,k", "cursor(-1)", "Up", show=False),
    Binding("down,j", "cursor(1)", "Down", show=False),
    Binding("y", "mark('present')", "Present"),
    Binding("a", "mark('absent')", "Absent"),
    Binding("l", "mark('late')", "Late"),
    Binding("o", "mark('left')", "Left early"),
    Binding("plus", "add_member", "Add drop-in", key_display="+"),
    Binding("escape", "done", "Done"),
    Binding("question_mark", "help", "Keys", key_display="?"),
]
"""Attendance: one key per mark on the highlighted member (Enter or a click: present);
digits jump to a member."""

REMINDER: list[BindingType] = [
    Binding("g", "given", "Reminder given"),
    Binding("escape", "later", "Later"),
    Binding("question_mark", "help", "Keys", key_display="?"),
]

CAPTURE: list[BindingType] = [
    Binding("ctrl+s", "save", "Save"),
    Binding("escape", "cancel", "Cancel"),
]
"""The quick-capture modals (note, flag, homework): Enter in the text saves too."""

CHECK_IN: list[BindingType] = [
    Binding("ctrl+s", "save", "Save"),
    Binding("ctrl+x", "pass_check_in", "Passes"),
    Binding("escape", "cancel", "Later"),
]

SUMMARY: list[BindingType] = [
    Binding("ctrl+s", "save", "Save & finish"),
    Binding("question_mark", "help", "Keys", key_display="?", show=False),
]

UNLOCK: list[BindingType] = [
    Binding("escape", "quit", "Quit"),
]

CONFIRM: list[BindingType] = [
    Binding("y", "answer(True)", "Yes"),
    Binding("n,escape", "answer(False)", "No"),
]

ADD_MEMBER: list[BindingType] = [
    Binding("escape", "cancel", "Cancel"),
]

MEMBER_TURNS: list[BindingType] = [
    Binding(key, f"member_turn({index})", show=False) for index, key in enumerate(MEMBER_KEYS)
]
"""The cockpit's member keys: the n-th key gives the floor to the n-th member on the board."""

MEMBER_JUMPS: list[BindingType] = [
    Binding(key, f"jump({index})", show=False) for index, key in enumerate(MEMBER_KEYS[:10])
]
"""Attendance: a digit moves to that member (letters there are marks, not members)."""

HELP: list[BindingType] = [
    Binding("escape,question_mark,q", "close", "Close"),
]

SCREENS_FOR_HELP: dict[str, list[BindingType]] = {
    "Session": SESSION,
    "Attendance": ATTENDANCE,
    "Confidentiality reminder": REMINDER,
    "Note, flag, homework": CAPTURE,
    "Check-in": CHECK_IN,
    "End summary": SUMMARY,
}


def key_label(binding: Binding) -> str:
    """What a person presses, as printed in the help screen and the README."""
    if binding.key_display:
        return binding.key_display
    names = {
        "enter": "Enter",
        "space": "Space",
        "escape": "Esc",
        "plus": "+",
        "ctrl+s": "Ctrl+S",
        "ctrl+x": "Ctrl+X",
        "up,k": "↑ / k",
        "down,j": "↓ / j",
        "n,escape": "n / Esc",
        "escape,question_mark,q": "Esc",
    }
    return names.get(binding.key, binding.key)


def member_key(position: int) -> str | None:
    """The key for the member at `position` (0-based) on the board, or None past the last key."""
    return MEMBER_KEYS[position] if position < len(MEMBER_KEYS) else None
