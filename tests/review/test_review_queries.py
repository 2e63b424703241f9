from datetime import UTC, date, datetime

import pytest

from iop_facilitator.review.archive import Archive
from iop_facilitator.review.errors import HandlingIncomplete
from iop_facilitator.review.follow_up import follow_up
from iop_facilitator.review.group_figures import group_figures
from iop_facilitator.review.member_history import find_member, member_history, streaks
from iop_facilitator.review.safety_flags import handle_flag, open_flags
from iop_facilitator.review.search import search
from iop_facilitator.review.sessions import SessionFilter, list_sessions
from iop_facilitator.vault.errors import StorageError
from tests.review.review_vault import Built


def _ids(archive: Archive, wanted: SessionFilter | None = None) -> list[str]:
    return [d.session_id for d in list_sessions(archive, wanted)]


def test_sessions_are_listed_newest_first(built: Built) -> None:
    assert _ids(built.archive()) == ["thu-s2", "tue-s3", "tue-s2", "thu-s1", "tue-s1"]


def test_group_filter_matches_part_of_the_name(built: Built) -> None:
    assert _ids(built.archive(), SessionFilter(group="thursday")) == ["thu-s2", "thu-s1"]


def test_agenda_filter_leaves_out_other_agendas(built: Built) -> None:
    assert _ids(built.archive(), SessionFilter(agenda="mindfulness")) == []


def test_date_range_includes_both_ends(built: Built) -> None:
    wanted = SessionFilter(since=date(2026, 11, 5), until=date(2026, 11, 17))
    assert _ids(built.archive(), wanted) == ["tue-s3", "tue-s2", "thu-s1"]


def test_text_filter_needs_every_word(built: Built) -> None:
    assert _ids(built.archive(), SessionFilter(text="drinking friend")) == ["tue-s2"]


def test_member_history_counts_attendance_by_kind(built: Built) -> None:
    archive = built.archive()
    history = member_history(archive, find_member(archive, "Daniel R.").id)
    assert (history.counts["present"], history.counts["late"], history.counts["absent"]) == (
        1,
        1,
        1,
    )
    assert history.attendance_rate == pytest.approx(2 / 3)


def test_member_history_streak_restarts_after_an_absence(built: Built) -> None:
    history = member_history(built.archive(), "tue-m4")
    assert (history.streaks.current_attended, history.streaks.longest_attended) == (1, 1)


def test_streaks_count_runs_of_attended_and_missed_sessions() -> None:
    found = streaks(["present", "late", "present", "absent", "absent"])
    assert (found.longest_attended, found.current_attended, found.current_missed) == (3, 0, 2)


def test_member_history_charts_check_ins_oldest_first(built: Built) -> None:
    history = member_history(built.archive(), "tue-m1")
    assert [v for _, v in history.checkins["mood"]] == [6, 6, 6]
    assert [v for _, v in history.checkins["urges"]] == [4, 5, 6]


def test_member_history_homework_rate_weighs_partly_as_half(built: Built) -> None:
    # James: partly in week 2, done in week 3.
    history = member_history(built.archive(), "tue-m2")
    assert history.homework_rate == pytest.approx(0.75)


def test_member_history_airtime_share_is_per_session(built: Built) -> None:
    history = member_history(built.archive(), "tue-m1")
    assert all(0 < s.member_share < 1 for s in history.sessions)


def test_member_history_lists_open_flags_before_newer_handled_ones(built: Built) -> None:
    history = member_history(built.archive(), "thu-m2")
    assert [(f.open, f.session_id) for f in history.flags] == [
        (True, "thu-s1"),
        (False, "thu-s2"),
    ]


def test_group_figures_count_sessions_per_week(built: Built) -> None:
    figures = group_figures(built.archive(), "tue-group")
    assert figures is not None
    assert figures.sessions == 3
    assert figures.sessions_per_week == pytest.approx(1.0)
    assert [w.sessions for w in figures.weeks] == [1, 1, 1]


def test_group_figures_attendance_rate_counts_late_as_attended(built: Built) -> None:
    figures = group_figures(built.archive(), "tue-group")
    assert figures is not None
    assert figures.attendance_rate == pytest.approx(12 / 15)


