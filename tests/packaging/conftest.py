"""The wheel, built once per session and installed into a fresh virtualenv outside the checkout."""

from __future__ import annotations

import subprocess
import sys

import pytest
from packaging_helpers import ROOT, InstalledWheel


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> InstalledWheel:
    """`pip wheel .` of the checkout, then `pip install` of that file (with its pinned dependencies) into a new venv."""
    base = tmp_path_factory.mktemp("wheel")
    assert not base.resolve().is_relative_to(ROOT)
    dist = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
                   check=True, cwd=base, timeout=600)
    (wheel,) = dist.glob("sheetdesk-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                   check=True, cwd=base, timeout=1200)
    return InstalledWheel(wheel, venv)
