"""docs/agenda.md stays in step with the model: its example loads and uses every field."""

import re
import tomllib
from pathlib import Path

from iop_facilitator.agenda.loader import parse_agenda
from iop_facilitator.agenda.model import (
    AgendaInfo,
    CheckInSpec,
    Confidentiality,
    Norms,
    Phase,
    ShareSpec,
)

REFERENCE = Path(__file__).parents[2] / "docs" / "agenda.md"


def _complete_example() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    section = text[text.index("## A complete example") :]
    found = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert found
    return found.group(1)


def test_the_complete_example_is_a_valid_agenda() -> None:
    assert parse_agenda(_complete_example(), "docs/agenda.md").title.startswith("DBT")


def test_the_complete_example_uses_every_field() -> None:
    data = tomllib.loads(_complete_example())
    used = {
        AgendaInfo: set(data["agenda"]),
        Confidentiality: set(data["confidentiality"]),
        Norms: set(data["norms"]),
        Phase: set().union(*(set(p) for p in data["phase"])),
        CheckInSpec: set(data["phase"][0]["checkin"]),
        ShareSpec: set().union(*(set(p.get("share", {})) for p in data["phase"])),
    }
    for model, keys in used.items():
        assert set(model.model_fields) == keys, model.__name__


def test_the_reference_documents_every_field() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    for model in (AgendaInfo, Confidentiality, Norms, Phase, CheckInSpec, ShareSpec):
        for field in model.model_fields:
            assert f"| `{field}` |" in text, f"{model.__name__}.{field}"
