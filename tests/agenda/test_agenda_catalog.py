from pathlib import Path

import pytest

from iop_facilitator.agenda.catalog import (
    config_dir,
    find_agenda,
    new_user_agenda,
    shipped_agenda_dir,
    templates,
    user_agenda_dir,
    user_agendas,
)
from iop_facilitator.agenda.errors import AgendaError
from iop_facilitator.agenda.loader import load_agenda
from iop_facilitator.errors import UserError
from tests.agenda.agenda_testing import VALID


def _write_user_agenda(name: str, text: str = VALID) -> Path:
    folder = user_agenda_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_config_folder_follows_the_environment_variable(config_dir: Path) -> None:
    assert user_agenda_dir() == config_dir / "agendas"


def test_without_the_variable_the_config_folder_is_platformdirs_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("IOP_FACILITATOR_CONFIG_DIR")
    assert config_dir().name == "iop-facilitator"


def test_shipped_agendas_live_in_the_installed_package() -> None:
    assert shipped_agenda_dir().parent.name == "iop_facilitator"


def test_a_missing_user_folder_means_no_user_agendas() -> None:
    assert user_agendas() == []


def test_templates_lists_shipped_then_user_templates() -> None:
    _write_user_agenda("my-group")
    found = templates()
    assert found[-1].name == "my-group" and not found[-1].shipped
    assert all(t.shipped for t in found[:-1])


def test_a_broken_user_template_is_listed_with_its_error() -> None:
    _write_user_agenda("broken", "[agenda]\ntitle = 1\n")
    broken = templates()[-1]
    assert broken.agenda is None and broken.error is not None


def test_a_template_is_found_by_its_exact_name() -> None:
    assert find_agenda("process-group").name == "process-group.toml"


def test_a_template_is_found_by_an_unambiguous_start_of_its_name() -> None:
    assert find_agenda("dbt").name == "dbt-distress-tolerance.toml"


def test_an_ambiguous_start_lists_the_candidates() -> None:
    _write_user_agenda("dbt-emotion-regulation")
    with pytest.raises(UserError, match="could be any of dbt-distress-tolerance, dbt-emotion"):
        find_agenda("dbt")


def test_a_user_template_is_found_by_name() -> None:
    path = _write_user_agenda("tuesday-group")
    assert find_agenda("tuesday-group") == path


def test_an_unknown_name_suggests_the_nearest_templates() -> None:
    with pytest.raises(
        UserError, match=r"There is no agenda called 'proces-grup'\. Did you mean process-group"
    ):
        find_agenda("proces-grup")


def test_an_existing_file_is_found_by_its_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(VALID, encoding="utf-8")
    assert find_agenda(str(path)) == path


def test_a_missing_path_says_there_is_no_such_file(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="there is no such file"):
        find_agenda(str(tmp_path / "gone.toml"))


def test_a_new_user_agenda_is_written_into_the_user_folder() -> None:
    path = new_user_agenda("my-group", VALID)
    assert path == user_agenda_dir() / "my-group.toml"
    assert path.read_text(encoding="utf-8") == VALID


def test_a_new_user_agenda_never_overwrites_an_existing_one() -> None:
    path = _write_user_agenda("my-group", "# keep me\n")
    with pytest.raises(UserError, match="There is already a template called 'my-group'"):
        new_user_agenda("my-group", VALID)
    assert path.read_text(encoding="utf-8") == "# keep me\n"


def test_a_new_user_agenda_may_not_take_a_shipped_name() -> None:
    with pytest.raises(UserError, match="is the name of a shipped template"):
        new_user_agenda("process-group", VALID)


def test_a_new_user_agenda_name_may_not_be_a_path() -> None:
    with pytest.raises(UserError, match="is not a usable template name"):
        new_user_agenda("../escape", VALID)


def test_a_path_in_an_unknown_home_folder_is_left_for_the_loader_to_refuse() -> None:
    with pytest.raises(AgendaError, match="there is no such file"):
        load_agenda(find_agenda("~nosuchuser/group.toml"))
