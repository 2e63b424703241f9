"""The cockpit's captures: a member's check-in and the quick note, flag and homework, each a
modal over the cockpit whose result is one recorder call (`SessionScreen` inherits them).

What is typed in any of them goes to the journal as a draft as it changes
(`Recorder.keep_draft`), so after a crash `reopen_draft` brings the open form back with its
text and a line saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.screen import Screen

from iop_facilitator.session import UNDO_SECONDS, DraftForm
from iop_facilitator.tui.runner.recorder import Recorder
from iop_facilitator.tui.runner.screens.capture import (
    GROUP,
    PHASE,
    SESSION,
    Captured,
    CaptureScreen,
    Who,
)
from iop_facilitator.tui.runner.screens.check_in import CheckInResult, CheckInScreen
from iop_facilitator.wording import full_stop


class CaptureActions(Screen[None]):
    """The capture actions of the cockpit; the screen gives the recorder, its status line
    (`say`) and its redraw (`update_readings`)."""

    recorder: Recorder
    _check_in_for_key: bool = False  # C pressed: the next member key opens their form
    _draft_reopened: bool = False

    def say(self, message: str, *, warning: bool = False, seconds: float = 8.0) -> None:
        raise NotImplementedError

    def update_readings(self) -> None:
        raise NotImplementedError

    def reopen_draft(self) -> None:
        """After a crash, the form that was open comes back with what was typed in it."""
        draft = self.recorder.state.draft
        if draft is None or self._draft_reopened:
            return
        self._draft_reopened = True
        if draft.form == "check-in" and draft.member_id in self.recorder.state.members:
            self._ask_check_in(draft.member_id, restored=True)
        elif draft.form == "note":
            self.action_note(draft=draft.fields)
        elif draft.form == "flag":
            self.action_flag(draft=draft.fields)
        elif draft.form == "homework":
            self.action_homework(draft=draft.fields)

    # --- check-in -----------------------------------------------------------------------------

    def action_check_in_form(self) -> None:
        """The check-in form again, without a new turn: of the member speaking, or of the
        member whose key comes next."""
        state = self.recorder.state
        if state.checkin_spec is None:
            self.say("This agenda has no check-in.", warning=True)
            return
        speaker = self._speaker_or_none()
        if speaker is not None:
            self._ask_check_in(speaker)
            return
        self._check_in_for_key = True
        self.say("Check-in form: press the member's key.", seconds=UNDO_SECONDS)

    def _ask_check_in(self, member_id: str, *, restored: bool = False) -> None:
        state = self.recorder.state
        spec = state.checkin_spec
        if spec is None:
            return
        member = state.members[member_id]
        homework = state.homework_due(member_id)  # never what was given before they joined
        draft = state.draft
        typed = (
            draft.fields
            if draft is not None and draft.form == "check-in" and draft.member_id == member_id
            else None
        )

        def keep(fields: dict[str, str]) -> None:
            self.recorder.keep_draft("check-in", fields, member_id)

        def recorded(result: CheckInResult | None) -> None:
            if result is None:
                # Left for later: what was typed stays (journalled now), and C brings it back.
                self.recorder.flush_draft_now()
                self.say(f"{member.name}'s check-in is left for later: C opens it again.")
                return
            if self.recorder.check_in(
                member_id,
                result.values,
                result.note,
                passed=result.passed,
                homework=result.reviews,
            ):
                done = "passed." if result.passed else "checked in."
                if previous is not None:
                    done = "check-in corrected."
                self.say(f"{member.name} {done}")
                self.update_readings()

        previous = state.checkins.get(member_id)
        self.app.push_screen(
            CheckInScreen(
                member.name,
                spec,
                homework,
                member_id=member_id,
                previous=previous,
                draft=typed,
                restored=restored,
                on_draft=keep,
            ),
            recorded,
        )

    # --- quick capture ------------------------------------------------------------------------

    def _people(self) -> list[Who]:
        return [Who(m.id, m.name) for m in self.recorder.state.attended_members()]

    def _speaker_or_none(self) -> str | None:
        turn = self.recorder.state.open_turn
        return turn.speaker_id if turn and turn.speaker_id in self.recorder.state.members else None

    def _keeper(self, form: DraftForm) -> Callable[[dict[str, str]], None]:
        def keep(fields: dict[str, str]) -> None:
            self.recorder.keep_draft(form, fields)

        return keep

    def action_note(self, draft: Mapping[str, str] | None = None) -> None:
        phase = self.recorder.state.phase
        choices = [Who(SESSION, "The session")]
        if phase is not None:
            choices.append(Who(PHASE, f"This phase: {phase.spec.title}"))
        choices += self._people()

        def captured(result: Captured | None) -> None:
            if result is None:
                return
            member_id = None if result.about in (SESSION, PHASE) else result.about
            phase_id = phase.id if phase is not None and result.about != SESSION else None
            if self.recorder.note(result.text, phase_id=phase_id, member_id=member_id):
                self.say(f"Note saved about {_label(choices, result.about)}")
                self.update_readings()

        self.app.push_screen(
            CaptureScreen(
                "Note",
                choices,
                placeholder="What to remember",
                initial=self._speaker_or_none() or (PHASE if phase else SESSION),
                draft=draft,
                on_draft=self._keeper("note"),
            ),
            captured,
        )

    def action_flag(self, draft: Mapping[str, str] | None = None) -> None:
        people = self._people()
        if not people:
            self.say("Mark attendance first: a flag is about a member.", warning=True)
            return

        def captured(result: Captured | None) -> None:
            if result is not None and self.recorder.flag(result.about, result.text):
                self.say(f"Safety flag saved about {_label(people, result.about)}")
                self.update_readings()

        self.app.push_screen(
            CaptureScreen(
                "Safety flag",
                people,
                placeholder="The concern, in a few words",
                initial=self._speaker_or_none(),
                require_member=True,
                flag=True,
                draft=draft,
                on_draft=self._keeper("flag"),
            ),
            captured,
        )

    def action_homework(self, draft: Mapping[str, str] | None = None) -> None:
        state = self.recorder.state
        suggestions: list[str] = []
        for phase in state.phases:
            suggestions += [s for s in phase.spec.homework if s not in suggestions]
        choices = [Who(GROUP, "The whole group"), *self._people()]

        def captured(result: Captured | None) -> None:
            if result is None:
                return
            members = () if result.about == GROUP else (result.about,)
            if self.recorder.homework(result.text, members, from_suggestion=result.from_suggestion):
                self.say(f"Homework saved for {_label(choices, result.about)}")
                self.update_readings()

        self.app.push_screen(
            CaptureScreen(
                "Homework",
                choices,
                placeholder="Homework in your words (or pick a suggestion)",
                initial=GROUP,
                suggestions=suggestions,
                draft=draft,
                on_draft=self._keeper("homework"),
            ),
            captured,
        )


def _label(choices: list[Who], chosen: str) -> str:
    """How a capture's choice ends a sentence ("Elena G.", "the whole group.")."""
    words = next((who.label for who in choices if who.id == chosen), chosen)
    if chosen in (GROUP, SESSION, PHASE):
        words = words[0].lower() + words[1:]
    return full_stop(words)
