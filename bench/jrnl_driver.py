"""Runs inside a throwaway venv that has jrnl installed (never this project's venv).

    python jrnl_driver.py create JOURNAL_FILE PASSWORD < entries.txt
    python jrnl_driver.py run PASSWORD -- JRNL_ARGS...

`create` encrypts a plain jrnl journal read from stdin with jrnl's own current encryption;
`run` runs jrnl's command line with the password answered (as a person would type it).
"""

from __future__ import annotations

import sys


def _report_peak_memory() -> None:
    # VmHWM, not ru_maxrss, which carries over the parent's peak through fork and exec.
    with open("/proc/self/status") as status:
        lines = status.read().splitlines()
    for line in lines:
        if line.startswith("VmHWM:"):
            sys.stderr.write(f"peak-rss-kib {line.split()[1]}\n")


def main() -> int:
    """Dispatch on the first argument."""
    if sys.argv[1] == "create":
        from jrnl.encryption.Jrnlv3Encryption import Jrnlv3Encryption

        encryption = Jrnlv3Encryption("default", {})
        encryption.password = sys.argv[3]
        with open(sys.argv[2], "wb") as journal:
            journal.write(encryption.encrypt(sys.stdin.read()))
        return 0
    password = sys.argv[2]
    import jrnl.encryption.BasePasswordEncryption as base

    base.prompt_password = lambda first_try=True: password  # type: ignore[assignment]
    from jrnl.main import run

    try:
        return run(sys.argv[4:])
    finally:
        _report_peak_memory()


if __name__ == "__main__":
    sys.exit(main())
