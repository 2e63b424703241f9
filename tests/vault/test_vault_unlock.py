"""Unlocking: the passphrase, its normalisation, the recovery key and changing the passphrase."""

from __future__ import annotations

import struct
import unicodedata
import zlib
from pathlib import Path

import pytest

from iop_facilitator.vault import (
    KdfParams,
    Vault,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultMissingError,
    WrongPassphraseError,
)
from iop_facilitator.vault.crypto import WEAK_KDF_ENV, parse_recovery_key
from tests.vault.vault_testing import PASSPHRASE, write_key_copies


def test_a_wrong_passphrase_is_told_in_one_sentence(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(WrongPassphraseError) as caught:
        Vault.unlock(vault_dir, "not it")
    assert caught.value.message == "The passphrase does not open this vault."


def test_an_empty_passphrase_does_not_open_the_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_dir, "")


def test_a_vault_cannot_be_made_with_an_empty_passphrase(vault_dir: Path) -> None:
    with pytest.raises(VaultError, match="must not be empty"):
        Vault.init(vault_dir, "", kdf=KdfParams.for_tests())


def test_a_non_ascii_passphrase_opens_however_it_was_composed(vault_dir: Path) -> None:
    composed = unicodedata.normalize("NFC", "Zoë säger: ñandú 🐢")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    Vault.init(vault_dir, composed, kdf=KdfParams.for_tests())
    Vault.unlock(vault_dir, decomposed)


def test_a_missing_folder_is_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissingError, match="There is no vault"):
        Vault.unlock(tmp_path / "nowhere", PASSPHRASE)


def test_a_folder_without_a_key_file_is_not_a_vault(tmp_path: Path) -> None:
    with pytest.raises(VaultMissingError, match="not an iop-facilitator vault"):
        Vault.unlock(tmp_path, PASSPHRASE)


def test_init_refuses_to_overwrite_a_vault(vault: Vault, vault_dir: Path) -> None:
    with pytest.raises(VaultExistsError, match="already a vault"):
        Vault.init(vault_dir, PASSPHRASE, kdf=KdfParams.for_tests())


def test_init_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(VaultExistsError, match="not empty"):
        Vault.init(tmp_path, PASSPHRASE, kdf=KdfParams.for_tests())


def test_the_kdf_parameters_are_kept_in_the_key_file(vault_dir: Path) -> None:
    params = KdfParams(time_cost=2, memory_kib=256, parallelism=2)
    Vault.init(vault_dir, PASSPHRASE, kdf=params)
    assert Vault.unlock(vault_dir, PASSPHRASE).kdf == params


def test_the_default_kdf_meets_the_security_floor() -> None:
    params = KdfParams()
    assert params.memory_kib >= 64 * 1024
    assert params.time_cost >= 3
    assert params.parallelism == 4


def test_a_changed_passphrase_opens_and_the_old_one_no_longer_does(
    vault: Vault, vault_dir: Path
) -> None:
    vault.put("session", "s", b"kept")
    vault.change_passphrase("a new passphrase")
    assert Vault.unlock(vault_dir, "a new passphrase").get("session", "s") == b"kept"
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_changing_the_passphrase_rewrites_only_the_key_file(vault: Vault, vault_dir: Path) -> None:
    vault.put("session", "s", b"kept")
    before = {p: p.read_bytes() for p in vault_dir.rglob("*") if p.is_file()}
    vault.change_passphrase("a new passphrase")
    after = {p: p.read_bytes() for p in vault_dir.rglob("*") if p.is_file()}
    changed = {p.name for p in before if before[p] != after.get(p)}
    assert changed == {"key", "key.backup"}


def test_the_recovery_key_sets_a_new_passphrase(made: tuple[Vault, str], vault_dir: Path) -> None:
    vault, recovery_key = made
    vault.put("session", "s", b"kept")
    Vault.recover(vault_dir, recovery_key, "chosen after forgetting")
    assert Vault.unlock(vault_dir, "chosen after forgetting").get("session", "s") == b"kept"


def test_the_recovery_key_still_works_after_a_passphrase_change(
    made: tuple[Vault, str], vault_dir: Path
) -> None:
    vault, recovery_key = made
    vault.put("session", "s", b"kept")
    vault.change_passphrase("second passphrase")
    Vault.recover(vault_dir, recovery_key, "third passphrase")
    assert Vault.unlock(vault_dir, "third passphrase").get("session", "s") == b"kept"


