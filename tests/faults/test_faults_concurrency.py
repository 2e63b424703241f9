"""Many copies of the program changing one record at once: no change is lost (issue 12, 1).

Real processes, started together: each runs the command a person would, and each must see
every change made before it took the vault's write lock.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from iop_facilitator.session.records import Records
from iop_facilitator.vault import KdfParams, Vault

PASSPHRASE = "correct horse battery staple"
PROCESSES = 20

ADD_MEMBER = """
    import sys
    from iop_facilitator.cli import main
    sys.argv = ["iop-facilitator", "group", "add-member", "Tuesday", sys.argv[1],
                "--vault", sys.argv[2], "--passphrase-file", sys.argv[3]]
    main()
"""


def test_twenty_add_members_started_at_once_give_twenty_members(tmp_path: Path) -> None:
    vault, _ = Vault.init(tmp_path / "vault", PASSPHRASE, kdf=KdfParams.for_tests())
    Records(vault).new_group("Tuesday")
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n")
    children = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(ADD_MEMBER), f"Member {n:02d}",
             str(tmp_path / "vault"), str(secret)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]  # fmt: skip
    results = [(child.wait(), child.stderr.read() if child.stderr else "") for child in children]
    assert results == [(0, "")] * PROCESSES
    group = Records(Vault.unlock(tmp_path / "vault", PASSPHRASE)).group("Tuesday")
    assert sorted(m.name for m in group.members) == [f"Member {n:02d}" for n in range(PROCESSES)]
