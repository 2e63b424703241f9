"""`iop-facilitator vault …`: one sentence and the documented exit code, never a traceback."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from iop_facilitator.cli import main
from iop_facilitator.errors import ExitCode
from iop_facilitator.vault import KdfParams, Vault
from tests.vault.vault_testing import PASSPHRASE, only_record_file, write_key_copies

# The smallest KDF the command accepts, so these tests stay quick.
CHEAP_KDF = ["--kdf-memory-mib", "64", "--kdf-time-cost", "3"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Passphrase files: the vault's, a new one, and a wrong one."""
    made = {}
    for name, text in [("pw", PASSPHRASE), ("new", "a second passphrase"), ("wrong", "nope")]:
        made[name] = tmp_path / f"{name}.txt"
        made[name].write_text(text + "\n")
    return made


def _run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(main, ["vault", *map(str, args)], env=env)
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    return result


def _init(vault_dir: Path, files: dict[str, Path]) -> Result:
    return _run("init", "--vault", vault_dir, "--passphrase-file", files["pw"], *CHEAP_KDF)


def test_init_creates_a_vault_and_prints_the_recovery_key_once(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    result = _init(vault_dir, files)
    assert result.exit_code == 0
    (key,) = re.findall(r"(?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}", result.output)
    Vault.recover(vault_dir, key, "set with the printed key")


def test_init_takes_the_vault_folder_from_the_environment(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    result = _run(
        "init", "--passphrase-file", files["pw"], *CHEAP_KDF,
        env={"IOP_FACILITATOR_VAULT": str(vault_dir)},
    )  # fmt: skip
    assert result.exit_code == 0
    assert (vault_dir / "key").exists()


def test_init_refuses_an_existing_vault(vault_dir: Path, files: dict[str, Path]) -> None:
    _init(vault_dir, files)
    result = _init(vault_dir, files)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "There is already a vault at" in result.output


def test_init_refuses_a_short_passphrase(vault_dir: Path, files: dict[str, Path]) -> None:
    result = _run("init", "--vault", vault_dir, "--passphrase-file", files["wrong"])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "at least 8 characters" in result.output


def test_check_says_an_intact_vault_is_intact(vault_dir: Path, files: dict[str, Path]) -> None:
    _init(vault_dir, files)
    result = _run("check", "--vault", vault_dir, "--passphrase-file", files["pw"])
    assert result.exit_code == 0
    assert "Every file is intact." in result.output


def test_check_names_the_damaged_file_and_reads_the_rest(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    vault = Vault.unlock(vault_dir, PASSPHRASE)
    vault.put("session", "good", b"fine")
    vault.put("group", "bad", b"to be damaged")
    damaged = only_record_file(vault_dir, "group")
    damaged.write_bytes(damaged.read_bytes()[:-3])
    result = _run("check", "--vault", vault_dir, "--passphrase-file", files["pw"])
    assert result.exit_code == ExitCode.VAULT_DAMAGED
    expected = f"DAMAGED  records/group/{damaged.name} (group 'bad'): it failed authentication"
    assert expected in result.output
    assert "session" not in result.output.split("Checked")[0]
    assert "1 damaged file; everything else is readable" in result.output


def test_a_wrong_passphrase_exits_3_with_one_sentence(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    result = _run("check", "--vault", vault_dir, "--passphrase-file", files["wrong"])
    assert result.exit_code == ExitCode.WRONG_PASSPHRASE
    assert (
        result.output == "Error: The passphrase does not open this vault. Check it and try again.\n"
    )


def test_a_missing_vault_exits_4(tmp_path: Path, files: dict[str, Path]) -> None:
    result = _run("check", "--vault", tmp_path / "none", "--passphrase-file", files["pw"])
    assert result.exit_code == ExitCode.VAULT_MISSING
    assert "There is no vault at" in result.output


def test_a_vault_from_a_newer_version_exits_7(vault_dir: Path, files: dict[str, Path]) -> None:
    _init(vault_dir, files)
    key = vault_dir / "key"
    data = key.read_bytes()
    write_key_copies(vault_dir, data[:8] + struct.pack(">H", 2) + data[10:])
    result = _run("check", "--vault", vault_dir, "--passphrase-file", files["pw"])
    assert result.exit_code == ExitCode.VAULT_NEWER
    assert "Upgrade iop-facilitator" in result.output


def test_passwd_changes_the_passphrase(vault_dir: Path, files: dict[str, Path]) -> None:
    _init(vault_dir, files)
    result = _run(
        "passwd", "--vault", vault_dir,
        "--passphrase-file", files["pw"], "--new-passphrase-file", files["new"],
    )  # fmt: skip
    assert result.exit_code == 0
    Vault.unlock(vault_dir, "a second passphrase")


def test_recover_sets_a_new_passphrase_with_the_recovery_key(
    vault_dir: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    (key,) = re.findall(r"(?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}", _init(vault_dir, files).output)
    key_file = tmp_path / "recovery.txt"
    key_file.write_text(key)
    result = _run(
        "recover", "--vault", vault_dir,
        "--recovery-key-file", key_file, "--new-passphrase-file", files["new"],
    )  # fmt: skip
    assert result.exit_code == 0
    Vault.unlock(vault_dir, "a second passphrase")


def test_a_failing_passphrase_command_is_one_sentence(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    env = {"IOP_FACILITATOR_PASSPHRASE_COMMAND": "false"}
    result = _run("check", "--vault", vault_dir, env=env)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "The passphrase command failed" in result.output


def test_no_passphrase_and_no_terminal_says_how_to_give_one(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    result = _run("check", "--vault", vault_dir)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "IOP_FACILITATOR_PASSPHRASE_FILE" in result.output


def test_a_held_lock_exits_6_naming_the_holder(
    vault_dir: Path, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from iop_facilitator.vault import vault as vault_module

    _init(vault_dir, files)
    monkeypatch.setattr(vault_module, "_VAULT_LOCK_WAIT_SECONDS", 0.1)
    with Vault.unlock(vault_dir, PASSPHRASE).batch():
        result = _run(
            "passwd", "--vault", vault_dir,
            "--passphrase-file", files["pw"], "--new-passphrase-file", files["new"],
        )  # fmt: skip
    assert result.exit_code == ExitCode.VAULT_LOCKED
    assert "in use by another copy of iop-facilitator (process" in result.output


def test_init_stores_the_kdf_settings_it_was_given(vault_dir: Path, files: dict[str, Path]) -> None:
    _run("init", "--vault", vault_dir, "--passphrase-file", files["pw"],
         "--kdf-memory-mib", "65", "--kdf-time-cost", "3")  # fmt: skip
    kdf = Vault.unlock(vault_dir, PASSPHRASE).kdf
    assert (kdf.memory_kib, kdf.time_cost) == (65 * 1024, 3)


def test_passwd_can_raise_the_kdf_and_otherwise_keeps_it(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    _run("passwd", "--vault", vault_dir, "--passphrase-file", files["pw"],
         "--new-passphrase-file", files["new"], "--kdf-time-cost", "4")  # fmt: skip
    kdf = Vault.unlock(vault_dir, "a second passphrase").kdf
    assert (kdf.memory_kib, kdf.time_cost) == (64 * 1024, 4)


def test_init_refuses_a_kdf_below_the_security_floor(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    result = _run("init", "--vault", vault_dir, "--passphrase-file", files["pw"],
                  "--kdf-memory-mib", "8")  # fmt: skip
    assert result.exit_code == ExitCode.USAGE


def test_init_on_a_read_only_disk_exits_8_with_one_sentence(
    vault_dir: Path, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    real_open = os.open

    def read_only(path: Any, flags: int, mode: int = 0o777) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", read_only)
    result = _init(vault_dir, files)
    assert result.exit_code == ExitCode.STORAGE_FAILED
    assert result.output.startswith("Error: The vault folder cannot be written to")
    assert result.output.count("\n") == 1


def test_passwd_says_which_kdf_it_used_and_kdf_moves_to_the_default(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _run("init", "--vault", vault_dir, "--passphrase-file", files["pw"],
         "--kdf-memory-mib", "65", "--kdf-time-cost", "4")  # fmt: skip
    kept = _run("passwd", "--vault", vault_dir, "--passphrase-file", files["pw"],
                "--new-passphrase-file", files["new"])  # fmt: skip
    assert "derived with Argon2id, 65 MiB, 4 passes, 4 lanes." in kept.output
    moved = _run("passwd", "--vault", vault_dir, "--passphrase-file", files["new"],
                 "--new-passphrase-file", files["pw"], "--kdf")  # fmt: skip
    assert (
        "derived with Argon2id, 64 MiB, 3 passes, 4 lanes "
        "(before: Argon2id, 65 MiB, 4 passes, 4 lanes)." in moved.output
    )
    assert Vault.unlock(vault_dir, PASSPHRASE).kdf == KdfParams()


def test_check_says_which_kdf_the_vault_uses(vault_dir: Path, files: dict[str, Path]) -> None:
    _init(vault_dir, files)
    result = _run("check", "--vault", vault_dir, "--passphrase-file", files["pw"])
    assert "The passphrase's key is derived with Argon2id, 64 MiB, 3 passes, 4 lanes." in (
        result.output
    )


def test_init_says_to_keep_the_recovery_key_away_from_this_computer(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    result = _init(vault_dir, files)
    assert "keep it somewhere safe, away from this computer" in result.output
    assert (vault_dir / "key.backup").read_bytes() == (vault_dir / "key").read_bytes()


def test_passwd_says_what_a_plain_change_does_not_protect(
    vault_dir: Path, files: dict[str, Path]
) -> None:
    _init(vault_dir, files)
    result = _run("passwd", "--vault", vault_dir, "--passphrase-file", files["pw"],
                  "--new-passphrase-file", files["new"])  # fmt: skip
    assert "an old copy of the key file" in result.output
    assert "still opens" in result.output


def test_check_runs_with_the_recovery_key_when_both_key_copies_are_damaged(
    vault_dir: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    made = _init(vault_dir, files)
    recovery = re.search(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", made.output)
    assert recovery is not None
    (tmp_path / "recovery").write_text(recovery.group(0) + "\n")
    data = bytearray((vault_dir / "key").read_bytes())
    data[80] ^= 1  # the passphrase's wrapping, in both copies
    write_key_copies(vault_dir, bytes(data))
    refused = _run("check", "--vault", vault_dir, "--passphrase-file", files["pw"])
    assert refused.exit_code == ExitCode.VAULT_DAMAGED
    result = _run("check", "--vault", vault_dir, "--recovery-key-file", tmp_path / "recovery")
    assert result.exit_code == ExitCode.VAULT_DAMAGED
    assert "DAMAGED  key:" in result.output
    assert "Checked " in result.output


def test_passwd_rekey_prints_a_new_recovery_key_that_opens_the_vault(
    vault_dir: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    _init(vault_dir, files)
    result = _run("passwd", "--vault", vault_dir, "--passphrase-file", files["pw"],
                  "--new-passphrase-file", files["new"], "--rekey")  # fmt: skip
    assert result.exit_code == 0
    assert "re-keyed" in result.output and "old one no longer works" in result.output
    recovery = re.search(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", result.output)
    assert recovery is not None
    Vault.recover(vault_dir, recovery.group(0), "after the rekey")


@pytest.mark.parametrize(
    ("passphrase", "reason"),
    [("password123", "very common password"), ("iloveyouiloveyou", "repeats")],
)
def test_init_refuses_a_passphrase_that_is_easy_to_guess_and_says_why(
    vault_dir: Path, tmp_path: Path, passphrase: str, reason: str
) -> None:
    weak = tmp_path / "weak"
    weak.write_text(passphrase + "\n")
    result = _run("init", "--vault", vault_dir, "--passphrase-file", weak, *CHEAP_KDF)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "This passphrase is too easy to guess" in result.output
    assert reason in result.output.lower()
    assert not vault_dir.exists()