def test_the_recovery_key_is_read_forgiving_case_spaces_and_look_alikes(
    made: tuple[Vault, str],
) -> None:
    _, recovery_key = made
    sloppy = recovery_key.lower().replace("-", " ").replace("o", "0")
    assert parse_recovery_key(sloppy) == parse_recovery_key(recovery_key)


def test_the_recovery_key_is_eight_groups_of_four_base32_characters(
    made: tuple[Vault, str],
) -> None:
    groups = made[1].split("-")
    assert [len(g) for g in groups] == [4] * 8
    assert all(c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in "".join(groups))


def test_a_wrong_recovery_key_is_told_as_such(made: tuple[Vault, str], vault_dir: Path) -> None:
    with pytest.raises(WrongPassphraseError, match="recovery key does not open"):
        Vault.recover(vault_dir, "AAAA-" * 7 + "AAAA", "whatever passphrase")


def test_a_changed_byte_in_the_key_file_is_damage_not_a_wrong_passphrase(
    vault: Vault, vault_dir: Path
) -> None:
    data = bytearray((vault_dir / "key").read_bytes())
    data[100] ^= 0xFF
    write_key_copies(vault_dir, bytes(data))  # both copies: nothing to fall back to
    with pytest.raises(VaultDamagedError, match="checksum"):
        Vault.unlock(vault_dir, PASSPHRASE)


def _changed_time_cost(vault_dir: Path) -> bytes:
    data = bytearray((vault_dir / "key").read_bytes())
    data[27:31] = struct.pack(">I", 2)  # time cost, with the checksum made to match
    data[-4:] = struct.pack(">I", zlib.crc32(bytes(data[:-4])))
    return bytes(data)


def test_a_deliberately_changed_kdf_parameter_in_both_copies_does_not_open(
    vault: Vault, vault_dir: Path
) -> None:
    write_key_copies(vault_dir, _changed_time_cost(vault_dir))
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_a_deliberately_changed_kdf_parameter_is_said_as_damage_and_repaired_from_the_copy(
    vault: Vault, vault_dir: Path
) -> None:
    original = (vault_dir / "key").read_bytes()
    (vault_dir / "key").write_bytes(_changed_time_cost(vault_dir))
    reopened = Vault.unlock(vault_dir, PASSPHRASE)
    assert "The file key is damaged: it was changed" in str(reopened.problems[0])
    assert (vault_dir / "key").read_bytes() == original


def _key_file_with_kdf(vault_dir: Path, params: KdfParams) -> None:
    """Rewrite both copies of the key file with other KDF numbers and a matching CRC (as a
    tool could)."""
    data = bytearray((vault_dir / "key").read_bytes())
    data[26:36] = struct.pack(">BIIB", 1, params.time_cost, params.memory_kib, params.parallelism)
    data[220:224] = struct.pack(">I", zlib.crc32(bytes(data[:220])))
    write_key_copies(vault_dir, bytes(data))


def test_a_key_file_below_the_kdf_floor_is_refused_with_a_sentence(
    vault: Vault, vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(WEAK_KDF_ENV)
    _key_file_with_kdf(vault_dir, KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    with pytest.raises(VaultDamagedError, match=r"below the least this program accepts \(64 MiB"):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_a_key_file_above_the_kdf_ceiling_is_refused_before_running_it(
    vault: Vault, vault_dir: Path
) -> None:
    _key_file_with_kdf(vault_dir, KdfParams(time_cost=1000, memory_kib=64 * 1024, parallelism=4))
    with pytest.raises(VaultDamagedError, match="beyond what this program will run"):
        Vault.unlock(vault_dir, PASSPHRASE)


def test_a_key_file_at_the_default_kdf_opens_without_the_tests_allowance(
    vault_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(WEAK_KDF_ENV)
    Vault.init(vault_dir, PASSPHRASE)
    assert Vault.unlock(vault_dir, PASSPHRASE).kdf == KdfParams(3, 64 * 1024, 4)


def test_a_leftover_temp_key_file_is_removed_on_the_next_unlock(
    vault: Vault, vault_dir: Path
) -> None:
    leftover = vault_dir / ".tmp-key-1a2b3c4d"
    leftover.write_bytes((vault_dir / "key").read_bytes())  # as a killed passwd leaves it
    Vault.unlock(vault_dir, PASSPHRASE)
    assert not leftover.exists()
