"""Many calls of Qt methods that return nothing never abort the interpreter (PySide6 6.12.0 on Python 3.11).

Run in a child process: the abort it guards against («deallocating None») would take pytest with it.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = """
from PySide6.QtWidgets import QApplication, QTableWidgetItem
app = QApplication([])
item = QTableWidgetItem("施策")
for _ in range(20_000):  # a 160-row import review makes some thousands of such calls
    item.setToolTip("値を直すにはダブルクリック")
print("ok", flush=True)
"""


def _run(prelude: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", prelude + CALLS], env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_views_survive_many_calls_that_return_nothing() -> None:
    done = _run("import sheetdesk.ui\n")
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "ok"
