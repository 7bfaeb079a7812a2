"""SheetDesk's own files (forms and layouts, migrations, fonts, icons, samples, seeds): one place that finds them.

They are package data under ``sheetdesk/data/`` and are looked up with
importlib.resources from the ``sheetdesk`` package, which answers the same
way in an installed wheel, in a PyInstaller bundle (its ``_internal/sheetdesk``)
and in a source checkout. forms/, db/, resources/fonts and resources/icons are edited at the
repository's root and copied into ``sheetdesk/data/`` when a wheel is built
(setup.py): in a checkout, where that copy does not exist, the same kind is
read from the root folder beside ``src/``. Nothing else in the code computes
a path from ``__file__``.

Every answer is a real folder on disk: Alembic, reportlab and Qt open files by
name, so SheetDesk is not run from a zip.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path


class Kind(StrEnum):
    """A kind of shipped file: the folder name under sheetdesk/data/."""

    FORMS = "forms"  # form definitions and their print layouts (*.yaml, *.layout.yaml)
    MIGRATIONS = "db"  # Alembic's env.py and versions/
    FONTS = "fonts"  # the BIZ UD fonts and their licence
    ICONS = "icons"  # the app's icon (.png for the window, .ico for Windows' programs and setup)
    SAMPLES = "samples"  # sample sheets in the exchange format
    SEEDS = "seeds"  # a real sheet's text, for generated demo sheets


# Where a checkout keeps the kinds that are not under src/sheetdesk/data (keep in step with setup.py).
SOURCE_FOLDERS: dict[Kind, str] = {
    Kind.FORMS: "forms",
    Kind.MIGRATIONS: "db",
    Kind.FONTS: "resources/fonts",
    Kind.ICONS: "resources/icons",
}


class ResourceMissingError(RuntimeError):
    """A shipped folder is missing: the installation is incomplete (the message is for the user)."""


def package_root() -> Path:
    """The ``sheetdesk`` package's folder, as importlib.resources sees it."""
    return Path(str(files("sheetdesk")))


def source_root() -> Path | None:
    """The repository root when running from a checkout (src/ layout), else None."""
    root = package_root().parent.parent
    return root if (root / "pyproject.toml").is_file() and (root / "src" / "sheetdesk").is_dir() else None


@cache
def resource_dir(kind: Kind) -> Path:
    """The folder holding one kind of shipped file; ResourceMissingError when there is none."""
    shipped = package_root() / "data" / kind.value
    if shipped.is_dir():
        return shipped
    root = source_root()
    if root is not None and kind in SOURCE_FOLDERS:
        source = root / SOURCE_FOLDERS[kind]
        if source.is_dir():
            return source
    raise ResourceMissingError(f"SheetDeskの付属ファイル（{kind.value}）が見つかりません（{shipped}）。"
                               "SheetDeskを再インストールしてください")


def forms_dir() -> Path:
    return resource_dir(Kind.FORMS)


def migrations_dir() -> Path:
    return resource_dir(Kind.MIGRATIONS)


def fonts_dir() -> Path:
    return resource_dir(Kind.FONTS)


def icon_file() -> Path:
    """The app's icon for the window (a 256 px PNG; scripts/make_icon.py draws it)."""
    return resource_dir(Kind.ICONS) / "sheetdesk.png"


def samples_dir() -> Path:
    return resource_dir(Kind.SAMPLES)


def seeds_dir() -> Path:
    return resource_dir(Kind.SEEDS)
