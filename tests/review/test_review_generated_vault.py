"""The benchmark's generator still makes vaults review can read (sessions through the engine)."""

import json
import sys
from pathlib import Path

BENCH = Path(__file__).parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from generate_vault import SessionShape, build_vault, made_sessions  # noqa: E402

from iop_facilitator.review.follow_up import follow_up  # noqa: E402
from iop_facilitator.review.library import Library  # noqa: E402
from iop_facilitator.review.member_history import member_history, members  # noqa: E402


def test_generated_vault_opens_in_review_with_every_session(tmp_path: Path) -> None:
    vault = build_vault(tmp_path / "vault", 12, fast_kdf=True)
    archive = Library(vault).archive()
    assert len(archive.sessions) == 12
    assert archive.problems == []


def test_generated_sessions_carry_homework_into_the_next_week(tmp_path: Path) -> None:
    vault = build_vault(tmp_path / "vault", 12, fast_kdf=True)
    archive = Library(vault).archive()
    someone = members(archive)[0]
    assert member_history(archive, someone.id).homework_reviewed > 0
    assert len(follow_up(archive).notes) == 12


def test_generated_sessions_have_the_issue_benchmark_size() -> None:
    # The issue's benchmark session: 8 members, 40 events, about 2 KB of notes.
    for made in made_sessions(8):
        events = json.loads(made.payload)["events"]
        notes = sum(len(e["text"]) for e in events if e["type"] == "note-added")
        assert len(events) == 40
        assert 1800 <= notes <= 2600
        assert len({e["member_id"] for e in events if e["type"].startswith("member-")}) == 8


def test_a_bigger_session_shape_makes_bigger_sessions() -> None:
    small = [len(json.loads(m.payload)["events"]) for m in made_sessions(4)]
    shape = SessionShape(events=90, notes_bytes=6000)
    big = [json.loads(m.payload)["events"] for m in made_sessions(4, shape=shape)]
    assert all(len(b) > s for b, s in zip(big, small, strict=True))
    assert all(sum(len(e["text"]) for e in b if e["type"] == "note-added") >= 5400 for b in big)
