"""The note formats a clinic may choose (one enum for the runner, review and the exports).

Each format is one module in this package (`birp`, `dap`, `soap`) holding a `NoteFormatSpec`
(`spec`), listed in `registry.FORMATS`: a fourth format (GIRP, PIE) is one new module, one
member here and one line in the registry.
"""

from __future__ import annotations

from enum import StrEnum


class NoteFormat(StrEnum):
    """The clinical note formats a clinic may choose (stored by value: "birp", "dap", ...)."""

    BIRP = "birp"
    DAP = "dap"
    SOAP = "soap"
