"""The session record, built once as document blocks: what the runner's end screen, review's
session screen and every export of a session show.

The exports render it as Markdown or HTML (`markdown`, `html`), the apps as Rich
(`tui/common/document_view.py`). Exports name members by initials (a file leaves the vault);
the apps, inside the vault, by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from iop_facilitator.review.archive import FlagHandling
from iop_facilitator.review.export.document import Block, Bullets, Facts, Heading, Paragraph, Table
from iop_facilitator.review.safety_flags import flag_state
from iop_facilitator.session.notes import OUTCOME_WORDS, given_to
from iop_facilitator.session.summary import CheckInLine, SessionSummary, ended_wall
from iop_facilitator.wording import equity, full_stop, minutes, percent


def _clock(moment: datetime) -> str:
    return moment.astimezone().strftime("%H:%M")


def service_times(summary: SessionSummary) -> str:
    """ "18:00 to 19:32 (92 minutes)": the session's start and end, local time."""
    end, length = ended_wall(summary), minutes(summary.elapsed_minutes)
    return f"{_clock(summary.started)} to {_clock(end)} ({length} minutes)"


def record_facts(summary: SessionSummary) -> list[tuple[str, str]]:
    """The session's header, chart-ready: group, agenda, the service date, start and end,
    length, and the facilitators (with their roles, whether or not they spoke)."""
    facilitators = summary.facilitators or tuple(
        s.name for s in summary.speakers if s.is_facilitator
    )
    pairs = [
        ("Group", summary.group_name),
        ("Agenda", f"{summary.agenda_title} ({summary.agenda_kind})"),
        ("Service date", summary.started.astimezone().strftime("%Y-%m-%d")),
        ("Time", service_times(summary)),
        ("Length", f"{minutes(summary.elapsed_minutes)} of {summary.planned_minutes} minutes"),
    ]
    if facilitators:
        pairs.append(("Facilitators", ", ".join(facilitators)))
    return pairs


def _checkin_words(checkin: CheckInLine | None) -> str:
    if checkin is None:
        return "—"
    if checkin.passed:
        return "passed"
    return ", ".join(f"{k} {v}" for k, v in checkin.values.items())


def record_blocks(
    summary: SessionSummary,
    *,
    by_initials: bool = True,
    handled: Mapping[str, FlagHandling] | None = None,
) -> list[Block]:
    """The record under the heading "Session record": attendance and participation, who did not
    speak, check-in notes, phases, homework, safety flags (as they stand now: `handled` holds
    those handled in review since, by id) and the notes taken during it."""
    who = {a.member_id: a.initials if by_initials else a.name for a in summary.attendance}
    checkins = {c.member_id: c for c in summary.checkins}
    blocks: list[Block] = [Heading("Session record", 2), Heading("Attendance and participation", 3)]
    rows = []
    for a in summary.attendance:
        s = summary.speaker(a.member_id)
        rows.append(
            (
                who[a.member_id],
                a.status.label,
                _checkin_words(checkins.get(a.member_id)),
                str(s.turns) if s else "0",
                minutes(s.airtime_seconds / 60) if s else "0",
                percent(s.member_share) if s else percent(None),
            )
        )
    blocks.append(
        Table(
            ("Member", "Attendance", "Check-in", "Turns", "Minutes", "Share"),
            tuple(rows),
            numeric=(3, 4, 5),
        )
    )
    said = [
        f"{equity(summary.equity_gini).capitalize()}; "
        f"facilitator share {percent(summary.facilitator_share)}."
    ]
    if summary.not_spoken:
        said.append(
            full_stop("Did not speak: " + ", ".join(who.get(m, "?") for m in summary.not_spoken))
        )
    blocks.append(Paragraph(" ".join(said)))
    checkin_notes = [f"{who.get(c.member_id, '?')}: {c.note}" for c in summary.checkins if c.note]
    if checkin_notes:
        blocks += [Heading("Check-in notes", 3), Bullets(tuple(checkin_notes))]
    blocks += [
        Heading("Phases", 3),
        # The plan is the agenda's; what changed it (extensions, a re-budget) stands beside.
        Table(
            ("Phase", "Plan", "Changed", "Actual", "Status"),
            tuple(
                (
                    p.title,
                    str(p.agenda_minutes),
                    p.plan_changes() or "—",
                    minutes(p.actual_minutes),
                    p.status,
                )
                for p in summary.phases
            ),
            numeric=(1, 3),
        ),
    ]
    homework = [
        f"Given to {given_to(h, who)}: {h.text}" if h.member_ids else f"Given: {h.text}"
        for h in summary.homework_given
    ]
    for h in summary.homework_reviewed:
        outcomes = ", ".join(
            f"{who.get(k, 'group')} {OUTCOME_WORDS.get(v, v)}" for k, v in h.outcomes.items()
        )
        homework.append(f"Reviewed: {h.text} — {outcomes or 'not reviewed'}")
    if homework:
        blocks += [Heading("Homework", 3), Bullets(tuple(homework))]
    # Each flag as it stands now (handled in review since: when, by whom, what was done),
    # never as the session left it: a record read later must not show a handled flag as open.
    now = handled or {}
    flags = [
        f"{who.get(f.member_id, '?')}: {f.note} — {flag_state(f, now.get(f.flag_id))}"
        for f in summary.flags
    ]
    if flags:
        blocks += [Heading("Safety flags", 3), Bullets(tuple(flags))]
    notes = [
        f"Minute {round(n.minute)}, {who.get(n.member_id or '', n.phase_title or 'the session')}: "
        f"{n.text}"
        for n in summary.notes
    ]
    if notes:
        blocks += [Heading("Notes taken during the session", 3), Bullets(tuple(notes))]
    return blocks


def summary_blocks(summary: SessionSummary, *, by_initials: bool = True) -> list[Block]:
    """The header facts and the record: the whole summary of a session, as the apps show it."""
    return [Facts(tuple(record_facts(summary))), *record_blocks(summary, by_initials=by_initials)]
