"""The command line's session list reads only the digests it shows, and lists exactly what
the whole archive's list does (`list_sessions(archive, wanted)[:limit]`)."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime

import pytest

from iop_facilitator.record_kinds import RecordKind
from iop_facilitator.review import listing
from iop_facilitator.review.archive import valid_digest
from iop_facilitator.review.digest import SessionDigest
from iop_facilitator.review.digest_text import (
    collector_paused,
    digest_started,
    digest_version,
    may_contain,
)
from iop_facilitator.review.library import Library
from iop_facilitator.review.listing import newest_sessions
from iop_facilitator.review.sessions import SessionFilter, list_sessions
from tests.review.review_vault import Built

FILTERS = [
    SessionFilter(),
    SessionFilter(group="thursday"),
    SessionFilter(agenda="mindfulness"),
    SessionFilter(since=date(2026, 11, 5), until=date(2026, 11, 17)),
    SessionFilter(text="drinking friend"),
    SessionFilter(text="zyzzyva"),
    SessionFilter(text="TIPP"),
    SessionFilter(group="tuesday", text="the"),
]


def _listed(built: Built, wanted: SessionFilter, limit: int) -> list[str]:
    return [d.session_id for d in newest_sessions(Library(built.vault), wanted, limit).sessions]


def _whole(built: Built, wanted: SessionFilter, limit: int) -> list[str]:
    return [d.session_id for d in list_sessions(built.archive(), wanted)[:limit]]


@pytest.mark.parametrize("wanted", FILTERS)
@pytest.mark.parametrize("limit", [0, 2, 50, -1])
def test_listing_is_the_whole_archives_list_cut_to_the_limit(
    built: Built, wanted: SessionFilter, limit: int
) -> None:
    whole = _whole(built, wanted, limit)  # also keeps every digest in the index
    assert _listed(built, wanted, limit) == whole


def test_listing_builds_the_digests_of_a_vault_review_never_opened(built: Built) -> None:
    assert built.vault.index_entries_json(RecordKind.SESSION_DIGEST) == {}
    assert _listed(built, SessionFilter(), 50) == ["thu-s2", "tue-s3", "tue-s2", "thu-s1", "tue-s1"]


def test_listing_gives_the_same_sessions_as_the_archive(built: Built) -> None:
    shown = newest_sessions(Library(built.vault), SessionFilter(), 50)
    archive = built.archive()
    assert shown.sessions == archive.sessions
    assert all(
        shown.note_status(d.session_id) == archive.note_status(d.session_id) for d in shown.sessions
    )


def test_listing_validates_only_the_digests_it_shows(
    built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    validated: list[str] = []

    def counting(text: str) -> SessionDigest | None:
        digest = valid_digest(text)
        validated.append(digest.session_id if digest else "?")
        return digest

    Library(built.vault).update_digests()  # as review left them: every digest in the index
    monkeypatch.setattr(listing, "valid_digest", counting)
    assert _listed(built, SessionFilter(), 2) == ["thu-s2", "tue-s3"]
    assert validated == ["thu-s2", "tue-s3"]
    validated.clear()
    assert _listed(built, SessionFilter(text="zyzzyva"), 50) == []
    assert validated == []  # no digest's text holds the word


def test_listing_rebuilds_a_digest_of_another_version_and_lists_it(built: Built) -> None:
    old = built.archive().session("tue-s2")  # every digest kept in the index
    assert old is not None
    stale = old.model_dump(mode="json") | {"version": 1}
    built.vault.put(RecordKind.SESSION_DIGEST, "tue-s2", b"{}", index_entry=stale)
    assert _listed(built, SessionFilter(), 50) == ["thu-s2", "tue-s3", "tue-s2", "thu-s1", "tue-s1"]
    assert digest_version(built.vault.index_entries_json(RecordKind.SESSION_DIGEST)["tue-s2"]) == 2


def test_listing_leaves_out_a_damaged_digest_as_the_archive_does(built: Built) -> None:
    Library(built.vault).update_digests()
    built.vault.put(
        RecordKind.SESSION_DIGEST, "stray", b"{}", index_entry={"version": 2, "session_id": "x"}
    )
    assert _listed(built, SessionFilter(), 50) == _whole(built, SessionFilter(), 50)
    assert "stray" not in _listed(built, SessionFilter(), 50)


def test_digest_text_gives_version_and_start_without_decoding() -> None:
    text = '{"version":2,"session_id":"s","started":"2026-11-03T17:00:00Z","members":[]}'
    assert digest_version(text) == 2
    assert digest_started(text) == datetime(2026, 11, 3, 17, 0, tzinfo=UTC)
    assert digest_version('{"session_id": "s", "version": 3}') == 3
    assert digest_version('{"version": "2"}') == "2"  # decoded: not the number 2
    assert digest_version("not json") is None
    assert digest_version(None) is None
    assert digest_started('{"notes":[["said \\"started\\":\\"2020\\"", ""]]}') is None


def test_may_contain_rules_out_only_what_the_text_cannot_hold() -> None:
    text = '{"notes":[["Used the TIPP skill\\nat home", ""]],"group_name":"Tuesday"}'
    assert may_contain(text, ("tipp", "tuesday"))
    assert not may_contain(text, ("zyzzyva",))
    # An escaped character could hide the word: never ruled out.
    assert may_contain('{"notes":[["caf\\u00e9", ""]]}', ("café",))
    assert may_contain('{"notes":[["a\\/b", ""]]}', ("a/b",))


def test_collector_paused_gives_the_collector_back_as_it_was() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
