"""`vault check`: open and authenticate every file, compare each record with the index.

Read-only: it reports each damaged file by name (and the record it should hold) and never
stops at the first one, so the rest of the vault is known to be fine.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from iop_facilitator.record_kinds import RECORD_KINDS
from iop_facilitator.vault.journal import header_length, read_session_id, scan
from iop_facilitator.vault.sealed import FormatProblem, NewerFormat, open_record, record_label
from iop_facilitator.vault.storage import TEMP_PREFIX
from iop_facilitator.vault.vault import Vault

_KNOWN_TOP = {"key", "index", "records", "journals", "locks"}


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
    report = CheckReport(files_checked=2)  # the key file (checked at unlock) and the index
    vault._index.load()
    for damage in vault.problems:
        report.problems.append(Finding(damage.file, damage.problem))
    _check_records(vault, report)
    _check_kinds(vault, report)
    _check_journals(vault, report)
    _check_leftovers(vault, report)
    return report


def _check_records(vault: Vault, report: CheckReport) -> None:
    keys, layout = vault._keys, vault.layout
    # A damaged file cannot say whose it is, but the index can: its name is an HMAC of it.
    listed = {
        (kind, vault._index.file_name(kind, rid)): rid
        for kind, records in vault._index.records.items()
        for rid in records
    }
    seen: set[tuple[str, str]] = set()
    for kind, name in vault._index.record_files():
        path = layout.record(kind, name)
        shown = layout.shown(path)
        if (kind, name) in listed:
            shown = f"{shown} ({kind} {listed[kind, name]!r})"
        report.files_checked += 1
        seen.add((kind, name))
        try:
            record = open_record(keys, vault.vault_id, kind, name, path.read_bytes())
        except NewerFormat as error:
            report.problems.append(Finding(shown, f"it uses the newer format {error.version}"))
            continue
        except (FormatProblem, OSError) as error:
            report.problems.append(Finding(shown, str(error)))
            continue
        report.records_checked += 1
        known = vault._index.get(kind, record.record_id)
        label = f"{layout.shown(path)} ({kind} {record.record_id!r})"
        if known is None:
            report.problems.append(Finding(label, "the index does not list it"))
        elif record.rev < known.rev:
            report.problems.append(
                Finding(
                    label,
                    f"it is an older copy (version {record.rev}) than the index lists "
                    f"(version {known.rev}), put back from a backup or replayed",
                )
            )
        elif record.rev > known.rev:
            report.notes.append(
                Finding(label, "the index is one save behind; the next save updates it")
            )
        elif record.entry != known.entry:
            report.problems.append(Finding(label, "the index's summary differs from the record"))
    for kind, records in vault._index.records.items():
        for record_id in records:
            name = keys.file_name(record_label(kind, record_id))
            if (kind, name) not in seen:
                shown = layout.shown(layout.record(kind, name))
                report.problems.append(Finding(f"{shown} ({kind} {record_id!r})", "it is missing"))


def _check_kinds(vault: Vault, report: CheckReport) -> None:
    # Records of a kind this version never writes: a newer version's, or someone else's.
    for kind in sorted(set(vault._index.records) - set(RECORD_KINDS)):
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
