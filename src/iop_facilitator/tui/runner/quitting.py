"""What quitting the runner says about saving, in words: from the saver's status.

Quitting never promises more than is on disk: while actions wait to be saved, the question says
how many and why, and the app stays open until they are saved (or the facilitator chooses to
quit without them). No Textual here.
"""

from __future__ import annotations

from iop_facilitator.session import SaveStatus

RESUME = "run the same command again to resume it"


def unsaved_words(status: SaveStatus) -> str:
    """The actions not yet on disk and why, as a sentence ("3 actions are NOT saved yet: …")."""
    actions = f"{status.waiting} action{'' if status.waiting == 1 else 's'}"
    verb = "is" if status.waiting == 1 else "are"
    if status.problem is None:
        return f"{actions} {verb} still being saved."
    return f"{actions} {verb} NOT saved yet: {status.problem}"


def quit_detail(status: SaveStatus | None, *, throwaway: bool = False) -> str:
    """The quit question's detail while the session runs, true to what is on disk now."""
    if throwaway:
        return "This is the demo: its throwaway vault is deleted when you quit."
    if status is None or status.waiting == 0:
        return f"Everything recorded is saved; {RESUME}."
    return (
        f"{unsaved_words(status)} The app stays open and keeps trying until they are saved, "
        f"then closes; you can still quit without them. Then {RESUME}."
    )


def unfinished_quit_detail(status: SaveStatus | None) -> str:
    """The detail of quitting from the end summary, before the session is finished."""
    detail = (
        "The ended session and the note as typed so far stay in the vault and come "
        "back here next time."
    )
    if status is not None and status.waiting:
        return f"{unsaved_words(status)} {detail}"
    return detail
