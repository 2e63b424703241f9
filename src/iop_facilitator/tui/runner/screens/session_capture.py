"""The cockpit's captures: a member's check-in and the quick note, flag and homework, each a
modal over the cockpit whose result is one recorder call (`SessionScreen` inherits them)."""

from __future__ import annotations

from textual.screen import Screen

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

    def say(self, message: str, *, warning: bool = False) -> None:
        raise NotImplementedError

    def update_readings(self) -> None:
        raise NotImplementedError

    # --- check-in -----------------------------------------------------------------------------

    def _ask_check_in(self, member_id: str) -> None:
        state = self.recorder.state
        spec = state.checkin_spec
        if spec is None:
            return
        member = state.members[member_id]
        homework = [
            h
            for h in state.homework.values()
            if h.carried and (not h.member_ids or member_id in h.member_ids)
        ]

        def recorded(result: CheckInResult | None) -> None:
            if result is None:
                return
            if self.recorder.check_in(
                member_id,
                result.values,
                result.note,
                passed=result.passed,
                homework=result.reviews,
            ):
                done = "passed." if result.passed else "checked in."
                self.say(f"{member.name} {done}")
                self.update_readings()

        previous = state.checkins.get(member_id)
        self.app.push_screen(
            CheckInScreen(member.name, spec, homework, member_id=member_id, previous=previous),
            recorded,
        )

    # --- quick capture ------------------------------------------------------------------------

    def _people(self) -> list[Who]:
        return [Who(m.id, m.name) for m in self.recorder.state.attended_members()]

    def _speaker_or_none(self) -> str | None:
        turn = self.recorder.state.open_turn
        return turn.speaker_id if turn and turn.speaker_id in self.recorder.state.members else None

    def action_note(self) -> None:
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
            ),
            captured,
        )

    def action_flag(self) -> None:
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
            ),
            captured,
        )

    def action_homework(self) -> None:
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
            ),
            captured,
        )


def _label(choices: list[Who], chosen: str) -> str:
    """How a capture's choice ends a sentence ("Elena G.", "the whole group.")."""
    words = next((who.label for who in choices if who.id == chosen), chosen)
    if chosen in (GROUP, SESSION, PHASE):
        words = words[0].lower() + words[1:]
    return full_stop(words)