def test_follow_up_lists_the_open_flag_but_not_the_handled_one(built: Built) -> None:
    open_ = follow_up(built.archive()).flags
    assert [f.member_name for f in open_] == ["Tom W."]


def test_follow_up_lists_homework_carried_but_not_reviewed(built: Built) -> None:
    items = follow_up(built.archive()).homework
    assert [(h.group_name, h.due_in) for h in items] == [("Thursday relapse prevention", "thu-s2")]


def test_follow_up_lists_every_note_not_yet_final(built: Built) -> None:
    assert len(follow_up(built.archive()).notes) == 5


def test_handling_a_flag_records_who_what_when_and_closes_it(built: Built) -> None:
    archive = built.archive()
    flag = open_flags(archive)[0]
    at = datetime(2026, 11, 6, 9, 30, tzinfo=UTC)
    handle_flag(built.vault, archive, flag.id, by="Dr. Rivera", note="Safety call done", at=at)
    reread = Archive.load(built.vault)
    assert open_flags(reread) == []
    assert reread.handled[flag.id].by == "Dr. Rivera"
    assert reread.handled[flag.id].at == at


def test_handling_a_flag_needs_a_note(built: Built) -> None:
    archive = built.archive()
    flag = open_flags(archive)[0]
    with pytest.raises(HandlingIncomplete):
        handle_flag(built.vault, archive, flag.id, by="Dr. Rivera", note=" ", at=datetime.now(UTC))


def test_search_finds_notes_check_in_notes_and_homework(built: Built) -> None:
    sources = {hit.source for hit in search(built.archive(), "sleep")} | {
        hit.source for hit in search(built.archive(), "weekend")
    }
    sources |= {hit.source for hit in search(built.archive(), "TIPP")}
    assert sources == {"note", "check-in", "homework"}


def test_search_hits_carry_spans_of_the_words(built: Built) -> None:
    hit = search(built.archive(), "sleep plan")[0]
    assert sorted(hit.text[s:e].lower() for s, e in hit.spans) == ["plan", "sleep"]


def test_a_damaged_session_file_is_reported_and_the_others_stay_listed(built: Built) -> None:
    session_files = sorted((built.path / "records" / "session").iterdir())
    damaged = session_files[0]
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01
    damaged.write_bytes(bytes(data))
    archive = built.archive()
    assert len(archive.sessions) == 4
    assert len(archive.problems) == 1
    assert "damaged" in archive.problems[0]


def test_review_opens_a_vault_on_a_read_only_disk(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise StorageError("The vault folder cannot be written to.")

    monkeypatch.setattr(type(built.vault), "put", refuse)
    archive = built.archive()
    assert len(archive.sessions) == 5
    assert archive.problems == ["The vault folder cannot be written to."]


def test_last_seen_is_the_last_session_attended_not_the_last_held(built: Built) -> None:
    from iop_facilitator.review.member_history import members

    sam = next(m for m in members(built.archive()) if m.name == "Sam O.")
    assert sam.last_seen == datetime(2026, 11, 10, 18, 0, tzinfo=UTC)


def test_search_finds_what_clinicians_write_afterwards(built: Built) -> None:
    from iop_facilitator.review.library import Library

    library = Library(built.vault)
    archive = library.archive()
    session_id = archive.sessions[0].session_id
    at = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    library.edit_note(session_id, at=at, group_text="Group discussed grief after a funeral.")
    library.finalise_note(session_id, at=at, by="Dr. Rivera", leave_placeholders=True)
    library.add_addendum(session_id, text="Mailed the Zanzibar leaflet.", at=at, by="Dr. Rivera")
    flag = open_flags(archive)[0]
    handle_flag(
        built.vault, archive, flag.id, by="Dr. Rivera", note="Gave the quokka pamphlet", at=at
    )
    notes = library.saved_notes()
    found = {
        word: {hit.source for hit in search(archive, word, notes=notes)}
        for word in ("funeral", "zanzibar", "quokka pamphlet")
    }
    assert found == {
        "funeral": {"clinical note"},
        "zanzibar": {"addendum"},
        "quokka pamphlet": {"flag handled"},
    }
