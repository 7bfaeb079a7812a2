"""SheetDesk: write, check and print 施策マネジメントシート offline."""

# The one place the version is written: pyproject.toml reads it (dynamic), `sheetdesk --version`,
# ヘルプ→バージョン情報 and every exported file (PDF Creator, xlsx properties, JSON "generator") show it.
__version__ = "0.1.0"


def generator() -> str:
    """How SheetDesk signs the files it writes, e.g. ``SheetDesk 0.1.0``."""
    return f"SheetDesk {__version__}"
