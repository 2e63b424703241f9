"""One settings module names every environment variable the program reads, and reads them."""

from __future__ import annotations

import re
from pathlib import Path

from iop_facilitator import settings
from iop_facilitator.settings import Settings, read_settings

SRC = Path(settings.__file__).parent
README = SRC.parents[1] / "README.md"


def _sources() -> list[Path]:
    return [p for p in SRC.rglob("*.py") if p != Path(settings.__file__)]


def test_no_other_module_reads_the_environment() -> None:
    readers = [
        str(p.relative_to(SRC))
        for p in _sources()
        if re.search(r"os\.environ|os\.getenv|getenv\(", p.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_no_other_module_spells_a_variable_name_in_code() -> None:
    # Docstrings and comments may name a variable for the reader; code takes it from settings.
    code_line = re.compile(r'^\s*[^#\s"].*"IOP_FACILITATOR_[A-Z_]+"')
    spelled = [
        f"{p.relative_to(SRC)}: {line.strip()}"
        for p in _sources()
        for line in p.read_text(encoding="utf-8").splitlines()
        if code_line.match(line)
    ]
    assert spelled == []


def test_every_variable_is_read_into_the_settings() -> None:
    environ = {name: f"/somewhere/{name.lower()}" for name in settings.ENVIRONMENT}
    read = read_settings(environ)
    assert None not in (getattr(read, field) for field in Settings.__dataclass_fields__)
    assert read.debug and read.passphrase_from_environment


def test_unset_and_empty_variables_read_as_not_given() -> None:
    empty = {name: "" for name in settings.ENVIRONMENT}
    assert read_settings(empty) == read_settings({}) == Settings()


def test_the_readme_names_every_variable_a_user_sets() -> None:
    text = README.read_text(encoding="utf-8")
    assert [name for name in settings.ENVIRONMENT if name not in text] == []
