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


@pytest.fixture
def as_exported_today():
    """A version-1 exchange file's bytes as this version exports the same sheets.

    Version 2 of the envelope (issue 12: the version in every exported file)
    changed only its head: ``format_version`` 2 and a ``generator`` line. The
    sheets, every byte of them, must come out as they went in.
    """
    from sheetdesk import generator

    def convert(old: bytes) -> bytes:
        head = b'  "format_version": 1,\n'
        assert old.count(head) == 1, "not a version-1 exchange file"
        new_head = f'  "format_version": 2,\n  "generator": "{generator()}",\n'.encode()
        return old.replace(head, new_head)

    return convert
