"""`vault remote`, `sync`, `backup`, `clone` and `status` from the command line: what moved in
one line, problems as sentences, never a traceback or a secret."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.vault import KdfParams, Vault
from tests.sync.seaweed_server import SECRET_KEY, SeaweedServer
from tests.vault.vault_testing import PASSPHRASE

RECOVERY: dict[Path, str] = {}
"""Each fixture vault's recovery key."""


def _run(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, ["vault", *map(str, args)])
    assert "Traceback" not in result.output and SECRET_KEY not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path]:
    """A vault with a group and a finished session, and its passphrase file."""
    vault, recovery_key = Vault.init(tmp_path / "office", PASSPHRASE, kdf=KdfParams.for_tests())
    RECOVERY[vault.path] = recovery_key
    vault.put("group", "tuesday", b"roster", index_entry={"name": "Tuesday"})
    vault.put("session", "s1", b"one", index_entry={"date": "2026-03-03"}, session="s1")
    secret = tmp_path / "pw"
    secret.write_text(PASSPHRASE)
    return vault.path, secret


def _with(vault: tuple[Path, Path]) -> list[str | Path]:
    return ["--vault", vault[0], "--passphrase-file", vault[1]]


def test_backup_then_clone_restores_the_vault_on_a_new_computer(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    backed = _run("backup", disk, *_with(office))
    assert backed.exit_code == 0
    assert backed.output == f"Sent 1 group and 1 session to {disk}; received nothing.\n"
    cloned = _run("clone", disk, tmp_path / "laptop", "--passphrase-file", office[1])
    assert cloned.exit_code == 0
    assert cloned.output.startswith("Cloned 1 group and 1 session into ")
    assert Vault.unlock(tmp_path / "laptop", PASSPHRASE).get("session", "s1") == b"one"


def test_a_backup_to_a_folder_that_does_not_exist_is_one_sentence(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    result = _run("backup", tmp_path / "unplugged", *_with(office))
    assert result.exit_code == ExitCode.REMOTE_FAILED
    assert result.output.startswith("Error: The backup folder ") and result.output.count("\n") == 1


def test_remote_set_show_sync_status_and_unset(office: tuple[Path, Path], tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    assert _run("status", *_with(office)).output.startswith("This vault has no remote")
    assert _run("remote", "set", shared, *_with(office)).exit_code == 0
    assert _run("remote", "show", *_with(office)).output == f"{shared}\n"
    before = _run("status", *_with(office)).output
    assert before == f"Remote: {shared}. Last synced: never.\n2 objects not in the store yet.\n"
    assert _run("sync", *_with(office)).output.startswith("Sent 1 group and 1 session to")
    after = _run("status", *_with(office)).output
    assert after.endswith("Everything is in the store.\n") and "never" not in after
    assert _run("remote", "unset", *_with(office)).exit_code == 0
    result = _run("sync", *_with(office))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "This vault has no remote" in result.output


def test_sync_names_an_altered_object_and_exits_12(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    _run("backup", disk, *_with(office))
    laptop = tmp_path / "laptop"
    _run("clone", disk, laptop, "--passphrase-file", office[1])
    vault = Vault.unlock(office[0], PASSPHRASE)
    vault.put("session", "s2", b"two", session="s2")
    _run("backup", disk, *_with(office))
    newest = max(disk.glob("*/*"), key=lambda path: path.stat().st_mtime_ns)
    packs = [p for p in disk.glob("*/*") if p.stat().st_size > 1024 and p != newest]
    for pack in [*packs, newest]:
        data = bytearray(pack.read_bytes())
        data[-1] ^= 1
        pack.unlink()
        pack.write_bytes(bytes(data))
    result = _run("backup", disk, "--vault", laptop, "--passphrase-file", office[1])
    assert result.exit_code == ExitCode.REMOTE_DAMAGED
    assert "Needs attention: " in result.output


@pytest.mark.objectstore
def test_remote_set_on_seaweedfs_and_a_sync_through_it(
    office: tuple[Path, Path], seaweed: SeaweedServer, aws_env: None, tmp_path: Path
) -> None:
    url = "s3://sync-tests/cli-office"
    result = _run("remote", "set", url, "--endpoint", seaweed.endpoint, *_with(office))
    assert result.exit_code == 0, result.output
    assert result.output == f"This vault now syncs with {url} at {seaweed.endpoint}.\n"
    assert _run("sync", *_with(office)).exit_code == 0
    laptop = tmp_path / "laptop"
    cloned = _run(
        "clone", url, laptop, "--endpoint", seaweed.endpoint, "--passphrase-file", office[1]
    )
    assert cloned.exit_code == 0, cloned.output
    assert Vault.unlock(laptop, PASSPHRASE).ids("session") == ["s1"]
    synced = _run("sync", "--vault", laptop, "--passphrase-file", office[1])
    assert synced.output == f"Sent nothing to {url} at {seaweed.endpoint}; received nothing.\n"


@pytest.mark.objectstore
def test_remote_set_with_a_bucket_that_does_not_exist_keeps_nothing(
    office: tuple[Path, Path], seaweed: SeaweedServer, aws_env: None
) -> None:
    result = _run(
        "remote", "set", "s3://missing-bucket/x", "--endpoint", seaweed.endpoint, *_with(office)
    )
    assert result.exit_code == ExitCode.REMOTE_FAILED
    assert "The bucket missing-bucket does not exist" in result.output
    assert _run("remote", "show", *_with(office)).output == "This vault has no remote.\n"


def test_check_remote_reads_the_store_and_names_a_tampered_object(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _run("remote", "set", shared, *_with(office))
    Vault.unlock(office[0], PASSPHRASE).put("session", "long", b"x" * 5000, session="long")
    _run("sync", *_with(office))  # one pack, the only envelope above the smallest size
    clean = _run("check", "--remote", *_with(office))
    assert clean.exit_code == 0 and clean.output.endswith("Everything in the store is intact.\n")
    (pack,) = [p for p in shared.glob("*/*") if p.stat().st_size > 1024]
    data = bytearray(pack.read_bytes())
    data[100] ^= 1
    pack.unlink()
    pack.write_bytes(bytes(data))
    damaged = _run("check", "--remote", *_with(office))
    assert damaged.exit_code == ExitCode.REMOTE_DAMAGED
    assert damaged.output.startswith(f"DAMAGED  The object {pack.name} in the store was altered")


def test_clone_with_the_recovery_key_sets_a_new_passphrase(
    office: tuple[Path, Path], tmp_path: Path
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    recovery = tmp_path / "recovery"
    recovery.write_text(RECOVERY[office[0]])
    new = tmp_path / "new"
    new.write_text("a new passphrase for the laptop")
    _run("backup", disk, *_with(office))
    laptop = tmp_path / "laptop"
    result = _run(
        "clone", disk, laptop, "--recovery-key-file", recovery, "--new-passphrase-file", new
    )
    assert result.exit_code == 0, result.output
    assert Vault.unlock(laptop, "a new passphrase for the laptop").get("session", "s1") == b"one"
    wrong = tmp_path / "wrong"
    wrong.write_text("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    refused = _run(
        "clone", disk, tmp_path / "x", "--recovery-key-file", wrong, "--new-passphrase-file", new
    )
    assert refused.exit_code == ExitCode.WRONG_PASSPHRASE
    assert "The recovery key does not open this vault." in refused.output
    assert list((tmp_path / "x").iterdir()) == []
