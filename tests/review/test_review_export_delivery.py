"""Delivering an export: logged before any plain text is written, and never a partial file."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from iop_facilitator.review.access_log import access_log
from iop_facilitator.review.errors import ExportFailed
from iop_facilitator.review.export.exports import deliver, session_export
from iop_facilitator.review.export.files import EXPORT_TEMP_PREFIX, write_export
from iop_facilitator.review.library import Library
from iop_facilitator.vault.errors import StorageError
from tests.review.review_vault import Built

AT = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def _in_folder(fd: int, folder: Path) -> bool:
    try:
        return os.readlink(f"/proc/self/fd/{fd}").startswith(f"{folder}/")
    except OSError:
        return False


def test_export_the_access_log_cannot_record_writes_no_file(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(built.vault)
    made = session_export(library, "tue-s1")
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def refuse(*args: object, **kwargs: object) -> None:
        raise StorageError("The disk is full, so the access-log record could not be saved.")

    monkeypatch.setattr(built.vault, "put", refuse)
    with pytest.raises(ExportFailed, match="Nothing was exported"):
        deliver(library, made, out_dir / "note.md", at=AT)
    assert list(out_dir.iterdir()) == []


def test_export_the_disk_refuses_leaves_no_partial_file_and_is_logged_as_failed(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library(built.vault)
    made = session_export(library, "tue-s1")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    real_write = os.write

    def full_after_a_few_bytes(fd: int, data: bytes) -> int:
        if _in_folder(fd, out_dir):
            if os.fstat(fd).st_size > 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_write(fd, bytes(data)[:16])
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_after_a_few_bytes)
    with pytest.raises(ExportFailed, match="could not be written"):
        deliver(library, made, out_dir / "note.md", at=AT)
    monkeypatch.undo()
    assert list(out_dir.iterdir()) == []
    [entry] = access_log(built.vault)
    assert entry.failed is not None and "could not be written" in entry.failed


def test_export_file_killed_mid_write_leaves_no_plain_text(tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        from iop_facilitator.review.export.files import write_export
        real_write = os.write
        def stall(fd, data):
            written = real_write(fd, bytes(data)[:4096])
            print("half written", flush=True)
            time.sleep(60)
            return written
        os.write = stall
        write_export(Path({str(out_dir / "note.md")!r}), "Session note. " * 100_000)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "half written"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert list(out_dir.iterdir()) == []


def test_export_file_survives_a_power_cut_once_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    written = write_export(tmp_path / "note.md", "Session note.")
    assert str(written.parent) in synced  # the folder's new entry, not only the file's bytes


def test_export_removes_what_an_earlier_killed_export_to_the_same_file_left(
    tmp_path: Path,
) -> None:
    leftover = tmp_path / f"{EXPORT_TEMP_PREFIX}note.md-1a2b3c4d"
    leftover.write_text("Half a session note")
    write_export(tmp_path / "note.md", "Session note.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]
