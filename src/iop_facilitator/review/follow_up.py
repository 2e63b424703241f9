"""The follow-up list: what is open across all groups, most urgent first.

Three kinds of item: safety flags not marked handled, homework that came due and was not
reviewed, and clinical notes not yet made final.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.clinical_notes import NoteStatus
from iop_facilitator.review.safety_flags import SafetyFlagRecord, open_flags


@dataclass(frozen=True)
class UnreviewedHomework:
    """Homework carried into a group's latest session and not reviewed there."""

    homework_id: str
    text: str
    group_name: str
    member_names: tuple[str, ...]  # empty: the whole group
    due_in: str  # session id
    due_on: datetime


@dataclass(frozen=True)
class NoteToFinish:
    session_id: str
    group_name: str
    agenda_title: str
    started: datetime
    status: NoteStatus


@dataclass(frozen=True)
class FollowUp:
    flags: tuple[SafetyFlagRecord, ...]
    homework: tuple[UnreviewedHomework, ...]
    notes: tuple[NoteToFinish, ...]

    @property
    def count(self) -> int:
        """How many items are open in all."""
        return len(self.flags) + len(self.homework) + len(self.notes)


def unreviewed_homework(archive: Archive) -> list[UnreviewedHomework]:
    """Homework due for review in each group's latest session that was not reviewed."""
    latest: dict[str, bool] = {}
    items = []
    for digest in archive.sessions:  # newest first: the first of each group is its latest
        if digest.group_id in latest:
            continue
        latest[digest.group_id] = True
        names = {m.id: m.name for m in digest.members}
        items += [
            UnreviewedHomework(
                homework_id=h.id,
                text=h.text,
                group_name=digest.group_name,
                member_names=tuple(names.get(i, "?") for i in h.member_ids),
                due_in=digest.session_id,
                due_on=digest.started,
            )
            for h in digest.homework
            if h.carried and not h.closed
        ]
    return items


def notes_to_finish(archive: Archive) -> list[NoteToFinish]:
    """Finished sessions whose clinical note is not final, newest first."""
    return [
        NoteToFinish(
            session_id=d.session_id,
            group_name=d.group_name,
            agenda_title=d.agenda_title,
            started=d.started,
            status=archive.note_status(d.session_id),
        )
        for d in archive.sessions
        if d.finished and archive.note_status(d.session_id) is not NoteStatus.FINAL
    ]


def follow_up(archive: Archive) -> FollowUp:
    """Everything open, in the order a therapist deals with it: flags, homework, notes."""
    return FollowUp(
        flags=tuple(open_flags(archive)),
        homework=tuple(unreviewed_homework(archive)),
        notes=tuple(notes_to_finish(archive)),
    )
