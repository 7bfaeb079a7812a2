"""Shared fixtures: every test gets its own app directories; Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SHEETDESK_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def registry():
    from sheetdesk.forms import FormRegistry

    return FormRegistry()


@pytest.fixture(scope="session")
def standard_form(registry):
    return registry.latest("shisaku-management")
