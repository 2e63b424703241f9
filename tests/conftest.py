"""Settings for the whole test suite."""

from __future__ import annotations

import os

from iop_facilitator.vault.crypto import WEAK_KDF_ENV

# The tests' vaults use a KDF far below the floor a real key file must meet, to stay fast; this
# lets them be read again (in this process and in the child processes tests start).
os.environ[WEAK_KDF_ENV] = "1"
