"""The real app on a real X server (Xvfb), as `make run` starts it: it paints its window and quits.

Offscreen tests cover behaviour; this one covers what offscreen cannot: the
xcb platform plugin and its system libraries. Without xvfb-run it is skipped,
except in CI (CI set), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def test_app_paints_its_main_window_under_xvfb(tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is required in CI (apt-get install xvfb)")
        pytest.skip("xvfb-run is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env |= {
        "SHEETDESK_HOME": str(tmp_path / "home"),
        "SHEETDESK_STARTUP_PROBE": "1",
        "SHEETDESK_QUIT_AFTER_PAINT": "1",
        "QT_QPA_PLATFORM": "xcb",
    }
    proc = subprocess.run(
        [xvfb_run, "-a", sys.executable, "-m", "sheetdesk.cli.main", "--db", str(tmp_path / "x.sqlite3"), "--create"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "SHEETDESK_FIRST_PAINT" in proc.stdout
    assert "Could not load the Qt platform plugin" not in proc.stderr
