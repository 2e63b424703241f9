"""Fixtures for the group's view tests: the runner's (UTC display times, a throwaway vault)."""

from tests.tui.conftest import utc_display, vault_and_group, vault_path

__all__ = ["utc_display", "vault_and_group", "vault_path"]
