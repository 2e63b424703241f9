"""`vault check`: open and authenticate every file, compare each record with the index.

It reports each damaged file by name (and the record it should hold) and never stops at the
first one, so the rest of the vault is known to be fine. It changes one thing: a rebuilt index
that checks out is marked as checked, so that unlocking stops saying it was rebuilt.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field

from iop_facilitator.record_kinds import RECORD_KINDS
from iop_facilitator.vault import permissions
from iop_facilitator.vault.errors import StorageError, VaultLockedError
from iop_facilitator.vault.index_text import IndexedRecord
from iop_facilitator.vault.journal import header_length, read_session_id, scan
from iop_facilitator.vault.objects import LIVE_KIND, record_files, version_problem
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat, object_name, open_record
from iop_facilitator.vault.snapshot import unchecked
from iop_facilitator.vault.storage import TEMP_PREFIX
from iop_facilitator.vault.vault import Vault

_KNOWN_TOP = {"key", "key.backup", "index", "index.log", "records", "journals", "locks"}


@dataclass(frozen=True)
class Finding:
    """One file and what is wrong with it (or worth knowing), as a sentence's end."""

    file: str
    message: str


@dataclass
class CheckReport:
    """What `check_vault` found: `problems` are damage; `notes` are harmless leftovers."""

    files_checked: int = 0
    records_checked: int = 0
    journals_checked: int = 0
    problems: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no file is damaged."""
        return not self.problems


def check_vault(vault: Vault) -> CheckReport:
    """Verify every file of an unlocked vault (see the module's docstring)."""
    # This is the vault's own module, so it reads the Vault's internals on purpose.
    report = CheckReport(files_checked=3)  # the key file (checked at unlock), index and log
    vault._index.load()
    rebuilt = vault._index.rebuilt
    for damage in vault.problems:
        if rebuilt is not None and damage.problem == unchecked(rebuilt):
            continue  # what this check is for: said below, once it is done
        report.problems.append(Finding(damage.file, damage.problem))
    _check_records(vault, report)
    _check_kinds(vault, report)
    _check_journals(vault, report)
    _check_leftovers(vault, report)
    for repaired in permissions.repair(vault.layout, every_file=True):
        report.notes.append(Finding("permissions", repaired.rstrip(".")))
    _count_each_file_once(report)
    if rebuilt is not None and report.ok and not vault._index.must_compact:
        _mark_checked(vault, rebuilt, report)
    return report


def _count_each_file_once(report: CheckReport) -> None:
    """One finding per damaged file: the index's reading and the walk over the objects may
    both find the same one (its name, with or without the record it should hold)."""
    seen: set[str] = set()
    kept: list[Finding] = []
    for finding in report.problems:
        path = finding.file.split(" (", 1)[0]
        if path not in seen:
            seen.add(path)
            kept.append(finding)
    report.problems = kept


def _mark_checked(vault: Vault, rebuilt: str, report: CheckReport) -> None:
    """Every object was checked against the rebuilt index: stop saying it at every unlock."""
    with contextlib.suppress(StorageError, VaultLockedError), vault._locked():
        vault._index.refresh_before_writing()
        if vault._index.rebuilt != rebuilt:
            return
        vault._index.rebuilt = None
        vault._index.compact()
        report.notes.append(
            Finding(
                "index",
                f"it had been rebuilt from the records ({rebuilt}); every record was checked "
                "against it, and unlocking no longer says so",
            )
        )


def _check_records(vault: Vault, report: CheckReport) -> None:
    keys, layout, index = vault._keys, vault.layout, vault._index
    # A damaged file cannot say whose it is, but the index can: its name is an HMAC of it.
    listed: dict[tuple[str, str], tuple[str, IndexedRecord]] = {
        (kind, object_name(keys, kind, rid, known.rev, known.version)): (rid, known)
        for kind, records in index.records.items()
        if kind != LIVE_KIND  # listed in the index only: no object
        for rid, known in records.items()
    }
    seen: set[tuple[str, str]] = set()
    for kind, name in record_files(layout):
        path = layout.record(kind, name)
        shown = layout.shown(path)
        expected = listed.get((kind, name))
        if expected is not None:
            shown = f"{shown} ({kind} {expected[0]!r})"
            seen.add((kind, name))
        report.files_checked += 1
        try:
            record = open_record(keys, vault.vault_id, kind, path.read_bytes(), file_name=name)
        except NewerFormat as error:
            report.problems.append(Finding(shown, f"it uses the newer format {error.version}"))
            continue
        except (FormatProblem, OSError) as error:
            report.problems.append(Finding(shown, str(error)))
            continue
        report.records_checked += 1
        label = f"{layout.shown(path)} ({kind} {record.record_id!r})"
        if expected is None:
            report.notes.append(
                Finding(label, _unlisted(record.rev, index.get(kind, record.record_id)))
            )
            continue
        record_id, known = expected
        problem = version_problem(record.rev, known)
        if record.record_id != record_id:
            problem = f"it holds another record than its name says ({record_id!r}: swapped)"
        if problem is not None:
            report.problems.append(Finding(label, problem))
        elif record.rev > known.rev:
            report.notes.append(
                Finding(label, "the index is one save behind; the next save updates it")
            )
        elif record.rev == known.rev and record.entry != known.entry:
            report.problems.append(Finding(label, "the index's summary differs from the record"))
    for (kind, name), (record_id, _) in listed.items():
        if (kind, name) not in seen:
            shown = layout.shown(layout.record(kind, name))
            report.problems.append(Finding(f"{shown} ({kind} {record_id!r})", "it is missing"))


def _unlisted(rev: int, known: IndexedRecord | None) -> str:
    """What an object the index does not list is (sealed either way; never read as a record)."""
    if known is not None and rev < known.rev:
        return "an older version of its record, left by an interrupted save (safe to delete)"
    return (
        "a save that did not finish (it was reported as failed, or the program stopped "
        "first); it is not part of the vault (safe to delete)"
    )


def _check_kinds(vault: Vault, report: CheckReport) -> None:
    # Records of a kind this version never writes: a newer version's, or someone else's.
    for kind in sorted(set(vault._index.records) - set(RECORD_KINDS) - {LIVE_KIND}):
        report.notes.append(
            Finding(
                vault.layout.shown(vault.layout.records / kind),
                f"records of kind {kind!r}, which this version of the program does not write",
            )
        )


def _check_journals(vault: Vault, report: CheckReport) -> None:
    layout, key = vault.layout, vault._keys.content
    try:
        names = sorted(os.listdir(layout.journals))
    except OSError:
        return
    for name in names:
        if name.startswith(TEMP_PREFIX):
            continue
        path = layout.journal(name)
        shown = layout.shown(path)
        report.files_checked += 1
        try:
            data = path.read_bytes()
            session_id = read_session_id(key, vault.vault_id, name, data)
        except NewerFormat as error:
            report.problems.append(Finding(shown, f"it uses the newer format {error.version}"))
            continue
        except (FormatProblem, OSError) as error:
            report.problems.append(Finding(shown, str(error)))
            continue
        report.journals_checked += 1
        end = header_length(data)
        assert end is not None  # read_session_id checked the header is whole
        scanned = scan(key, session_id, data, end)
        label = f"{shown} (session {session_id!r})"
        if scanned.damage is not None:
            report.problems.append(
                Finding(label, f"{scanned.damage}; {len(scanned.records)} entries before it")
            )
        elif scanned.torn is not None:
            report.notes.append(
                Finding(label, "its last entry was cut short by a crash; resuming drops it")
            )
        if session_id in vault._index.finished:
            report.notes.append(
                Finding(label, "the session is finished; this journal is a leftover")
            )


def _check_leftovers(vault: Vault, report: CheckReport) -> None:
    layout = vault.layout
    folders = [layout.root, layout.journals, layout.records]
    folders += [layout.records / kind for kind in vault._index.records]
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.startswith(TEMP_PREFIX):
                report.notes.append(
                    Finding(
                        layout.shown(folder / name),
                        "a leftover from an interrupted save (sealed; safe to delete)",
                    )
                )
            elif folder == layout.root and name not in _KNOWN_TOP:
                report.notes.append(Finding(name, "it is not part of the vault"))
