"""The benchmark's generator still makes vaults review can read (sessions through the engine)."""

import sys
from pathlib import Path

BENCH = Path(__file__).parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from generate_vault import build_vault  # noqa: E402

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
