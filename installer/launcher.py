"""The frozen app's entry point: the same `sheetdesk` command (no sub-command: the GUI)."""

import sys

from sheetdesk.cli.main import run

if __name__ == "__main__":
    sys.exit(run())
