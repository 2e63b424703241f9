"""`Vault.adopt`: another copy's record objects (same keys) become this copy's versions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from iop_facilitator.vault import KdfParams, ObjectRefused, Vault
from tests.vault.vault_testing import PASSPHRASE


@pytest.fixture
def two(vault: Vault, vault_dir: Path, tmp_path: Path) -> tuple[Vault, Vault]:
    """Two copies of one vault (a folder copied, as a device's clone is)."""
    vault.put("note", "n1", b"first")
    other = tmp_path / "other"
    shutil.copytree(vault_dir, other)
    return vault, Vault.unlock(other, PASSPHRASE)


def _objects_of(source: Vault, kind: str) -> list[tuple[str, bytes]]:
    return [
        (name, source.layout.record(k, name).read_bytes())
        for k, name in source.listed_objects()
        if k == kind
    ]


def _adopt_all(source: Vault, target: Vault, kind: str) -> None:
    fetched = [target.check_object(kind, name, data) for name, data in _objects_of(source, kind)]
    target.adopt(fetched)


def test_a_newer_version_and_a_new_record_are_adopted_and_the_old_file_goes(
    two: tuple[Vault, Vault],
) -> None:
    a, b = two
    (old_name,) = [name for kind, name in b.listed_objects() if kind == "note"]
    a.put("note", "n1", b"second")
    a.put("note", "n2", b"new")
    _adopt_all(a, b, "note")
    assert (b.get("note", "n1"), b.get("note", "n2")) == (b"second", b"new")
    assert not b.layout.record("note", old_name).exists()
    reopened = Vault.unlock(b.path, PASSPHRASE)  # listed in the index log, not only in memory
    assert reopened.get("note", "n1") == b"second"
    assert sorted(reopened.listed_objects()) == sorted(a.listed_objects())


def test_an_older_version_is_left_out(two: tuple[Vault, Vault]) -> None:
    a, b = two
    older = _objects_of(a, "note")
    b.put("note", "n1", b"newer here")
    b.adopt([b.check_object("note", name, data) for name, data in older])
    assert b.get("note", "n1") == b"newer here"
    assert b.held_object("note", older[0][0]) is None


def test_the_same_version_with_other_bytes_replaces_the_held_file(
    two: tuple[Vault, Vault],
) -> None:
    a, b = two
    a.put("note", "n2", b"from a")
    b.put("note", "n2", b"from b")  # the same version saved on two devices: one name
    ((name, data),) = [
        (n, d) for n, d in _objects_of(a, "note") if b.held_object("note", n) not in (None, d)
    ]
    b.adopt([b.check_object("note", name, data)])
    assert b.get("note", "n2") == b"from a"
    assert b.held_object("note", name) == data


def test_a_file_left_unlisted_is_listed_by_a_later_adoption(two: tuple[Vault, Vault]) -> None:
    a, b = two
    a.put("note", "n1", b"second")
    (name, data) = next((n, d) for n, d in _objects_of(a, "note"))
    b.layout.record("note", name).write_bytes(data)  # a pull cut before its index change
    assert b.get("note", "n1") == b"first"
    b.adopt([b.check_object("note", name, data)])
    assert b.get("note", "n1") == b"second"


def test_adopting_in_a_batch_lists_everything_at_its_end(two: tuple[Vault, Vault]) -> None:
    a, b = two
    for i in range(5):
        a.put("note", f"m{i}", f"m{i}".encode())
    with b.batch():
        for name, data in _objects_of(a, "note"):
            b.adopt([b.check_object("note", name, data)], durable=False)
    assert sorted(Vault.unlock(b.path, PASSPHRASE).ids("note")) == sorted(a.ids("note"))


def test_objects_of_another_vault_or_changed_bytes_are_refused(
    two: tuple[Vault, Vault], tmp_path: Path
) -> None:
    a, b = two
    stranger, _ = Vault.init(tmp_path / "stranger", PASSPHRASE, kdf=KdfParams.for_tests())
    stranger.put("note", "n1", b"first")
    ((name, data),) = _objects_of(stranger, "note")
    with pytest.raises(ObjectRefused) as refused:
        b.check_object("note", name, data)
    assert not refused.value.opened
    ((name, data),) = _objects_of(a, "note")
    changed = data[:-1] + bytes([data[-1] ^ 1])
    with pytest.raises(ObjectRefused):
        b.check_object("note", name, changed)
    (other_name,) = [n for n, _ in _objects_of(b, "note")]
    a.put("note", "n1", b"second")
    ((newer_name, newer),) = _objects_of(a, "note")
    with pytest.raises(ObjectRefused):  # a version put under another version's name
        b.check_object("note", other_name, newer)
    assert newer_name != other_name
